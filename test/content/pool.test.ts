import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobResult } from '../../src/content/parse-job.js';
import { parseInParallel, type Job, type MainParses } from '../../src/content/pool.js';

let dir: string;
const jobs: Job[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'commonplace-pool-'));
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < 40; i++) {
    const rel = `Page_${i}.md`;
    await writeFile(path.join(dir, rel), `Page ${i} is about [Topic ${i}](Topic_${i}.md "wikilink").\n`);
    jobs.push({ index: i, rel });
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(workers: number, entry?: Parameters<typeof parseInParallel>[5], mainParses: MainParses = 'always'): Promise<JobResult[]> {
  const results: JobResult[] = [];
  await parseInParallel(dir, jobs, { summaryMaxChars: 200 }, { workers, mainParses }, (batch) => results.push(...batch), entry);
  return results.sort((a, b) => a.index - b.index);
}

function check(results: JobResult[]): void {
  expect(results.map((r) => r.index)).toEqual(jobs.map((j) => j.index));
  for (const r of results) {
    expect(r.page?.kind).toBe('article');
    if (r.page?.kind === 'article') expect(r.page.article.links).toEqual([{ target: `Topic ${r.index}`, label: `Topic ${r.index}` }]);
  }
}

describe('parseInParallel', () => {
  it('parses every job exactly once with real workers', async () => {
    check(await run(2));
  });

  it('parses every job exactly once when the main thread stops once the workers are up', async () => {
    check(await run(2, undefined, 'while-starting'));
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
});
