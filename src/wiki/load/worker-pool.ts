// Parsing many pages on several threads. Files go to workers in batches (one message per
// batch, not per file), each worker keeps two batches in hand so it never waits for the main
// thread, and the main thread parses batches too: all along, or (for big jobs, where its
// parse garbage would swell the heap that holds the content; see load.ts) only while the
// workers start (a worker needs ~100 ms to load remark). A worker that fails to start or dies
// (also by outgrowing a heap cap) hands its batches back to the queue, and the main thread
// takes over when none is left, so a broken worker setup only makes loading slower, never
// incomplete.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseOptions } from '../parse/parse-page.js';
import type { JobResult } from './parse-job.js';
import type { BatchRequest, BatchResponse } from './parse-worker.js';

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
 *  threads run out of work at about the same time ("guided" scheduling). */
class WorkQueue {
  private next = 0;
  private nextId = 0;
  private readonly returned: Batch[] = [];

  constructor(
    private readonly jobs: Job[],
    private readonly threads: number,
  ) {}

  get isEmpty(): boolean {
    return this.returned.length === 0 && this.next >= this.jobs.length;
  }

  take(): Batch | undefined {
    const again = this.returned.shift();
    if (again) return again;
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
}

/** Whether the main thread parses all along or only until a worker is up. */
export type MainParses = 'always' | 'while-starting';

/** Parses `jobs` with worker threads and the main thread, calling `onResults` as results
 *  arrive (in no particular order). */
export async function parseInParallel(
  dir: string,
  jobs: Job[],
  opts: ParseOptions,
  { workers, mainParses = 'always', heapMb }: { workers: number; mainParses?: MainParses; /** Caps each worker's old generation (MB); V8's default when absent. */ heapMb?: number },
  onResults: (results: JobResult[]) => void,
  /** The worker to start; tests pass a broken one to see the main thread take over. */
  entry: WorkerEntry = workerEntry(),
): Promise<void> {
  const queue = new WorkQueue(jobs, workers + 1);
  const pool: Worker[] = [];
  let pending = jobs.length;
  let failure: unknown;

  let parser: Promise<typeof import('./parse-job.js')> | undefined;
  const loadParser = () => (parser ??= import('./parse-job.js'));
  await new Promise<void>((resolve) => {
    let mainRunning = false;
    let online = 0;
    let alive = 0;
    const mainShouldParse = () => mainParses === 'always' || online === 0 || alive === 0;
    const done = () => {
      if (pending === 0) resolve();
    };
    const complete = (results: JobResult[]) => {
      pending -= results.length;
      try {
        onResults(results);
      } catch (err) {
        failure ??= err;
      }
    };

    // The main thread takes a batch whenever the queue has one, then lets worker messages in.
    const runMain = async () => {
      if (mainRunning) return;
      mainRunning = true;
      try {
        const { runJob } = await loadParser();
        while (mainShouldParse()) {
          const batch = queue.take();
          if (!batch) break;
          complete(batch.jobs.map((j) => runJob(dir, j.rel, j.index, opts)));
          await yieldToEvents();
        }
      } catch (err) {
        // The parser itself would not load: nothing can parse the rest here.
        failure ??= err;
        resolve();
        return;
      } finally {
        mainRunning = false;
      }
      done();
    };

    for (let w = 0; w < workers; w++) {
      let worker: Worker;
      try {
        worker = new Worker(entry.script, { eval: entry.eval, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB, ...(heapMb ? { maxOldGenerationSizeMb: heapMb } : {}) } });
      } catch {
        continue;
      }
      pool.push(worker);
      alive++;
      const held = new Map<number, Batch>();
      let answered = false;
      let running = true;
      const feed = () => {
        while (running && held.size < IN_FLIGHT_PER_WORKER && !queue.isEmpty) {
          const batch = queue.take()!;
          held.set(batch.id, batch);
          const req: BatchRequest = { batch: batch.id, dir, opts, files: batch.jobs.map((j) => ({ index: j.index, rel: j.rel })) };
          worker.postMessage(req);
        }
      };
      const giveBack = () => {
        if (!running) return;
        running = false;
        alive--;
        queue.giveBack(held.values());
        held.clear();
        void runMain();
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
      worker.on('error', giveBack);
      worker.on('exit', giveBack);
      feed();
    }
    // The parser (remark and ours) loads here only after the workers were started: they load
    // their own copy meanwhile, ~150 ms each, and start parsing that much sooner.
    void runMain();
  });

  for (const w of pool) {
    w.removeAllListeners('exit');
    w.unref();
  }
  // Waited for, so that the workers' heaps are gone before the caller builds on the results
  // (at 10,000 pages the index build starts right after, and the two would add up).
  await Promise.all(pool.map((w) => w.terminate().catch(() => undefined)));
  if (failure) throw failure;
}
