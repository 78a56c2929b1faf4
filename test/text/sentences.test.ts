import { describe, expect, it } from 'vitest';
import { cutAtSentence, cutAtWord, endsUnfinished, oneLine, sentenceSpans, splitSentences, summarize } from '../../src/text/sentences.js';

describe('splitSentences', () => {
  it('splits at sentence ends', () => {
    expect(splitSentences('One thing. Another thing! A third? Yes.')).toEqual(['One thing.', 'Another thing!', 'A third?', 'Yes.']);
  });

  it.each([
    ['Some ideas, e.g. Mutual aid, spread. Then more.', ['Some ideas, e.g. Mutual aid, spread.', 'Then more.']],
    ['He moved to the U.S. Army base. Later he left.', ['He moved to the U.S. Army base.', 'Later he left.']],
    ['It was written by A. S. Embree in Bisbee. He was deported.', ['It was written by A. S. Embree in Bisbee.', 'He was deported.']],
    ['Founded c. 1900 in Paris. It grew.', ['Founded c. 1900 in Paris.', 'It grew.']],
    ['They met in St. Petersburg. It was cold.', ['They met in St. Petersburg.', 'It was cold.']],
    ['Prices rose 3.5 percent. Wages fell.', ['Prices rose 3.5 percent.', 'Wages fell.']],
    ['See Smith et al. The book is long.', ['See Smith et al. The book is long.']],
    ['Dr. King spoke. Crowds listened.', ['Dr. King spoke.', 'Crowds listened.']],
    ['See p. 76 of the book. Then stop.', ['See p. 76 of the book.', 'Then stop.']],
    ['They used tools, etc. Then they left.', ['They used tools, etc.', 'Then they left.']],
  ])('%s', (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  it('ends a sentence after closing quotes and brackets', () => {
    expect(splitSentences('He called for "the new society." Others did not. (So it goes.) Fine.')).toEqual([
      'He called for "the new society."',
      'Others did not.',
      '(So it goes.)',
      'Fine.',
    ]);
  });

  it('does not split before a lowercase word', () => {
    expect(splitSentences('The Japanese were defeated.… in being the first to use it, we lost.')).toHaveLength(1);
  });

  it('treats a blank line as a sentence end', () => {
    expect(splitSentences('A heading without a period\n\nThe text below.')).toEqual(['A heading without a period', 'The text below.']);
  });

  it('gives offsets that slice back to the sentences', () => {
    const text = '  First one. Second one.  ';
    const spans = sentenceSpans(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['First one.', 'Second one.']);
  });

  it('returns nothing for empty text', () => {
    expect(splitSentences('   ')).toEqual([]);
  });
});

describe('cutAtSentence', () => {
  const text = 'First sentence here. Second sentence is a bit longer. Third.';

  it('keeps text that fits', () => {
    expect(cutAtSentence(text, 200)).toBe(text);
  });

  it('keeps whole sentences only', () => {
    expect(cutAtSentence(text, 40)).toBe('First sentence here.');
    expect(cutAtSentence(text, 54)).toBe('First sentence here. Second sentence is a bit longer.');
  });

  it('cuts a long first sentence at a word boundary with an ellipsis', () => {
    const out = cutAtSentence('Supercalifragilistic words keep going and going without any end in sight', 30);
    expect(out.length).toBeLessThanOrEqual(30);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toBe('Supercalifragilistic words…');
  });

  it('never cuts inside a quotation that closes later, but a stray mark opens nothing', () => {
    const text = 'He was a guerilla. He was "a sort of hero. He read a lot." Then he left.';
    expect(cutAtSentence(text, 50)).toBe('He was a guerilla.');
    expect(cutAtSentence('He was a guerilla. He said “wait. Then go.” And left.', 40)).toBe('He was a guerilla.');
    expect(cutAtSentence('He was a "guerilla. He read a lot. Then he left for good.', 40)).toBe('He was a "guerilla. He read a lot.');
  });

  it('does not cut inside an abbreviation', () => {
    expect(cutAtSentence('Founded c. 1900 by A. S. Embree in the U.S. state of Arizona. It grew later on.', 70)).toBe(
      'Founded c. 1900 by A. S. Embree in the U.S. state of Arizona.',
    );
  });
});

describe('cutAtWord / oneLine / summarize', () => {
  it('cutAtWord respects the limit', () => {
    expect(cutAtWord('short', 10)).toBe('short');
    expect(cutAtWord('one two three four', 10).length).toBeLessThanOrEqual(10);
  });

  it('oneLine collapses all whitespace', () => {
    expect(oneLine(' a\n\nb\tc  d ')).toBe('a b c d');
  });

  it('summarize returns one line of whole sentences', () => {
    const s = summarize('First paragraph ends here.\n\nSecond paragraph\nwraps over lines. Third one.', 61);
    expect(s).toBe('First paragraph ends here. Second paragraph wraps over lines.');
    expect(s).not.toContain('\n');
  });
});

describe('endsUnfinished', () => {
  it.each([
    ['It was a', true],
    ['workers wages have increased by 50% with', true],
    ['near Iran and China,', true],
    ['It was a strike.', false],
    ['a Jewish religious scholar', false],
    ['the creative urge', false],
  ])('%s → %s', (text, unfinished) => {
    expect(endsUnfinished(text)).toBe(unfinished);
  });
});
