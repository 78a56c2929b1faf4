// A reloaded Library answers exactly as one built afresh over the same pages: the reload parses
// only the changed pages and carries the other pages' index entries over from the Library
// before it (src/library/carry-postings.ts), so this compares both ways of getting there, on
// synthetic pages and, when it is present, on every page of the libsocwiki corpus.
import { cp, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateWiki } from '../../bench/generate.js';
import { runCommand } from '../../commands/index.js';
import { Library } from '../../src/library/library.js';
import { createLogger } from '../../src/log.js';
import { loadContent } from '../../src/wiki/load/load-folder.js';
import { LoadedFolder } from '../../src/wiki/load/reload-folder.js';
import { libsocDir, testConfig } from '../helpers/library.js';

const config = testConfig();
const made: string[] = [];
afterAll(async () => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));

async function freshLibrary(dir: string): Promise<Library> {
  const content = await loadContent(dir, {
    baseUrl: config.WIKI_BASE_URL,
    summaryMaxChars: config.SUMMARY_MAX_CHARS,
    cacheDir: null,
    workers: 0,
  });
  return Library.build(content, { baseUrl: config.WIKI_BASE_URL });
}

/** Every index's lists as flexsearch holds them, in a comparable form. */
function postings(library: Library): unknown {
  const dump = (index: unknown) => {
    const { map, reg } = index as { map: Map<string, unknown>; reg: Set<number> };
    // An empty slot is a hole in lists add() made and null in lists laid out for import();
    // flexsearch reads both as "none".
    const terms = [...map.entries()].map(([t, slots]) => [t, Array.from(slots as unknown[], (ids) => ids ?? null)]);
    return { terms: terms.sort((a, b) => (a[0]! < b[0]! ? -1 : 1)), reg: [...reg].sort((a, b) => a - b) };
  };
  return Object.fromEntries(Object.entries(library.indexes).map(([name, index]) => [name, dump(index)]));
}

/** What users see for every title: /define, /related, /search on its first word, /quote of its
 *  speakers, and autocomplete. */
async function answers(library: Library): Promise<unknown[]> {
  const deps = { library, config, log: createLogger('silent') };
  const out: unknown[] = [];
  for (const a of library.articles) {
    out.push(await runCommand(deps, 'define', { term: a.title }, { platform: 'shell' }));
    out.push(await runCommand(deps, 'related', { term: a.title }, { platform: 'shell' }));
    out.push(await runCommand(deps, 'search', { text: a.title.split(' ')[0]! }, { platform: 'shell' }));
    out.push(library.complete('terms', a.title.slice(0, 3)));
  }
  for (const s of library.complete('speakers', '', 50)) out.push(await runCommand(deps, 'quote', { name: s }, { platform: 'shell' }));
  return out;
}

/** Edits of every kind: a section added, a page's text replaced by another's, a page deleted,
 *  a new page, a redirect to an existing page, a page broken. */
async function editFolder(dir: string): Promise<void> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
  const at = (i: number) => path.join(dir, files[Math.floor(files.length * i)]!);
  const first = await readFile(at(0.1), 'utf8');
  await writeFile(
    at(0.1),
    `${first}\n\n## A new section\n\nQuokka zyzzyva councils, and a quote:\n\n> Quokkas federate freely.\n\n— Ada Quokka\n`,
  );
  await writeFile(at(0.5), await readFile(at(0.7), 'utf8'));
  await unlink(at(0.3));
  await writeFile(
    path.join(dir, 'Zyzzyva_council.md'),
    '# Zyzzyva council\n\nA **zyzzyva council** is a federation of quokkas.\n\n## Related Concepts\n\n- Quokka assembly - an assembly of quokkas\n',
  );
  await writeFile(path.join(dir, 'Zyzzyva_assembly.md'), '1. REDIRECT [Zyzzyva council](Zyzzyva_council.md "wikilink")\n');
  await writeFile(at(0.9), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
}

/** Many pages edited in place (each its own stretch of ids), the last of them given a new
 *  section (so the ids after it shift). */
async function editMany(dir: string): Promise<void> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
  for (const [i, f] of files.entries()) {
    if (i % 3) continue;
    const text = await readFile(path.join(dir, f), 'utf8');
    await writeFile(path.join(dir, f), i + 3 >= files.length ? `${text}\n\n## Added ${i}\n\nMore quokka text.\n` : `${text} Quokka.\n`);
  }
}

async function checkReload(
  dir: string,
  edit = editFolder,
  newObjects = 3,
): Promise<{ changes: { added: string[]; changed: string[]; removed: string[] } }> {
  const content = await loadContent(dir, {
    baseUrl: config.WIKI_BASE_URL,
    summaryMaxChars: config.SUMMARY_MAX_CHARS,
    cacheDir: null,
    workers: 0,
  });
  const before = Library.build(content, { baseUrl: config.WIKI_BASE_URL });
  await edit(dir);
  const { folder, changes } = await LoadedFolder.of(dir, content).reload({
    baseUrl: config.WIKI_BASE_URL,
    summaryMaxChars: config.SUMMARY_MAX_CHARS,
  });
  const reloaded = await Library.buildInSteps(folder.content, { baseUrl: config.WIKI_BASE_URL, previous: before });
  const fresh = await freshLibrary(dir);
  expect(reloaded.stats).toEqual(fresh.stats);
  expect(postings(reloaded)).toEqual(postings(fresh));
  expect(await answers(reloaded)).toEqual(await answers(fresh));
  // Unchanged pages are the very objects the Library before held; the two edited and the new one are not.
  const kept = new Set(before.articles);
  expect(reloaded.articles.filter((a) => !kept.has(a))).toHaveLength(newObjects);
  return { changes };
}

describe('a reloaded Library', () => {
  it('answers exactly as a fresh build over the same synthetic pages', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cp-carry-'));
    made.push(dir);
    await generateWiki(dir, 120, 7);
    const { changes } = await checkReload(dir);
    expect({ added: changes.added.length, changed: changes.changed.length, removed: changes.removed.length }).toEqual({
      added: 2,
      changed: 3,
      removed: 1,
    });
  });

  it('answers exactly as a fresh build after many pages changed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cp-carry-many-'));
    made.push(dir);
    await generateWiki(dir, 120, 8);
    const { changes } = await checkReload(dir, editMany, 40);
    expect(changes.changed).toHaveLength(40);
  });

  it('answers commands from the running Library between the steps of its build', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cp-carry-steps-'));
    made.push(dir);
    await generateWiki(dir, 60, 9);
    const running = await freshLibrary(dir);
    const deps = { library: running, config, log: createLogger('silent') };
    const title = running.articles[7]!.title;
    const events: string[] = [];
    const building = Library.buildInSteps(
      { articles: [...running.articles], redirects: [] },
      { baseUrl: config.WIKI_BASE_URL, previous: running },
    ).then((library) => {
      events.push('built');
      return library;
    });
    // A command asked at every turn of the event loop until the build is done.
    while (!events.includes('built')) {
      await new Promise((resolve) => setImmediate(resolve));
      if (events.includes('built')) break;
      const reply = await runCommand(deps, 'define', { term: title }, { platform: 'shell' });
      events.push(reply.title === title ? 'answered' : `wrong: ${reply.title}`);
    }
    const next = await building;
    expect(events.filter((e) => e !== 'answered' && e !== 'built')).toEqual([]);
    expect(events.filter((e) => e === 'answered').length).toBeGreaterThanOrEqual(3);
    expect(next.stats).toEqual(running.stats);
    expect(next.article(title)).toBe(running.article(title));
  });

  it.skipIf(!existsSync(libsocDir))(
    'answers exactly as a fresh build over the libsocwiki pages',
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'cp-carry-libsoc-'));
      made.push(dir);
      await cp(libsocDir, dir, { recursive: true });
      await checkReload(dir);
    },
    120_000,
  );
  if (!existsSync(libsocDir)) console.warn(`libsocwiki corpus not found at ${libsocDir}: its reload comparison is skipped`);
});
