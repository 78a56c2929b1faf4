// The wiki's names in a text: the pure finder over a lexicon of names (a table), the Library's
// namesIn over content/ and over every page of libsocwiki (a wiki nobody tuned this on), and the
// finder's work on a long message, counted in lexicon lookups.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLexicon, findNames, rankNames, type NameLexicon } from '../../src/links/names-in-text.js';
import type { Library } from '../../src/library/library.js';
import { libsocDir, testLibrary } from '../helpers/library.js';

const NAMES = [
  'Dual power',
  'Dual power in Russia',
  'Power',
  'Workers\u2019 Self-Management',
  'Paris Commune',
  'Émile Pouget',
  'IWW',
  'It',
  '1917',
  'A',
  'anarcho-syndicalism',
];

describe('findNames', () => {
  const lexicon = buildLexicon(NAMES);
  const found = (text: string) => findNames(text, lexicon).map((n) => n.text);

  it.each([
    ['a title', 'we talked about dual power today', ['dual power']],
    ['the longest name at a place', 'Dual Power in Russia was short-lived', ['Dual Power in Russia']],
    ['a shorter name when the longer one does not follow', 'dual power in Spain', ['dual power']],
    ['a one-word name', 'all power to the people', ['power']],
    ['punctuation, case and accents do not matter', 'WORKERS SELF—MANAGEMENT, emile pouget', ['WORKERS SELF—MANAGEMENT', 'emile pouget']],
    [
      'apostrophes and dashes of any kind',
      "workers' self-management and Anarcho‐Syndicalism",
      ["workers' self-management", 'Anarcho‐Syndicalism'],
    ],
    ['underscores as spaces', 'see Paris_Commune', ['Paris_Commune']],
    ['whole words only', 'superpowers and dualpower and powerful', []],
    ['each name once', 'power, power and more power', ['power']],
    ['no short or numeric names', 'it is 1917 and a new day', []],
    ['an acronym', 'the IWW organised it', ['IWW']],
    ['invisible characters inside a word', 'dual\u200b power', ['dual\u200b power']],
    ['nothing in an empty text', '', []],
  ])('%s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('gives offsets into the text and the number of words', () => {
    const text = 'About Dual power in Russia.';
    const [n] = findNames(text, lexicon);
    expect(text.slice(n!.start, n!.end)).toBe('Dual power in Russia');
    expect(n).toMatchObject({ key: 'dual power in russia', words: 4 });
  });

  it('ranks longer names first, then earlier ones', () => {
    const names = findNames('power, then the Paris Commune, then dual power in Russia', lexicon);
    expect(rankNames(names).map((n) => n.key)).toEqual(['dual power in russia', 'paris commune', 'power']);
  });

  it('skips names that are too short or have no letter when building', () => {
    expect(lexicon.size).toBe(NAMES.length - 3);
  });

  /** A lexicon whose lookups are counted. */
  function counted(names: string[]): { lexicon: NameLexicon; lookups: () => number } {
    const built = buildLexicon(names);
    let n = 0;
    const entries = new Map(built.entries);
    const get = entries.get.bind(entries);
    entries.get = (key: string) => {
      n++;
      return get(key);
    };
    return { lexicon: { entries, size: built.size }, lookups: () => n };
  }

  it('costs about one lookup per word of a long message, however many names there are', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `Name ${i} of the wiki`).concat(NAMES);
    const { lexicon: big, lookups } = counted(many);
    const text = 'We read about dual power and the Paris Commune, then about workers and their councils. '.repeat(450).slice(0, 40_000);
    const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;
    const names = findNames(text, big);
    expect(names.map((n) => n.key)).toEqual(['dual power', 'paris commune']);
    expect(lookups()).toBeLessThan(words * 1.5);
  });

  it('is bounded by the longest name on a text built to extend every match', () => {
    const long = Array.from({ length: 12 }, () => 'dual').join(' ');
    const { lexicon: chain, lookups } = counted([long, 'dual power']);
    const text = 'dual '.repeat(8_000);
    findNames(text, chain);
    expect(lookups()).toBeLessThanOrEqual(8_000 * 13);
  });
});

describe('Library.namesIn over content/', () => {
  let library: Library;
  beforeAll(async () => {
    library = await testLibrary();
  });

  it('finds the pages and concepts a message names, each once, in text order', () => {
    const text = 'Was counterpower what they meant by dual power? Dual Power again, and syndicalism.';
    const found = library.namesIn(text, 3);
    expect(found.map((f) => f.resolution.article?.title ?? f.resolution.concept?.concept.term)).toEqual([
      library.resolve('counterpower')!.article?.title ?? library.resolve('counterpower')!.concept!.concept.term,
      'Dual power',
      library.resolve('syndicalism')!.article?.title ?? library.resolve('syndicalism')!.concept!.concept.term,
    ]);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it('keeps the longest names when more than the limit are named', () => {
    const all = library.namesIn('syndicalism, counterpower and dual power', 3);
    const two = library.namesIn('syndicalism, counterpower and dual power', 2);
    expect(two).toHaveLength(2);
    expect(two.map((f) => f.text)).toContain('dual power');
    expect(all.length).toBeGreaterThanOrEqual(two.length);
  });

  it('finds nothing in text that names nothing, and never a fuzzy guess', () => {
    expect(library.namesIn('the weather is nice today, see you tomorrow', 3)).toEqual([]);
    expect(library.namesIn('dual powr', 3)).toEqual([]);
  });
});

describe.skipIf(!fs.existsSync(libsocDir))('Library.namesIn over libsocwiki', () => {
  let library: Library;
  beforeAll(async () => {
    library = await testLibrary(libsocDir);
  }, 120_000);

  it('finds each page by its own title written in a sentence, and its own name in its lead', () => {
    let missed: string[] = [];
    let leads = 0;
    for (const article of library.articles) {
      const found = library.namesIn(`I was reading about ${article.title} yesterday.`, 3);
      const titles = found.map((f) => f.resolution.article?.title);
      // The title itself, or a longer name that contains it.
      if (!titles.includes(article.title) && !found.some((f) => f.text.length > article.title.length)) missed.push(article.title);
      if (article.lead && library.namesIn(article.lead, 3).length) leads++;
    }
    missed = missed.filter((t) => /\p{L}{3}/u.test(t));
    expect(missed, `titles not found in a sentence: ${missed.slice(0, 10).join(', ')}`).toEqual([]);
    // Leads name other pages; most leads should give something to look up.
    expect(leads / library.articles.length).toBeGreaterThan(0.5);
  });
});
if (!fs.existsSync(libsocDir)) console.warn(`\n  ⚠ libsocwiki name tests SKIPPED: ${libsocDir} is absent.\n`);
