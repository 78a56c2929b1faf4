// From configuration to a ready Library: load (parse or cache) the content folder, report
// broken files, build the indexes. Shared by every entry point.
import { availableParallelism } from 'node:os';
import type { Config } from './config.js';
import type { Content } from './wiki/model.js';
import { ParseCache } from './wiki/cache/parse-cache.js';
import { loadContent } from './wiki/load/load-folder.js';
import { Library } from './library/library.js';
import { normalizeKey } from './library/normalize.js';
import { readSavedIndexes, savedIndexesFile, savedIndexesKey, savedIndexesMatch, writeSavedIndexes } from './library/persist.js';
import type { Logger } from './log.js';
import { siteSettingsWarning } from './site.js';

export interface Wiki {
  library: Library;
  content: Content;
  /** Milliseconds to build the indexes (after loading). */
  indexMs: number;
}

export interface LoadOptions {
  contentDir?: string;
  progress?: boolean;
  /** Overrides CACHE_DIR; null disables the cache. */
  cacheDir?: string | null;
}

export async function loadWiki(config: Config, log: Logger, opts: LoadOptions = {}): Promise<Wiki> {
  const dir = opts.contentDir ?? config.CONTENT_DIR;
  const siteWarning = siteSettingsWarning(config, dir);
  if (siteWarning) log.warn({ dir }, siteWarning);
  const cacheDir = opts.cacheDir === undefined ? config.CACHE_DIR : opts.cacheDir;
  const indexFile = savedIndexesFor(cacheDir, dir);
  const { terms, ...content } = await loadContent(dir, {
    baseUrl: config.WIKI_BASE_URL,
    summaryMaxChars: config.SUMMARY_MAX_CHARS,
    cacheDir,
    workers: workerCount(config.PARSE_WORKERS),
    progress: opts.progress ?? false,
    maxPageBytes: config.MAX_PAGE_BYTES,
    pageTimeoutMs: config.PAGE_PARSE_TIMEOUT_MS,
    titleKey: normalizeKey,
    onWarning: (w) =>
      log.warn({ path: w.path, reason: w.reason }, w.kept ? 'content file loaded with a warning' : 'skipped a content file'),
    onCacheProblem: ({ level, file, problem, next }) => log[level]({ file, problem, next }, `parse cache: ${problem}; ${next}`),
    // Saved indexes for exactly these pages make the pages' search terms unnecessary.
    needTerms: async (fingerprint) => !(indexFile && (await savedIndexesMatch(indexFile, await savedIndexesKey(fingerprint)))),
  });
  const started = performance.now();
  const key = indexFile ? await savedIndexesKey(content.fingerprint) : '';
  const saved = indexFile ? readSavedIndexes(indexFile, key) : undefined;
  let library: Library;
  try {
    library = Library.build({ ...content, terms: takeEach(terms) }, { baseUrl: config.WIKI_BASE_URL, saved });
  } finally {
    saved?.close?.();
  }
  const indexMs = performance.now() - started;
  if (indexFile && !library.imported) {
    if (!(await writeSavedIndexes(indexFile, key, library))) {
      log.warn({ file: indexFile, next: 'the indexes are built again at the next start' }, 'could not save the search indexes');
    }
  }
  log.info(
    {
      dir,
      ...library.stats,
      warnings: content.warnings.length,
      loadMs: Math.round(content.stats.ms),
      indexMs: Math.round(indexMs),
      indexes: library.imported ? 'loaded' : 'built',
    },
    'content loaded',
  );
  return { library, content, indexMs };
}

/** Where the search indexes of a content folder are saved, or null without a cache. */
export function savedIndexesFor(cacheDir: string | null, contentDir: string): string | null {
  return cacheDir ? savedIndexesFile(ParseCache.fileFor(cacheDir, contentDir)) : null;
}

/** Yields each item and lets go of it, so that the pages' search terms (megabytes on a big
 *  wiki) are freed one by one as the build indexes them rather than held until it ends. */
function* takeEach<T>(items: (T | undefined)[] | undefined): Generator<T | undefined> {
  if (!items) return;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    items[i] = undefined;
    yield item;
  }
}

function workerCount(setting: string): number | 'auto' {
  if (setting === 'auto') return 'auto';
  return Math.max(0, Math.min(Number(setting), availableParallelism() * 2));
}
