// The parse cache: one file per content folder holding every page's parse result, keyed by
// the page's path and the sha256 of its bytes. A restart with unchanged pages parses nothing.
//
// One file rather than one per page: reading and deserializing one file is quick, while
// opening thousands of small files costs more than parsing some of them. The file is a record file (storage/record-file.ts: checked header, checksum, atomic writes),
// one v8-serialized row per page.
import { createHash } from 'node:crypto';
import path from 'node:path';
import v8 from 'node:v8';
import type { Article, Link, ParsedPage } from '../model.js';
import { readRecordFile, readRecordHeader, u32, writeRecordFile, type RecordBytes } from '../../storage/record-file.js';

const FORMAT = 6;

export interface CacheEntry {
  /** sha256 (base64) of the file's bytes. */
  sha: string;
  /** The parse result, or null when the page could not be parsed. */
  page: ParsedPage | null;
  /** Why the page could not be parsed (reported again on every load, but not re-parsed). */
  error?: string;
}

/** Why an existing cache file was not used, for diagnostics. */
export type CacheStatus = 'missing' | 'loaded' | 'corrupt' | 'stale';

type Row = [path: string, sha: string, page: StoredPage | null, error: string | null];

/** A page as the cache stores it: links flattened (see flattenLinks), terms kept apart. */
type StoredPage =
  | Exclude<ParsedPage, { kind: 'article' }>
  | { kind: 'article'; article: Omit<Article, 'links'> & { links: FlatLinks }; warnings?: string[] };

/** Links as [target, label, target, label, …] with null for a label that repeats its target
 *  (most of them): the serializer writes every string out in full, so this keeps a second
 *  copy of each target out of the file and, once read, out of memory. */
type FlatLinks = (string | null)[];

function flattenLinks(links: readonly Link[]): FlatLinks {
  const flat: FlatLinks = [];
  for (const l of links) flat.push(l.target, l.label === l.target ? null : l.label);
  return flat;
}

function unflattenLinks(flat: FlatLinks): Link[] {
  const links: Link[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const target = flat[i]!;
    links.push({ target, label: flat[i + 1] ?? target });
  }
  return links;
}

export class ParseCache {
  private readonly entries: Map<string, CacheEntry>;
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly key: string,
    entries: Map<string, CacheEntry>,
    readonly status: CacheStatus,
    private readonly withTerms: boolean,
  ) {
    this.entries = entries;
  }

  /** The cache file for a content folder, inside `cacheDir`. */
  static fileFor(cacheDir: string, contentDir: string): string {
    const id = createHash('sha256').update(path.resolve(contentDir)).digest('hex').slice(0, 16);
    return path.join(cacheDir, `content-${id}.cache`);
  }

  /** Whether the file is a cache written under this key (its header only; cheap). */
  static async isCurrent(file: string, key: string): Promise<boolean> {
    const header = await readRecordHeader(file);
    return header?.format === FORMAT && header.key === fullKey(key);
  }

  /** Opens the cache; a missing, unreadable, corrupt or stale file gives an empty cache.
   *  `key` names everything besides a page's bytes that changes its parse (parser version,
   *  options); a cache written under another key is stale. Without `terms`, the pages' search
   *  terms are left in the file (a large part of it), and this cache is read-only: saving it would
   *  lose them. */
  static async open(file: string, key: string, opts: { terms: boolean } = { terms: true }): Promise<ParseCache> {
    const decoded = await readEntries(file, fullKey(key), opts.terms);
    if (typeof decoded === 'string') return new ParseCache(file, fullKey(key), new Map(), decoded, true);
    return new ParseCache(file, fullKey(key), decoded, 'loaded', opts.terms);
  }

  /** The entry for `relPath` if it was made from bytes with this hash. */
  get(relPath: string, sha: string): CacheEntry | undefined {
    const e = this.entries.get(relPath);
    return e && e.sha === sha ? e : undefined;
  }

  set(relPath: string, entry: CacheEntry): void {
    this.entries.set(relPath, entry);
    this.dirty = true;
  }

  /** Forgets files that are gone, so the cache does not grow with deleted pages. */
  retainOnly(paths: Iterable<string>): void {
    const keep = new Set(paths);
    for (const p of this.entries.keys()) {
      if (!keep.has(p)) {
        this.entries.delete(p);
        this.dirty = true;
      }
    }
  }

  /** Writes the cache if anything changed (or the file on disk was unusable): 'saved',
   *  'unchanged', or why it could not be written. Failures are not thrown: the cache only saves
   *  time, it must never stop the bot from starting. */
  async save(): Promise<'saved' | 'unchanged' | { error: string }> {
    if (!this.withTerms || (!this.dirty && this.status === 'loaded')) return 'unchanged';
    try {
      await writeEntries(this.file, this.key, this.entries);
      this.dirty = false;
      return 'saved';
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      return { error: e?.code ? `${e.code}: ${e.message}` : String(err) };
    }
  }
}

// A record: u32 length of the v8-serialized row, the row (the page without its search terms),
// then the page's packed search terms as they are, so a reader that does not need them skips
// them without decoding or copying.
async function writeEntries(file: string, key: string, entries: Map<string, CacheEntry>): Promise<void> {
  function* records(): Iterable<RecordBytes> {
    for (const [p, e] of entries) {
      let page: StoredPage | null = null;
      let terms: Uint8Array | undefined;
      if (e.page?.kind === 'article') {
        terms = e.page.terms;
        page = { kind: 'article', article: { ...e.page.article, links: flattenLinks(e.page.article.links) } };
        if (e.page.warnings) page.warnings = e.page.warnings;
      } else if (e.page) {
        page = e.page;
      }
      const row = v8.serialize([p, e.sha, page, e.error ?? null] satisfies Row);
      yield terms ? [u32(row.length), row, terms] : [u32(row.length), row];
    }
  }
  await writeRecordFile(file, { format: FORMAT, key }, records(), entries.size);
}

async function readEntries(
  file: string,
  key: string,
  withTerms: boolean,
): Promise<Map<string, CacheEntry> | 'missing' | 'stale' | 'corrupt'> {
  const entries = new Map<string, CacheEntry>();
  const { status } = await readRecordFile(file, { format: FORMAT, key }, (record) => {
    if (record.length < 4) return false;
    const rowEnd = 4 + record.readUInt32BE(0);
    if (rowEnd > record.length) return false;
    const row = deserialize(record.subarray(4, rowEnd)) as Row;
    if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'string') return false;
    const stored = row[2] ?? null;
    let page: ParsedPage | null = null;
    if (stored?.kind === 'article') {
      const article = stored.article as unknown as Article;
      article.links = unflattenLinks(stored.article.links);
      page = { kind: 'article', article };
      if (stored.warnings) page.warnings = stored.warnings;
      // Copied out: the record is a view into the reader's chunk buffer.
      if (withTerms && rowEnd < record.length) page.terms = new Uint8Array(record.subarray(rowEnd));
    } else if (stored) {
      page = stored;
    }
    const entry: CacheEntry = { sha: row[1], page };
    if (row[3]) entry.error = row[3];
    entries.set(row[0], entry);
  });
  return status === 'loaded' ? entries : status;
}

/** v8's default deserializer returns byte arrays as views into the buffer it reads from: a
 *  page's text would keep the whole 4 MB read chunk alive. This one copies them out, through
 *  the documented `_readHostObject` hook (absent from @types/node, hence the cast). */
const readHostObject = (v8.DefaultDeserializer.prototype as unknown as { _readHostObject(this: v8.Deserializer): Uint8Array })
  ._readHostObject;
class CopyingDeserializer extends v8.DefaultDeserializer {
  _readHostObject(): Uint8Array {
    return readHostObject.call(this).slice();
  }
}

function deserialize(record: Buffer): unknown {
  const d = new CopyingDeserializer(record);
  d.readHeader();
  return d.readValue();
}

/** The key a cache is written under: the parser's, and V8's version (its serializer's format). */
function fullKey(key: string): string {
  return `${key};v8=${process.versions.v8}`;
}
