// The interactive prompt, driven as a terminal would drive it (a TTY output, keys on stdin):
// Tab completes commands and then titles or speakers from the Library, as Discord's
// autocomplete does; the buttons of an answer become numbered choices (and /more); Ctrl-C
// says goodbye; a log line never lands inside what is being typed.
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { CommandDeps } from '../../commands/types.js';
import { completer } from '../../adapters/shell/complete.js';
import { runRepl, type LogLines } from '../../adapters/shell/shell.js';
import { testDeps } from '../helpers/library.js';
import { sleep, until } from '../helpers/wait.js';

let deps: CommandDeps;
beforeAll(async () => {
  deps = await testDeps();
});

/** A prompt on a fake terminal: type into it, read what it shows (control sequences removed). */
function terminal(logs?: LogLines) {
  const input = new PassThrough();
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
  let shown = '';
  output.on('data', (d) => (shown += d));
  const done = runRepl(deps, input, output, logs);
  // eslint-disable-next-line no-control-regex
  const text = () => shown.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  // The prompt's line as last drawn: readline redraws it in place, so the last "> " on the last line.
  const line = () => {
    const last = text().split('\n').at(-1) ?? '';
    return last.slice(last.lastIndexOf('> '));
  };
  return { input, output, done, text, line };
}

async function typed(t: ReturnType<typeof terminal>, keys: string, expected: (text: string) => boolean, what: string) {
  t.input.write(keys);
  await until(
    () => expected(t.text()),
    () => `${what}; the terminal shows:\n${t.text()}`,
    5_000,
  );
}

describe('Tab completion', () => {
  it('completes command names, then the same titles and speakers as Discord autocomplete', () => {
    const complete = completer(deps);
    expect(complete('/de')).toEqual([['/define '], '/de']);
    expect(complete('/')[0]).toEqual(commands.map((c) => `/${c.name} `));
    expect(complete('/')[0]).toEqual(expect.arrayContaining(['/define ', '/quote ', '/related ', '/search ', '/help ', '/daily ']));
    expect(complete('/define dual')).toEqual([deps.library.complete('terms', 'dual', 25), 'dual']);
    expect(complete('/define dual')[0]).toContain('Dual power');
    expect(complete('/quote krop')).toEqual([deps.library.complete('speakers', 'krop', 25), 'krop']);
    expect(complete('/define private dual')[1]).toBe('dual');
    expect(complete('/daily sub')).toEqual([['subscribe '], 'sub']);
    expect(complete('/search sov')).toEqual([[], 'sov']); // free text: nothing to complete
    expect(complete('/nope x')).toEqual([[], 'x']);
  });

  it('Tab at the prompt fills in the command and the page title', async () => {
    const t = terminal();
    await typed(t, '/def\t', (s) => s.includes('> /define '), 'the command completed');
    await typed(t, 'dual po\t', () => t.line() === '> /define Dual power', 'the title completed');
    await typed(t, '\r', (s) => s.includes('https://anarwiki.org/wiki/Dual_power'), 'the answer');
    t.input.end();
    await t.done;
  });
});

describe('buttons as choices', () => {
  it("lists an answer's buttons as numbered choices, and a number or /more runs one", async () => {
    const t = terminal();
    await typed(t, '/quote dual power\r', (s) => /\[1\] Another quote \(\/more\)/.test(s), 'numbered choices under a quote');
    const first = /“([^”]+)”/.exec(t.text())![1];
    await typed(t, '1\r', (s) => s.includes('(quote 2 of'), 'the next quote');
    expect(t.text()).not.toContain(`“${first}”\n  — `.repeat(2));
    await typed(t, '/more\r', (s) => s.includes('(quote 3 of'), 'another quote again');
    const related = /\[(\d)\] Related: (.+)/.exec(t.text().split('(quote 3 of').at(-1)!)!;
    await typed(t, `${related[1]}\r`, (s) => s.includes(`Related to ${related[2]}\n`), 'the related pages');
    await typed(t, '9\r', (s) => /Choose 1 to \d/.test(s), 'a number out of range is explained');
    t.input.end();
    await t.done;
  });

  it('related pages offer to define their subject, and the choice defines it', async () => {
    const t = terminal();
    await typed(t, '/related dual power\r', (s) => s.includes('[1] Define Dual power'), 'a "Define" choice');
    await typed(t, '1\r', (s) => s.includes('Dual power refers to'), 'the definition');
    t.input.end();
    await t.done;
  });

  it('"did you mean" suggestions become choices that run the command for them', async () => {
    const t = terminal();
    await typed(t, '/define powr\r', (s) => s.includes('[1] /define Dual power'), 'the suggestion as a choice');
    await typed(t, '1\r', (s) => s.includes('Dual power refers to'), 'the definition');
    t.input.end();
    await t.done;
  });

  it('a number with nothing to choose from is explained, not sent as a command', async () => {
    const t = terminal();
    await typed(t, '2\r', (s) => s.includes('Nothing to choose'), 'the explanation');
    t.input.end();
    await t.done;
  });
});

describe('quitting and logs', () => {
  it('Ctrl-C says goodbye and ends the prompt', async () => {
    const t = terminal();
    await sleep(20);
    t.input.write('\x03');
    await t.done;
    expect(t.text()).toMatch(/Goodbye\.\n$/);
  });

  it('writes a log line above the prompt and redraws what was being typed', async () => {
    const logs: LogLines = { around: undefined };
    const t = terminal(logs);
    await typed(t, '/define du', (s) => s.includes('/define du'), 'the half-typed command');
    // What the logger does: write its line through `around` (here, onto the same terminal).
    logs.around!(() => void t.output.write('[12:00:00] WARN: the database did not answer\n'));
    const lines = t.text().split('\n');
    expect(lines.at(-2)).toMatch(/WARN: the database did not answer$/);
    expect(t.line()).toBe('> /define du');
    await typed(t, 'al power\r', (s) => s.includes('Dual power refers to'), 'the command, finished after the log line');
    t.input.end();
    await t.done;
    expect(logs.around).toBeUndefined();
  });
});
