// Opening a dump file as a stream of text, whatever it is compressed with: plain XML, gzip
// (node's zlib) or bzip2 (unbzip2-stream, pure JavaScript, concatenated streams included, as
// Wikimedia's multistream dumps are). The kind is told by the file's first bytes, not its name.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import unbzip2 from 'unbzip2-stream';

export type DumpCompression = 'none' | 'gzip' | 'bzip2';

export interface OpenedDump {
  /** Decoded XML text, in chunks. */
  text: AsyncIterable<string>;
  compression: DumpCompression;
  /** Size of the file on disk. */
  size: number;
  /** Bytes of the file read so far (for progress). */
  bytesRead(): number;
  /** Stops reading (after an error downstream). */
  close(): void;
}

export class DumpOpenError extends Error {}

async function magic(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buf, 0, 8, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function kindOf(head: Buffer, name: string): DumpCompression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.subarray(0, 3).toString('latin1') === 'BZh') return 'bzip2';
  if (head.subarray(0, 6).equals(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))) {
    throw new DumpOpenError(`${name} is a 7z archive; extract it first (7z x ${name}) or compress the XML with gzip or bzip2`);
  }
  if (head.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))) {
    throw new DumpOpenError(`${name} is compressed with zstd, which is not supported; decompress it first (zstd -d ${name})`);
  }
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    throw new DumpOpenError(`${name} is a zip archive; extract the XML from it first`);
  }
  return 'none';
}

/** Opens `file`. Throws a DumpOpenError with a one-line reason when it cannot be read. */
export async function openDump(file: string): Promise<OpenedDump> {
  const name = path.basename(file);
  const info = await stat(file).catch((err: NodeJS.ErrnoException) => {
    throw new DumpOpenError(err.code === 'ENOENT' ? `${file}: no such file` : `${file}: ${err.message}`);
  });
  if (!info.isFile()) throw new DumpOpenError(`${file} is not a file`);
  const compression = kindOf(await magic(file), name);
  let read = 0;
  let streams: { source: Readable; out: PassThrough } | undefined;
  // Nothing is read until the text is iterated, so an error can only surface there.
  async function* text(): AsyncGenerator<string> {
    const source = createReadStream(file);
    source.on('data', (chunk) => {
      read += chunk.length;
    });
    const out = new PassThrough();
    streams = { source, out };
    const fail = (what: string) => (err: Error) => out.destroy(new DumpOpenError(`${what}: ${err.message.replace(/^eek\s*/i, '')}`));
    source.on('error', fail('cannot read'));
    let decompressor: NodeJS.ReadWriteStream | undefined;
    if (compression === 'gzip') decompressor = createGunzip();
    // unbzip2-stream's messages start with "eek".
    else if (compression === 'bzip2') decompressor = unbzip2() as unknown as NodeJS.ReadWriteStream;
    if (decompressor) {
      decompressor.on('error', fail(`cannot decompress (${compression})`));
      source.pipe(decompressor).pipe(out);
    } else {
      source.pipe(out);
    }
    out.setEncoding('utf8');
    for await (const chunk of out) yield chunk as string;
  }
  return {
    text: text(),
    compression,
    size: info.size,
    bytesRead: () => read,
    close: () => {
      streams?.source.destroy();
      streams?.out.destroy();
    },
  };
}
