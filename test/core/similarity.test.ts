// Fuzzy-match closeness: edit distance with transpositions, and the cut-off that lets ranking
// stop early without changing any score at or above it.
import { describe, expect, it } from 'vitest';
import { editDistance, similarity } from '../../src/library/similarity.js';

/** The textbook full table, to check the reused-rows version against. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('dual powr', 'dual power')).toBe(1);
    expect(editDistance('kropotkin', 'kroptokin')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('agrees with the full table on random strings of every length, short after long', () => {
    let seed = 1;
    const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const word = (max: number) => Array.from({ length: rand(max) }, () => 'abcé '[rand(5)]).join('');
    for (let i = 0; i < 2000; i++) {
      const [a, b] = i % 50 === 0 ? [word(150), word(150)] : [word(12), word(12)];
      expect(editDistance(a, b)).toBe(reference(a, b));
    }
  });

  it('gives up past max with max + 1', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
    expect(editDistance('ab', 'abcdef', 2)).toBe(3);
    expect(editDistance('dual powr', 'dual power', 2)).toBe(1);
  });
});

describe('similarity', () => {
  it('is 1 for equal strings and falls with distance', () => {
    expect(similarity('', '')).toBe(1);
    expect(similarity('dual power', 'dual power')).toBe(1);
    expect(similarity('dual powr', 'dual power')).toBeCloseTo(0.9);
  });

  it('with a minimum, is exact at or above it and below it otherwise', () => {
    for (const [a, b] of [
      ['dual powr', 'dual power'],
      ['abcdefghij', 'abcdefgxyz'],
      ['anarchism', 'syndicalism'],
      ['kropotkin', 'lenin'],
    ] as const) {
      const exact = similarity(a, b);
      for (const min of [0, 0.4, 0.5, 0.7, 0.75, 0.9, 1]) {
        const cut = similarity(a, b, min);
        if (exact >= min) expect(cut).toBe(exact);
        else expect(cut).toBeLessThan(min);
      }
    }
    // 3 edits in 10 characters is exactly 0.7: still counted at a minimum of 0.7.
    expect(similarity('abcdefghij', 'abcdefgxyz', 0.7)).toBeCloseTo(0.7);
  });
});
