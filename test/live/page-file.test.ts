// Page files of a live wiki (named as the dump importer names them): every title gets a file
// the loader reads back under the same title and the same page address, whatever characters it
// holds, and a removed page's file goes.
import { readdir } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/wiki/load/load-folder.js';
import { pageFileName, removePageFile, writePageFile } from '../../src/wiki/live/page-file.js';
import { wikitextConverter } from '../../src/wiki/live/convert.js';
import { tempDirs } from '../helpers/temp.js';

const temp = tempDirs();
afterAll(() => temp.removeAll());
const site = { name: 'Example', baseUrl: 'https://wiki.example.org/wiki/', case: 'first-letter' as const };

describe('page files of a live wiki', () => {
  it('writes pages the loader reads back under their own titles, and removes them', async () => {
    const dir = await temp.make('cp-page-files-');
    const titles = ['Dual power', 'AC/DC: a "history"?', '.hidden', '100% free', 'Ünïcode '.repeat(40).trim()];
    for (const t of titles) await writePageFile(dir, t, wikitextConverter(t, `'''${t}''' is a page.\n\n== More ==\nText.`, site));
    const content = await loadContent(dir, { baseUrl: site.baseUrl, summaryMaxChars: 600, cacheDir: null, workers: 0 });
    expect(content.warnings).toEqual([]);
    expect(content.articles.map((a) => a.title).sort()).toEqual([...titles].sort());
    expect(content.articles.find((a) => a.title === 'Dual power')?.url).toBe('https://wiki.example.org/wiki/Dual_power');
    await removePageFile(dir, 'AC/DC: a "history"?');
    expect((await readdir(dir)).filter((f) => !f.startsWith('.')).sort()).toEqual(
      titles
        .filter((t) => !t.startsWith('AC'))
        .map(pageFileName)
        .sort(),
    );
  });
});
