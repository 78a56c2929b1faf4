// Parsing many pages on several threads. Files go to workers in batches (one message per
// batch, not per file), each worker keeps two batches in hand so it never waits for the main
// thread, and the main thread parses batches too: all along, or (for big jobs, where its
// parse garbage would swell the heap that holds the content; see load.ts) only while the
// workers start (each worker must load remark first). A worker that fails to start or dies
// (also by outgrowing a heap cap) hands its batches back to the queue, and the main thread
// takes over when none is left, so a broken worker setup only makes loading slower, never
// incomplete.
//
// Hostile pages are bounded here: the main thread, which no timer can interrupt, leaves pages
// that could take long (parse-job.ts's mayTakeLong) to the workers; a worker still on one page
// after PAGE_PARSE_TIMEOUT_MS (per started megabyte of the page) is stopped, the page reported
// with the reason and the worker replaced; a worker that runs out of memory on a page is
// replaced the same way.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseOptions } from '../parse/parse-page.js';
import { readFailure, readPageFile, sha256 } from './page-files.js';
import { PageClock } from './page-clock.js';
import type { JobResult } from './parse-job.js';
import type { BatchRequest, BatchResponse, ParseWorkerData } from './parse-worker.js';

export interface Job {
  index: number;
  rel: string;
}

interface Batch {
  id: number;
  jobs: Job[];
}

const IN_FLIGHT_PER_WORKER = 2;
/** A worker's young generation: big enough that short-lived parse trees rarely get promoted. */
const WORKER_YOUNG_MB = 48;
const MIN_BATCH = 4;
const MAX_BATCH = 32;

/** How to start a parse worker. From the compiled build it is the parse-worker.js next to this
 *  file. From TypeScript source (vitest, tsx) the worker must load parse-worker.ts through
 *  tsx, and on Node 20 `execArgv: ['--import', 'tsx']` does not reach a worker's own module
 *  loader, so a two-line bootstrap registers tsx's hooks inside the worker first. */
export interface WorkerEntry {
  script: URL | string;
  eval: boolean;
}

function workerEntry(): WorkerEntry {
  if (!import.meta.url.endsWith('.ts')) return { script: new URL('./parse-worker.js', import.meta.url), eval: false };
  const target = new URL('./parse-worker.ts', import.meta.url).href;
  const api = tsxApiUrl();
  return {
    script: `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); });`,
    eval: true,
  };
}

function tsxApiUrl(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    // Runners that rewrite import.meta (vitest) may not provide resolve(): read tsx's exports.
    const require = createRequire(import.meta.url);
    const pkgFile = require.resolve('tsx/package.json');
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
    return pathToFileURL(path.join(path.dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href;
  }
}

/** Hands out batches: big ones first (few messages), smaller towards the end so that all
 *  threads run out of work at about the same time ("guided" scheduling). Pages the main thread
 *  left to the workers go out one per batch, so stopping one loses no other page's work. */
class WorkQueue {
  private next = 0;
  private nextId = 0;
  private readonly returned: Batch[] = [];
  private readonly workersOnly: Job[] = [];

  constructor(
    private readonly jobs: Job[],
    private readonly threads: number,
  ) {}

  /** Nothing left for anyone (`forMain`: nothing the main thread may take). */
  isEmpty(forMain = false): boolean {
    return this.returned.length === 0 && this.next >= this.jobs.length && (forMain || this.workersOnly.length === 0);
  }

  take(forMain = false): Batch | undefined {
    const again = this.returned.shift();
    if (again) return again;
    if (!forMain) {
      const alone = this.workersOnly.shift();
      if (alone) return { id: this.nextId++, jobs: [alone] };
    }
    const remaining = this.jobs.length - this.next;
    if (remaining <= 0) return undefined;
    const size = Math.max(MIN_BATCH, Math.min(MAX_BATCH, Math.ceil(remaining / (this.threads * 3))));
    const batch = { id: this.nextId++, jobs: this.jobs.slice(this.next, this.next + size) };
    this.next += batch.jobs.length;
    return batch;
  }

  /** Batches a dead worker never answered go back to the front. */
  giveBack(batches: Iterable<Batch>): void {
    this.returned.push(...batches);
  }

  /** A page the main thread must not parse. */
  leaveToWorkers(job: Job): void {
    this.workersOnly.push(job);
  }

  /** When no worker is left, the main thread takes those pages after all. */
  releaseToMain(): void {
    for (const job of this.workersOnly.splice(0)) this.returned.push({ id: this.nextId++, jobs: [job] });
  }
}

/** Whether the main thread parses all along, only until a worker is up, or only when no worker
 *  can run at all. */
export type MainParses = 'always' | 'while-starting' | 'never';

export interface PoolOptions {
  workers: number;
  mainParses?: MainParses;
  /** Caps each worker's old generation (MB); V8's default when absent. */
  heapMb?: number;
  /** MAX_PAGE_BYTES. */
  maxBytes: number;
  /** PAGE_PARSE_TIMEOUT_MS: how long a worker may spend on a page, per started megabyte. */
  pageTimeoutMs: number;
}

const MB = 1024 * 1024;

/** How long a page of this size may take: the timeout per started megabyte. */
export function pageTimeLimit(timeoutMs: number, bytes: number): number {
  return timeoutMs * Math.max(1, Math.ceil(bytes / MB));
}

/** Parses `jobs` with worker threads and the main thread, calling `onResults` as results
 *  arrive (in no particular order). */
export async function parseInParallel(
  dir: string,
  jobs: Job[],
  opts: ParseOptions,
  { workers, mainParses = 'always', heapMb, maxBytes, pageTimeoutMs }: PoolOptions,
  onResults: (results: JobResult[]) => void,
  /** The worker to start; tests pass a broken one to see the main thread take over. */
  entry: WorkerEntry = workerEntry(),
): Promise<void> {
  const queue = new WorkQueue(jobs, workers + 1);
  const rels = new Map(jobs.map((j) => [j.index, j.rel] as const));
  const pool = new Set<Worker>();
  const watched: Array<() => void> = [];
  let pending = jobs.length;
  let failure: unknown;

  let parser: Promise<typeof import('./parse-job.js')> | undefined;
  const loadParser = () => (parser ??= import('./parse-job.js'));
  let watchdog: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    const finish = () => {
      clearInterval(watchdog);
      resolve();
    };
    let mainRunning = false;
    let online = 0;
    let alive = 0;
    const feeders = new Set<() => void>();
    const mainShouldParse = () => alive === 0 || mainParses === 'always' || (mainParses === 'while-starting' && online === 0);
    const done = () => {
      if (pending === 0) finish();
    };
    const complete = (results: JobResult[]) => {
      pending -= results.length;
      try {
        onResults(results);
      } catch (err) {
        failure ??= err;
      }
    };
    /** A page no thread will finish: reported with `reason`, not cached (it may do better next time). */
    const abandon = (index: number, reason: string) => {
      const rel = rels.get(index)!;
      let sha: string | undefined;
      try {
        sha = sha256(readPageFile(path.join(dir, rel), maxBytes));
      } catch (err) {
        complete([{ index, error: readFailure(err) }]);
        return;
      }
      complete([{ index, sha, error: reason, transient: true }]);
    };

    // The main thread takes a batch whenever the queue has one, then lets worker messages in.
    const runMain = async () => {
      if (mainRunning) return;
      mainRunning = true;
      try {
        const { runJob, MAY_TAKE_LONG } = await loadParser();
        while (mainShouldParse()) {
          if (alive === 0) queue.releaseToMain();
          const batch = queue.take(true);
          if (!batch) break;
          const results: JobResult[] = [];
          for (const j of batch.jobs) {
            const r = runJob(dir, j.rel, j.index, opts, { maxBytes, screen: alive > 0 });
            if (r === MAY_TAKE_LONG) queue.leaveToWorkers(j);
            else results.push(r);
          }
          complete(results);
          for (const feed of feeders) feed();
          await yieldToEvents();
        }
      } catch (err) {
        // The parser itself would not load: nothing can parse the rest here.
        failure ??= err;
        finish();
        return;
      } finally {
        mainRunning = false;
      }
      done();
    };

    const startWorker = (): void => {
      const clock = new PageClock();
      let worker: Worker;
      try {
        worker = new Worker(entry.script, {
          eval: entry.eval,
          workerData: { clock: { buffer: clock.buffer, since: clock.since } } satisfies ParseWorkerData,
          resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB, ...(heapMb ? { maxOldGenerationSizeMb: heapMb } : {}) },
        });
      } catch {
        return;
      }
      pool.add(worker);
      alive++;
      const held = new Map<number, Batch>();
      let answered = false;
      let running = true;
      const feed = () => {
        while (running && held.size < IN_FLIGHT_PER_WORKER && !queue.isEmpty()) {
          const batch = queue.take()!;
          held.set(batch.id, batch);
          const req: BatchRequest = {
            batch: batch.id,
            dir,
            opts,
            maxBytes,
            files: batch.jobs.map((j) => ({ index: j.index, rel: j.rel })),
          };
          worker.postMessage(req);
        }
      };
      feeders.add(feed);
      /** The worker is gone (or being stopped): the page it was on, if any, is reported with
       *  `reason`, the rest of its batches go back to the queue, and when a page was to blame
       *  another worker takes its place. */
      const retire = (reason?: (bytes: number) => string) => {
        if (!running) return;
        running = false;
        alive--;
        feeders.delete(feed);
        const current = clock.read();
        const blamed = current && reason ? current.index : undefined;
        for (const batch of held.values()) {
          if (blamed !== undefined) batch.jobs = batch.jobs.filter((j) => j.index !== blamed);
          if (batch.jobs.length > 0) queue.giveBack([batch]);
        }
        held.clear();
        if (blamed !== undefined) {
          abandon(blamed, reason!(current!.bytes));
          if (!queue.isEmpty()) startWorker();
          for (const f of feeders) f();
        }
        void runMain();
        done();
      };
      worker.on('message', (res: BatchResponse) => {
        if (!held.delete(res.batch)) return;
        if (!answered) {
          answered = true;
          online++;
        }
        complete(res.results);
        feed();
        done();
      });
      worker.on('error', (err: Error & { code?: string }) =>
        retire(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? () => `ran out of memory while parsing (a parse worker's heap${heapMb ? ` is capped at ${heapMb} MB` : ''}); skipped`
            : () => `the parser crashed on it (${err.message}); skipped`,
        ),
      );
      worker.on('exit', () => retire());
      watched.push(() => {
        const current = running ? clock.read() : undefined;
        if (!current) return;
        const limit = pageTimeLimit(pageTimeoutMs, current.bytes);
        if (current.elapsedMs <= limit) return;
        retire(
          () =>
            `took longer than ${formatSeconds(limit)} to parse (PAGE_PARSE_TIMEOUT_MS is ${formatSeconds(pageTimeoutMs)} per started MB); skipped`,
        );
        void worker.terminate();
      });
      feed();
    };

    for (let w = 0; w < workers; w++) startWorker();
    watchdog = setInterval(
      () => {
        for (const check of watched) check();
      },
      Math.max(10, Math.min(250, pageTimeoutMs / 4)),
    );
    watchdog.unref();
    // The parser (remark and ours) loads here only after the workers were started: they load
    // their own copy meanwhile, and start parsing that much sooner.
    void runMain();
  });

  for (const w of pool) {
    w.removeAllListeners('exit');
    w.unref();
  }
  // Waited for, so that the workers' heaps are gone before the caller builds on the results
  // (on a big wiki the index build starts right after, and the two would add up).
  await Promise.all([...pool].map((w) => w.terminate().catch(() => undefined)));
  if (failure) throw failure;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
