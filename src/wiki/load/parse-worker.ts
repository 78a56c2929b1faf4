// Worker thread entry: parses batches of page files for the loader. It receives paths, not
// bytes (reading in the worker keeps the main thread free and avoids copying the text), and
// answers each batch with one message.
import { parentPort } from 'node:worker_threads';
import { runJob, type JobResult } from './parse-job.js';
import type { ParseOptions } from '../parse/parse-page.js';

export interface BatchRequest {
  batch: number;
  dir: string;
  opts: ParseOptions;
  files: Array<{ index: number; rel: string }>;
}

export interface BatchResponse {
  batch: number;
  results: JobResult[];
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (req: BatchRequest) => {
    const results = req.files.map((f) => runJob(req.dir, f.rel, f.index, req.opts));
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
