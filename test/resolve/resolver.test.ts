// The ranking, rule by rule, over a small table of names (what the Library would hand over).
import { describe, expect, it } from 'vitest';
import { normalizeKey } from '../../src/library/normalize.js';
import { NameResolver, queryForms, type NameEntry, type NameSource } from '../../src/library/resolve/resolver.js';

const TITLES = [
  'Syndicalism', // 0
  'Anarcho-Syndicalism', // 1
  'Peter Kropotkin', // 2
  'Emma Goldman', // 3
  'Buenaventura Durruti', // 4
  'Karl Marx', // 5
  'Eleanor Marx', // 6
  'Industrial Workers of the World', // 7
  'Vanguardism', // 8
  'Workers’ Councils', // 9
  'The Conquest of Bread', // 10
  'Paris Commune', // 11
  'Dual Power', // 12
  'Dual Powers of India', // 13
  'Gambia', // 14
  'Zambia', // 15
  'Mutual Aid (book)', // 16
  'Cooperation', // 17
  'Organisation', // 18
  'Dialectics', // 19
];
const OTHER: [string, number, NameSource][] = [
  ['Syndicalism', 1, 'alias'], // Anarcho-Syndicalism's lead says "also called **Syndicalism**"
  ['Mutual Aid', 17, 'redirect'],
  ['Mutual Aid', 16, 'alias'],
  ['Revolutionary Syndicalism', 1, 'alias'],
];
const PEOPLE = [2, 3, 4, 5, 6];

function resolver(): NameResolver<NameEntry & { display: string }> {
  const entries = [
    ...TITLES.map((display, target) => ({ display, key: normalizeKey(display), target, source: 'title' as NameSource })),
    ...OTHER.map(([display, target, source]) => ({ display, key: normalizeKey(display), target, source })),
  ];
  const exact = new Map<string, (typeof entries)[number]>();
  for (const e of entries) if (!exact.has(e.key)) exact.set(e.key, e);
  return new NameResolver({
    entries,
    exact,
    people: () => PEOPLE.map((t) => ({ target: t, key: normalizeKey(TITLES[t]!) })),
    acronyms: () => [{ target: 7, key: 'iww' }],
    // A stand-in for the word index: every name, checked by the resolver.
    wordCandidates: () => entries.map((_, i) => i),
  });
}

const r = resolver();
const answer = (q: string) => {
  const found = r.lookup(q);
  if (found.kind === 'found') return { title: TITLES[found.target], rule: found.rule };
  if (found.kind === 'choice') return { choice: found.targets.map((t) => TITLES[t]) };
  return 'none';
};

describe('NameResolver ranking', () => {
  it.each([
    // 1. exact title, and a title beats another page's alias of the same name
    ['Syndicalism', { title: 'Syndicalism', rule: 'exact' }],
    ['dual power', { title: 'Dual Power', rule: 'exact' }],
    // 2. redirect or alias; a redirect beats an alias
    ['mutual aid', { title: 'Cooperation', rule: 'alias' }],
    ['revolutionary syndicalism', { title: 'Anarcho-Syndicalism', rule: 'alias' }],
    // questions, filler and a leading article around a title
    ['what is dual power', { title: 'Dual Power', rule: 'variant' }],
    ['Dual Power?', { title: 'Dual Power', rule: 'exact' }],
    ['tell me about syndicalism', { title: 'Syndicalism', rule: 'variant' }],
    ['the paris commune', { title: 'Paris Commune', rule: 'variant' }],
    ['who was Emma Goldman?', { title: 'Emma Goldman', rule: 'variant' }],
    // 3. variants
    ['anarchosyndicalism', { title: 'Anarcho-Syndicalism', rule: 'variant' }],
    ['anarcho syndicalism', { title: 'Anarcho-Syndicalism', rule: 'exact' }],
    ['anarcho-syndicalisms', { title: 'Anarcho-Syndicalism', rule: 'variant' }],
    ["workers' council", { title: 'Workers’ Councils', rule: 'variant' }],
    ['workers councils', { title: 'Workers’ Councils', rule: 'exact' }],
    ['conquest of bread', { title: 'The Conquest of Bread', rule: 'variant' }],
    ['organization', { title: 'Organisation', rule: 'variant' }],
    // 4. surname, name order, acronym; a shared surname is a choice
    ['kropotkin', { title: 'Peter Kropotkin', rule: 'surname' }],
    ['Durruti Buenaventura', { title: 'Buenaventura Durruti', rule: 'surname' }],
    ['Kropotkin, Peter', { title: 'Peter Kropotkin', rule: 'surname' }],
    ['IWW', { title: 'Industrial Workers of the World', rule: 'acronym' }],
    ['what does IWW stand for', { title: 'Industrial Workers of the World', rule: 'acronym' }],
    ['marx', { choice: ['Karl Marx', 'Eleanor Marx'] }],
    // 5. one letter off a name of five letters or more, of each kind
    ['vanuardism', { title: 'Vanguardism', rule: 'fuzzy' }],
    ['dialetcics', { title: 'Dialectics', rule: 'fuzzy' }],
    ['vanguarddism', { title: 'Vanguardism', rule: 'fuzzy' }],
    ['vanguardizm', { title: 'Vanguardism', rule: 'fuzzy' }],
    ['kropotkn', { title: 'Peter Kropotkin', rule: 'fuzzy' }],
    ['peter kropotkn', { title: 'Peter Kropotkin', rule: 'fuzzy' }],
    ['mambia', { choice: ['Gambia', 'Zambia'] }],
    // 6. words of a title, the last one perhaps unfinished
    ['dual pow', { title: 'Dual Power', rule: 'words' }],
    ['paris', { title: 'Paris Commune', rule: 'words' }],
    ['dual', { choice: ['Dual Power', 'Dual Powers of India'] }],
    // nothing
    ['zeppelinocracy', 'none'],
    ['vnguardsm', 'none'],
    ['', 'none'],
    ['?', 'none'],
  ])('%j → %j', (query, expected) => expect(answer(query)).toEqual(expected));

  it('offers names two letters off as "did you mean", closest first', () => {
    expect(r.suggest('vnguardsm', 5).map((t) => TITLES[t])).toEqual(['Vanguardism']);
    expect(r.suggest('marx', 5).map((t) => TITLES[t])).toEqual(['Karl Marx', 'Eleanor Marx']);
    expect(r.suggest('zeppelinocracy', 5)).toEqual([]);
  });

  it('tries a query as typed, without the request, without the article', () => {
    expect(queryForms('What is the Paris Commune?')).toEqual(['what is the paris commune', 'the paris commune', 'paris commune']);
    expect(queryForms('Paris Commune')).toEqual(['paris commune']);
    expect(queryForms('  ')).toEqual([]);
  });
});
