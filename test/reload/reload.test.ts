// Reloading while answering: an edited, added or removed page is picked up from the folder
// watcher or on request, commands keep being answered from the previous Library until the new
// one is swapped in, a reload that fails keeps the previous Library and says why in the log,
// each reload logs one line, and daily posts see new pages and skip deleted ones.
import { mkdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateWiki, titles } from '../../bench/generate.js';
import { runAction, runCommand } from '../../commands/index.js';
import type { CommandDeps } from '../../commands/types.js';
import { loadWiki } from '../../src/boot.js';
import { startDaily } from '../../src/daily/index.js';
import { keepFresh, type FreshWiki } from '../../src/reload/index.js';
import type { Reply } from '../../src/reply.js';
import { captureLog, type CapturedLog } from '../helpers/log.js';
import { testConfig } from '../helpers/library.js';
import { tempDirs } from '../helpers/temp.js';
import { until } from '../helpers/wait.js';
import { CHAT_PLATFORMS } from '../../adapters/platforms.js';

const temp = tempDirs();
let dir: string;
let deps: CommandDeps;
let fresh: FreshWiki;
let logs: CapturedLog;
const names = titles(30, 5);
const file = (title: string) => path.join(dir, `${title.replace(/ /g, '_')}.md`);

beforeEach(async () => {
  const root = await temp.make('cp-reload-');
  dir = path.join(root, 'wiki');
  await generateWiki(dir, 30, 5);
  logs = captureLog('info');
  const config = testConfig({ CONTENT_DIR: dir, CACHE_DIR: path.join(root, 'cache') });
  const wiki = await loadWiki(config, logs.log);
  deps = { library: wiki.library, config, log: logs.log };
  fresh = keepFresh({ wiki, config, log: logs.log, holder: deps, signals: false });
  await fresh.reload('test: settle the start-up check');
});

afterEach(async () => {
  await fresh.stop();
});
afterAll(() => temp.removeAll());

const ask = (name: string, input: Record<string, string>): Promise<Reply> => runCommand(deps, name, input, { platform: 'shell' });
const reloadLines = () => logs.entries().filter((e) => String(e.msg).startsWith('reloaded '));

describe('reloading the content folder', () => {
  it('answers from an edited page once the watcher has seen it, and logs one line', async () => {
    const before = deps.library;
    await writeFile(file(names[3]!), `# ${names[3]}\n\nThe **${names[3]}** is now a quokka federation.\n`);
    await until(() => deps.library !== before, 'the watcher to swap in a new Library', 10_000);
    const reply = await ask('define', { term: names[3]! });
    expect(reply.text).toContain('quokka federation');
    expect(reloadLines().map((e) => e.msg)).toEqual([expect.stringMatching(/^reloaded 1 page \(\+0 ~1 -0\) in \d+ ms$/)]);
    expect(fresh.freshness.reloaded).toBe(true);
  });

  it('adds new pages and forgets removed ones; daily posts follow', async () => {
    const daily = await startDaily({
      config: { ...deps.config, DATABASE_URL: 'sqlite::memory:' },
      library: () => deps.library,
      posters: [],
      profiles: CHAT_PLATFORMS,
      log: logs.log,
      schedule: false,
    });
    try {
      for (const t of names.slice(1)) await unlink(file(t));
      await writeFile(path.join(dir, 'Quokka_council.md'), '# Quokka council\n\nA **quokka council** federates quokkas.\n');
      await fresh.reload('test');
      expect(deps.library.articles.map((a) => a.title).sort()).toEqual([names[0], 'Quokka council'].sort());
      expect((await ask('define', { term: 'quokka council' })).title).toBe('Quokka council');
      expect((await ask('define', { term: names[2]! })).title).not.toBe(names[2]);
      expect(reloadLines().at(-1)?.msg).toMatch(/^reloaded 30 pages \(\+1 ~0 -29\) in \d+ ms$/);
      // Previews of two channels' walks only ever show the pages that are there now.
      const shown = new Set<string>();
      for (const channelId of ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']) {
        const reply = await daily.service.handle({ subcommand: 'preview' }, { platform: 'discord', channelId, userId: 'u' });
        shown.add(String(reply.title));
      }
      expect([...shown].every((t) => t === names[0] || t === 'Quokka council')).toBe(true);
    } finally {
      await daily.stop();
    }
  });

  it('keeps answering from the previous Library while the new one is built, and buttons made before work after', async () => {
    const before = deps.library;
    const speaker = before.complete('speakers', '', 1)[0]!;
    const quote = await ask('quote', { name: speaker });
    const another = quote.actions?.find((a) => a.type === 'another-quote');
    await writeFile(file(names[5]!), `The **${names[5]}** was rewritten by a quokka council.\n`);
    const reloading = fresh.reload('test');
    // The reload has not swapped yet: a command asked now is answered by the old Library.
    expect(deps.library).toBe(before);
    expect((await ask('define', { term: names[5]! })).text).not.toContain('rewritten by a quokka council');
    await reloading;
    expect(deps.library).not.toBe(before);
    expect((await ask('define', { term: names[5]! })).text).toContain('rewritten by a quokka council');
    expect(deps.library.complete('speakers', speaker.slice(0, 3))).toContain(speaker);
    expect(another).toBeDefined();
    expect((await runAction(deps, another!, { platform: 'shell' })).kind).toBe('quote');
  });

  it('keeps the previous Library when a reload fails, and says why', async () => {
    const before = deps.library;
    await rename(dir, `${dir}-gone`);
    await fresh.reload('test');
    expect(deps.library).toBe(before);
    expect((await ask('define', { term: names[0]! })).title).toBe(names[0]);
    const failed = logs.entries().find((e) => e.msg === 'reload failed: still answering from the pages loaded before');
    expect(failed?.level).toBe(50);
    expect(JSON.stringify(failed?.err)).toContain('ENOENT');
    await rename(`${dir}-gone`, dir);
  });

  it('reports a broken page with its path and loads the rest', async () => {
    await mkdir(path.join(dir, 'sub'), { recursive: true });
    await mkdir(path.join(dir, 'sub', 'Broken.md')); // a folder with a page's name cannot be read
    await writeFile(path.join(dir, 'sub', 'Fine page.md'), '# Fine page\n\nA **fine page** loads.\n');
    await fresh.reload('test');
    const warning = logs.entries().find((e) => e.msg === 'skipped a content file');
    expect(warning).toMatchObject({ path: 'sub/Broken.md', reason: expect.stringContaining('folder') });
    expect((await ask('define', { term: 'fine page' })).title).toBe('Fine page');
  });

  it('does not log or swap when nothing changed', async () => {
    const before = deps.library;
    await writeFile(file(names[0]!), await readFile(file(names[0]!))); // touched, same bytes
    await fresh.reload('test');
    expect(deps.library).toBe(before);
    expect(reloadLines()).toEqual([]);
  });
});

afterAll(async () => {
  await rm(`${dir}-gone`, { recursive: true, force: true });
});
