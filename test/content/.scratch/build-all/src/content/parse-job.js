// One unit of parsing work, identical on the main thread and in a worker: read a page file,
// hash its bytes (for the cache), decode, parse. Never throws; failures come back as the
// reason the loader reports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodePage, describeError, sha256 } from './files.js';
import { parsePage } from './parse.js';
/** Parses `rel` (relative to `dir`); `bytes` when the caller has already read them. */
export function runJob(dir, rel, index, opts, bytes) {
    let data = bytes;
    if (!data) {
        try {
            data = readFileSync(path.join(dir, rel));
        }
        catch (err) {
            return { index, error: `cannot read: ${describeError(err)}` };
        }
    }
    const sha = sha256(data);
    try {
        return { index, sha, page: parsePage(rel, decodePage(data), opts) };
    }
    catch (err) {
        return { index, sha, error: err instanceof Error ? err.message : String(err) };
    }
}
