// The benchmark's floor: bare remark+gfm over the pages, with none of our work. It runs on
// one thread, or split evenly between the main thread and one worker. The two-thread figure
// is what the machine itself allows: our cold start cannot beat two threads of bare remark
// by much.
import { readFile } from 'node:fs/promises';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import remarkGfmPerPage from '../src/wiki/parse/gfm-per-page.js';

/** Parses every text and returns the milliseconds it took (the texts are read beforehand).
 *  `whereUsed`: with remark-gfm's syntax tried only where a page could use it, as ours is. */
function parseAll(texts: readonly string[], whereUsed = false): number {
  const processor = whereUsed ? remark().use(remarkGfm).use(remarkGfmPerPage) : remark().use(remarkGfm);
  const t0 = performance.now();
  for (const t of texts) processor.runSync(processor.parse(t));
  return performance.now() - t0;
}

const readAll = (files: readonly string[]) => Promise.all(files.map((f) => readFile(f, 'utf8')));

/** One thread: the milliseconds to parse `files` (reading excluded). */
export async function rawParse(files: readonly string[], whereUsed = false): Promise<number> {
  return parseAll(await readAll(files), whereUsed);
}

/** Two threads, each given every other file and reading its own files first; the
 *  milliseconds from starting both parses until both are done. A worker must load remark
 *  first, so the clock starts once it is ready. */
export async function rawParseTwoThreads(files: readonly string[]): Promise<number> {
  const mine = await readAll(files.filter((_, i) => i % 2 === 0));
  const worker = new Worker(new URL(import.meta.url), { workerData: { files: files.filter((_, i) => i % 2 === 1) } });
  const message = (want: string) =>
    new Promise<void>((resolve, reject) => {
      const on = (m: unknown) => {
        if (m !== want) return;
        worker.off('message', on);
        resolve();
      };
      worker.on('message', on);
      worker.once('error', reject);
    });
  try {
    const done = message('done');
    await message('ready');
    const t0 = performance.now();
    worker.postMessage('go');
    parseAll(mine);
    await done;
    return performance.now() - t0;
  } finally {
    await worker.terminate();
  }
}

if (!isMainThread && parentPort && (workerData as { files?: string[] } | null)?.files) {
  const port = parentPort;
  const texts = await readAll((workerData as { files: string[] }).files);
  port.once('message', () => {
    parseAll(texts);
    port.postMessage('done');
  });
  port.postMessage('ready');
}
