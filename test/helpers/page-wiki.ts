// A small wiki written by a test: pages given as title → Markdown body, loaded and indexed the
// way the bot loads a content folder.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadContent } from '../../src/wiki/load/load-folder.js';
import { Library } from '../../src/library/library.js';
import type { TempDirs } from './temp.js';

export const PAGE_WIKI_BASE = 'https://w/wiki/';

/** A wiki link in pandoc's legacy form. */
export const link = (title: string, label = title): string => `[${label}](${title.replace(/ /g, '_')}.md "wikilink")`;

/** A link that files the page under a category. */
export const category = (name: string): string => `[Category:${name}](Category:${name.replace(/ /g, '_')} "wikilink")`;

/** The public address of a page of the wiki. */
export const pageAt = (title: string, anchor?: string): string =>
  `${PAGE_WIKI_BASE}${title.replace(/ /g, '_')}${anchor ? `#${anchor}` : ''}`;

/** A Library over the pages, in a new folder of `temp`. */
export async function pageWiki(temp: TempDirs, pages: Record<string, string>): Promise<Library> {
  const dir = await temp.make('commonplace-wiki-');
  for (const [title, body] of Object.entries(pages)) {
    await writeFile(path.join(dir, `${title.replace(/ /g, '_')}.md`), `---\ntitle: "${title}"\n---\n\n${body}\n`);
  }
  const content = await loadContent(dir, { baseUrl: PAGE_WIKI_BASE, summaryMaxChars: 300, cacheDir: null, workers: 0 });
  return Library.build(content, { baseUrl: PAGE_WIKI_BASE });
}
