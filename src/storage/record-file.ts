// A file of records with a checked header and a checksum: the parse cache and the saved
// search indexes are both kept this way. Layout: MAGIC, u32 header length, header JSON, one
// record per entry (u32 length + bytes), TRAILER, sha256 of the records. Records are written
// and read a chunk at a time, so neither side ever holds the whole file in one buffer (a big
// wiki's parse cache is hundreds of megabytes). A file is written to a temporary name and
// renamed over the old one, so a crash mid-write leaves the old file; a truncated, corrupt or
// stale file is recognised and ignored, never trusted.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

const MAGIC = Buffer.from('CPCACHE\n', 'latin1');
const TRAILER = Buffer.from('\nCPEND\n', 'latin1');
const TRAILER_LEN = TRAILER.length + 32;
const CHUNK = 4 * 1024 * 1024;
const MAX_HEADER = 64 * 1024;

/** What a file says of itself; `format` and `key` must match the reader's for it to be used. */
export interface RecordHeader {
  format: number;
  key: string;
  records?: number;
  /** Anything else the writer wants to keep with the file. */
  [extra: string]: unknown;
}

export type ReadStatus = 'missing' | 'loaded' | 'corrupt' | 'stale';

/** One record's bytes: whole, or in parts written back to back (so a writer need not join
 *  them into a copy first). */
export type RecordBytes = Uint8Array | readonly Uint8Array[];

/** Writes `records` after `header`, atomically. Throws on I/O errors (callers decide). Each
 *  record is written out or copied before the next is asked for, so a producer may reuse a
 *  buffer from one record to the next. */
export async function writeRecordFile(file: string, header: RecordHeader, records: Iterable<RecordBytes>, count: number): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const out = await open(tmp, 'w');
    try {
      const headerBuf = Buffer.from(JSON.stringify({ ...header, records: count }), 'utf8');
      const hash = createHash('sha256');
      // One output buffer, reused (see the reader for why); a record too big for it goes out
      // as it is.
      const chunk = Buffer.allocUnsafe(CHUNK);
      let used = 0;
      const flush = async () => {
        if (used > 0) await out.write(chunk, 0, used);
        used = 0;
      };
      const put = async (bytes: Uint8Array) => {
        if (used + bytes.length > CHUNK) await flush();
        if (bytes.length >= CHUNK) await out.write(bytes);
        else {
          chunk.set(bytes, used);
          used += bytes.length;
        }
      };
      await put(MAGIC);
      await put(u32(headerBuf.length));
      await put(headerBuf);
      let written = 0;
      for (const record of records) {
        const parts = record instanceof Uint8Array ? [record] : record;
        let length = 0;
        for (const p of parts) length += p.length;
        const len = u32(length);
        hash.update(len);
        for (const p of parts) hash.update(p);
        written++;
        await put(len);
        for (const p of parts) await put(p);
      }
      if (written !== count) throw new Error(`record count mismatch: ${written} written, ${count} announced`);
      await put(TRAILER);
      await put(hash.digest());
      await flush();
    } finally {
      await out.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/**
 * Reads a record file, handing each record to `onRecord` (a view valid only during the call)
 * as it goes. The caller must discard what it built unless the result is 'loaded': the
 * checksum can only be checked at the end. A header whose format or key differ gives
 * 'stale' before any record is read.
 */
export async function readRecordFile(
  file: string,
  expect: { format: number; key: string },
  // biome-ignore lint/suspicious/noConfusingVoidType: a callback that returns nothing (void) keeps reading; only `false` stops it.
  onRecord: (bytes: Buffer) => boolean | void,
): Promise<{ status: ReadStatus; header?: RecordHeader }> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    return { status: 'missing' };
  }
  try {
    const size = (await handle.stat()).size;
    const head = await readHead(handle, size);
    if (!head) return { status: 'corrupt' };
    const { header, recordsStart } = head;
    if (header.format !== expect.format || header.key !== expect.key) return { status: 'stale', header };

    const end = size - TRAILER_LEN;
    const trailer = Buffer.alloc(TRAILER_LEN);
    await handle.read(trailer, 0, TRAILER_LEN, end);
    if (!trailer.subarray(0, TRAILER.length).equals(TRAILER)) return { status: 'corrupt' };

    const hash = createHash('sha256');
    let count = 0;
    let pos = recordsStart;
    // One buffer, reused for the whole file: a fresh chunk per read (plus a copy to join it to
    // the previous one's tail) leaves freed-but-kept memory in the C allocator after a warm
    // start. Only a record bigger than the buffer gets its own.
    let buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(0, end - pos)));
    let filled = 0;
    let off = 0;
    // Have the next `n` bytes in `buf` from `off`, reading more of the file as needed.
    const need = async (n: number): Promise<boolean> => {
      if (filled - off >= n) return true;
      if (n > buf.length) {
        const bigger = Buffer.allocUnsafe(n);
        buf.copy(bigger, 0, off, filled);
        buf = bigger;
      } else {
        buf.copy(buf, 0, off, filled);
      }
      filled -= off;
      off = 0;
      while (filled < n) {
        if (pos >= end) return false;
        const { bytesRead } = await handle.read(buf, filled, Math.min(buf.length - filled, end - pos), pos);
        if (bytesRead === 0) return false;
        pos += bytesRead;
        filled += bytesRead;
      }
      return true;
    };
    while (pos < end || off < filled) {
      if (!(await need(4))) return { status: 'corrupt' };
      const len = buf.readUInt32BE(off);
      if (!(await need(4 + len))) return { status: 'corrupt' };
      const record = buf.subarray(off + 4, off + 4 + len);
      hash.update(buf.subarray(off, off + 4)).update(record);
      off += 4 + len;
      count++;
      if (onRecord(record) === false) return { status: 'corrupt' };
    }
    if (count !== header.records || !hash.digest().equals(trailer.subarray(TRAILER.length))) return { status: 'corrupt' };
    return { status: 'loaded', header };
  } catch {
    return { status: 'corrupt' };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Opens a record file for reading one record at a time, synchronously: the whole file is
 * checked (checksum, count) in a first pass that keeps nothing, and only then are records
 * handed out, so a consumer never sees data from a damaged file and never holds more than one
 * record. For files whose records are big and used once (the saved search indexes).
 */
export function openRecordFileSync(
  file: string,
  expect: { format: number; key: string },
): { status: ReadStatus; header?: RecordHeader; records?: () => Generator<Buffer>; close: () => void } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return { status: 'missing', close: () => undefined };
  }
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  // Closes the file, then gives `result`: the answer for a file found wrong.
  const closed = <T>(result: T): T => {
    close();
    return result;
  };
  try {
    const size = fstatSync(fd).size;
    const read = (length: number, position: number): Buffer => {
      const buf = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, buf, done, length - done, position + done);
        if (n === 0) throw new Error('unexpected end of file');
        done += n;
      }
      return buf;
    };
    const head = read(Math.min(size, MAX_HEADER + MAGIC.length + 4), 0);
    const parsed = parseHead(head, size);
    if (!parsed) return closed({ status: 'corrupt', close });
    const { header, recordsStart } = parsed;
    if (header.format !== expect.format || header.key !== expect.key) return closed({ status: 'stale', header, close });
    const end = size - TRAILER_LEN;
    const trailer = read(TRAILER_LEN, end);
    if (!trailer.subarray(0, TRAILER.length).equals(TRAILER)) return closed({ status: 'corrupt', close });

    // Pass 1: walk the lengths and hash everything, a chunk at a time.
    const hash = createHash('sha256');
    let count = 0;
    for (let pos = recordsStart; pos < end; ) {
      if (pos + 4 > end) return closed({ status: 'corrupt', close });
      const lenBytes = read(4, pos);
      const len = lenBytes.readUInt32BE(0);
      if (pos + 4 + len > end) return closed({ status: 'corrupt', close });
      hash.update(lenBytes);
      for (let at = pos + 4; at < pos + 4 + len; at += CHUNK) hash.update(read(Math.min(CHUNK, pos + 4 + len - at), at));
      pos += 4 + len;
      count++;
    }
    if (count !== header.records || !hash.digest().equals(trailer.subarray(TRAILER.length))) return closed({ status: 'corrupt', close });

    // Pass 2, on demand: one record at a time; the file is closed when the last one is read.
    function* records(): Generator<Buffer> {
      try {
        for (let pos = recordsStart; pos < end; ) {
          const len = read(4, pos).readUInt32BE(0);
          yield read(len, pos + 4);
          pos += 4 + len;
        }
      } finally {
        close();
      }
    }
    return { status: 'loaded', header, records, close };
  } catch {
    close();
    return { status: 'corrupt', close };
  }
}

/** Just the header of a record file (cheap: one small read), or undefined if it has none. */
export async function readRecordHeader(file: string): Promise<RecordHeader | undefined> {
  try {
    const handle = await open(file, 'r');
    try {
      return (await readHead(handle, (await handle.stat()).size))?.header;
    } finally {
      await handle.close().catch(() => undefined);
    }
  } catch {
    return undefined;
  }
}

async function readHead(handle: FileHandle, size: number): Promise<{ header: RecordHeader; recordsStart: number } | undefined> {
  const head = Buffer.alloc(Math.min(size, MAX_HEADER + MAGIC.length + 4));
  await handle.read(head, 0, head.length, 0);
  return parseHead(head, size);
}

function parseHead(head: Buffer, size: number): { header: RecordHeader; recordsStart: number } | undefined {
  if (size < MAGIC.length + 4 + TRAILER_LEN || !head.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const headerLen = head.readUInt32BE(MAGIC.length);
  const headerStart = MAGIC.length + 4;
  if (headerLen > MAX_HEADER || headerStart + headerLen > head.length) return undefined;
  const header = JSON.parse(head.subarray(headerStart, headerStart + headerLen).toString('utf8')) as RecordHeader;
  return { header, recordsStart: headerStart + headerLen };
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
