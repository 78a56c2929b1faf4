// defineCommand: typed options declared once, validated once by runCommand, with the same
// friendly replies for every command; and the answer policy of src/reply.ts.
import { describe, expect, it } from 'vitest';
import { commands, runCommand } from '../../commands/index.js';
import { defineCommand, flag, integer, subcommand, text } from '../../commands/define-command.js';
import type { CommandDeps, CommandInput } from '../../commands/types.js';
import { loadConfig } from '../../src/config.js';
import { Library } from '../../src/library/library.js';
import { canShare, isAnswer, isPrivate, matchedNote, type Reply, type ReplyKind } from '../../src/reply.js';

const echo = defineCommand({
  name: 'echo',
  description: 'Says what it got',
  usage: '<words>',
  examples: ['/echo hello'],
  options: {
    words: text({ description: 'What to say', required: true, max: 20, label: 'words' }),
    note: text({ description: 'An aside', max: 10 }),
    times: integer({ description: 'How often', min: 1, max: 3, hidden: true }),
    loud: flag('Shout it'),
  },
  parseText: (line) => ({ words: line }),
  // Typed: `words` is a string, the rest may be absent.
  run: ({ words, note, times, loud }) => ({ kind: 'notice', text: JSON.stringify({ words, note, times, loud }) }),
});

describe('validate', () => {
  const check = (input: CommandInput) => echo.validate(input);

  it('cleans text (invisible characters, lone surrogates, runs of whitespace) and keeps declared options only', () => {
    const v = check({
      words: '  hi\u200b  there\ud800 ',
      note: '',
      times: '2',
      loud: 'true',
      extra: 'x',
      constructor: 'y',
      __proto__: 'z',
    });
    expect(v).toEqual({ ok: true, input: { words: 'hi there\ufffd', times: 2, loud: true } });
    expect(Object.keys(v.ok ? v.input : {})).toEqual(['words', 'times', 'loud']);
  });

  it('treats a number out of range or not whole as not given', () => {
    for (const times of [0, 4, 1.5, 'x', '2.0', true])
      expect(check({ words: 'a', times }), String(times)).toEqual({ ok: true, input: { words: 'a' } });
  });

  it('answers empty, garbage and too long input with the same friendly, private replies', () => {
    for (const words of [undefined, '', '   ', '\u200b', '?!…', '***']) {
      const v = check({ words });
      expect(v.ok).toBe(false);
      expect(!v.ok && v.reply).toEqual({
        kind: 'notice',
        private: true,
        title: 'Which words?',
        text: 'Tell me which words you mean, for example: /echo hello',
      });
    }
    const long = check({ words: 'w'.repeat(25) });
    expect(!long.ok && long.reply).toMatchObject({ kind: 'notice', private: true, title: 'That is too long' });
    expect(!long.ok && long.reply.text).toBe('That words is 25 characters long; please use at most 20, for example: /echo hello');
    const note = check({ words: 'ok', note: 'n'.repeat(11) });
    expect(!note.ok && note.reply.text).toContain('at most 10');
  });

  it('declares its options for the adapters, hidden ones marked', () => {
    expect(echo.options).toEqual([
      { name: 'words', description: 'What to say', type: 'string', required: true, maxLength: 20 },
      { name: 'note', description: 'An aside', type: 'string', maxLength: 10 },
      { name: 'times', description: 'How often', type: 'integer', hidden: true },
      { name: 'loud', description: 'Shout it', type: 'boolean' },
    ]);
    const withSubs = defineCommand({
      name: 'subs',
      description: 'x',
      usage: '',
      examples: [],
      options: { go: subcommand('Go', { at: text({ description: 'When' }) }), stop: subcommand('Stop', {}) },
      parseText: () => ({}),
      run: ({ subcommand: sub, at }) => ({ kind: 'notice', text: `${sub ?? ''} ${at ?? ''}` }),
    });
    expect(withSubs.validate({ subcommand: ' go ', at: ' noon ' })).toEqual({ ok: true, input: { subcommand: 'go', at: 'noon' } });
  });
});

describe('every command', () => {
  // A wiki with no pages: a handler that ran would answer "not found", never "Which …?".
  const deps = {
    library: Library.build({ articles: [], redirects: [] }, { baseUrl: 'https://wiki.example.org/wiki/' }),
    config: loadConfig({ LOG_LEVEL: 'silent' }),
  } satisfies CommandDeps;

  it.each(commands.filter((c) => c.options.some((o) => o.required)).map((c) => c.name))(
    '/%s answers empty and too long input before its handler runs',
    async (name) => {
      const option = commands.find((c) => c.name === name)!.options.find((o) => o.required)!;
      const empty = await runCommand(deps, name, {}, { platform: 'shell' });
      expect(empty).toMatchObject({ kind: 'notice', private: true });
      expect(empty.title).toMatch(/^Which /);
      const long = await runCommand(deps, name, { [option.name]: 'x'.repeat(option.maxLength! + 1) }, { platform: 'shell' });
      expect(long).toMatchObject({ kind: 'notice', title: 'That is too long' });
    },
  );

  it('/help lists the commands it is given through its context', async () => {
    const reply = await runCommand(deps, 'help', {}, { platform: 'shell' });
    expect(reply.items!.map((i) => i.title.split(' ')[0])).toEqual(commands.map((c) => `/${c.name}`));
    expect(reply.private).toBe(true);
  });
});

describe('answer policy', () => {
  const kinds: ReplyKind[] = ['definition', 'quote', 'related', 'search', 'help', 'daily', 'notice', 'notfound', 'error'];

  it('answers are the wiki’s; only those, daily posts aside, may be posted in the channel (help is not)', () => {
    expect(kinds.filter((kind) => isAnswer({ kind }))).toEqual(['definition', 'quote', 'related', 'search', 'daily']);
    expect(kinds.filter((kind) => canShare({ kind }))).toEqual(['definition', 'quote', 'related', 'search']);
  });

  it('"not found" and errors are private whatever they say; others when marked', () => {
    expect(kinds.filter((kind) => isPrivate({ kind }))).toEqual(['notfound', 'error']);
    expect(isPrivate({ kind: 'help', private: true })).toBe(true);
    expect(isPrivate({ kind: 'error', private: false })).toBe(true);
  });

  it('notes what a query resolved to, except for exact names and quotes', () => {
    const reply = (query: string, title: string, how: NonNullable<Reply['matched']>['how']): Reply => ({
      kind: 'definition',
      matched: { query, title, how },
    });
    expect(matchedNote(reply('dual powr', 'Dual power', 'fuzzy'))).toBe('Showing Dual power for “dual powr”');
    expect(matchedNote(reply('soviet power', 'Dual power', 'alias'))).toBe('Showing Dual power for “soviet power”');
    expect(matchedNote(reply('counter-power', 'Counterpower', 'concept'))).toBe('Showing Counterpower for “counter-power”');
    expect(matchedNote(reply('dual POWER!', 'Dual power', 'fuzzy'))).toBeUndefined();
    expect(matchedNote(reply('Kropotkin', 'Peter Kropotkin', 'speaker'))).toBeUndefined();
    expect(matchedNote(reply('dual power', 'Dual power', 'exact'))).toBeUndefined();
    expect(matchedNote(reply('x'.repeat(300), 'y'.repeat(300), 'fuzzy'))!.length).toBeLessThan(270);
  });
});
