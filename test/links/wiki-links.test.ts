// findWikiLinks: the [[links]] of a chat message, as a table: the forms, what is not read
// (code, quotations, escapes, Markdown link text), and hostile input, bounded.
import { describe, expect, it } from 'vitest';
import { findWikiLinks, MAX_LINK_TEXT, MAX_LINKS, MAX_SCAN } from '../../src/links/wiki-links.js';

const targets = (text: string, max?: number) =>
  findWikiLinks(text, max).map((l) => [l.target, l.section, l.label].filter(Boolean).join(' | '));

describe('findWikiLinks', () => {
  it.each([
    ['plain', 'read [[Dual power]] first', ['Dual power']],
    ['with a label', 'that is [[dual power|the idea]] again', ['dual power | the idea']],
    ['with a section', 'see [[Dual power#History]]', ['Dual power | History']],
    ['section and label', '[[Dual power#History|its history]]', ['Dual power | History | its history']],
    ['spaces trimmed and collapsed', '[[  Dual   power  # History ]]', ['Dual power | History']],
    ['underscores kept for the resolver', '[[Dual_power]]', ['Dual_power']],
    ['several, in order', '[[A one]] and [[B two]], then [[C three]]', ['A one', 'B two', 'C three']],
    ['at most three', '[[a1]] [[b2]] [[c3]] [[d4]] [[e5]]', ['a1', 'b2', 'c3']],
    [
      'one per page and section',
      '[[Dual power]] [[dual  POWER]] [[Dual_power]] [[Dual power#History]]',
      ['Dual power', 'Dual power | History'],
    ],
    ['the same page with another label is the same link', '[[Dual power|x]] [[Dual power|y]]', ['Dual power | x']],
    ['a section alone names no page', '[[#History]] [[ # ]]', []],
    ['empty or wordless', '[[]] [[ ]] [[|]] [[!!!]] [[\u200b]]', []],
    ['an empty label is no label', '[[Dual power|]]', ['Dual power']],
    ['a bracket inside is no link, the inner one is', '[[[Dual power]]] and [[a[b]]', ['Dual power']],
    ['single brackets are not links', '[Dual power] and [[Dual power]', []],
    ['not across lines', '[[Dual\npower]] [[Dual\r\npower]]', []],
    ['inside text, no spaces needed', 'x[[Dual power]]y', ['Dual power']],
    ['after an escaping backslash, not a link', String.raw`\[[Dual power]] but [[Counterpower]]`, ['Counterpower']],
    ['Markdown link text is not a wiki link', '[[1]](https://example.org) and [[Dual power]] (see)', ['Dual power']],
    ['in inline code, not read', 'type `[[Dual power]]` to link, like [[Counterpower]]', ['Counterpower']],
    ['in a fenced block, not read', '```\n[[Dual power]]\n```\n[[Counterpower]]', ['Counterpower']],
    ['double-backtick code holds single backticks', '``a ` [[Dual power]]`` [[Counterpower]]', ['Counterpower']],
    ['an unclosed backtick is plain text', 'it`s [[Dual power]]', ['Dual power']],
    ['backtick runs pair by length only', '`` [[A one]] ` [[B two]] `` [[C three]]', ['C three']],
    ['a code span opened inside the brackets spoils the link', '[[Dual `power]]` [[Counterpower]]', ['Counterpower']],
    ['a quoted line is not read', '> you said [[Dual power]]\nyes, [[Counterpower]]', ['Counterpower']],
    ['a quote without a space (Slack) is not read', '>[[Dual power]]\n[[Counterpower]]', ['Counterpower']],
    ['an indented quote is not read', '   > [[Dual power]]\n[[Counterpower]]', ['Counterpower']],
    ['">>>" quotes the rest', '[[Counterpower]]\n>>> [[Dual power]]\n[[Syndicalism]]', ['Counterpower']],
    ['">" inside a line is no quote', 'a > b [[Dual power]]', ['Dual power']],
    ['a ">" inside code is no quote', '```\n> x\n```\n[[Dual power]]', ['Dual power']],
    ['invisible characters dropped', '[[Dual\u200b power\u2060]]', ['Dual power']],
    ['mentions are text like any other', '[[<@123456789012345678>]] [[@everyone]]', ['<@123456789012345678>', '@everyone']],
  ])('%s', (_name, text, expected) => {
    expect(targets(text)).toEqual(expected);
  });

  it('takes a limit', () => {
    expect(targets('[[a1]] [[b2]] [[c3]]', 1)).toEqual(['a1']);
    expect(targets('[[a1]]', 0)).toEqual([]);
    expect(MAX_LINKS).toBe(3);
  });

  it('reads at most MAX_LINK_TEXT characters between the brackets', () => {
    expect(targets(`[[${'a'.repeat(MAX_LINK_TEXT)}]]`)).toHaveLength(1);
    expect(targets(`[[${'a'.repeat(MAX_LINK_TEXT + 1)}]] [[Dual power]]`)).toEqual(['Dual power']);
  });

  it('reads only the first MAX_SCAN characters', () => {
    expect(targets(`${' '.repeat(MAX_SCAN - 20)}[[Dual power]]`)).toEqual(['Dual power']);
    expect(targets(`${' '.repeat(MAX_SCAN)}[[Dual power]]`)).toEqual([]);
  });

  it('answers nothing for what is not a string', () => {
    expect(findWikiLinks(undefined as unknown as string)).toEqual([]);
    expect(findWikiLinks(42 as unknown as string)).toEqual([]);
  });

  // Each hostile text is as long as any platform sends. The scan is linear by construction
  // (each "[[" is followed for at most MAX_LINK_TEXT characters, each backtick run is visited
  // once); a quadratic slip would take minutes here, past the test's time limit.
  const hostile: [string, string][] = [
    ['brackets only', '['.repeat(MAX_SCAN)],
    ['openers only', '[['.repeat(MAX_SCAN / 2)],
    ['closers only', ']]'.repeat(MAX_SCAN / 2)],
    ['long unclosed links', `[[${'a'.repeat(MAX_LINK_TEXT - 2)}`.repeat(MAX_SCAN / MAX_LINK_TEXT)],
    ['backticks of every length', Array.from({ length: 280 }, (_, i) => '`'.repeat(i + 1)).join('[[x]]')],
    ['backticks, unpaired', '` [['.repeat(MAX_SCAN / 4)],
    ['quote markers', '>\n[[a]]\n'.repeat(MAX_SCAN / 8)],
    ['nested brackets', '[[[[[[[[a]]]]]]]]'.repeat(MAX_SCAN / 17)],
    ['surrogates and marks', '[[\ud800e\u0301\udfff🙂]]'.repeat(MAX_SCAN / 12)],
  ];
  it.each(hostile)('returns quickly with at most three links on hostile text: %s', (_name, text) => {
    const links = findWikiLinks(text);
    expect(links.length).toBeLessThanOrEqual(MAX_LINKS);
    for (const l of links) expect(l.target.length).toBeLessThanOrEqual(MAX_LINK_TEXT);
  });
});
