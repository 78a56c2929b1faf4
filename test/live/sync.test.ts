// Following a live wiki: the real sync and API client against the local MediaWiki double,
// writing into a content folder that the real reloader picks up, with its position in a real
// SQLite store. The first start pulls every page in batches; then edits, new pages, deletions,
// moves and redirects are applied page by page; rate limits and lag are waited out as the
// wiki asks; the wiki being down never stops the answers, and the sync resumes where it stopped.
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCommand } from '../../commands/index.js';
import type { CommandDeps } from '../../commands/types.js';
import { loadWiki } from '../../src/boot.js';
import { keepFresh, type FreshWiki } from '../../src/reload/index.js';
import type { Reply } from '../../src/reply.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { MediaWikiApi, userAgent } from '../../src/wiki/live/mediawiki-api.js';
import { pageFileName } from '../../src/wiki/live/page-file.js';
import { wikitextConverter } from '../../src/wiki/live/convert.js';
import { WikiSync } from '../../src/wiki/live/sync.js';
import { MediaWikiDouble, pagesFromDump } from '../doubles/mediawiki/double.js';
import { FIXTURE_PAGES } from '../doubles/mediawiki/fixtures.js';
import { libsocDir, testConfig } from '../helpers/library.js';
import { captureLog, type CapturedLog } from '../helpers/log.js';
import { tempDirs } from '../helpers/temp.js';

const temp = tempDirs();
let wiki: MediaWikiDouble;
let dir: string;
let store: Store;
let deps: CommandDeps;
let fresh: FreshWiki;
let logs: CapturedLog;
// The sync asks for its reloads itself; the watcher would only add reloads while pages arrive.
const config = testConfig({ WATCH_CONTENT: 'false' });

beforeEach(async () => {
  wiki = await MediaWikiDouble.start(FIXTURE_PAGES);
  const root = await temp.make('cp-live-');
  dir = path.join(root, 'wiki');
  logs = captureLog('info');
  store = await openStore(path.join(root, 'state.db'), logs.log);
  const folderConfig = { ...config, CONTENT_DIR: await mkdirp(dir), CACHE_DIR: '' };
  const loaded = await loadWiki(folderConfig, logs.log);
  deps = { library: loaded.library, config: folderConfig, log: logs.log };
  fresh = keepFresh({ wiki: loaded, config: folderConfig, log: logs.log, holder: deps, signals: false });
  deps.freshness = () => fresh.freshness;
});

afterEach(async () => {
  await fresh.stop();
  await store.close();
  await wiki.close();
});
afterAll(() => temp.removeAll());

async function mkdirp(d: string): Promise<string> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(d, { recursive: true });
  return d;
}

function newSync(opts: { tries?: number; batch?: number } = {}): WikiSync {
  const api = new MediaWikiApi({
    url: wiki.url,
    userAgent: userAgent('0.1.0', 'ops@quokka.example.org'),
    tries: opts.tries ?? 3,
    backoffMs: 10,
    maxBackoffMs: 20,
  });
  return new WikiSync({
    api,
    apiUrl: wiki.url,
    dir,
    store,
    convert: wikitextConverter,
    log: logs.log,
    intervalMs: 60_000,
    batch: opts.batch ?? 50,
    onPages: () => fresh.reload('wiki sync'),
    onSite: () => void fresh.reload('site info'),
    onSynced: (at) => (fresh.freshness.syncedAt = at),
  });
}

const ask = (name: string, input: Record<string, string>): Promise<Reply> => runCommand(deps, name, input, { platform: 'shell' });
const pageFiles = async () => (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
const requests = (pred: (p: URLSearchParams) => boolean) => wiki.requests.filter((r) => pred(r.params));

describe('following a live wiki', () => {
  it("pulls every page in batches on first start, politely, and answers from them with the wiki's name and links", async () => {
    await newSync().syncOnce();
    expect(await pageFiles()).toEqual(Object.keys(FIXTURE_PAGES).map(pageFileName).sort());
    expect(requests((p) => p.get('generator') === 'allpages')).toHaveLength(2); // 5 pages, 3 a batch
    for (const r of wiki.requests) {
      expect(r.params.get('maxlag')).toBe('5');
      expect(r.userAgent).toMatch(/^commonplace\/0\.1\.0 \(wiki chat bot; ops@quokka\.example\.org\)/);
    }
    const define = await ask('define', { term: 'quokka federation' });
    expect(define.text).toContain('free union');
    // The wiki's server is protocol-relative (//quokka.example.org): it takes the API's protocol.
    expect(define.url).toBe('http://quokka.example.org/wiki/Quokka_federation');
    expect((await ask('define', { term: 'Federation of quokkas' })).title).toBe('Quokka federation');
    expect((await ask('help', {})).text).toMatch(/Content: 4 pages, reloaded just now, synced with the wiki just now\./);
    expect(deps.config.WIKI_NAME).toBe('Quokka Wiki');
    expect(logs.text()).toContain('wiki sync: pulled 5 pages');
  });

  it('applies edits, new pages, deletions, moves and redirects, each to its page alone', async () => {
    await newSync().syncOnce();
    wiki.edit('Dusk meeting', "A '''dusk meeting''' now starts at moonrise.");
    wiki.edit('Moonrise', "'''Moonrise''' is when [[Dusk meeting|dusk meetings]] start.");
    wiki.delete('Ada Quokka');
    wiki.move('Quokka council', 'Quokka assembly');
    wiki.editTalk('Quokka federation');
    const before = wiki.requests.length;
    await newSync().syncOnce();
    const fetched = wiki.requests.slice(before).flatMap((r) => r.params.get('titles')?.split('|') ?? []);
    expect(fetched.sort()).toEqual(['Ada Quokka', 'Dusk meeting', 'Moonrise', 'Quokka assembly', 'Quokka council']);
    expect(requests((p) => p.get('generator') === 'allpages')).toHaveLength(2); // no second pull
    expect(await pageFiles()).toEqual([
      'Dusk_meeting.md',
      'Federation_of_quokkas.md',
      'Moonrise.md',
      'Quokka_assembly.md',
      'Quokka_council.md',
      'Quokka_federation.md',
    ]);
    expect((await ask('define', { term: 'dusk meeting' })).text).toContain('moonrise');
    expect((await ask('define', { term: 'moonrise' })).title).toBe('Moonrise');
    expect((await ask('define', { term: 'Ada Quokka' })).title).not.toBe('Ada Quokka');
    // The old title is now a redirect to the moved page.
    expect((await ask('define', { term: 'quokka council' })).title).toBe('Quokka assembly');
    expect(logs.text()).toContain('wiki sync: 5 changes (4 pages written, 1 removed)');
  });

  it('waits as long as Retry-After says on a rate limit and on replication lag', async () => {
    wiki.failNext({ status: 429, retryAfter: '1' }, { status: 200, apiError: 'maxlag', retryAfter: '1' });
    await newSync().syncOnce();
    const [limited, lagged, next] = wiki.requests;
    expect(lagged!.at - limited!.at).toBeGreaterThanOrEqual(990);
    expect(next!.at - lagged!.at).toBeGreaterThanOrEqual(990);
    expect(await pageFiles()).toHaveLength(5);
  });

  it('keeps answering while the wiki is down or failing, and catches up from where it stopped', async () => {
    await newSync().syncOnce();
    const answered = (await ask('define', { term: 'quokka council' })).title;
    wiki.setDown(true);
    await expect(newSync({ tries: 2 }).syncOnce()).rejects.toThrow();
    expect((await store.getWikiSync(await newSync().source()))?.lastError).toBeTruthy();
    expect((await ask('define', { term: 'quokka council' })).title).toBe(answered);
    wiki.setDown(false);
    wiki.failNext({ status: 500 }, { status: 502 }, { status: 503 });
    await expect(newSync({ tries: 2 }).syncOnce()).rejects.toThrow('HTTP 502');
    wiki.edit('Dusk meeting', "A '''dusk meeting''' was edited while the bot could not see the wiki.");
    const before = wiki.requests.length;
    await newSync().syncOnce();
    expect(wiki.requests.slice(before).some((r) => r.params.get('generator') === 'allpages')).toBe(false);
    expect((await ask('define', { term: 'dusk meeting' })).text).toContain('could not see the wiki');
    expect((await store.getWikiSync(await newSync().source()))?.lastError).toBeUndefined();
  });

  it('resumes the first pull where a crash stopped it', async () => {
    wiki.batch = 2;
    const crashing = newSync({ tries: 2, batch: 2 });
    // Site info and the first batch are answered; from the second batch on, every try fails.
    const api = (crashing as unknown as { o: { api: MediaWikiApi } }).o.api;
    const realGet = api.get.bind(api);
    let calls = 0;
    api.get = (params) => {
      if (++calls === 3) wiki.failNext({ status: 503 }, { status: 503 });
      return realGet(params);
    };
    await expect(crashing.syncOnce()).rejects.toThrow('HTTP 503');
    const state = await store.getWikiSync(await crashing.source());
    expect(state?.pullContinue).toBe(JSON.stringify({ gapcontinue: 'Federation of quokkas', continue: 'gapcontinue||' }));
    expect(await pageFiles()).toEqual(['Ada_Quokka.md', 'Dusk_meeting.md']);
    const before = wiki.requests.length;
    await newSync({ batch: 2 }).syncOnce();
    const resumed = wiki.requests.slice(before).find((r) => r.params.get('generator') === 'allpages');
    expect(resumed?.params.get('gapcontinue')).toBe('Federation of quokkas');
    expect(await pageFiles()).toHaveLength(5);
  });

  const dump = path.join(libsocDir, '..', 'libsocwiki_pages_current.xml.gz');
  it.skipIf(!existsSync(dump))(
    "pulls the libsocwiki dump's pages from the double and answers from them",
    async () => {
      await wiki.close();
      const pages = pagesFromDump(gunzipSync(readFileSync(dump)).toString('utf8'));
      wiki = await MediaWikiDouble.start(pages);
      wiki.batch = 50;
      await newSync().syncOnce();
      const titles = Object.keys(pages);
      expect(await pageFiles()).toHaveLength(new Set(titles.map(pageFileName)).size);
      const articles = titles.filter((t) => !/^\s*#REDIRECT/i.test(pages[t]!));
      expect(deps.library.stats.articles).toBeGreaterThan(articles.length * 0.95);
      for (const t of articles.filter((_, i) => i % 97 === 0)) expect((await ask('define', { term: t })).title).toBe(t);
      const front = (await readFile(path.join(dir, pageFileName(articles[0]!)), 'utf8')).split('---\n')[1]!;
      expect(parseYaml(front).title).toBe(articles[0]);
    },
    300_000,
  );
  if (!existsSync(dump)) console.warn(`libsocwiki dump not found at ${dump}: the live sync over it is skipped`);
});
