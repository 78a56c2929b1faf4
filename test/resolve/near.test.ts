import { describe, expect, it } from 'vitest';
import { NearIndex, withinOneEdit } from '../../src/library/resolve/near.js';
import { editDistance } from '../../src/library/similarity.js';

describe('withinOneEdit', () => {
  it.each([
    ['vanguardism', 'vanuardism', true], // dropped
    ['dialectics', 'dialetcics', true], // swapped
    ['resistance', 'resistace', true], // dropped
    ['mondragon', 'monragon', true], // dropped
    ['commune', 'communne', true], // doubled
    ['commune', 'commuze', true], // substituted
    ['commune', 'commune', true],
    ['commune', 'comunne', false], // two
    ['abc', 'cba', false],
    ['ab', 'ba', true],
    ['', 'a', true],
    ['roediger', 'rediker', false],
  ])('%j and %j: %s', (a, b, one) => {
    expect(withinOneEdit(a, b)).toBe(one);
    expect(withinOneEdit(b, a)).toBe(one);
  });

  it('agrees with the edit distance on every pair of a sample', () => {
    const words = ['anarchy', 'anarchism', 'anarchist', 'anrachy', 'anarhy', 'anarchyy', 'narchy', 'anarcy', 'monarchy', 'an', 'a', ''];
    for (const a of words) for (const b of words) expect(withinOneEdit(a, b)).toBe(editDistance(a, b, 1) <= 1);
  });
});

describe('NearIndex', () => {
  const keys = [
    'vanguardism',
    'dialectics',
    'resistance',
    'mondragon',
    'commune',
    'communes',
    'community',
    'dualpower',
    '',
    'kropotkin',
    'kropotkinism',
  ];
  const index = new NearIndex(keys);
  const near = (q: string, max: 1 | 2, minLength = 1) => {
    const found = new Map<string, number>();
    if (max === 1) index.near(q, (id, d) => found.set(keys[id]!, d), minLength);
    else index.within(q, max, (id, d) => found.set(keys[id]!, d));
    return Object.fromEntries([...found].sort());
  };

  it.each([
    ['vanuardism', { vanguardism: 1 }],
    ['dialetcics', { dialectics: 1 }],
    ['monragon', { mondragon: 1 }],
    ['xondragon', { mondragon: 1 }],
    ['mondragox', { mondragon: 1 }],
    ['commune', { commune: 0, communes: 1 }],
    ['kropotkn', { kropotkin: 1 }],
    ['zzzzzz', {}],
  ])('finds %j within one edit of %j', (q, found) => expect(near(q, 1)).toEqual(found));

  it('finds two-edit neighbours wherever the edits are', () => {
    expect(near('vanuardsm', 2)).toEqual({ vanguardism: 2 });
    expect(near('kropotkinsm', 2)).toEqual({ kropotkin: 2, kropotkinism: 1 });
    expect(near('xondragox', 2)).toEqual({ mondragon: 2 });
  });

  it('finds every one-edit neighbour that brute force finds', () => {
    const words = [
      'anarchy',
      'anarchism',
      'anarchist',
      'monarchy',
      'anarcho',
      'narchy',
      'syndicalism',
      'syndicalist',
      'cooperative',
      'cooperatives',
    ];
    const idx = new NearIndex(words);
    const typos = words.flatMap((w) => [
      w.slice(1),
      w.slice(0, 3) + w.slice(4),
      w.slice(0, -1),
      `${w}x`,
      w[1] + w[0] + w.slice(2),
      `q${w.slice(1)}`,
    ]);
    for (const q of typos) {
      const found = new Set<string>();
      idx.near(q, (id) => found.add(words[id]!));
      const expected = words.filter((w) => editDistance(q, w, 1) <= 1);
      expect([...found].sort()).toEqual(expected.sort());
    }
  });

  it('skips keys shorter than the minimum length', () => {
    expect(near('communes', 1)).toEqual({ commune: 1, communes: 0 });
    expect(near('communes', 1, 8)).toEqual({ communes: 0 });
  });
});
