// Worker thread entry: parses batches of page files for the loader. It receives paths, not
// bytes (reading in the worker keeps the main thread free and avoids copying the text), and
// answers each batch with one message.
import { parentPort } from 'node:worker_threads';
import { runJob } from './parse-job.js';
if (parentPort) {
    const port = parentPort;
    port.on('message', (req) => {
        const results = req.files.map((f) => runJob(req.dir, f.rel, f.index, req.opts));
        port.postMessage({ batch: req.batch, results });
    });
}
