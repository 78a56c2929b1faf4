// The parse cache: one file per content folder holding every page's parse result, keyed by
// the page's path and the sha256 of its bytes. A restart with unchanged pages parses nothing.
//
// One file rather than one per page: reading a single 5 MB file and deserializing it with
// v8 takes ~15 ms, while opening thousands of small files costs more than parsing some of
// them. The file is a record file (record-file.ts: checked header, checksum, atomic writes),
// one v8-serialized row per page.
import { createHash } from 'node:crypto';
import path from 'node:path';
import v8 from 'node:v8';
import type { ParsedPage } from './model.js';
import { readRecordFile, writeRecordFile } from './record-file.js';

const FORMAT = 3;

export interface CacheEntry {
  /** sha256 (base64) of the file's bytes. */
  sha: string;
  /** The parse result, or null when the page could not be parsed. */
  page: ParsedPage | null;
  /** Why the page could not be parsed (reported again on every load, but not re-parsed). */
  error?: string;
}

/** Why an existing cache file was not used, for diagnostics. */
export type CacheStatus = 'missing' | 'loaded' | 'corrupt' | 'stale' | 'disabled';

type Row = [path: string, sha: string, page: ParsedPage | null, error: string | null];

export class ParseCache {
  private readonly entries: Map<string, CacheEntry>;
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly key: string,
    entries: Map<string, CacheEntry>,
    readonly status: CacheStatus,
  ) {
    this.entries = entries;
  }

  /** The cache file for a content folder, inside `cacheDir`. */
  static fileFor(cacheDir: string, contentDir: string): string {
    const id = createHash('sha256').update(path.resolve(contentDir)).digest('hex').slice(0, 16);
    return path.join(cacheDir, `content-${id}.cache`);
  }

  /** Opens the cache; a missing, unreadable, corrupt or stale file gives an empty cache.
   *  `key` names everything besides a page's bytes that changes its parse (parser version,
   *  options); a cache written under another key is stale. */
  static async open(file: string, key: string): Promise<ParseCache> {
    const fullKey = `${key};v8=${process.versions.v8}`;
    const decoded = await readEntries(file, fullKey);
    if (typeof decoded === 'string') return new ParseCache(file, fullKey, new Map(), decoded);
    return new ParseCache(file, fullKey, decoded, 'loaded');
  }

  get size(): number {
    return this.entries.size;
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

  /** Writes the cache if anything changed (or the file on disk was unusable). Failures are
   *  swallowed: the cache only saves time, it must never stop the bot from starting. */
  async save(): Promise<boolean> {
    if (!this.dirty && this.status === 'loaded') return false;
    try {
      await writeEntries(this.file, this.key, this.entries);
      this.dirty = false;
      return true;
    } catch {
      return false;
    }
  }
}

async function writeEntries(file: string, key: string, entries: Map<string, CacheEntry>): Promise<void> {
  function* rows(): Iterable<Uint8Array> {
    for (const [p, e] of entries) yield v8.serialize([p, e.sha, e.page, e.error ?? null] satisfies Row);
  }
  await writeRecordFile(file, { format: FORMAT, key }, rows(), entries.size);
}

async function readEntries(file: string, key: string): Promise<Map<string, CacheEntry> | 'missing' | 'stale' | 'corrupt'> {
  const entries = new Map<string, CacheEntry>();
  const { status } = await readRecordFile(file, { format: FORMAT, key }, (record) => {
    const row = deserialize(record) as Row;
    if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'string') return false;
    const entry: CacheEntry = { sha: row[1], page: row[2] ?? null };
    if (row[3]) entry.error = row[3];
    entries.set(row[0], entry);
  });
  return status === 'loaded' ? entries : status;
}

/** v8's default deserializer returns byte arrays as views into the buffer it reads from: a
 *  page's text would keep the whole 4 MB read chunk alive. This one copies them out, through
 *  the documented `_readHostObject` hook (absent from @types/node, hence the cast). */
const readHostObject = (v8.DefaultDeserializer.prototype as unknown as { _readHostObject(this: v8.Deserializer): Uint8Array })._readHostObject;
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
