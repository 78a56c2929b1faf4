// Where a live wiki's page is kept in the content folder, and writing it there so that the
// reloader never reads half a file.
import { randomBytes, createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Longest file name written, in bytes (file systems allow 255). */
const MAX_NAME_BYTES = 200;

/** The file of a page title: spaces as `_` (the page's URL name, which the loader takes as its
 *  slug), and the characters a file name cannot hold on some system (`/ \ : * ? " < > |`,
 *  control characters, a leading dot) percent-encoded, as they would be in its URL. A name too
 *  long for a file system is cut and given a hash of the title. The title itself goes in the
 *  page's front matter. */
export function pageFileName(title: string): string {
  let name = title
    .replace(/ /g, '_')
    .replace(/[%/\\:*?"<>|\u0000-\u001f\u007f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(/^\./, '%2E');
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    const hash = createHash('sha256').update(title).digest('hex').slice(0, 12);
    name = `${Buffer.from(name).subarray(0, MAX_NAME_BYTES - 13).toString('utf8').replace(/\uFFFD+$/, '')}~${hash}`;
  }
  return `${name}.md`;
}

/** Writes the page's file through a dotfile (which the loader and the watcher skip) renamed
 *  over it, so the file is always whole. */
export async function writePageFile(dir: string, title: string, text: string): Promise<void> {
  const file = path.join(dir, pageFileName(title));
  const tmp = path.join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
  await mkdir(dir, { recursive: true });
  await writeFile(tmp, text);
  await rename(tmp, file);
}

export async function removePageFile(dir: string, title: string): Promise<void> {
  await rm(path.join(dir, pageFileName(title)), { force: true });
}
