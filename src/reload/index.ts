// Keeping a loaded wiki fresh, for the composition roots: a Reloader over the content folder,
// started by the folder watcher (WATCH_CONTENT) and by SIGHUP, that swaps `holder.library` and
// keeps `freshness` current. Each process that answers runs its own (every Discord shard too).
import type { Config } from '../config.js';
import type { Wiki } from '../boot.js';
import type { Freshness } from '../freshness.js';
import type { Library } from '../library/library.js';
import type { Logger } from '../log.js';
import { withSiteFacts } from '../site-facts.js';
import type { LiveWiki } from '../wiki/live/index.js';
import { Reloader } from './reloader.js';
import { watchFolder } from './watch-folder.js';
import { warmParser } from '../wiki/load/warm-parser.js';

export interface FreshWiki {
  reloader: Reloader;
  freshness: Freshness;
  /** Reloads now (e.g. after a sync wrote pages); resolves when done. */
  reload(reason: string): Promise<void>;
  stop(): Promise<void>;
}

export interface KeepFreshOptions {
  wiki: Wiki;
  /** The configuration as set; its CONTENT_DIR is the folder the wiki was loaded from. Each
   *  reload takes the wiki's name and page URL base from the folder's `_site.json` again
   *  (written by an import or a live sync, maybe by another process) where this leaves them
   *  at their defaults. */
  config: Config;
  log: Logger;
  /** What answers read (CommandDeps): `library` is replaced on each swap, `config` before each
   *  reload. */
  holder: { library: Library; config: Config };
  /** Reload on SIGHUP (default true). */
  signals?: boolean;
}

export function keepFresh(opts: KeepFreshOptions): FreshWiki {
  const log = opts.log.child({ module: 'reload' });
  const freshness: Freshness = { pages: opts.wiki.library.stats.articles, loadedAt: new Date() };
  const dir = opts.config.CONTENT_DIR;
  const reloader = new Reloader({
    wiki: opts.wiki,
    dir,
    config: () => (opts.holder.config = withSiteFacts(opts.config, process.env)),
    log,
    onSwap: (wiki) => {
      opts.holder.library = wiki.library;
      Object.assign(freshness, { pages: wiki.library.stats.articles, loadedAt: new Date(), reloaded: true });
    },
  });
  const watcher = opts.config.WATCH_CONTENT
    ? watchFolder(dir, () => void reloader.request('the content folder changed'), { log, onBurst: () => void warmParser() })
    : undefined;
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
 *  once, and so is the wiki's site info when it is written (see KeepFreshOptions.config);
 *  /help learns when the wiki was last synced. */
export function followLiveWiki(live: LiveWiki, fresh: FreshWiki): void {
  live.start({
    onPages: () => fresh.reload('wiki sync'),
    onSite: () => void fresh.reload('the wiki gave its name and page URL base'),
    onSynced: (at) => {
      fresh.freshness.syncedAt = at;
    },
  });
}
