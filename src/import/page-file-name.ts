// The file a page is written to: its title with `_` for spaces, as pandoc's exports name them
// (`Bullshit_Jobs:_A_Theory.md`). The title itself travels in the front matter, so the name only
// has to be a safe, unique file name: path separators and control characters are escaped, a
// leading dot (hidden files are not loaded) too, very long names are cut and given a hash.
import { createHash } from 'node:crypto';

const MAX_NAME_BYTES = 200;

function escapeChar(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
}

export function pageFileName(title: string): string {
  let name = title.replace(/ /g, '_').replace(/[/\\\u0000-\u001f\u007f%]/g, escapeChar);
  if (name.startsWith('.')) name = `%2E${name.slice(1)}`;
  // The content folder's own README.md is not loaded as a page.
  if (name.toLowerCase() === 'readme') name = `${name.slice(0, -1)}${escapeChar(name.slice(-1))}`;
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    const hash = createHash('sha1').update(title).digest('hex').slice(0, 10);
    let cut = name;
    while (Buffer.byteLength(cut) > MAX_NAME_BYTES - 12) cut = cut.slice(0, -1);
    name = `${cut}~${hash}`;
  }
  return `${name}.md`;
}

/** Hands out file names, making names that differ only by case distinct (for case-insensitive
 *  file systems). */
export class FileNames {
  private readonly used = new Set<string>();

  take(title: string): string {
    const base = pageFileName(title);
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) name = base.replace(/\.md$/, `~${n}.md`);
    this.used.add(name.toLowerCase());
    return name;
  }
}
