// One unit of parsing work, identical on the main thread and in a worker: read a page file,
// hash its bytes (for the cache), decode, parse. Never throws; failures come back as the
// reason the loader reports.
import path from 'node:path';
import { compactStrings } from '../parse/one-byte-strings.js';
import { decodePage, readFailure, readPageFile, sha256 } from './page-files.js';
import type { ParsedPage } from '../model.js';
import { parsePage, type ParseOptions } from '../parse/parse-page.js';

export interface JobResult {
  /** Index of the file in the loader's list. */
  index: number;
  /** Hash of the bytes that were parsed; absent when the file could not be read. */
  sha?: string;
  page?: ParsedPage;
  error?: string;
  /** The failure may not happen again (the parse ran out of time or memory): report it, but
   *  do not cache it, so the next start tries the page again. */
  transient?: boolean;
}

export interface JobLimits {
  /** MAX_PAGE_BYTES: a bigger file is reported without being read. */
  maxBytes: number;
  /** On the main thread, which no timer can interrupt: leave a page that could take long
   *  (see mayTakeLong) to the watched workers by returning MAY_TAKE_LONG. */
  screen?: boolean;
  /** Told the page's size once it is read (the workers' time limit grows with it). */
  onRead?: (bytes: number) => void;
}

/** runJob's answer for a page it left to a worker (JobLimits.screen). */
export const MAY_TAKE_LONG = 'may-take-long' as const;

/** Reads and parses `rel` (relative to `dir`). */
export function runJob(dir: string, rel: string, index: number, opts: ParseOptions, limits: JobLimits & { screen?: false }): JobResult;
export function runJob(dir: string, rel: string, index: number, opts: ParseOptions, limits: JobLimits): JobResult | typeof MAY_TAKE_LONG;
export function runJob(dir: string, rel: string, index: number, opts: ParseOptions, limits: JobLimits): JobResult | typeof MAY_TAKE_LONG {
  let data: Uint8Array;
  try {
    data = readPageFile(path.join(dir, rel), limits.maxBytes);
  } catch (err) {
    return { index, error: readFailure(err) };
  }
  if (limits.screen && mayTakeLong(data)) return MAY_TAKE_LONG;
  limits.onRead?.(data.length);
  const sha = sha256(data);
  try {
    const { text, repaired } = decodePage(data);
    const page = parsePage(rel, text, opts);
    if (repaired) page.warnings = [repaired, ...(page.warnings ?? [])];
    return { index, sha, page: compactStrings(page) };
  } catch (err) {
    return { index, sha, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Bigger pages go to a worker: real wiki pages stay far below. */
const MAIN_THREAD_MAX_BYTES = 256 * 1024;
/** More of any one of these characters than this goes to a worker: micromark's brackets,
 *  emphasis, code spans, HTML and tables cost more than linear time in their count. Real
 *  pages have at most a few hundred of each. */
const MAIN_THREAD_MAX_DELIMITERS = 2500;
const DELIMITERS = [0x5b, 0x5d, 0x2a, 0x5f, 0x60, 0x3c, 0x3e, 0x7c]; // [ ] * _ ` < > |

/** Whether parsing these bytes could take long: too big, or a flood of one delimiter. Cheap
 *  (one pass over the bytes, a fraction of a percent of parsing them). */
export function mayTakeLong(bytes: Uint8Array): boolean {
  if (bytes.length > MAIN_THREAD_MAX_BYTES) return true;
  const counts = new Uint32Array(128);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 128) counts[b]!++;
  }
  for (const d of DELIMITERS) if (counts[d]! > MAIN_THREAD_MAX_DELIMITERS) return true;
  return false;
}
