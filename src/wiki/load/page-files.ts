// Finding and reading page files. Used by the loader on the main thread and by the parse
// workers, so a file is read and decoded the same way wherever it is parsed.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, type Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ContentWarning } from '../model.js';

export interface PageList {
  /** Paths relative to the content folder, `/`-separated, sorted. */
  files: string[];
  /** Entries named like pages that are not files (a directory called `x.md`, a socket). */
  warnings: ContentWarning[];
}

function toRel(dir: string, abs: string): string {
  return path.relative(dir, abs).split(path.sep).join('/');
}

/** Every `*.md` under `dir`, recursively. Skips dotfiles and dot-folders, `node_modules`, and
 *  the content folder's own top-level README.md (it documents the folder, it is not a page). */
export async function listPages(dir: string): Promise<PageList> {
  const files: string[] = [];
  const warnings: ContentWarning[] = [];
  async function visit(folder: string, top: boolean): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (err) {
      if (top) throw err;
      warnings.push({ path: toRel(dir, folder), reason: `cannot read folder: ${describeError(err)}` });
      return;
    }
    const subfolders: Promise<void>[] = [];
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const abs = path.join(folder, e.name);
      const isPage = /\.md$/i.test(e.name) && !(top && e.name.toLowerCase() === 'readme.md');
      let kind: 'file' | 'dir' | 'other' = e.isFile() ? 'file' : e.isDirectory() ? 'dir' : 'other';
      if (e.isSymbolicLink()) {
        // Follow links to files; do not follow links to folders (they can loop).
        const target = await stat(abs).catch((err: NodeJS.ErrnoException) => err);
        if (target instanceof Error) {
          if (isPage)
            warnings.push({ path: toRel(dir, abs), reason: target.code === 'ELOOP' ? 'symbolic link loop' : 'broken symbolic link' });
          continue;
        }
        kind = target.isFile() ? 'file' : 'other';
      }
      if (kind === 'dir') subfolders.push(visit(abs, false));
      if (!isPage) continue;
      if (kind === 'file') files.push(toRel(dir, abs));
      else warnings.push({ path: toRel(dir, abs), reason: kind === 'dir' ? 'is a folder, not a page file' : 'is not a regular file' });
    }
    await Promise.all(subfolders);
  }
  await visit(dir, true);
  files.sort();
  return { files, warnings };
}

/** MAX_PAGE_BYTES's default: far above any real wiki page, far below what would exhaust memory. */
export const DEFAULT_MAX_PAGE_BYTES = 5 * 1024 * 1024;

/** A page file bigger than MAX_PAGE_BYTES: reported and skipped, never read. */
export class PageTooBigError extends Error {
  constructor(bytes: number, max: number) {
    super(`too big: ${megabytes(bytes)}, more than MAX_PAGE_BYTES (${megabytes(max)})`);
    this.name = 'PageTooBigError';
  }
}

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(n < 1024 * 1024 ? 2 : 1)} MB`;
}

/** A page file's bytes; throws PageTooBigError before reading one over `maxBytes`. The same
 *  calls readFileSync makes (open, fstat, read, close), with the size checked in between. */
export function readPageFile(file: string, maxBytes: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) throw new PageTooBigError(size, maxBytes);
    const buf = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const n = readSync(fd, buf, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    return done === size ? buf : buf.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/** Why a page file could not be read, as the loader reports it (and fingerprints it: a file
 *  that cannot be read counts by its reason, since it has no hash). */
export function readFailure(err: unknown): string {
  return err instanceof PageTooBigError ? err.message : `cannot read: ${describeError(err)}`;
}

export function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'file disappeared while loading';
    case 'EISDIR':
      return 'is a folder, not a page file';
    case 'ELOOP':
      return 'symbolic link loop';
    default:
      return e instanceof Error ? e.message : String(err);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface DecodedPage {
  text: string;
  /** Set when some bytes were not UTF-8: what was done, with the first byte's offset. */
  repaired?: string;
}

/** The text of a page file's bytes (a leading BOM is dropped). Bytes that are not UTF-8 do not
 *  lose the page: each is read as the Windows-1252 character it most likely was (an export
 *  that mixed encodings writes "café" with a lone 0xE9, "don't" with 0x92), and `repaired`
 *  says where the first one was. */
export function decodePage(bytes: Uint8Array): DecodedPage {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return decodeMixed(bytes);
  }
}

// Windows-1252's characters for bytes 0x80–0x9F (0xA0–0xFF are Latin-1's, the code point
// itself); the five bytes it leaves undefined read as U+FFFD.
const CP1252_HIGH = '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ';

function cp1252(byte: number): string {
  return byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80]! : String.fromCharCode(byte);
}

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  const n = b0 >= 0xc2 && b0 <= 0xdf ? 2 : b0 >= 0xe0 && b0 <= 0xef ? 3 : b0 >= 0xf0 && b0 <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > bytes.length) return 0;
  for (let k = 1; k < n; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  const b1 = bytes[i + 1]!;
  // Overlong forms, UTF-16 surrogates and code points above U+10FFFF are not UTF-8.
  if ((b0 === 0xe0 && b1 < 0xa0) || (b0 === 0xed && b1 > 0x9f) || (b0 === 0xf0 && b1 < 0x90) || (b0 === 0xf4 && b1 > 0x8f)) return 0;
  return n;
}

// Hand-written: TextDecoder's non-fatal mode turns each bad byte into U+FFFD and says neither
// where nor what it was, and iconv-style decoders cannot mix two encodings in one text.
function decodeMixed(bytes: Uint8Array): DecodedPage {
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
  let text = '';
  let runStart = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let first = -1;
  let count = 0;
  for (let i = runStart; i < bytes.length; ) {
    const n = utf8SequenceAt(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    text += lenient.decode(bytes.subarray(runStart, i)) + cp1252(bytes[i]!);
    if (first < 0) first = i;
    count++;
    i++;
    runStart = i;
  }
  text += lenient.decode(bytes.subarray(runStart));
  const more = count > 1 ? ` (and ${count - 1} more)` : '';
  return { text, repaired: `not valid UTF-8 at byte ${first}${more}; read as Windows-1252 and loaded` };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

/** A hash of the source files under `dirs` (recursively, in a stable order): derived data made
 *  by that code is stale once the code changes, even if nobody bumped a version number. '' when
 *  unreadable. */
export async function codeFingerprint(...dirs: string[]): Promise<string> {
  const hash = createHash('sha256');
  try {
    for (const dir of dirs) {
      const names = (await readdir(dir, { recursive: true })).filter((n) => /\.(?:js|ts)$/.test(n) && !n.endsWith('.d.ts')).sort();
      for (const n of names) hash.update(n).update(await readFile(path.join(dir, n)));
    }
  } catch {
    return '';
  }
  return hash.digest('hex').slice(0, 16);
}
