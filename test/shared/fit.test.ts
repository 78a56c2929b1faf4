// The rendering helpers every adapter shares: one cut, one fit, one line packer, one URL rule,
// one link builder.
import { describe, expect, it } from 'vitest';
import { cutText, fitEscaped, fitLines } from '../../adapters/shared/fit.js';
import { linkWith } from '../../adapters/shared/link.js';
import { safeUrl } from '../../adapters/shared/urls.js';
import { isWellFormed } from '../../src/text/graphemes.js';

describe('cutText', () => {
  it('cuts at the last sentence end in the window when the sentences fill enough of it', () => {
    expect(cutText('First one. Two three four five.', 20)).toBe('First one.');
    expect(cutText('One two three four. Five six seven eight.', 30)).toBe('One two three four.');
    expect(cutText('Short.', 12)).toBe('Short.');
  });

  it('else cuts at a word, or within a word that fills the window, with "…"', () => {
    expect(cutText('One. Two three four five six seven eight nine.', 30)).toBe('One. Two three four five six…');
    expect(cutText('Onetwothree fourfivesix seveneight', 20)).toBe('Onetwothree…');
    expect(cutText('Averyveryverylongword and more words', 20)).toBe('Averyveryverylongwo…');
  });

  it('never splits a character: surrogate pairs, emoji sequences and accents stay whole', () => {
    const family = '👨‍👩‍👧‍👦';
    for (let max = 2; max < 40; max++) {
      for (const text of ['🙂'.repeat(30), family.repeat(5), 'e\u0301'.repeat(30), `${'x'.repeat(max - 2)}🇫🇷🇩🇪`]) {
        const out = cutText(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(isWellFormed(out)).toBe(true);
        const kept = out.replace(/…$/, '');
        expect(text.startsWith(kept)).toBe(true);
        // What is kept ends between clusters: the rest of the text starts a new one.
        const segments = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((s) => s.index);
        expect(kept.length === 0 || segments.includes(kept.length) || kept.length === text.length).toBe(true);
      }
    }
  });
});

describe('fitEscaped', () => {
  const escapeAmpersands = (s: string) => s.replace(/&/g, '&amp;');

  it('returns the escaped text when it fits, and cuts the plain text until its escaped form fits', () => {
    expect(fitEscaped('a & b', 20, { escape: escapeAmpersands })).toEqual({ text: 'a &amp; b', cut: false });
    const { text, cut } = fitEscaped('Fish & chips. '.repeat(20), 60, { escape: escapeAmpersands, suffix: ' [more]' });
    expect(cut).toBe(true);
    expect(text.length).toBeLessThanOrEqual(60);
    expect(text).toMatch(/chips\. \[more\]$/);
  });

  it('ends text that escapes to many times its length as the longest prefix that fits, never splitting an entity', () => {
    const { text } = fitEscaped('&'.repeat(100), 52, { escape: escapeAmpersands });
    expect(text.length).toBeLessThanOrEqual(52);
    expect(text.replace(/&amp;/g, '')).toBe('');
    expect(text.length).toBeGreaterThanOrEqual(45);
  });
});

describe('fitLines', () => {
  it('packs whole lines and says how many were left out, within the limit', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `• line number ${i}`);
    const [text] = fitLines(lines, 100);
    expect(text!.length).toBeLessThanOrEqual(100);
    expect(text).toMatch(/^• line number 0\n/);
    const shown = text!.split('\n').filter((l) => l.startsWith('•')).length;
    expect(text).toMatch(new RegExp(`\\n…and ${20 - shown} more$`));
  });

  it('fills several chunks before giving up, and counts items not given as lines', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i} ${'x'.repeat(30)}`);
    const chunks = fitLines(lines, 90, { chunks: 2, total: 15 });
    expect(chunks).toHaveLength(2);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(90);
    expect(chunks[1]).toMatch(/…and \d+ more$/);
    const shown = chunks
      .join('\n')
      .split('\n')
      .filter((l) => l.startsWith('line')).length;
    expect(chunks[1]).toContain(`…and ${15 - shown} more`);
  });

  it('keeps everything when it fits', () => {
    expect(fitLines(['a', 'b'], 10)).toEqual(['a\nb']);
    expect(fitLines([], 10)).toEqual([]);
  });
});

describe('safeUrl and link(label, url)', () => {
  it('keeps absolute http(s) URLs, normalized, and nothing else', () => {
    expect(safeUrl('https://anarwiki.org/wiki/Dual power')).toBe('https://anarwiki.org/wiki/Dual%20power');
    for (const bad of [
      'javascript:alert(1)',
      'ftp://x.example/f',
      'mailto:a@example.org',
      '/wiki/Foo',
      'data:text/html,hi',
      '',
      undefined,
    ]) {
      expect(safeUrl(bad), String(bad)).toBeUndefined();
    }
    expect(safeUrl(`https://example.org/${'a'.repeat(600)}`, 512)).toBeUndefined();
  });

  it('builds a link in one argument order, label first; the label alone for an unusable URL', () => {
    const link = linkWith({ escape: (s) => s.toUpperCase(), target: safeUrl, format: (label, href) => `${label}->${href}` });
    expect(link('page', 'https://a.example/x')).toBe('PAGE->https://a.example/x');
    expect(link('page', 'javascript:alert(1)')).toBe('PAGE');
    expect(link('a\nlong   label', undefined, 6)).toBe('A LON…');
  });
});
