// Hostile and odd input: every command gives a reply, never a throw, and never echoes
// an unbounded amount of text back.
import { beforeAll, describe, expect, it } from 'vitest';
import { commands, runCommand, runText } from '../../commands/index.js';
import type { CommandDeps } from '../../commands/types.js';
import { testDeps } from '../helpers/library.js';

let deps: CommandDeps;
beforeAll(async () => {
  deps = await testDeps();
});

const inputs: Record<string, string> = {
  empty: '',
  spaces: '   \t  ',
  huge: 'dual power '.repeat(1000),
  control: 'dual\u0000\u0007\u001b[31mpower\u007f',
  rtl: '\u202Edual power\u202C \u05e9\u05dc\u05d5\u05dd',
  zeroWidth: 'du\u200bal\u200d po\u200cwer\ufeff',
  everyone: '@everyone @here',
  slackMentions: '<!channel> <!here> <@U123ABC> <#C123>',
  discordMentions: '<@123456789012345678> <@&123456789012345678>',
  markup: '**bold** `code` [link](https://evil.example) <script>alert(1)</script>',
  emoji: '🏴‍☠️🔥✊',
  surrogates: '\ud800abc\udfff',
  punctuation: '?!.,;:()[]{}',
};

describe.each(commands.map((c) => c.name))('/%s with hostile input', (name) => {
  it.each(Object.entries(inputs))('%s: replies without throwing', async (_label, value) => {
    const reply = await runText(deps, `/${name} ${value}`, { platform: 'shell' });
    expect(reply.kind).toBeTruthy();
    const json = JSON.stringify(reply);
    expect(json.length).toBeLessThan(20_000);
    // The query is never echoed whole.
    expect(json).not.toContain('dual power '.repeat(50));
  });
});

it('reports an over-long term with a helpful notice rather than searching for it', async () => {
  const reply = await runText(deps, `/define ${'x'.repeat(10_000)}`, { platform: 'shell' });
  expect(reply.kind).toBe('notice');
  expect(reply.text).toContain('at most 200');
});

it('asks what to define when the term is empty', async () => {
  const reply = await runText(deps, '/define', { platform: 'shell' });
  expect(reply.kind).toBe('notice');
  // The example is a page of the wiki asked, not of the sample.
  expect(reply.text).toContain(`/define ${deps.library.articles[0]!.title}`);
});

it('turns a failing handler into a private error with an id', async () => {
  const broken = {
    ...deps,
    library: {
      ...deps.library,
      resolve: () => {
        throw new Error('boom');
      },
    },
  } as unknown as CommandDeps;
  const reply = await runCommand(broken, 'define', { term: 'dual power' }, { platform: 'shell' });
  expect(reply.kind).toBe('error');
  expect(reply.private).toBe(true);
  expect(reply.errorId).toMatch(/^[A-Z0-9]{4,}$/);
  expect(reply.text).toContain(reply.errorId);
});
