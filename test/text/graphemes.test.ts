// Cuts between grapheme clusters, and text with no lone surrogate.
import { describe, expect, it } from 'vitest';
import { ellipsize, isWellFormed, prefixWithin, wellFormed } from '../../src/text/graphemes.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const boundaries = (text: string) => new Set([0, ...[...segmenter.segment(text)].map((s) => s.index + s.segment.length)]);

describe('prefixWithin', () => {
  const samples = [
    'plain ascii text with words',
    '🙂🙃😉'.repeat(5),
    'e\u0301te\u0301 cafe\u0301',
    '👩🏽‍💻 and 👨‍👩‍👧‍👦 and 🏳️‍🌈',
    '🇫🇷🇩🇪🇮🇹🇪🇸',
    'ﾊﾟﾝ and 각 and क्षि',
    'line\r\nbreak',
    'zalgo z̷̡̛̛̬̻̤a̸̢̛̺l̵̨̛g̶̡̛o̷̢̧',
  ];
  it.each(samples)('returns the longest prefix of whole clusters within the limit: %s', (text) => {
    const cuts = boundaries(text);
    for (let max = 0; max <= text.length + 1; max++) {
      const p = prefixWithin(text, max);
      expect(p.length).toBeLessThanOrEqual(max);
      expect(text.startsWith(p)).toBe(true);
      expect(cuts.has(p.length)).toBe(true);
      // The longest: no boundary lies between it and the limit.
      for (let b = p.length + 1; b <= Math.min(max, text.length); b++) expect(cuts.has(b)).toBe(false);
    }
  });

  it('is exact for long text too, where it segments only near the cut', () => {
    const text = `${'word '.repeat(2000)}👩🏽‍💻${'é'.normalize('NFD').repeat(50)}`;
    const p = prefixWithin(text, 10_003);
    expect(boundaries(text).has(p.length)).toBe(true);
    expect(p.length).toBe(10_000);
  });
});

describe('ellipsize', () => {
  it('adds "…" only when it cut, within the limit', () => {
    expect(ellipsize('short', 10)).toBe('short');
    expect(ellipsize('🙂🙂🙂🙂', 6)).toBe('🙂🙂…');
    expect(ellipsize('🙂🙂🙂🙂', 4)).toBe('🙂…');
  });
});

describe('isWellFormed and wellFormed', () => {
  it('find and replace lone surrogates, and only those', () => {
    expect(isWellFormed('🙂 ok')).toBe(true);
    expect(isWellFormed('\ud800abc')).toBe(false);
    expect(isWellFormed('abc\udfff')).toBe(false);
    expect(wellFormed('\ud800abc\udfff🙂')).toBe('\ufffdabc\ufffd🙂');
    expect(wellFormed('🙂')).toBe('🙂');
  });
});
