// The search indexes saved next to the parse cache: a restart over the same pages loads them
// instead of building them, and must answer exactly as a fresh build would; any change to
// the pages, or a damaged file, means building again.
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateWiki, titles } from '../../bench/generate.js';
import { runCommand } from '../../commands/index.js';
import { loadWiki, type Wiki } from '../../src/boot.js';
import { createLogger } from '../../src/log.js';
import { contentDir, testConfig } from '../helpers/library.js';

let tmp: string;
let wikiDir: string;
let cacheDir: string;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'commonplace-indexes-'));
  wikiDir = path.join(tmp, 'wiki');
  cacheDir = path.join(tmp, 'cache');
  await generateWiki(wikiDir, 80, 3);
  await copyFile(path.join(contentDir, 'Dual_power.md'), path.join(wikiDir, 'Dual_power.md'));
});

afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const load = (dir = cacheDir): Promise<Wiki> => loadWiki(testConfig({ CACHE_DIR: dir }), createLogger('silent'), { contentDir: wikiDir });

/** What users would see from a set of commands, plus autocomplete. */
async function answers(wiki: Wiki): Promise<unknown[]> {
  const deps = { library: wiki.library, config: testConfig(), log: createLogger('silent') };
  const names = titles(80, 3).slice(0, 6);
  const asks: [string, Record<string, string>][] = [
    ['define', { term: 'dual power' }],
    ['define', { term: 'dual powr' }],
    ['quote', { name: 'Kropotkin' }],
    ['quote', { name: 'councils' }],
    ['related', { term: 'counterpower' }],
    ['search', { text: 'workers councils' }],
    ['search', { text: 'soviets' }],
    ...names.flatMap((t): [string, Record<string, string>][] => [
      ['define', { term: t.slice(0, -1) }],
      ['related', { term: t }],
      ['search', { text: t.split(' ')[0]! }],
    ]),
  ];
  const out: unknown[] = [];
  for (const [name, input] of asks) out.push(await runCommand(deps, name, input, { platform: 'shell' }));
  out.push(wiki.library.complete('terms', 'du'), wiki.library.complete('speakers', 'kro'));
  return out;
}

describe('saved search indexes', () => {
  it('are loaded on a restart over the same pages, with the same answers as a fresh build', async () => {
    const first = await load();
    expect(first.library.imported).toBe(false);
    expect((await readdir(cacheDir)).filter((f) => f.endsWith('.index'))).toHaveLength(1);
    const second = await load();
    expect(second.library.imported).toBe(true);
    expect(await answers(second)).toEqual(await answers(first));
  });

  it('leave the parse cache untouched on a restart that did not need the page terms', async () => {
    await load();
    const cacheFile = path.join(cacheDir, (await readdir(cacheDir)).find((f) => f.endsWith('.cache'))!);
    const before = await readFile(cacheFile);
    expect((await load()).library.imported).toBe(true);
    expect((await readFile(cacheFile)).equals(before)).toBe(true);
  });

  it('are built again when a page changes, and the answers follow the change', async () => {
    await load();
    const file = path.join(wikiDir, 'Dual_power.md');
    await writeFile(file, `${await readFile(file, 'utf8')}\n\n## Zeppelins\n\nA section about zeppelinocracy.\n`);
    const changed = await load();
    expect(changed.library.imported).toBe(false);
    const hits = changed.library.search('zeppelinocracy').hits;
    expect(hits.map((h) => [h.article.title, h.section?.heading])).toEqual([['Dual power', 'Zeppelins']]);
    expect((await load()).library.imported).toBe(true);
  });

  it.each([
    ['garbage', (_bytes: Buffer) => Buffer.from('not an index file')],
    ['truncated', (bytes: Buffer) => bytes.subarray(0, bytes.length >> 1)],
    ['flipped byte', (bytes: Buffer) => Buffer.from(bytes.map((b, i) => (i === bytes.length >> 1 ? b ^ 0xff : b)))],
  ])('are ignored and rebuilt when the file is %s', async (_name, damage) => {
    const fresh = await answers(await load());
    const index = path.join(cacheDir, (await readdir(cacheDir)).find((f) => f.endsWith('.index'))!);
    await writeFile(index, damage(await readFile(index)));
    const wiki = await load();
    expect(wiki.library.imported).toBe(false);
    expect(await answers(wiki)).toEqual(fresh);
    expect((await load()).library.imported).toBe(true);
  });

  it('are not written when the cache is turned off', async () => {
    const wiki = await loadWiki(testConfig({ CACHE_DIR: '' }), createLogger('silent'), { contentDir: wikiDir });
    expect(wiki.library.imported).toBe(false);
    await expect(readdir(cacheDir)).rejects.toThrow();
  });
});
