// Keeping a loaded wiki fresh, for the composition roots: a Reloader over the content folder,
// started by the folder watcher (WATCH_CONTENT) and by SIGHUP, that swaps `holder.library` and
// keeps `freshness` current. Each process that answers runs its own (every Discord shard too).
import type { Config } from '../config.js';
import type { Wiki } from '../boot.js';
import type { Freshness } from '../freshness.js';
import type { Library } from '../library/library.js';
import type { Logger } from '../log.js';
import { withSite, type LiveWiki } from '../wiki/live/index.js';
import { Reloader } from './reloader.js';
import { watchFolder } from './watch-folder.js';

export interface FreshWiki {
  reloader: Reloader;
  freshness: Freshness;
  /** Reloads now (e.g. after a sync wrote pages); resolves when done. */
  reload(reason: string): Promise<void>;
  stop(): Promise<void>;
}

export interface KeepFreshOptions {
  wiki: Wiki;
  /** The folder the wiki was loaded from. */
  dir: string;
  config: () => Config;
  log: Logger;
  /** What answers read the Library from (CommandDeps): its `library` is replaced on each swap. */
  holder: { library: Library };
  /** Reload on SIGHUP (default true). */
  signals?: boolean;
}

export function keepFresh(opts: KeepFreshOptions): FreshWiki {
  const log = opts.log.child({ module: 'reload' });
  const freshness: Freshness = { pages: opts.wiki.library.stats.articles, loadedAt: new Date() };
  const reloader = new Reloader({
    wiki: opts.wiki,
    dir: opts.dir,
    config: opts.config,
    log,
    onSwap: (wiki) => {
      opts.holder.library = wiki.library;
      Object.assign(freshness, { pages: wiki.library.stats.articles, loadedAt: new Date(), reloaded: true });
    },
  });
  const watcher = opts.config().WATCH_CONTENT ? watchFolder(opts.dir, () => void reloader.request('the content folder changed'), { log }) : undefined;
  const onHup = () => void reloader.request('SIGHUP');
  if (opts.signals !== false) process.on('SIGHUP', onHup);
  // Records every file's stats now, off the answering path, so the first real reload only
  // reads the files that changed; it also catches an edit made while the wiki was loading.
  void reloader.request('start-up check');
  return {
    reloader,
    freshness,
    reload: (reason) => reloader.request(reason),
    async stop() {
      watcher?.close();
      process.off('SIGHUP', onHup);
      await reloader.stop();
    },
  };
}

/** Follows a live wiki into this process's content folder: each sync's pages are reloaded at
 *  once, the wiki's site info becomes the name and page URL base (where the operator left the
 *  defaults), and /help learns when the wiki was last synced. */
export function followLiveWiki(live: LiveWiki, opts: { config: Config; holder: { config: Config }; fresh: FreshWiki }): void {
  live.start({
    onPages: () => opts.fresh.reload('wiki sync'),
    onSite: (site) => {
      opts.holder.config = withSite(opts.config, site);
      if (opts.holder.config.WIKI_BASE_URL !== opts.fresh.reloader.current.library.baseUrl) void opts.fresh.reload('the wiki gave its page URL base');
    },
    onSynced: (at) => {
      opts.fresh.freshness.syncedAt = at;
    },
  });
}
