// Reply → Discord message, as a pure function: what a member sees, within every limit.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../adapters/discord/limits.js';
import { neutralizeMentions, safe } from '../../adapters/discord/markdown.js';
import { renderReply } from '../../adapters/discord/render.js';
import { decodeAction } from '../../src/actions.js';
import type { Reply } from '../../src/reply.js';
import { assertWithinDiscordLimits, LIVE_MENTION } from './limits.js';

const opts = { wikiName: 'AnarWiki' };
/** The fields of a button or a select menu these tests read (each kind has only some of them). */
interface ComponentView {
  type: number;
  label?: string;
  custom_id?: string;
  style?: number;
  url?: string;
  options?: { label: string }[];
}
const buttons = (m: ReturnType<typeof renderReply>): ComponentView[] => m.components.flatMap((r) => r.components);

const sentence = (i: number) => `Sentence number ${i} explains one more aspect of dual power in some detail.`;
const longText = Array.from({ length: 200 }, (_, i) => sentence(i)).join(' ');

describe('renderReply: a definition', () => {
  const reply: Reply = {
    kind: 'definition',
    title: 'Dual power',
    url: 'https://anarwiki.org/wiki/Dual_power',
    text: 'Dual power is a strategy in which institutions of self-management grow alongside the state.',
    citations: [{ label: 'Lenin, The Dual Power, 1917', url: 'https://example.org/lenin' }, { label: 'A book without a link' }],
    actions: [{ type: 'related', term: 'Dual power' }],
  };
  const m = renderReply(reply, opts);
  const e = m.embeds[0]!;

  it('has the title linking to the page, the summary and the wiki in the footer', () => {
    expect(e.title).toBe('Dual power');
    expect(e.url).toBe('https://anarwiki.org/wiki/Dual_power');
    expect(e.description).toBe('Dual power is a strategy in which institutions of self-management grow alongside the state.');
    expect(e.footer?.text).toBe('AnarWiki');
  });

  it('lists the sources with their links', () => {
    const sources = e.fields!.find((f) => f.name === 'Sources')!;
    expect(sources.value).toContain('[1] [Lenin, The Dual Power, 1917](https://example.org/lenin)');
    expect(sources.value).toContain('[2] A book without a link');
  });

  it('is public, mentions nothing, and has a Related button and a link to the page', () => {
    expect(m.flags).toBeUndefined();
    expect(m.allowed_mentions).toEqual({ parse: [] });
    const b = buttons(m);
    expect(b.find((x) => x.label === 'Related')?.custom_id).toBe('cp2:r:Dual power');
    expect(b.find((x) => x.style === 5)).toMatchObject({ label: 'Read on AnarWiki', url: 'https://anarwiki.org/wiki/Dual_power' });
    assertWithinDiscordLimits(m);
  });

  it('says what a fuzzy query matched', () => {
    const fuzzy = renderReply({ ...reply, matched: { query: 'dual powr', title: 'Dual power', how: 'fuzzy' } }, opts);
    expect(fuzzy.embeds[0]!.description).toMatch(/^\*Showing Dual power for “dual powr”\*/);
    const sameWords = renderReply({ ...reply, matched: { query: 'dual POWER', title: 'Dual power', how: 'concept' } }, opts);
    expect(sameWords.embeds[0]!.description).not.toContain('Showing');
  });

  it.each(['surname', 'acronym', 'variant', 'words'] as const)('says what a query found by %s matched', (how) => {
    const m = renderReply({ ...reply, matched: { query: 'kropotkin', title: 'Peter Kropotkin', how } }, opts);
    expect(m.embeds[0]!.description).toMatch(/^\*Showing Peter Kropotkin for “kropotkin”\*/);
  });
});

describe('renderReply: a quote', () => {
  const reply: Reply = {
    kind: 'quote',
    title: 'Peter Kropotkin',
    url: 'https://anarwiki.org/wiki/Dual_power#Criticism',
    quote: {
      text: 'Anarchy is an attempt to apply to the study of human institutions the inductive method.',
      speaker: 'Peter Kropotkin',
      work: 'Modern Science and Anarchy',
      year: '1913',
      source: 'https://theanarchistlibrary.org/library/petr-kropotkin-modern-science-and-anarchism',
      page: 'Dual power',
      pageUrl: 'https://anarwiki.org/wiki/Dual_power',
      section: 'Criticism',
      sectionUrl: 'https://anarwiki.org/wiki/Dual_power#Criticism',
    },
    total: 3,
    index: 0,
    actions: [
      { type: 'another-quote', query: 'Kropotkin', index: 1 },
      { type: 'related', term: 'Dual power' },
    ],
  };
  const m = renderReply(reply, opts);
  const e = m.embeds[0]!;

  it('quotes the text and names speaker, work (linked to the source) and year', () => {
    expect(e.description).toContain('> Anarchy is an attempt to apply');
    expect(e.description).toContain(
      '— **Peter Kropotkin**, [*Modern Science and Anarchy*](https://theanarchistlibrary.org/library/petr-kropotkin-modern-science-and-anarchism) (1913)',
    );
    expect(e.description).toContain('In [Dual power › Criticism](https://anarwiki.org/wiki/Dual_power#Criticism)');
    expect(e.footer?.text).toBe('AnarWiki · Quote 1 of 3');
  });

  it('has "Another quote" carrying the next index and the query in its custom_id', () => {
    const another = buttons(m).find((b) => b.label === 'Another quote');
    expect(another!.custom_id).toBe('cp2:q:1:Kropotkin');
    expect(decodeAction(another!.custom_id)).toEqual({ type: 'another-quote', query: 'Kropotkin', index: 1 });
  });
});

describe('renderReply: visibility and suggestions', () => {
  it('makes a private answer ephemeral with "Post in channel" carrying how to recompute it', () => {
    // The core adds the post action to a private answer (test/core/actions.test.ts).
    const post = { type: 'post' as const, command: 'define', input: { term: 'dual power' } };
    const reply: Reply = {
      kind: 'definition',
      title: 'Dual power',
      url: 'https://anarwiki.org/wiki/Dual_power',
      text: 'A strategy.',
      private: true,
      actions: [post],
    };
    const m = renderReply(reply, opts);
    expect(m.flags).toBe(64);
    const button = buttons(m).find((b) => b.label === 'Post in channel');
    expect(button!.custom_id).toBe('cp2:p:define:term=dual power');
    expect(button!.style).toBe(1); // primary
    expect(decodeAction(button!.custom_id)).toEqual(post);
  });

  it('shows an error privately, with its id and no buttons', () => {
    const err = renderReply({ kind: 'error', title: 'Something went wrong', text: 'error AB12CD', errorId: 'AB12CD', private: true }, opts);
    expect(buttons(err)).toEqual([]);
    expect(err.flags).toBe(64);
    expect(err.embeds[0]!.footer?.text).toBe('AnarWiki · Error AB12CD');
  });

  it('shows up to five suggestions as buttons that run /define', () => {
    const m = renderReply(
      {
        kind: 'notfound',
        private: true,
        title: 'Not in the wiki',
        text: 'Did you mean one of these?',
        suggestions: ['Dual power', 'Counterpower'],
        actions: [
          { type: 'suggest', command: 'define', term: 'Dual power' },
          { type: 'suggest', command: 'define', term: 'Counterpower' },
        ],
      },
      opts,
    );
    expect(m.flags).toBe(64);
    expect(buttons(m).map((b) => [b.label, b.custom_id])).toEqual([
      ['Dual power', 'cp2:s:define:Dual power'],
      ['Counterpower', 'cp2:s:define:Counterpower'],
    ]);
    expect(m.embeds[0]!.fields!.find((f) => f.name === 'Did you mean')!.value).toBe('• Dual power\n• Counterpower');
  });

  it('uses a select menu for more than five suggestions, and /quote suggestions run /quote', () => {
    const suggestions = Array.from({ length: 30 }, (_, i) => `Person ${i}`);
    const actions = suggestions.map((term) => ({ type: 'suggest' as const, command: 'quote', term }));
    const m = renderReply({ kind: 'notfound', private: true, title: 'No quotation found', suggestions, actions }, opts);
    const select = buttons(m).find((c) => c.type === 3);
    expect(select!.custom_id).toBe('cp2:m:quote');
    expect(decodeAction(select!.custom_id)).toEqual({ type: 'suggest-menu', command: 'quote' });
    expect(select!.options).toHaveLength(25);
    assertWithinDiscordLimits(m);
  });
});

describe('renderReply: limits', () => {
  it('cuts a long summary at a sentence end with a "Read more" link to the page', () => {
    const m = renderReply({ kind: 'definition', title: 'Dual power', url: 'https://anarwiki.org/wiki/Dual_power', text: longText }, opts);
    const d = m.embeds[0]!.description!;
    expect(d.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(d).toMatch(/in some detail\. \[Read more\]\(https:\/\/anarwiki\.org\/wiki\/Dual_power\)$/);
    assertWithinDiscordLimits(m);
  });

  it('keeps a reply with everything at its maximum within every limit', () => {
    const big = 'x'.repeat(5000);
    const reply: Reply = {
      kind: 'search',
      title: `${big} @everyone`,
      url: 'https://anarwiki.org/wiki/Dual_power',
      text: longText,
      matched: { query: big, title: big, how: 'fuzzy' },
      items: Array.from({ length: 40 }, (_, i) => ({
        title: `${big}${i}`,
        url: 'https://anarwiki.org/wiki/X',
        why: big,
        excerpt: i % 2 ? big : undefined,
      })),
      citations: Array.from({ length: 30 }, () => ({ label: big, url: `https://example.org/${'a'.repeat(600)}` })),
      suggestions: Array.from({ length: 40 }, (_, i) => `${big}${i}`),
      actions: [
        { type: 'another-quote', query: big, index: 3 },
        { type: 'related', term: big },
        { type: 'define', term: 'short' },
        { type: 'post', command: 'search', input: { text: 'x' } },
      ],
      total: 99,
      index: 98,
      private: true,
    };
    const m = renderReply(reply, opts);
    assertWithinDiscordLimits(m);
    // Too-long state cannot go in a custom_id: those buttons are left out, not truncated.
    expect(buttons(m).some((b) => b.label === 'Another quote')).toBe(false);
    expect(buttons(m).some((b) => b.label === 'Definition')).toBe(true);
  });

  it('escapes Markdown and breaks mentions in any text from input or content', () => {
    const hostile =
      '@everyone @here <@123456789012345678> <@&123456789012345678> <#123456789012345678> **bold** [x](https://evil.example) # Heading\n-# small\n> quote';
    const m = renderReply(
      { kind: 'notfound', private: true, title: hostile, text: `Nothing is called "${hostile}".`, suggestions: [hostile] },
      opts,
    );
    assertWithinDiscordLimits(m);
    const e = m.embeds[0]!;
    expect(e.description).not.toMatch(LIVE_MENTION);
    expect(e.description).toContain('\\*\\*bold\\*\\*');
    expect(e.description).toContain('\\[x\\](https://evil.example)');
    expect(e.description).not.toMatch(/^#/m);
    expect(e.title).toContain('@\u200beveryone');
  });
});

describe('text helpers', () => {
  it('neutralizes every kind of mention', () => {
    expect(neutralizeMentions('@everyone @HERE <@1> <@!2> <@&3> <#4>')).not.toMatch(/@everyone|@HERE|<@!?\d|<@&\d|<#\d/);
    expect(safe('a_b *c* ~~d~~ ||e|| `f`')).toBe('a\\_b \\*c\\* \\~\\~d\\~\\~ \\|\\|e\\|\\| \\`f\\`');
  });
});
