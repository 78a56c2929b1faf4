// Pages built to stall or crash the parser: each is bounded (too big, too slow, too deep), the
// page is reported with its path and reason or kept with its text, and every good page loads.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionTexts } from '../../src/wiki/cache/packed-text.js';
import { loadContent, type LoadContentOptions } from '../../src/wiki/load/load-folder.js';
import type { Article, Content } from '../../src/wiki/model.js';
import { capNesting, MAX_NESTING } from '../../src/wiki/parse/nesting-guard.js';
import { parsePage } from '../../src/wiki/parse/parse-page.js';
import { libsocDir } from '../helpers/library.js';
import { tempDirs } from '../helpers/temp.js';

const temp = tempDirs();
afterAll(() => temp.removeAll());

const opts = { summaryMaxChars: 300 };
/** A page's text: its lead, sections and quotations (a block quote's text is a quotation). */
const allText = (a: Article) => [a.lead, ...sectionTexts(a), ...a.quotes.map((q) => q.text)].join('\n');

/** The hostile pages the issue reproduced, by file name. */
const hostile = {
  'Brackets.md': `${'['.repeat(50_000)}x${']'.repeat(50_000)}\n`,
  'Indented_list.md': `${Array.from({ length: 1500 }, (_, i) => `${' '.repeat(2 * i)}- level ${i}`).join('\n')}\n`,
  'Inline_list.md': `Deep list below.\n\n${'- '.repeat(10_000)}bottom of the list\n`,
  'Quotes.md': `Deep quote below.\n\n${'> '.repeat(10_000)}bottom of the quote\n`,
};

describe('the nesting guard', () => {
  it.each([
    ['a list', `${'- '.repeat(10_000)}bottom of the list`, 'bottom of the list'],
    ['a quote', `${'> '.repeat(10_000)}bottom of the quote`, 'bottom of the quote'],
    ['quotes without spaces', `${'>'.repeat(10_000)}bottom of the quote`, 'bottom of the quote'],
    ['an ordered list', `${'1. '.repeat(5_000)}bottom of the list`, 'bottom of the list'],
  ])('keeps the text of %s nested 10,000 deep, and says so', (_name, source, text) => {
    // Without the guard: "Maximum call stack size exceeded", and the page was lost.
    const page = parsePage('Deep.md', `Above.\n\n${source}\n\nBelow.`, opts);
    expect(page.kind).toBe('article');
    if (page.kind !== 'article') return;
    expect(allText(page.article)).toContain(text);
    expect(allText(page.article)).toContain('Below.');
    expect(page.warnings).toEqual([
      `1 line(s) nested deeper than ${MAX_NESTING} levels were flattened to ${MAX_NESTING}; their text is kept`,
    ]);
  });

  it('keeps every line of a list indented 1,500 levels deep', () => {
    const page = parsePage('Indented_list.md', hostile['Indented_list.md'], opts);
    expect(page.kind).toBe('article');
    if (page.kind !== 'article') return;
    const text = allText(page.article);
    for (const i of [0, 99, 100, 750, 1499]) expect(text).toContain(`level ${i}`);
  });

  it('leaves ordinary nesting alone', () => {
    const source = '> quoted\n> > twice\n\n- a\n  - b\n    - c\n      1. d\n\n    indented code\n';
    expect(capNesting(source)).toEqual({ source, lines: 0 });
  });

  const pagesOf = (dir: string) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.md'))
          .map((f) => path.join(dir, f))
      : [];
  const corpora = [path.resolve('content'), libsocDir];
  if (!existsSync(libsocDir)) console.warn(`[hostile] checking the nesting guard on content/ only: ${libsocDir} is missing`);
  it('changes no page of the real wikis', () => {
    const files = corpora.flatMap(pagesOf);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(capNesting(readFileSync(file, 'utf8')).lines, file).toBe(0);
  });
});

describe('a cold start over a hostile folder', () => {
  let dir: string;
  const good = (i: number) => `---\ntitle: Good ${i}\n---\n\nGood ${i} is a page about [Dual power](Dual_power.md "wikilink").\n`;
  const warnings = (c: Content) => Object.fromEntries(c.warnings.map((w) => [w.path, w.reason]));

  beforeAll(async () => {
    dir = await temp.make('commonplace-hostile-');
    for (const [name, text] of Object.entries(hostile)) await writeFile(path.join(dir, name), text);
    await writeFile(path.join(dir, 'Huge.md'), `Huge page.\n\n${'words and more words '.repeat(300_000)}\n`); // 6 MB
    await mkdir(path.join(dir, 'good'));
    for (let i = 0; i < 80; i++) await writeFile(path.join(dir, 'good', `Good_${i}.md`), good(i));
  });

  // A short time limit, so the test does not wait the default's seconds; the bracket page needs
  // tens of seconds, so it is over any limit.
  const limits: Partial<LoadContentOptions> = { pageTimeoutMs: 1000 };

  it.each([
    ['worker threads and the main thread', 2],
    ['the main thread, with a watched worker for what could take long', 0],
  ])('on %s: reports what it skips, keeps deep pages, loads every good page', async (_name, workers) => {
    const content = await loadContent(dir, {
      baseUrl: 'https://wiki.example/wiki/',
      summaryMaxChars: 300,
      cacheDir: null,
      workers,
      ...limits,
    });
    const titles = content.articles.map((a) => a.title);
    for (let i = 0; i < 80; i++) expect(titles).toContain(`Good ${i}`);
    const reasons = warnings(content);
    expect(reasons['Brackets.md']).toBe('took longer than 1 s to parse (PAGE_PARSE_TIMEOUT_MS is 1 s per started MB); skipped');
    expect(reasons['Huge.md']).toBe('too big: 6.0 MB, more than MAX_PAGE_BYTES (5.0 MB)');
    for (const deep of ['Indented_list.md', 'Inline_list.md', 'Quotes.md']) {
      expect(content.warnings.find((w) => w.path === deep)).toMatchObject({ kept: true, reason: expect.stringMatching(/flattened/) });
    }
    expect(allText(content.articles.find((a) => a.title === 'Inline list')!)).toContain('bottom of the list');
    expect(allText(content.articles.find((a) => a.title === 'Quotes')!)).toContain('bottom of the quote');
    expect(titles).not.toContain('Brackets');
    expect(titles).not.toContain('Huge');
  });

  it('honours MAX_PAGE_BYTES', async () => {
    const content = await loadContent(dir, {
      baseUrl: 'https://wiki.example/wiki/',
      summaryMaxChars: 300,
      cacheDir: null,
      workers: 0,
      ...limits,
      maxPageBytes: 100_000,
    });
    expect(warnings(content)['Indented_list.md']).toBe('too big: 2.2 MB, more than MAX_PAGE_BYTES (0.10 MB)');
    expect(content.articles.map((a) => a.title)).toContain('Quotes');
  });
});
