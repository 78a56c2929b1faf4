// Page files of a live wiki: every title gets a file the loader reads back under the same
// title and the same page address, whatever characters it holds.
import { readdir } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/wiki/load/load-folder.js';
import { pageFileName, removePageFile, writePageFile } from '../../src/wiki/live/page-file.js';
import { placeholderConverter } from '../../src/wiki/live/placeholder-converter.js';
import { tempDirs } from '../helpers/temp.js';

const temp = tempDirs();
afterAll(() => temp.removeAll());
const site = { name: 'Example', baseUrl: 'https://wiki.example.org/wiki/' };

describe('page files of a live wiki', () => {
  it('names files after the page, as its URL does, keeping characters no file system allows out', () => {
    expect(pageFileName('Dual power')).toBe('Dual_power.md');
    expect(pageFileName('AC/DC: a "history"?')).toBe('AC%2FDC%3A_a_%22history%22%3F.md');
    expect(pageFileName('.hidden')).toBe('%2Ehidden.md');
    expect(pageFileName('100% free')).toBe('100%25_free.md');
    const long = pageFileName('Ünïcode '.repeat(40));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(203);
    expect(long).not.toBe(pageFileName('Ünïcode '.repeat(41)));
  });

  it('writes pages the loader reads back under their own titles, and removes them', async () => {
    const dir = await temp.make('cp-page-files-');
    const titles = ['Dual power', 'AC/DC: a "history"?', '.hidden', 'Ünïcode '.repeat(40).trim()];
    for (const t of titles) await writePageFile(dir, t, placeholderConverter(t, `'''${t}''' is a page.\n\n== More ==\nText.`, site));
    const content = await loadContent(dir, { baseUrl: site.baseUrl, summaryMaxChars: 600, cacheDir: null, workers: 0 });
    expect(content.warnings).toEqual([]);
    expect(content.articles.map((a) => a.title).sort()).toEqual([...titles].sort());
    expect(content.articles.find((a) => a.title === 'Dual power')?.url).toBe('https://wiki.example.org/wiki/Dual_power');
    await removePageFile(dir, 'AC/DC: a "history"?');
    expect((await readdir(dir)).filter((f) => !f.startsWith('.')).sort()).toEqual(titles.filter((t) => !t.startsWith('AC')).map(pageFileName).sort());
  });
});
