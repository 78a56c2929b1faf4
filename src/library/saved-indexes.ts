// The Library's search indexes, saved next to the parse cache after a build and loaded on the
// next start over the same content instead of being built again: loading skips encoding and
// laying out the posting lists (1.6 s against 3.0 s at 10,000 pages) and never needs the pages'
// search terms. The file is a record file of chunks: the section and quote posting lists in
// postings.ts's binary form, the name indexes as flexsearch's own export (JSON). It is used
// only when its key matches exactly: the content fingerprint (every page's bytes, the parser),
// the Library's code and flexsearch's version. Anything else (missing, stale, corrupt) means
// building, never a wrong answer.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeFingerprint } from '../wiki/load/page-files.js';
import { openRecordFileSync, readRecordHeader, writeRecordFile, type RecordBytes } from '../storage/record-file.js';
import type { Library } from './library.js';
import type { IndexChunk, IndexName, IndexShape, SavedIndexes } from './types.js';

const FORMAT = 2;

/** The saved-indexes file that goes with a parse cache file. */
export function savedIndexesFile(cacheFile: string): string {
  return cacheFile.replace(/\.cache$/, '') + '.index';
}

/** The library code and flexsearch version: fixed for the life of the process. */
let codeKey: Promise<string> | undefined;

/** Everything the saved indexes depend on: the content and the code that indexes it. */
export async function savedIndexesKey(contentFingerprint: string): Promise<string> {
  codeKey ??= codeFingerprint(path.dirname(fileURLToPath(import.meta.url))).then((code) => `library=${code};flexsearch=${flexsearchVersion()}`);
  return `content=${contentFingerprint};${await codeKey}`;
}

function flexsearchVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    // The package exports no package.json; its main file lives in dist/, one level below it.
    const main = require.resolve('flexsearch');
    const pkg = JSON.parse(readFileSync(path.join(path.dirname(main), '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Whether the file holds indexes saved under this key (its header only; the records are
 *  checked when they are read). */
export async function savedIndexesMatch(file: string, key: string): Promise<boolean> {
  const header = await readRecordHeader(file);
  return header?.format === FORMAT && header.key === key;
}

/** The saved indexes if the file holds indexes for exactly this key, else undefined. The
 *  file is checked whole first; its chunks are then read one at a time as the import takes
 *  them, so at most one (up to tens of MB at 10,000 pages) is in memory. */
export function readSavedIndexes(file: string, key: string): SavedIndexes | undefined {
  const opened = openRecordFileSync(file, { format: FORMAT, key });
  if (opened.status !== 'loaded' || !opened.records || !isShape(opened.header?.shape)) {
    opened.close();
    return undefined;
  }
  return { shape: opened.header.shape, chunks: decodeChunks(opened.records()), close: opened.close };
}

function* decodeChunks(records: Iterable<Buffer>): Generator<IndexChunk> {
  for (const record of records) {
    const a = record.indexOf(10);
    const b = record.indexOf(10, a + 1);
    if (a < 0 || b < 0) throw new Error('malformed index chunk');
    const index = record.toString('utf8', 0, a) as IndexName;
    const key = record.toString('utf8', a + 1, b);
    // Binary postings are decoded by the importer before the next record is read (the reader
    // reuses its buffer), so they are passed as a view.
    yield { index, key, data: key === 'postings' ? record.subarray(b + 1) : record.toString('utf8', b + 1) };
  }
}

/** Saves the Library's indexes under `key`. Returns false (and leaves any old file) on failure:
 *  saved indexes only save time. */
export async function writeSavedIndexes(file: string, key: string, library: Library): Promise<boolean> {
  try {
    const { count, chunks } = library.exportIndexes();
    // Encoded one at a time as the writer takes them.
    function* records(): Iterable<RecordBytes> {
      for (const c of chunks) {
        const head = Buffer.from(`${c.index}\n${c.key}\n`, 'utf8');
        yield [head, typeof c.data === 'string' ? Buffer.from(c.data, 'utf8') : c.data];
      }
    }
    await writeRecordFile(file, { format: FORMAT, key, shape: library.shape }, records(), count);
    return true;
  } catch {
    return false;
  }
}

function isShape(v: unknown): v is IndexShape {
  const s = v as Partial<IndexShape> | null;
  return !!s && [s.names, s.sections, s.quotes, s.speakers].every((n) => Number.isInteger(n));
}
