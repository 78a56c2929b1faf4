// Following a live MediaWiki wiki into the content folder. On the first start every page of
// the main namespace is pulled (generator=allpages with each page's current wikitext, a batch
// per request) and written as a page file; the position after each batch is stored, so a
// crash resumes there. From then on, every WIKI_SYNC_MINUTES, list=recentchanges since the
// last change applied names the pages touched (edits, new pages, deletions, moves and their
// redirects, restores), and each is fetched again and written, or removed when the wiki no
// longer has it. The reloader picks the files up. The wiki being down, slow, erroring or
// rate limiting only delays this: the loop logs, backs off and resumes from the stored
// position; nothing here is on the answering path.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../log.js';
import type { Store, WikiSyncState } from '../../store/types.js';
import { writeSiteFacts, type SiteFacts } from '../../site-facts.js';
import type { PageConverter } from './convert.js';
import type { MediaWikiApi } from './mediawiki-api.js';
import { removePageFile, writePageFile } from './page-file.js';

export interface WikiSyncOptions {
  api: MediaWikiApi;
  apiUrl: string;
  /** The content folder pages are written to. */
  dir: string;
  store: Pick<Store, 'getWikiSync' | 'saveWikiSync'>;
  convert: PageConverter;
  log: Logger;
  /** Between two follow-ups (WIKI_SYNC_MINUTES). */
  intervalMs: number;
  /** After pages were written or removed (the reloader picks them up). */
  onPages?: () => Promise<void> | void;
  /** After the wiki's site info was written to `_site.json` in the folder. */
  onSite?: (site: SiteFacts) => void;
  /** After each follow-up that reached the wiki's present. */
  onSynced?: (at: Date) => void;
  /** Pages per request (default 50: the API's limit for page content). */
  batch?: number;
  now?: () => Date;
}

/** One recent change, as list=recentchanges gives it (formatversion 2). */
interface RecentChange {
  type: string;
  ns: number;
  title: string;
  rcid: number;
  timestamp: string;
  logtype?: string;
  logparams?: { target_ns?: number; target_title?: string };
}

interface ApiPage {
  ns: number;
  title: string;
  missing?: boolean;
  invalid?: boolean;
  revisions?: { content?: string; slots?: { main?: { content?: string; contentmodel?: string } } }[];
}

/** A follow-up after this long away might have missed changes the wiki no longer lists
 *  ($wgRCMaxAge is 90 days by default): pull everything again instead. */
const RC_TRUST_DAYS = 80;
const FOLDER_ID_FILE = '.commonplace-sync-id';

export class WikiSync {
  private readonly o: WikiSyncOptions & { batch: number; now: () => Date };
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private failures = 0;
  private site?: SiteFacts;

  constructor(opts: WikiSyncOptions) {
    this.o = { batch: 50, now: () => new Date(), ...opts };
  }

  /** The content folder's id, made on first use (a dotfile the loader skips): the stored
   *  position belongs to this folder, not to another instance's copy of the same wiki. */
  async source(): Promise<string> {
    const file = path.join(this.o.dir, FOLDER_ID_FILE);
    let id = (await readFile(file, 'utf8').catch(() => '')).trim();
    if (!id) {
      id = randomBytes(8).toString('hex');
      await mkdir(this.o.dir, { recursive: true });
      await writeFile(file, `${id}\n`);
    }
    return `${this.o.apiUrl}#${id}`;
  }

  /** Runs a sync now and then every interval until stop(); failures back off (30 s, doubling,
   *  up to the interval). Returns at once. */
  start(): void {
    const loop = async () => {
      if (this.stopped) return;
      this.running = this.syncOnce().then(
        () => {
          this.failures = 0;
        },
        (err: unknown) => {
          this.failures++;
          this.o.log.warn(
            { err: errorInfo(err), failures: this.failures },
            'wiki sync failed: answering from the pages already here, trying again later',
          );
        },
      );
      await this.running;
      if (this.stopped) return;
      const wait = this.failures ? Math.min(this.o.intervalMs, 30_000 * 2 ** (this.failures - 1)) : this.o.intervalMs;
      this.timer = setTimeout(() => void loop(), wait);
      this.timer.unref();
    };
    void loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round: site info (once per run), the first pull or its rest, then recent changes. */
  async syncOnce(): Promise<void> {
    const source = await this.source();
    let state: WikiSyncState = (await this.o.store.getWikiSync(source)) ?? { source, apiUrl: this.o.apiUrl };
    const save = async (patch: Partial<WikiSyncState>) => {
      state = { ...state, ...patch };
      await this.o.store.saveWikiSync(state, this.o.now());
    };
    try {
      if (!this.site) {
        const { site, time } = await this.fetchSite();
        this.site = site;
        // Beside the pages, as an import leaves them: every process over this folder (a Discord
        // shard, the next start) names the wiki and links to it from there.
        await writeSiteFacts(this.o.dir, site);
        this.o.onSite?.(site);
        if (!state.pulledAt && !state.pullStarted) await save({ pullStarted: time });
      }
      if (state.pulledAt && state.syncedAt && this.o.now().getTime() - state.syncedAt.getTime() > RC_TRUST_DAYS * 86_400_000) {
        this.o.log.warn(
          { lastSync: state.syncedAt },
          'wiki sync: away longer than the wiki keeps its recent changes; pulling every page again',
        );
        const { time } = await this.fetchSite();
        await save({ pulledAt: undefined, pullStarted: time, pullContinue: undefined, rcTimestamp: undefined, rcId: undefined });
      }
      if (!state.pulledAt && !(await this.pull(state, save))) return; // stopped half way
      await this.follow(state, save);
      const at = this.o.now();
      await save({ syncedAt: at, lastError: undefined });
      this.o.onSynced?.(at);
    } catch (err) {
      await save({ lastError: errorInfo(err).message }).catch(() => undefined);
      throw err;
    }
  }

  private async fetchSite(): Promise<{ site: SiteFacts; time: string }> {
    const body = await this.o.api.get({ meta: 'siteinfo', siprop: 'general|namespaces' });
    const query = body.query as { general?: Record<string, string>; namespaces?: Record<string, { id: number; name: string }> } | undefined;
    const g = query?.general;
    if (!g?.sitename || !g.server || !g.articlepath)
      throw new Error('the wiki sent no site info (is WIKI_API_URL the address of api.php?)');
    const server = g.server.startsWith('//') ? `${new URL(this.o.apiUrl).protocol}${g.server}` : g.server;
    const baseUrl = new URL(g.articlepath.replace('$1', ''), server).href;
    const namespaces = Object.fromEntries(
      Object.values(query?.namespaces ?? {})
        .filter((n) => n.id !== 0)
        .map((n) => [String(n.id), n.name]),
    );
    const now = this.o.now();
    const site: SiteFacts = {
      name: g.sitename,
      baseUrl,
      case: g.case === 'case-sensitive' ? 'case-sensitive' : 'first-letter',
      namespaces,
      generator: g.generator,
      source: { kind: 'api', from: this.o.apiUrl, at: now.toISOString() },
    };
    return { site, time: g.time ?? now.toISOString().replace(/\.\d+Z$/, 'Z') };
  }

  /** Every main-namespace page, a batch per request, resuming from the stored continuation. */
  private async pull(state: WikiSyncState, save: (patch: Partial<WikiSyncState>) => Promise<void>): Promise<boolean> {
    const resumed = state.pullContinue ? (JSON.parse(state.pullContinue) as Record<string, string>) : undefined;
    this.o.log.info({ resumed: Boolean(resumed) }, resumed ? 'wiki sync: resuming the first pull' : 'wiki sync: pulling every page');
    let written = 0;
    const params = {
      generator: 'allpages',
      gapnamespace: 0,
      gaplimit: this.o.batch,
      prop: 'revisions',
      rvprop: 'content',
      rvslots: 'main',
    };
    for await (const { body, next } of this.o.api.continued(params, resumed)) {
      written += (await this.apply(pagesOf(body))).written;
      await save({ pullContinue: next ? JSON.stringify(next) : undefined });
      if (this.stopped && next) return false;
    }
    await save({ pulledAt: this.o.now(), pullContinue: undefined, rcTimestamp: state.rcTimestamp ?? state.pullStarted });
    this.o.log.info({ pages: written }, `wiki sync: pulled ${written} pages`);
    await this.o.onPages?.();
    return true;
  }

  /** Applies the recent changes since the stored one, each to its page alone. */
  private async follow(state: WikiSyncState, save: (patch: Partial<WikiSyncState>) => Promise<void>): Promise<void> {
    if (!state.rcTimestamp) return;
    const touched = new Set<string>();
    let last: { timestamp: string; rcid: number } | undefined;
    let changes = 0;
    const params = {
      list: 'recentchanges',
      rcdir: 'newer',
      rcstart: state.rcTimestamp,
      rcprop: 'title|ids|timestamp|loginfo',
      rctype: 'edit|new|log',
      rclimit: 500,
    };
    for await (const { body } of this.o.api.continued(params)) {
      for (const rc of (body.query as { recentchanges?: RecentChange[] } | undefined)?.recentchanges ?? []) {
        if (state.rcId !== undefined && rc.rcid <= state.rcId) continue;
        changes++;
        last = { timestamp: rc.timestamp, rcid: rc.rcid };
        if (rc.ns === 0) touched.add(rc.title);
        // A move names its old title; the new one is in its parameters.
        if (rc.type === 'log' && rc.logtype === 'move' && rc.logparams?.target_ns === 0 && rc.logparams.target_title)
          touched.add(rc.logparams.target_title);
      }
    }
    if (!last) return;
    let written = 0;
    let removed = 0;
    const titles = [...touched];
    for (let i = 0; i < titles.length; i += this.o.batch) {
      const body = await this.o.api.get({
        titles: titles.slice(i, i + this.o.batch).join('|'),
        prop: 'revisions',
        rvprop: 'content',
        rvslots: 'main',
      });
      const done = await this.apply(pagesOf(body));
      written += done.written;
      removed += done.removed;
    }
    await save({ rcTimestamp: last.timestamp, rcId: last.rcid });
    this.o.log.info(
      { changes, written, removed },
      `wiki sync: ${changes} change${changes === 1 ? '' : 's'} (${written} page${written === 1 ? '' : 's'} written, ${removed} removed)`,
    );
    if (written || removed) await this.o.onPages?.();
  }

  /** Writes each page that has content, removes each the wiki does not have. */
  private async apply(pages: ApiPage[]): Promise<{ written: number; removed: number }> {
    let written = 0;
    let removed = 0;
    for (const p of pages) {
      if (p.ns !== 0 || p.invalid) continue;
      if (p.missing) {
        await removePageFile(this.o.dir, p.title);
        removed++;
        continue;
      }
      const rev = p.revisions?.[0];
      const main = rev?.slots?.main;
      const wikitext = main?.content ?? rev?.content;
      // No revision yet: it comes in a later response of the same batch.
      if (wikitext === undefined || (main?.contentmodel && main.contentmodel !== 'wikitext')) continue;
      await writePageFile(this.o.dir, p.title, this.o.convert(p.title, wikitext, this.site ?? { case: 'first-letter' }));
      written++;
    }
    return { written, removed };
  }
}

function pagesOf(body: Record<string, unknown>): ApiPage[] {
  return (body.query as { pages?: ApiPage[] } | undefined)?.pages ?? [];
}

function errorInfo(err: unknown): { message: string } {
  return { message: err instanceof Error ? err.message : String(err) };
}
