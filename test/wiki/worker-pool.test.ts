import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobResult } from '../../src/wiki/load/parse-job.js';
import { parseInParallel, type Job, type MainParses, type WorkerEntry } from '../../src/wiki/load/worker-pool.js';

let dir: string;
const jobs: Job[] = [];
const limits = { maxBytes: 5 * 1024 * 1024, pageTimeoutMs: 30_000 };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'commonplace-pool-'));
  for (let i = 0; i < 40; i++) {
    const rel = `Page_${i}.md`;
    await writeFile(path.join(dir, rel), `Page ${i} is about [Topic ${i}](Topic_${i}.md "wikilink").\n`);
    jobs.push({ index: i, rel });
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(
  workers: number,
  entry?: Parameters<typeof parseInParallel>[5],
  mainParses: MainParses = 'always',
): Promise<JobResult[]> {
  const results: JobResult[] = [];
  await parseInParallel(dir, jobs, { summaryMaxChars: 200 }, { workers, mainParses, ...limits }, (batch) => results.push(...batch), entry);
  return results.sort((a, b) => a.index - b.index);
}

/** The real parse worker (parse-worker.ts, through tsx as worker-pool.ts bootstraps it), with each
 *  result tagged with the worker's thread id, so a test can see which results a worker made. */
function taggingRealWorker(): WorkerEntry {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const tsxApi = pathToFileURL(path.join(path.dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href;
  const target = new URL('../../src/wiki/load/parse-worker.ts', import.meta.url).href;
  const script = `const { parentPort, threadId } = require('node:worker_threads');
    const post = parentPort.postMessage.bind(parentPort);
    parentPort.postMessage = (msg, transfer) => post({ ...msg, results: msg.results.map((r) => ({ ...r, worker: threadId })) }, transfer);
    import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); });`;
  return { script, eval: true };
}

/** Thread ids of the workers that answered some of `results`. */
const workersIn = (results: JobResult[]) =>
  new Set(results.map((r) => (r as JobResult & { worker?: number }).worker).filter((w) => w !== undefined));

function check(results: JobResult[]): void {
  expect(results.map((r) => r.index)).toEqual(jobs.map((j) => j.index));
  for (const r of results) {
    expect(r.page?.kind).toBe('article');
    if (r.page?.kind === 'article') expect(r.page.article.links).toEqual([{ target: `Topic ${r.index}`, label: `Topic ${r.index}` }]);
  }
}

describe('parseInParallel', () => {
  it('parses every job exactly once with real workers', async () => {
    const results = await run(2, taggingRealWorker());
    check(results);
    // Each worker is handed batches as it starts, so both real workers parsed some of the pages.
    expect(workersIn(results).size).toBe(2);
  });

  it('parses every job exactly once when the main thread stops once the workers are up', async () => {
    const results = await run(2, taggingRealWorker(), 'while-starting');
    check(results);
    expect(workersIn(results).size).toBe(2);
  });

  it('finishes on the main thread when a worker cannot start', async () => {
    check(await run(2, { script: 'throw new Error("broken worker")', eval: true }));
  });

  it('finishes on the main thread when a worker dies holding batches', async () => {
    const dies = `require('node:worker_threads').parentPort.on('message', () => process.exit(3));`;
    check(await run(1, { script: dies, eval: true }));
  });

  it('finishes on the main thread when the only worker dies after the main thread stopped', async () => {
    // Answers its first batch (each page as an error, to tell them apart), then dies holding the next.
    const diesLater = `const { parentPort } = require('node:worker_threads'); let n = 0;
      parentPort.on('message', (req) => {
        if (n++ > 0) process.exit(3);
        parentPort.postMessage({ batch: req.batch, results: req.files.map((f) => ({ index: f.index, error: 'from the worker' })) });
      });`;
    const results = await run(1, { script: diesLater, eval: true }, 'while-starting');
    expect(results.map((r) => r.index)).toEqual(jobs.map((j) => j.index));
    const fromWorker = results.filter((r) => r.error === 'from the worker');
    expect(fromWorker.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.page?.kind === 'article')).toHaveLength(jobs.length - fromWorker.length);
  });

  it("caps a worker's heap, and finishes on the main thread when a worker outgrows it", async () => {
    // Answers its first batch with the heap limits it runs under (as each page's error), then
    // keeps everything it allocates until it hits its cap.
    const hoards = `const { parentPort, resourceLimits } = require('node:worker_threads'); const kept = []; let n = 0;
      parentPort.on('message', (req) => {
        if (n++ > 0) for (;;) kept.push(new Array(1e5).fill(kept.length));
        parentPort.postMessage({ batch: req.batch, results: req.files.map((f) => ({ index: f.index, error: JSON.stringify(resourceLimits) })) });
      });`;
    const results: JobResult[] = [];
    await parseInParallel(
      dir,
      jobs,
      { summaryMaxChars: 200 },
      { workers: 1, mainParses: 'while-starting', heapMb: 32, ...limits },
      (batch) => results.push(...batch),
      { script: hoards, eval: true },
    );
    expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual(jobs.map((j) => j.index));
    const fromWorker = results.filter((r) => r.error);
    expect(fromWorker.length).toBeGreaterThan(0);
    expect(JSON.parse(fromWorker[0]!.error!)).toMatchObject({ maxOldGenerationSizeMb: 32 });
    expect(results.filter((r) => r.page?.kind === 'article')).toHaveLength(jobs.length - fromWorker.length);
  });

  it('stops a worker still on one page after the time limit, reports the page, and replaces the worker', async () => {
    // 50,000 nested brackets keep micromark busy for tens of seconds.
    await writeFile(path.join(dir, 'Stall.md'), `${'['.repeat(50_000)}x${']'.repeat(50_000)}`);
    const withStall: Job[] = [...jobs.slice(0, 20), { index: 40, rel: 'Stall.md' }, ...jobs.slice(20)];
    const results: JobResult[] = [];
    // The main thread parses nothing while a worker lives: every good page below was parsed by a
    // worker, so after the stalled one was stopped another took its place.
    await parseInParallel(
      dir,
      withStall,
      { summaryMaxChars: 200 },
      { workers: 1, mainParses: 'never', maxBytes: limits.maxBytes, pageTimeoutMs: 500 },
      (b) => results.push(...b),
      taggingRealWorker(),
    );
    results.sort((a, b) => a.index - b.index);
    expect(results.map((r) => r.index)).toEqual([...jobs.map((j) => j.index), 40]);
    const stalled = results.find((r) => r.index === 40)!;
    expect(stalled).toMatchObject({
      error: 'took longer than 0.5 s to parse (PAGE_PARSE_TIMEOUT_MS is 0.5 s per started MB); skipped',
      transient: true,
    });
    expect(stalled.sha).toBeTruthy();
    const good = results.filter((r) => r.index !== 40);
    expect(good.every((r) => r.page?.kind === 'article')).toBe(true);
    expect(good.every((r) => (r as JobResult & { worker?: number }).worker !== undefined)).toBe(true);
    expect(workersIn(good).size).toBeGreaterThanOrEqual(2);
  });
});
