// Writing a live wiki's page into the content folder, under the file name the dump importer
// gives it (so a wiki imported from a dump can then be followed live), so that the reloader
// never reads half a file.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pageFileName } from '../../import/page-file-name.js';

export { pageFileName };

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
