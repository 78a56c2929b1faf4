// Search excerpts: the words around the match, whole words, marked where they are cut, and the
// same for a long section as for a short one.
import { describe, expect, it } from 'vitest';
import { excerptFor } from '../../src/library/excerpt.js';

const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i % 97}`).join(' \n ');

describe('excerptFor', () => {
  it('returns a short text whole, with its white space collapsed', () => {
    expect(excerptFor('  Dual   power\n\nis a strategy.  ', 'power')).toBe('Dual power is a strategy.');
  });

  it('shows the longest query word in context, cut at word boundaries', () => {
    const text = `${filler(60)} the soviets of workers grew ${filler(60)}`;
    const ex = excerptFor(text, 'soviets of', 200);
    expect(ex).toMatch(/^…word\d+ .*the soviets of workers grew .*word\d+…$/);
    expect(ex.length).toBeLessThanOrEqual(202);
  });

  it('gives the same excerpt for a match deep in a very long section as in a short one', () => {
    const around = `${filler(40)} where the Paris Commune began ${filler(40)}`;
    const long = `${filler(5000)} ${around} ${filler(5000)}`;
    expect(long.length).toBeGreaterThan(50_000);
    const inLong = excerptFor(long, 'commune', 200);
    expect(inLong).toContain('Paris Commune began');
    expect(around.length).toBeLessThan(2000); // short enough to be excerpted whole-text
    expect(inLong).toBe(excerptFor(around, 'commune', 200));
  });

  it('starts a long section at its beginning when no query word is in it, and escapes regex characters', () => {
    const long = `Opening words of the section. ${filler(5000)}`;
    expect(excerptFor(long, 'zzz+ (qqq', 200)).toMatch(/^Opening words of the section\. word0 .*…$/);
  });
});
