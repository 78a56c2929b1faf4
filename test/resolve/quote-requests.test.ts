// What people type around a quoted person or a topic: "quotes by …", "… quotes", "what did …
// say about …", "… on …", "who said …". Asked through /quote over the fixture wiki.
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

describe('/quote with a request around a name or a topic', () => {
  it.each([
    'quotes by Greta Holloway',
    'a quote from holloway',
    'quotations of Greta Holloway',
    'Holloway quotes',
    "Holloway's quotes",
    'what did Greta Holloway say?',
    'what did holloway write about the land',
    'something Holloway said',
  ])('%j quotes the person', async (typed) => {
    const r = await ask(`/quote ${typed}`);
    expect(r.kind).toBe('quote');
    expect(r.quote?.speaker).toBe('Greta Holloway');
  });

  it('narrows to the topic when the person said something about it, and says what it showed', async () => {
    const r = await ask('/quote what did Ivo Brandt say about permission');
    expect(r.quote).toMatchObject({ speaker: 'Ivo Brandt', text: 'Asking for permission teaches people that they need it' });
    expect(r.matched).toMatchObject({ title: 'Ivo Brandt' });
    const on = await ask('/quote Helen Marsh on change');
    expect(on.quote?.speaker).toBe('Helen Marsh');
  });

  it('finds who said some words', async () => {
    const r = await ask('/quote who said "asking for permission teaches people"');
    expect(r.quote?.speaker).toBe('Ivo Brandt');
  });

  it('takes "X on Y" apart only when X is a quoted person as typed, never a guess', async () => {
    // "Hollowy" is a letter off Holloway: taken for the person when asked for by name, but a
    // topic that happens to contain " on " is not split on a guess.
    expect((await ask('/quote Hollowy')).quote?.speaker).toBe('Greta Holloway');
    const r = await ask('/quote Hollowy on the land');
    expect(r.kind).toBe('notfound');
  });

  it('answers a request for a person the wiki does not quote with the usual not-found', async () => {
    const r = await ask('/quote quotes by Nobody Known');
    expect(r.kind).toBe('notfound');
    expect(r.text).toContain('Nobody Known');
  });
});
