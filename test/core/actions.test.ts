// The action codec (src/actions.ts) and what the core does with actions: which replies carry
// "Post in channel", and what running a decoded action answers.
import { beforeAll, describe, expect, it } from 'vitest';
import { actionCommand, runAction, runCommand, runText, STALE_ACTION } from '../../commands/index.js';
import type { CommandDeps } from '../../commands/types.js';
import { actionLabel, chooseSuggestion, decodeAction, encodeAction, type Action } from '../../src/actions.js';
import type { Reply } from '../../src/reply.js';
import { testDeps } from '../helpers/library.js';

const actions: Action[] = [
  { type: 'another-quote', query: 'Kropotkin: on anarchy', index: 4 },
  { type: 'related', term: 'Dual power' },
  { type: 'define', term: 'a:b:c' },
  { type: 'define', term: '  spaced  ' },
  { type: 'suggest', command: 'quote', term: 'Peter Kropotkin' },
  { type: 'suggest', command: 'define', term: '🏳️‍🌈 Ünïcode & 100% = ok' },
  { type: 'suggest-menu', command: 'define' },
  { type: 'post', command: 'quote', input: { name: 'Kropotkin', index: '2' } },
  { type: 'post', command: 'search', input: { text: 'a&b=c%d&e' } },
  { type: 'post', command: 'help', input: {} },
  { type: 'share', command: 'define', term: 'Dual power: a:b' },
];

describe('encodeAction and decodeAction', () => {
  it.each(actions)('round-trips %o within 100 characters, versioned', (action) => {
    const text = encodeAction(action, 100)!;
    expect(text).toMatch(/^cp2:/);
    expect(text.length).toBeLessThanOrEqual(100);
    expect(decodeAction(text)).toEqual(action);
  });

  it('is compact: the version, a one-letter kind, then the fields', () => {
    expect(encodeAction({ type: 'related', term: 'Dual power' }, 100)).toBe('cp2:r:Dual power');
    expect(encodeAction({ type: 'another-quote', query: 'Kropotkin', index: 1 }, 100)).toBe('cp2:q:1:Kropotkin');
    expect(encodeAction({ type: 'post', command: 'define', input: { term: 'dual power' } }, 100)).toBe('cp2:p:define:term=dual power');
    expect(encodeAction({ type: 'share', command: 'define', term: 'Dual power' }, 100)).toBe('cp2:h:define:Dual power');
    expect(actionLabel({ type: 'share', command: 'define', term: 'Dual power' })).toBe('Post Dual power');
  });

  it('refuses what does not fit, and what a component cannot carry', () => {
    expect(encodeAction({ type: 'related', term: 'x'.repeat(120) }, 100)).toBeUndefined();
    expect(encodeAction({ type: 'related', term: 'x'.repeat(120) }, 2000)).toBe(`cp2:r:${'x'.repeat(120)}`);
    for (const bad of [
      { type: 'related', term: '' },
      { type: 'related', term: '   ' },
      { type: 'define', term: 'two\nlines' },
      { type: 'define', term: 'half a pair \ud83d' },
      { type: 'another-quote', query: 'q', index: -1 },
      { type: 'another-quote', query: 'q', index: 1.5 },
      { type: 'suggest', command: 'Not A Command', term: 'x' },
      { type: 'post', command: 'define', input: { 'bad key': 'x' } },
      { type: 'share' },
    ] as unknown as Action[]) {
      expect(encodeAction(bad, 2000), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('decodes nothing expired, unknown, forged or malformed', () => {
    for (const bad of [
      '',
      'cp2',
      'cp2:',
      'cp2:q:x:Kropotkin',
      'cp2:q:1:',
      'cp2:q:01:Kropotkin',
      'cp2:zz:1',
      'cp2:r:   ',
      'cp2:s:define',
      'cp2:s:Define:x',
      'cp2:m:',
      'cp2:p:define:term',
      'cp2:p:define:term=a&term=b',
      'cp2:p:define:term=100%',
      'cp2:p::term=x',
      'cp2:r:two\nlines',
      'cp2:r:lone \udc00 half',
      'cp0:r:Dual power',
      'cp3:r:Dual power',
      'garbage',
      `cp2:r:${'x'.repeat(5000)}`,
      '{"type":"share","command":"define","input":{}}',
      '{"type":"related"',
      '[1,2]',
    ]) {
      expect(decodeAction(bad), JSON.stringify(bad).slice(0, 60)).toBeUndefined();
    }
    for (const notText of [undefined, null, 42, {}, ['cp2:r:x']]) expect(decodeAction(notText)).toBeUndefined();
  });

  it('reads the buttons made before it: Discord custom_ids (cp1) and Slack JSON values, except "Post in channel"', () => {
    expect(decodeAction('cp1:q:2:Kropotkin')).toEqual({ type: 'another-quote', query: 'Kropotkin', index: 2 });
    expect(decodeAction('cp1:r:Dual power')).toEqual({ type: 'related', term: 'Dual power' });
    expect(decodeAction('cp1:d:a:b')).toEqual({ type: 'define', term: 'a:b' });
    expect(decodeAction('cp1:s:q:Peter Kropotkin')).toEqual({ type: 'suggest', command: 'quote', term: 'Peter Kropotkin' });
    expect(decodeAction('cp1:sm:d')).toEqual({ type: 'suggest-menu', command: 'define' });
    expect(decodeAction('cp1:p:d:dual power')).toBeUndefined();
    expect(decodeAction('cp1:p:q:0:Kropotkin')).toBeUndefined();
    expect(decodeAction('{"type":"another-quote","query":"Kropotkin","index":1}')).toEqual({
      type: 'another-quote',
      query: 'Kropotkin',
      index: 1,
    });
    expect(decodeAction('{"type":"related","term":"Dual power"}')).toEqual({ type: 'related', term: 'Dual power' });
    expect(decodeAction('{"type":"share","command":"define","input":{"term":"x"}}')).toBeUndefined();
  });

  it('fills a suggestion menu with the chosen term, and nothing else', () => {
    const menu = { type: 'suggest-menu' as const, command: 'quote' };
    expect(chooseSuggestion(menu, 'Peter Kropotkin')).toEqual({ type: 'suggest', command: 'quote', term: 'Peter Kropotkin' });
    for (const bad of [undefined, '', '  ', 'x'.repeat(201), 'a\nb', 7]) expect(chooseSuggestion(menu, bad)).toBeUndefined();
  });

  it('labels each action in plain words, for a terminal or any renderer', () => {
    expect(actions.map(actionLabel)).toEqual([
      'Another quote',
      'Related',
      'Define a:b:c',
      'Define   spaced  ',
      'Peter Kropotkin',
      '🏳️‍🌈 Ünïcode & 100% = ok',
      'Did you mean…',
      'Post in channel',
      'Post in channel',
      'Post in channel',
      'Post Dual power: a:b',
    ]);
  });
});

describe('the core and actions', () => {
  let deps: CommandDeps;
  beforeAll(async () => {
    deps = await testDeps();
  });
  const shell = { platform: 'shell' };

  it('a private answer carries "Post in channel" with the command and the input that recompute it', async () => {
    const r = await runText(deps, '/define private dual powr', shell);
    expect(r.private).toBe(true);
    expect(r.actions?.at(-1)).toEqual({ type: 'post', command: 'define', input: { term: 'dual powr' } });
    const quote = await runCommand(deps, 'quote', { name: 'dual power', index: 1, private: true }, shell);
    expect(quote.actions?.at(-1)).toEqual({ type: 'post', command: 'quote', input: { name: 'dual power', index: '1' } });
  });

  it('a public answer, help, a notice, "not found" and an error carry none', async () => {
    const replies = await Promise.all(
      ['/define dual power', '/help', '/define', '/define zqxv wombat', '/definee x', '/daily preview', '/search private soviets zzz'].map(
        (l) => runText(deps, l, shell),
      ),
    );
    for (const r of replies.slice(0, 6)) expect(r.actions?.some((a) => a.type === 'post') ?? false, r.title).toBe(false);
    // Even a private search carries one; the last line asked for it.
    expect(replies[6]!.actions?.at(-1)).toMatchObject({ type: 'post', command: 'search' });
  });

  it('"Post in channel" recomputes the same answer, publicly, without another post', async () => {
    const privately = await runText(deps, '/quote private dual power', shell);
    const next = await runAction(deps, privately.actions!.find((a) => a.type === 'another-quote')!, { ...shell, private: true });
    expect(next.index).toBe(1);
    const post = next.actions!.find((a) => a.type === 'post')!;
    const posted = await runAction(deps, decodeAction(encodeAction(post, 100))!, { ...shell, private: true });
    expect(posted.private).toBeUndefined();
    expect(posted.quote).toEqual(next.quote);
    expect(posted.actions?.some((a) => a.type === 'post')).toBe(false);
  });

  it('"Post X" runs its command for the term publicly, even from a private answer', async () => {
    const shared = await runAction(deps, { type: 'share', command: 'define', term: 'Dual power' }, { ...shell, private: true });
    expect(shared).toMatchObject({ kind: 'definition', title: 'Dual power' });
    expect(shared.private).toBeUndefined();
    expect(actionCommand({ type: 'share', command: 'define', term: 'Dual power' })).toMatchObject({
      command: 'define',
      input: { term: 'Dual power' },
      public: true,
    });
  });

  it('a suggestion runs its command for the suggested term; a menu without a choice runs nothing', async () => {
    const defined = await runAction(deps, { type: 'suggest', command: 'define', term: 'Dual power' }, shell);
    expect(defined).toMatchObject({ kind: 'definition', title: 'Dual power' });
    const quoted = await runAction(deps, { type: 'suggest', command: 'quote', term: 'Peter Kropotkin' }, shell);
    expect(quoted.quote?.speaker).toBe('Peter Kropotkin');
    expect(await runAction(deps, { type: 'suggest-menu', command: 'define' }, shell)).toEqual(STALE_ACTION);
  });

  it('a button never runs what changes settings or what is private by nature, however it is forged', async () => {
    const seen: unknown[] = [];
    const handle = async (input: unknown): Promise<Reply> => {
      seen.push(input);
      return { kind: 'notice', text: 'ran' };
    };
    const withDaily: CommandDeps = { ...deps, daily: { handle } };
    const admin = { platform: 'discord', channelId: 'c1', canManageChannel: true };
    for (const forged of [
      { type: 'post', command: 'daily', input: { subcommand: 'unsubscribe' } },
      { type: 'suggest', command: 'daily', term: 'unsubscribe' },
      { type: 'post', command: 'help', input: {} },
      { type: 'post', command: 'nosuchcommand', input: {} },
      { type: 'share', command: 'daily', term: 'unsubscribe' },
      { type: 'share', command: 'settings', term: 'inline on server' },
      { type: 'suggest', command: 'settings', term: 'inline off' },
    ] as Action[]) {
      expect(actionCommand(forged)).toBeUndefined();
      expect(await runAction(withDaily, forged, admin)).toEqual(STALE_ACTION);
    }
    expect(seen).toEqual([]);
  });

  it('runs a decoded action through the same validation as a typed command', async () => {
    const long = await runAction(deps, { type: 'define', term: 'x'.repeat(300) }, shell);
    expect(long).toMatchObject({ kind: 'notice', title: 'That is too long' });
    const blank = await runAction(deps, { type: 'post', command: 'define', input: { term: '?!' } }, shell);
    expect(blank).toMatchObject({ kind: 'notice', title: 'Which term?' });
  });
});
