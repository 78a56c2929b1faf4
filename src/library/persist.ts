// Saving and loading the Library's search indexes. They are saved next to the parse cache after
// a build and loaded on the next start over the same content instead of being built again:
// loading skips encoding and laying out the posting lists and never needs the pages' search
// terms. The file is a record file of chunks: the section and quote posting lists in
// postings.ts's binary form, the name and speaker indexes as flexsearch's own export (JSON).
// It is used only when its key matches exactly: the content fingerprint (every page's bytes,
// the parser), the Library's code and flexsearch's version. Anything else (missing, stale,
// corrupt) means building, never a wrong answer.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRecordFileSync, readRecordHeader, writeRecordFile, type RecordBytes } from '../storage/record-file.js';
import { codeFingerprint } from '../wiki/load/page-files.js';
import { createIndexes, POSTING_INDEXES, type IndexName, type IndexShape, type SearchIndexes } from './indexes.js';
import { decodePostings, encodePostings, exportPostings, importPostings } from './postings.js';

const FORMAT = 2;

/** One piece of a saved index: flexsearch's own export (text), or for the section and quote
 *  indexes their posting lists in postings.ts's binary form (key 'postings'). */
export interface IndexChunk {
  index: IndexName;
  key: string;
  data: string | Buffer;
}

/** Indexes saved from an earlier build over the same content. */
export interface SavedIndexes {
  shape: IndexShape;
  chunks: Iterable<IndexChunk>;
  /** Releases what reading the chunks holds (a file), whether or not they were read. */
  close?: () => void;
}

/** What saving reads from a Library. */
export interface Indexed {
  readonly indexes: Readonly<SearchIndexes>;
  readonly shape: IndexShape;
}

/** The saved-indexes file that goes with a parse cache file. */
export function savedIndexesFile(cacheFile: string): string {
  return `${cacheFile.replace(/\.cache$/, '')}.index`;
}

/** The library code and flexsearch version: fixed for the life of the process. */
let codeKey: Promise<string> | undefined;

/** Everything the saved indexes depend on: the content and the code that indexes it. */
export async function savedIndexesKey(contentFingerprint: string): Promise<string> {
  codeKey ??= codeFingerprint(path.dirname(fileURLToPath(import.meta.url))).then(
    (code) => `library=${code};flexsearch=${flexsearchVersion()}`,
  );
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
 *  them, so only one is in memory at a time. */
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
export async function writeSavedIndexes(file: string, key: string, library: Indexed): Promise<boolean> {
  try {
    const { count, chunks } = exportIndexes(library.indexes);
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

/** New indexes loaded from saved chunks, or undefined if any chunk does not load. */
export function importIndexes(saved: SavedIndexes): SearchIndexes | undefined {
  const indexes = createIndexes();
  try {
    for (const chunk of saved.chunks) {
      const index = indexes[chunk.index];
      if (!index) throw new Error(`unknown index ${chunk.index}`);
      if (typeof chunk.data === 'string') index.import(chunk.key, chunk.data);
      else importPostings(index, { entries: decodePostings(chunk.data) });
    }
    return indexes;
  } catch {
    return undefined;
  }
}

/** Every index's content as chunks for SavedIndexes (how many first, so a record file can
 *  announce them): flexsearch's own export for the name and speaker indexes, the binary
 *  posting lists for sections and quotes. Reads the indexes and changes nothing; the posting
 *  chunks are encoded as they are taken, so use each before taking the next. */
export function exportIndexes(indexes: Readonly<SearchIndexes>): { count: number; chunks: Iterable<IndexChunk> } {
  const named: IndexChunk[] = [];
  for (const name of ['words', 'sounds', 'speakers'] as const) {
    indexes[name].export((key: string, data: string) => named.push({ index: name, key, data }));
  }
  const lists = POSTING_INDEXES.map((name) => {
    const { reg, entries } = exportPostings(indexes[name]);
    return { name, reg: JSON.stringify(reg), ...encodePostings(entries) };
  });
  function* chunks(): Generator<IndexChunk> {
    yield* named;
    for (const list of lists) {
      yield { index: list.name, key: 'reg', data: list.reg };
      for (const data of list.chunks) yield { index: list.name, key: 'postings', data };
    }
  }
  return { count: named.length + lists.reduce((n, l) => n + 1 + l.count, 0), chunks: chunks() };
}

function isShape(v: unknown): v is IndexShape {
  const s = v as Partial<IndexShape> | null;
  return !!s && [s.names, s.sections, s.quotes, s.speakers].every((n) => Number.isInteger(n));
}
