// Reply → Block Kit, as a pure function: layout, escaping, limits, buttons.
import { describe, expect, it } from 'vitest';
import { escapeText, fitEscaped, link } from '../../adapters/slack/mrkdwn.js';
import { renderReply } from '../../adapters/slack/render.js';
import { decodeAction as decodeButton } from '../../src/actions.js';
import type { Reply } from '../../src/reply.js';
import { allText, buttonLabels, findButton, headerText } from '../doubles/slack/requests.js';
import { fixtureReply } from '../fixtures/replies.js';
import { assertWithinSlackLimits } from './limits.js';

const DUAL = 'https://anarwiki.org/wiki/Dual_power';
const HOSTILE =
  'Hi <!channel> <!here> <!everyone> <@U123> <#C0GENERAL|general> @everyone @here & <https://evil.example|click> ‮dlrow‬ zero​width';

const definition: Reply = {
  kind: 'definition',
  title: 'Dual power',
  url: DUAL,
  text: 'Dual power is a strategy in which a parallel set of institutions is built alongside the state. It prefigures the society to come.',
  citations: [
    {
      label: 'Kropotkin, Peter. Modern Science and Anarchy, 1914',
      url: 'https://theanarchistlibrary.org/library/petr-kropotkin-modern-science-and-anarchism',
    },
    { label: 'A note without a link' },
  ],
  actions: [{ type: 'related', term: 'Dual power' }],
};

const quote: Reply = fixtureReply('quote');

describe('renderReply: layout', () => {
  it('renders a definition: header, summary, page link and citations, Related button, in the channel', () => {
    const m = renderReply(definition, { wikiName: 'AnarWiki' });
    assertWithinSlackLimits(m);
    expect(m.response_type).toBe('in_channel');
    expect(headerText(m.blocks)).toBe('Dual power');
    expect(m.blocks[1]).toMatchObject({ type: 'section', text: { type: 'mrkdwn', text: definition.text } });
    const ctx = m.blocks.find((b) => b.type === 'context')!;
    expect(ctx.type === 'context' && ctx.elements.map((e) => e.text)).toEqual([
      `<${DUAL}|Dual power> on AnarWiki`,
      '<https://theanarchistlibrary.org/library/petr-kropotkin-modern-science-and-anarchism|Kropotkin, Peter. Modern Science and Anarchy, 1914>',
      'A note without a link',
    ]);
    const related = findButton(m.blocks, 'Related')!;
    expect(decodeButton(related.value)).toEqual({ type: 'related', term: 'Dual power' });
    expect(related.action_id).toMatch(/^commonplace:related:/);
    expect(m.text).toBe('Dual power: Dual power is a strategy in which a parallel set of institutions is built alongside the state.');
  });

  it.each(['surname', 'acronym', 'variant', 'words'] as const)('says what a query found by %s matched', (how) => {
    const m = renderReply(
      { ...definition, title: 'Peter Kropotkin', matched: { query: 'kropotkin', title: 'Peter Kropotkin', how } },
      { wikiName: 'AnarWiki' },
    );
    expect(allText(m.blocks)).toContain('_Showing Peter Kropotkin for “kropotkin”_');
  });

  it('renders a quotation as > lines with speaker, work, year and source', () => {
    const m = renderReply(quote, { wikiName: 'AnarWiki' });
    assertWithinSlackLimits(m);
    expect(headerText(m.blocks)).toBe('Peter Kropotkin');
    const body = m.blocks.find((b) => b.type === 'section')!;
    expect(body.type === 'section' && body.text.text).toBe(
      '> The revolution will be a failure\n> if it is not carried out by the people themselves.\n' +
        '— *Peter Kropotkin*, _Modern Science and Anarchy_, 1914 · <https://theanarchistlibrary.org/library/petr-kropotkin-modern-science-and-anarchism|source>',
    );
    const text = allText(m.blocks);
    expect(text).toContain('Quotation 1 of 3 for “Kropotkin”');
    expect(text).toContain(`From <${DUAL}|Dual power> › <${DUAL}#Anarchist_criticisms|Anarchist criticisms> on AnarWiki`);
    expect(decodeButton(findButton(m.blocks, 'Another quote')!.value)).toEqual({ type: 'another-quote', query: 'Kropotkin', index: 1 });
    expect(m.text).toBe('Peter Kropotkin: “The revolution will be a failure if it is not carried out by the people themselves.”');
  });

  it('offers "Post in channel" on a private answer, carrying what recomputes it', () => {
    // The core adds the post action to a private answer only (test/core/actions.test.ts).
    const post = { type: 'post' as const, command: 'define', input: { term: 'dual power' } };
    const privately = renderReply({ ...definition, private: true, actions: [...definition.actions!, post] });
    assertWithinSlackLimits(privately);
    expect(privately.response_type).toBe('ephemeral');
    const button = findButton(privately.blocks, 'Post in channel')!;
    expect(button).toMatchObject({ style: 'primary', action_id: 'commonplace:post:1' });
    expect(decodeButton(button.value)).toEqual(post);

    expect(buttonLabels(renderReply(definition).blocks)).toEqual(['Related']);
    const notfound: Reply = { kind: 'notfound', private: true, title: 'Not in the wiki', text: 'Nothing.', suggestions: [] };
    expect(buttonLabels(renderReply(notfound).blocks)).toEqual([]);
  });

  it('turns notfound suggestions into /define buttons, privately', () => {
    const m = renderReply({
      kind: 'notfound',
      private: true,
      title: 'Not in the wiki',
      text: 'Nothing in the wiki is called "dual powr". Did you mean one of these?',
      suggestions: ['Dual power', 'Counterpower'],
      actions: [
        { type: 'suggest', command: 'define', term: 'Dual power' },
        { type: 'suggest', command: 'define', term: 'Counterpower' },
      ],
    });
    assertWithinSlackLimits(m);
    expect(m.response_type).toBe('ephemeral');
    expect(buttonLabels(m.blocks)).toEqual(['Dual power', 'Counterpower']);
    expect(decodeButton(findButton(m.blocks, 'Counterpower')!.value)).toEqual({ type: 'suggest', command: 'define', term: 'Counterpower' });
  });

  it('lists suggestions that have no button as text', () => {
    const m = renderReply({
      kind: 'notfound',
      private: true,
      title: 'No quotation found',
      text: 'Quoted people with similar names:',
      suggestions: ['Peter Kropotkin'],
    });
    expect(allText(m.blocks)).toContain('• Peter Kropotkin');
  });

  it('keeps errors private and shows their id', () => {
    const m = renderReply({ kind: 'error', title: 'Something went wrong', text: 'Something broke.', errorId: 'AB12CD' });
    assertWithinSlackLimits(m);
    expect(m.response_type).toBe('ephemeral');
    expect(allText(m.blocks)).toContain('Error id: AB12CD');
  });

  it('renders items with links, reasons and excerpts', () => {
    const m = renderReply(
      {
        kind: 'related',
        title: 'Related to Counterpower',
        url: 'https://anarwiki.org/wiki/Counterpower',
        actions: [{ type: 'define', term: 'Counterpower' }],
        items: [
          { title: 'Dual power', url: DUAL, why: 'listed together under Related Concepts' },
          {
            title: 'Prefiguration',
            url: 'https://anarwiki.org/wiki/Prefiguration',
            excerpt: 'Building the new world in the shell of the old.',
          },
        ],
      },
      { wikiName: 'AnarWiki' },
    );
    assertWithinSlackLimits(m);
    const text = allText(m.blocks);
    expect(text).toContain(`• *<${DUAL}|Dual power>* — listed together under Related Concepts`);
    expect(text).toContain('Building the new world in the shell of the old.');
    expect(text).toContain('<https://anarwiki.org/wiki/Counterpower|Read on AnarWiki>');
    expect(buttonLabels(m.blocks)).toEqual(['Define Counterpower']);
  });

  it('renames commands mentioned in the text when a prefix is set, but not inside URLs', () => {
    const m = renderReply(
      {
        kind: 'help',
        private: true,
        title: 'AnarWiki in chat',
        text: 'Try /define or /search. See https://anarwiki.org/define too.',
        items: [{ title: '/define <term>', why: 'A summary', excerpt: 'e.g. /define dual power, /quote Kropotkin' }],
      },
      { commandPrefix: 'cp-', commandNames: ['define', 'quote', 'search'] },
    );
    assertWithinSlackLimits(m);
    const text = allText(m.blocks);
    expect(text).toContain('Try /cp-define or /cp-search. See https://anarwiki.org/define too.');
    expect(text).toContain('*/cp-define &lt;term&gt;*');
    expect(text).toContain('e.g. /cp-define dual power, /cp-quote Kropotkin');
    expect(text).not.toMatch(/(^|\s)\/define/);
  });
});

describe('renderReply: hostile content and limits', () => {
  it('escapes every user and content text: no mention, broadcast or foreign link survives', () => {
    const m = renderReply({
      kind: 'definition',
      title: HOSTILE,
      url: DUAL,
      text: HOSTILE,
      items: [{ title: HOSTILE, url: DUAL, why: HOSTILE, excerpt: HOSTILE }],
      citations: [{ label: HOSTILE, url: 'https://example.org/a|b>c' }],
      matched: { query: HOSTILE, title: 'Dual power', how: 'fuzzy' },
      suggestions: [HOSTILE],
      actions: [{ type: 'related', term: HOSTILE }],
    });
    assertWithinSlackLimits(m);
    const text = allText(m.blocks);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&lt;@U123&gt;');
    expect(text).toContain('&amp;');
    expect(text).not.toContain('‮'); // RTL override removed
    expect(text).not.toContain('​'); // zero-width space removed
    expect(text).toContain('<https://example.org/a%7Cb%3Ec|');
  });

  it('never links a URL that is not http(s)', () => {
    const m = renderReply({
      kind: 'definition',
      title: 'X',
      url: 'javascript:alert(1)',
      text: 'Body.',
      citations: [
        { label: 'ftp link', url: 'ftp://example.org/file' },
        { label: 'mailto', url: 'mailto:a@example.org' },
        { label: 'relative', url: '/wiki/Foo' },
      ],
      items: [{ title: 'Bad', url: 'data:text/html,hi' }],
    });
    assertWithinSlackLimits(m);
    const text = allText(m.blocks);
    expect(text).not.toMatch(/<(javascript|ftp|mailto|data|\/)/);
    expect(text).toContain('ftp link');
  });

  it('cuts a long body at a sentence end, with a Read more link, within 3000 characters', () => {
    const sentence = 'Workers councils & assemblies <grew> in number. ';
    const long = sentence.repeat(400); // ~19,600 characters, with characters that escape longer
    const m = renderReply({ ...definition, text: long }, { wikiName: 'AnarWiki' });
    assertWithinSlackLimits(m);
    const body = m.blocks[1]!;
    expect(body.type).toBe('section');
    const t = body.type === 'section' ? body.text.text : '';
    expect(t.length).toBeLessThanOrEqual(3000);
    expect(t.length).toBeGreaterThan(2500);
    expect(t).toMatch(/in number\. <https:\/\/anarwiki\.org\/wiki\/Dual_power\|Read more on AnarWiki>$/);
    expect(m.text.length).toBeLessThanOrEqual(300);
  });

  it('keeps a huge quotation, title and button label within limits', () => {
    const m = renderReply({
      ...quote,
      title: 'T'.repeat(500),
      quote: { ...quote.quote!, text: 'Long line & more. '.repeat(1000), speaker: 'S'.repeat(1000), work: 'W'.repeat(1000) },
      actions: [{ type: 'define', term: 'x'.repeat(500) }],
    });
    assertWithinSlackLimits(m);
    expect(headerText(m.blocks)!.length).toBeLessThanOrEqual(150);
  });

  it('stays within 50 blocks and 10 context elements for very long lists', () => {
    const m = renderReply({
      kind: 'search',
      title: 'Search',
      text: 'Many hits.',
      items: Array.from({ length: 500 }, (_, i) => ({
        title: `Page ${i} ${'w'.repeat(100)}`,
        url: `https://anarwiki.org/wiki/P${i}`,
        excerpt: 'e'.repeat(2000),
      })),
      citations: Array.from({ length: 40 }, (_, i) => ({ label: `Note ${i}`, url: `https://example.org/${i}` })),
      actions: Array.from({ length: 40 }, (_, i) => ({ type: 'define' as const, term: `Term ${i}` })),
    });
    assertWithinSlackLimits(m);
    expect(allText(m.blocks)).toMatch(/…and \d+ more/);
  });

  it('drops a button whose value would not fit in 2000 characters', () => {
    const m = renderReply({
      ...definition,
      actions: [
        { type: 'related', term: 'r'.repeat(2500) },
        { type: 'related', term: 'ok' },
      ],
    });
    assertWithinSlackLimits(m);
    expect(buttonLabels(m.blocks)).toEqual(['Related']);
    expect(decodeButton(findButton(m.blocks, 'Related')!.value)).toEqual({ type: 'related', term: 'ok' });
  });

  it('survives text made only of characters that escape to entities', () => {
    const m = renderReply({ kind: 'notice', title: '&'.repeat(400), text: '<'.repeat(10_000) });
    assertWithinSlackLimits(m);
  });

  it('always sets a fallback text, even for an empty reply', () => {
    const m = renderReply({ kind: 'notice' });
    assertWithinSlackLimits(m);
    expect(m.text).toBe('Note');
  });
});

describe('text helpers', () => {
  it('escapes the three control characters and defuses broadcast words', () => {
    expect(escapeText('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeText('@here @channel @everyone')).not.toMatch(/@(here|channel|everyone)/);
  });

  it('builds links only for http(s), with escaped labels', () => {
    expect(link('A & B', 'https://a.example/x?y=1&z=2')).toBe('<https://a.example/x?y=1&amp;z=2|A &amp; B>');
    expect(link('<b>', 'javascript:alert(1)')).toBe('&lt;b&gt;');
  });

  it('fits escaped text without splitting an entity', () => {
    const { text } = fitEscaped('&'.repeat(100), 52);
    expect(text.length).toBeLessThanOrEqual(52);
    expect(text.replace(/&amp;/g, '')).not.toContain('&');
  });
});
