// Examples come from the wiki that is loaded: /help, the hints of an empty command and of a
// quotation not found name its pages and its quoted people, never the sample wiki's.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runText } from '../../commands/index.js';
import type { CommandDeps } from '../../commands/types.js';
import type { Reply } from '../../src/reply.js';
import { repoRoot, testConfig, testLibrary } from '../helpers/library.js';

let deps: CommandDeps;
const ask = (line: string): Promise<Reply> => runText(deps, line, { platform: 'shell' });

beforeAll(async () => {
  deps = { library: await testLibrary(path.join(repoRoot, 'test', 'fixtures', 'wiki')), config: testConfig() };
});

describe("examples from the wiki's own names", () => {
  it("on content/, the quotation example is a person's name, though a citation names an organisation more often", async () => {
    const sample = { library: await testLibrary(), config: testConfig() };
    const help = await runText(sample, '/help', { platform: 'shell' });
    const quote = /\/quote ([^,\n]+)/.exec(help.items!.map((i) => i.excerpt ?? '').join('\n'))![1]!;
    const quoted = await runText(sample, `/quote ${quote}`, { platform: 'shell' });
    expect(quoted.quote?.speaker?.endsWith(quote)).toBe(true);
    expect(quoted.quote?.speaker).not.toMatch(/\b(?:of|the)\b/);
  });

  it('/help shows commands that answer on this wiki', async () => {
    const help = await ask('/help');
    const examples = help.items!.map((i) => i.excerpt ?? '').join('\n');
    expect(examples).not.toMatch(/dual power|counterpower|Kropotkin|soviets/i);
    const define = /\/define ([^,\n]+)/.exec(examples)![1]!;
    expect((await ask(`/define ${define}`)).kind).toBe('definition');
    const quote = /\/quote ([^,\n]+)/.exec(examples)![1]!;
    const quoted = await ask(`/quote ${quote}`);
    expect(quoted.kind).toBe('quote');
    // The example names the person quoted (a surname or a full name), not a word of a quotation.
    expect(quoted.quote?.speaker?.endsWith(quote)).toBe(true);
    const search = /\/search ([^,\n]+)/.exec(examples)![1]!;
    expect((await ask(`/search ${search}`)).kind).toBe('search');
  });

  it('an empty command and a quotation not found hint with names this wiki has', async () => {
    const empty = await ask('/related');
    expect(empty.text).toMatch(/\/related \S/);
    expect(empty.text).not.toMatch(/counterpower|dual power/i);
    const none = await ask('/quote zzzz qqqq');
    expect(none.kind).toBe('notfound');
    const surname = /\/quote ([^)]+)\)/.exec(none.text ?? '')![1]!;
    expect((await ask(`/quote ${surname}`)).kind).toBe('quote');
  });
});
