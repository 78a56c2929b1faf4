// What people type, on a small wiki made for it: questions, surnames, acronyms, redirects of
// every shape, searches by name or by words found nowhere, speakers with similar names. Each
// test reads the reply a user would see.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runText } from '../../commands/index.js';
import type { CommandDeps } from '../../commands/types.js';
import { Library } from '../../src/library/library.js';
import type { Reply } from '../../src/reply.js';
import { loadContent } from '../../src/wiki/load/load-folder.js';
import { normalizeKey } from '../../src/library/normalize.js';
import { libsocDir, testConfig } from '../helpers/library.js';
import { tempDirs } from '../helpers/temp.js';

const BASE = 'https://wiki.example/wiki/';
const PAGES: Record<string, string> = {
  'Syndicalism.md':
    '**Syndicalism** is a labour movement that organises workers by industry.\n\n[Category:Concepts](Category:Concepts.md "wikilink")\n',
  'Anarcho-Syndicalism.md':
    '**Anarcho-Syndicalism**, often just **Syndicalism** in its own circles, is a branch of anarchism focused on unions.\n\n## History\n\nIt grew in Spain.\n',
  'Peter_Kropotkin.md': [
    'Peter Kropotkin (1842 – 1921) was a Russian anarchist and geographer. He wrote on mutual aid.',
    '',
    '## Early life',
    '',
    'Kropotkin was born in Moscow into an old princely family and served in Siberia as a young officer.',
    '',
    '[Category:Anarchists](Category:Anarchists.md "wikilink")',
  ].join('\n'),
  'Karl_Marx.md': 'Karl Marx (1818 – 1883) was a German philosopher. He wrote Capital.\n',
  'Eleanor_Marx.md': 'Eleanor Marx (1855 – 1898) was a socialist activist. She translated Madame Bovary.\n',
  'Industrial_Workers_of_the_World.md': 'The Industrial Workers of the World (IWW) is an international union founded in Chicago.\n',
  'Cooperation.md': [
    '**Cooperation** is working together for shared benefit, as in mutual aid between neighbours.',
    '',
    '## Wages',
    '',
    'Historians of wages and race disagree about the link between class and identity.',
    '',
    'As David Roediger argued:',
    '',
    '> The wages of whiteness were paid in status, and the link between race and class held for a century.',
  ].join('\n'),
  'Vanguardism.md': '**Vanguardism** is the strategy of a revolutionary party leading the masses.\n',
  'Mutual_Aid.md': '1.  REDIRECT [Cooperation](Cooperation.md "wikilink")\n',
  'Mutual_Assistance.md': '#REDIRECT [[Mutual Aid]]\n',
  'Kropotkin_in_Siberia.md': '#REDIRECT [[Peter Kropotkin#Early life]]\n',
  'Loop_One.md': '#REDIRECT [[Loop Two]]\n',
  'Loop_Two.md': '#REDIRECT [[Loop One]]\n',
};

const temp = tempDirs();
let deps: CommandDeps;
let library: Library;
const ask = (line: string): Promise<Reply> => runText(deps, line, { platform: 'shell' });

beforeAll(async () => {
  const dir = await temp.make('commonplace-understand-');
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(PAGES)) await writeFile(path.join(dir, file), text);
  const content = await loadContent(dir, { baseUrl: BASE, summaryMaxChars: 600, cacheDir: null, workers: 0 });
  library = Library.build(content, { baseUrl: BASE });
  deps = { library, config: testConfig({ WIKI_BASE_URL: BASE }) };
});

afterAll(() => temp.removeAll());

describe('names people type', () => {
  it.each([
    ['/define what is mutual aid', 'Cooperation'],
    ['/define tell me about syndicalism', 'Syndicalism'],
    ['/define Vanguardism?', 'Vanguardism'],
    ['/define who was Peter Kropotkin', 'Peter Kropotkin'],
    ['/define the vanguardism', 'Vanguardism'],
    ['/define kropotkin', 'Peter Kropotkin'],
    ['/define Kropotkin, Peter', 'Peter Kropotkin'],
    ['/define IWW', 'Industrial Workers of the World'],
    ['/define anarchosyndicalism', 'Anarcho-Syndicalism'],
    ['/define anarcho syndicalism', 'Anarcho-Syndicalism'],
    ['/define vanuardism', 'Vanguardism'],
    ['/define mutual assistance', 'Cooperation'],
  ])('%s answers %s', async (line, title) => {
    const r = await ask(line);
    expect(r.kind).toBe('definition');
    expect(r.title).toBe(title);
  });

  it('says what it did when the name was not the title', async () => {
    expect((await ask('/define kropotkin')).matched).toEqual({ query: 'kropotkin', title: 'Peter Kropotkin', how: 'surname' });
    expect((await ask('/define vanuardism')).matched).toEqual({ query: 'vanuardism', title: 'Vanguardism', how: 'fuzzy' });
    const related = await ask('/related kropotkin');
    expect(related.title).toBe('Related to Peter Kropotkin');
  });

  it('answers a page by its title, not by the bold name another page gives', async () => {
    const r = await ask('/define Syndicalism');
    expect(r.title).toBe('Syndicalism');
    expect(r.matched).toBeUndefined();
  });

  it('offers a choice when several people share a surname', async () => {
    const r = await ask('/define marx');
    expect(r.kind).toBe('notfound');
    expect(r.suggestions?.slice(0, 2).sort()).toEqual(['Eleanor Marx', 'Karl Marx']);
  });

  it('answers the one name a longer query holds, saying so, when it is most of the query', async () => {
    const r = await ask('/define history of the industrial workers of the world');
    expect(r.title).toBe('Industrial Workers of the World');
    expect(r.matched).toMatchObject({ title: 'Industrial Workers of the World', how: 'words' });
    expect((await ask('/define peter kropotkin 1842')).title).toBe('Peter Kropotkin');
    // Two names, or a name that is a small part of the query, are not a guess worth making.
    expect((await ask('/define karl marx and eleanor marx')).kind).toBe('notfound');
    expect((await ask('/define what mutual aid between neighbours in the long winter meant')).kind).toBe('notfound');
  });

  it('offers a two-letter typo as "did you mean", not as an answer', async () => {
    const r = await ask('/define vanguadrsm');
    expect(r.kind).toBe('notfound');
    expect(r.suggestions?.[0]).toBe('Vanguardism');
  });

  it('autocompletes what the command will answer first', () => {
    expect(library.complete('terms', 'kropotkin')[0]).toBe('Peter Kropotkin');
    expect(library.complete('terms', 'what is mutual aid')[0]).toBe('Cooperation');
    expect(library.complete('speakers', 'roediger')[0]).toBe('David Roediger');
  });
});

describe('redirects', () => {
  it('follows a chain to its end', async () => {
    const r = await ask('/define Mutual Assistance');
    expect(r.title).toBe('Cooperation');
    expect(r.matched).toEqual({ query: 'Mutual Assistance', title: 'Cooperation', how: 'alias' });
  });

  it('lands on the section a redirect names', async () => {
    const r = await ask('/define Kropotkin in Siberia');
    expect(r.kind).toBe('definition');
    expect(r.title).toBe('Peter Kropotkin › Early life');
    expect(r.url).toBe(`${BASE}Peter_Kropotkin#Early_life`);
    expect(r.text).toMatch(/^Kropotkin was born in Moscow/);
  });

  it('says a loop leads nowhere', async () => {
    const r = await ask('/define Loop One');
    expect(r.kind).toBe('notfound');
    expect(r.text).toBe('"Loop One" redirects in a loop (Loop One → Loop Two → Loop One) and leads to no page.');
  });
});

describe('/search', () => {
  it('puts the page a redirect names first, and does not search for question words', async () => {
    for (const line of ['/search mutual aid', '/search what is mutual aid']) {
      const r = await ask(line);
      expect(r.kind).toBe('search');
      expect(r.items?.[0]?.title).toBe('Cooperation');
      expect(r.text).toBeUndefined();
    }
  });

  it('finds nothing for words that occur nowhere, even when they sound like words that do', async () => {
    for (const line of ['/search xyzzyplugh quux', '/search lingg', '/search linnk']) {
      const r = await ask(line);
      expect(r.kind).toBe('notfound');
      expect(r.text).toMatch(/^No section of the wiki mentions/);
    }
  });

  it('offers close words of the wiki', async () => {
    const r = await ask('/search vanguardizm');
    expect(r.kind).toBe('notfound');
    expect(r.suggestions).toContain('vanguardism');
  });
});

describe('/quote', () => {
  it('finds a speaker by surname, full name and a one-letter typo', async () => {
    for (const name of ['Roediger', 'David Roediger', 'Roedigr', 'roediger?']) {
      const r = await ask(`/quote ${name}`);
      expect(r.kind).toBe('quote');
      expect(r.quote?.speaker).toBe('David Roediger');
    }
  });

  it('offers a person with a similar name instead of presenting them as the match', async () => {
    const r = await ask('/quote Rediker');
    expect(r.kind).toBe('notfound');
    expect(r.suggestions).toContain('David Roediger');
  });

  it('never matches a topic by letters that only sound alike', async () => {
    expect((await ask('/quote Lingg')).kind).toBe('notfound');
    const link = await ask('/quote link');
    expect(link.kind).toBe('quote');
    expect(link.quote?.text).toContain('link');
  });
});

const libsoc = existsSync(libsocDir);
if (!libsoc) console.warn(`[understand] skipping the libsocwiki checks: ${libsocDir} is missing`);

describe.skipIf(!libsoc)('on every page of libsocwiki', () => {
  let wiki: Library;
  let content: Awaited<ReturnType<typeof loadContent>>;
  beforeAll(async () => {
    content = await loadContent(libsocDir, { baseUrl: BASE, summaryMaxChars: 600, cacheDir: null });
    wiki = Library.build(content, { baseUrl: BASE });
  }, 120_000);

  it('answers every title with its own page, whatever bold names other pages give', () => {
    const wrong = content.articles.filter(
      (a) =>
        wiki.resolve(a.title)?.article !== a &&
        content.articles.find((b) => b !== a && normalizeKey(b.title) === normalizeKey(a.title)) === undefined,
    );
    expect(wrong.map((a) => a.title)).toEqual([]);
  });

  it('follows every redirect to the page at the end of its chain', () => {
    const titles = new Map(content.articles.map((a) => [normalizeKey(a.title), a]));
    const next = new Map(content.redirects.map((r) => [normalizeKey(r.from), normalizeKey(r.to)]));
    for (const r of content.redirects) {
      if (titles.has(normalizeKey(r.from))) continue;
      let key = normalizeKey(r.to);
      for (let hops = 0; !titles.has(key) && next.has(key) && hops < 20; hops++) key = next.get(key)!;
      expect(wiki.resolve(r.from)?.article, r.from).toBe(titles.get(key));
    }
  });
});
