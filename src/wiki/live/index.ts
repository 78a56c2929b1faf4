// A live wiki for the composition roots: the sync over the store DATABASE_URL names, with the
// placeholder converter until the dump importer's lands, and the site info it keeps.
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { DEFAULT_WIKI_BASE_URL, DEFAULT_WIKI_NAME } from '../../site.js';
import { openStore } from '../../store/index.js';
import type { SiteInfo } from './convert.js';
import { MediaWikiApi, userAgent } from './mediawiki-api.js';
import { placeholderConverter } from './placeholder-converter.js';
import { WikiSync, type WikiSyncOptions } from './sync.js';

export interface LiveWiki {
  /** The site info of an earlier run, if any (before the wiki answers). */
  storedSite?: SiteInfo;
  /** Starts following; the callbacks say what changed. */
  start(hooks: Pick<WikiSyncOptions, 'onPages' | 'onSite' | 'onSynced'>): void;
  stop(): Promise<void>;
}

/** The package's version, for the User-Agent. */
const VERSION = '0.1.0';

export async function openLiveWiki(config: Config & { WIKI_API_URL: string }, log: Logger): Promise<LiveWiki> {
  const liveLog = log.child({ module: 'wiki-sync' });
  if (!config.WIKI_CONTACT) liveLog.warn('WIKI_CONTACT is not set: wikis ask bots to name a contact (an e-mail or a URL) in their User-Agent');
  const store = await openStore(config.DATABASE_URL, liveLog);
  const abort = new AbortController();
  const api = new MediaWikiApi({ url: config.WIKI_API_URL, userAgent: userAgent(VERSION, config.WIKI_CONTACT), log: liveLog, signal: abort.signal });
  let sync: WikiSync | undefined;
  const base = { api, apiUrl: config.WIKI_API_URL, dir: config.CONTENT_DIR, store, convert: placeholderConverter, log: liveLog, intervalMs: config.WIKI_SYNC_MINUTES * 60_000 };
  const storedSite = await new WikiSync(base).storedSite();
  return {
    storedSite,
    start(hooks) {
      sync = new WikiSync({ ...base, ...hooks });
      sync.start();
    },
    async stop() {
      abort.abort(new Error('shutting down'));
      await sync?.stop().catch(() => undefined);
      await store.close();
    },
  };
}

/** The configuration with the wiki's own name and page URL base, where the operator left the
 *  defaults (a setting given in the environment wins). */
export function withSite<C extends Pick<Config, 'WIKI_NAME' | 'WIKI_BASE_URL'>>(config: C, site: SiteInfo | undefined): C {
  if (!site) return config;
  return {
    ...config,
    WIKI_NAME: config.WIKI_NAME === DEFAULT_WIKI_NAME ? site.name : config.WIKI_NAME,
    WIKI_BASE_URL: config.WIKI_BASE_URL === DEFAULT_WIKI_BASE_URL ? site.baseUrl : config.WIKI_BASE_URL,
  };
}

/** The site info an earlier sync stored, for a process that does not sync itself (a Discord
 *  shard): undefined without WIKI_API_URL, or when nothing is stored or the store fails. */
export async function storedSiteInfo(config: Config, log: Logger): Promise<SiteInfo | undefined> {
  if (!config.WIKI_API_URL) return undefined;
  try {
    const store = await openStore(config.DATABASE_URL, log);
    try {
      const base = { api: undefined as never, apiUrl: config.WIKI_API_URL, dir: config.CONTENT_DIR, store, convert: placeholderConverter, log, intervalMs: 0 };
      return await new WikiSync(base).storedSite();
    } finally {
      await store.close();
    }
  } catch (err) {
    log.warn({ err }, 'could not read the live wiki\'s stored site info');
    return undefined;
  }
}
