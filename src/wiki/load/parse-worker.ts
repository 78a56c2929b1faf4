// Worker thread entry: parses batches of page files for the loader. It receives paths, not
// bytes (reading in the worker keeps the main thread free and avoids copying the text), and
// answers each batch with one message. While it parses a page it says which on its PageClock,
// so the pool can stop a page that takes too long without a message per page.
import { parentPort, workerData } from 'node:worker_threads';
import { PageClock } from './page-clock.js';
import { runJob, type JobResult } from './parse-job.js';
import type { ParseOptions } from '../parse/parse-page.js';

export interface BatchRequest {
  batch: number;
  dir: string;
  opts: ParseOptions;
  /** MAX_PAGE_BYTES. */
  maxBytes: number;
  files: Array<{ index: number; rel: string }>;
}

export interface BatchResponse {
  batch: number;
  results: JobResult[];
}

/** What the pool gives each worker: its PageClock. */
export interface ParseWorkerData {
  clock: { buffer: SharedArrayBuffer; since: number };
}

if (parentPort) {
  const port = parentPort;
  const data = workerData as ParseWorkerData | undefined;
  const clock = data?.clock ? new PageClock(data.clock) : undefined;
  port.on('message', (req: BatchRequest) => {
    const results = req.files.map((f) => {
      clock?.start(f.index);
      return runJob(req.dir, f.rel, f.index, req.opts, { maxBytes: req.maxBytes, onRead: clock && ((n) => clock.sized(n)) });
    });
    clock?.idle();
    // A page's byte arrays (section text, search terms) have buffers of their own: moving them
    // saves copying most of the batch's bytes.
    const transfer: ArrayBuffer[] = [];
    for (const r of results) {
      if (r.page?.kind !== 'article') continue;
      transfer.push(r.page.article.packedText.buffer as ArrayBuffer);
      if (r.page.terms) transfer.push(r.page.terms.buffer as ArrayBuffer);
    }
    port.postMessage({ batch: req.batch, results } satisfies BatchResponse, transfer);
  });
}
