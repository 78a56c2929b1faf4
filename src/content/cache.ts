// The parse cache: one file per content folder holding every page's parse result, keyed by
// the page's path and the sha256 of its bytes. A restart with unchanged pages parses nothing.
//
// One file rather than one per page: reading a single 5 MB file and deserializing it with
// v8 takes ~15 ms, while opening thousands of small files costs more than parsing some of
// them. The file starts with a header (format, parser key, entry count) and ends with the
// sha256 of everything between, so a truncated, corrupt or stale file is recognised and
// ignored, never trusted. It is written to
// a temporary file and renamed over the old one, so a crash mid-write leaves the old cache.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import type { ParsedPage } from './model.js';

const MAGIC = Buffer.from('CPCACHE\n', 'latin1');
const FORMAT = 3;

export interface CacheEntry {
  /** sha256 (base64) of the file's bytes. */
  sha: string;
  /** The parse result, or null when the page could not be parsed. */
  page: ParsedPage | null;
  /** Why the page could not be parsed (reported again on every load, but not re-parsed). */
  error?: string;
}

interface Header {
  format: number;
  key: string;
  entries: number;
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
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch {
      return new ParseCache(file, fullKey, new Map(), 'missing');
    }
    try {
      const decoded = await readEntries(handle, fullKey);
      if (decoded === 'stale' || decoded === 'corrupt') return new ParseCache(file, fullKey, new Map(), decoded);
      return new ParseCache(file, fullKey, decoded, 'loaded');
    } finally {
      await handle.close().catch(() => undefined);
    }
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
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeEntries(tmp, this.key, this.entries);
      await rename(tmp, this.file);
      this.dirty = false;
      return true;
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
      return false;
    }
  }
}

// The file: MAGIC, u32 header length, header JSON, then one record per entry (u32 length +
// v8-serialized row), then TRAILER and the sha256 of the records. Entries are written and read
// one at a time, so neither saving nor loading ever holds the whole cache in one buffer (at
// 10,000 pages that buffer alone was 200 MB of peak memory).
const TRAILER = Buffer.from('\nCPEND\n', 'latin1');
const TRAILER_LEN = TRAILER.length + 32;
const CHUNK = 4 * 1024 * 1024;

async function writeEntries(file: string, key: string, entries: Map<string, CacheEntry>): Promise<void> {
  const header: Header = { format: FORMAT, key, entries: entries.size };
  const headerBuf = Buffer.from(JSON.stringify(header), 'utf8');
  const out = await open(file, 'w');
  try {
    const hash = createHash('sha256');
    let pending: Buffer[] = [u32(headerBuf.length), headerBuf];
    let pendingBytes = 0;
    await out.write(MAGIC);
    for (const [p, e] of entries) {
      const row: Row = [p, e.sha, e.page, e.error ?? null];
      const bytes = v8.serialize(row);
      const len = u32(bytes.length);
      hash.update(len).update(bytes);
      pending.push(len, bytes);
      pendingBytes += bytes.length + 4;
      if (pendingBytes >= CHUNK) {
        await out.write(Buffer.concat(pending));
        pending = [];
        pendingBytes = 0;
      }
    }
    pending.push(TRAILER, hash.digest());
    await out.write(Buffer.concat(pending));
  } finally {
    await out.close();
  }
}

async function readEntries(handle: FileHandle, key: string): Promise<Map<string, CacheEntry> | 'stale' | 'corrupt'> {
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.alloc(Math.min(size, 64 * 1024 + MAGIC.length + 4));
    await handle.read(head, 0, head.length, 0);
    if (size < MAGIC.length + 4 + TRAILER_LEN || !head.subarray(0, MAGIC.length).equals(MAGIC)) return 'corrupt';
    const headerLen = head.readUInt32BE(MAGIC.length);
    const headerStart = MAGIC.length + 4;
    if (headerLen > 64 * 1024 || headerStart + headerLen > head.length) return 'corrupt';
    const header = JSON.parse(head.subarray(headerStart, headerStart + headerLen).toString('utf8')) as Header;
    if (header.format !== FORMAT || header.key !== key) return 'stale';

    const end = size - TRAILER_LEN;
    const trailer = Buffer.alloc(TRAILER_LEN);
    await handle.read(trailer, 0, TRAILER_LEN, end);
    if (!trailer.subarray(0, TRAILER.length).equals(TRAILER)) return 'corrupt';

    const hash = createHash('sha256');
    const entries = new Map<string, CacheEntry>();
    let pos = headerStart + headerLen;
    let buf = Buffer.alloc(0);
    let off = 0;
    while (pos < end || off < buf.length) {
      // Have the next record's length and bytes in `buf`, reading more of the file as needed.
      const need = async (n: number): Promise<boolean> => {
        while (buf.length - off < n) {
          if (pos >= end) return false;
          const chunk = Buffer.alloc(Math.min(Math.max(CHUNK, n), end - pos));
          const { bytesRead } = await handle.read(chunk, 0, chunk.length, pos);
          if (bytesRead === 0) return false;
          pos += bytesRead;
          buf = Buffer.concat([buf.subarray(off), chunk.subarray(0, bytesRead)]);
          off = 0;
        }
        return true;
      };
      if (!(await need(4))) return 'corrupt';
      const len = buf.readUInt32BE(off);
      if (!(await need(4 + len))) return 'corrupt';
      const record = buf.subarray(off + 4, off + 4 + len);
      hash.update(buf.subarray(off, off + 4)).update(record);
      off += 4 + len;
      const row = deserialize(record) as Row;
      if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'string') return 'corrupt';
      const entry: CacheEntry = { sha: row[1], page: row[2] ?? null };
      if (row[3]) entry.error = row[3];
      entries.set(row[0], entry);
    }
    if (entries.size !== header.entries || !hash.digest().equals(trailer.subarray(TRAILER.length))) return 'corrupt';
    return entries;
  } catch {
    return 'corrupt';
  }
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

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
