// One unit of parsing work, identical on the main thread and in a worker: read a page file,
// hash its bytes (for the cache), decode, parse. Never throws; failures come back as the
// reason the loader reports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compactStrings } from '../parse/one-byte-strings.js';
import { decodePage, describeError, sha256 } from './page-files.js';
import type { ParsedPage } from '../model.js';
import { parsePage, type ParseOptions } from '../parse/parse-page.js';

export interface JobResult {
  /** Index of the file in the loader's list. */
  index: number;
  /** Hash of the bytes that were parsed; absent when the file could not be read. */
  sha?: string;
  page?: ParsedPage;
  error?: string;
}

/** Reads and parses `rel` (relative to `dir`). */
export function runJob(dir: string, rel: string, index: number, opts: ParseOptions): JobResult {
  let data: Uint8Array;
  try {
    data = readFileSync(path.join(dir, rel));
  } catch (err) {
    return { index, error: `cannot read: ${describeError(err)}` };
  }
  const sha = sha256(data);
  try {
    const { text, repaired } = decodePage(data);
    const page = parsePage(rel, text, opts);
    if (repaired) page.repaired = repaired;
    return { index, sha, page: compactStrings(page) };
  } catch (err) {
    return { index, sha, error: err instanceof Error ? err.message : String(err) };
  }
}
