// A live wiki for the composition roots: the sync over the store DATABASE_URL names, with the
// dump importer's wikitext converter.
import { mkdir } from 'node:fs/promises';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/types.js';
import { wikitextConverter } from './convert.js';
import { MediaWikiApi, userAgent } from './mediawiki-api.js';
import { WikiSync, type WikiSyncOptions } from './sync.js';

export interface LiveWiki {
  /** Starts following; the callbacks say what changed. */
  start(hooks: Pick<WikiSyncOptions, 'onPages' | 'onSite' | 'onSynced'>): void;
  stop(): Promise<void>;
}

/** The package's version, for the User-Agent. */
const VERSION = '0.1.0';

export async function openLiveWiki(config: Config & { WIKI_API_URL: string }, log: Logger): Promise<LiveWiki> {
  const liveLog = log.child({ module: 'wiki-sync' });
  if (!config.WIKI_CONTACT)
    liveLog.warn('WIKI_CONTACT is not set: wikis ask bots to name a contact (an e-mail or a URL) in their User-Agent');
  // On the first start the folder is made here, so the bot starts over it (empty) at once.
  await mkdir(config.CONTENT_DIR, { recursive: true });
  // The store is opened when the sync first needs it, and again after a failure: a database
  // that is down delays the sync (which retries) and never the bot's start.
  let opened: Promise<Store> | undefined;
  const open = () =>
    (opened ??= openStore(config.DATABASE_URL, liveLog).catch((err: unknown) => {
      opened = undefined;
      throw err;
    }));
  const store: Pick<Store, 'getWikiSync' | 'saveWikiSync'> = {
    getWikiSync: async (source) => (await open()).getWikiSync(source),
    saveWikiSync: async (state, now) => (await open()).saveWikiSync(state, now),
  };
  const abort = new AbortController();
  const api = new MediaWikiApi({
    url: config.WIKI_API_URL,
    userAgent: userAgent(VERSION, config.WIKI_CONTACT),
    log: liveLog,
    signal: abort.signal,
  });
  let sync: WikiSync | undefined;
  const base = {
    api,
    apiUrl: config.WIKI_API_URL,
    dir: config.CONTENT_DIR,
    store,
    convert: wikitextConverter,
    log: liveLog,
    intervalMs: config.WIKI_SYNC_MINUTES * 60_000,
  };
  return {
    start(hooks) {
      sync = new WikiSync({ ...base, ...hooks });
      sync.start();
    },
    async stop() {
      abort.abort(new Error('shutting down'));
      await sync?.stop().catch(() => undefined);
      await (await opened?.catch(() => undefined))?.close();
    },
  };
}
