// From configuration to a ready Library: load (parse or cache) the content folder, report
// broken files, build the indexes. Shared by every entry point.
import { availableParallelism } from 'node:os';
import { loadContent } from './content/load.js';
import { Library } from './library/library.js';
export async function loadWiki(config, log, opts = {}) {
    const dir = opts.contentDir ?? config.CONTENT_DIR;
    const content = await loadContent(dir, {
        baseUrl: config.WIKI_BASE_URL,
        summaryMaxChars: config.SUMMARY_MAX_CHARS,
        cacheDir: opts.cacheDir === undefined ? config.CACHE_DIR : opts.cacheDir,
        workers: workerCount(config.PARSE_WORKERS),
        progress: opts.progress ?? false,
        onWarning: (w) => log.warn({ path: w.path, reason: w.reason }, 'skipped a content file'),
    });
    const started = performance.now();
    const library = Library.build(content, { baseUrl: config.WIKI_BASE_URL });
    const indexMs = performance.now() - started;
    log.info({ dir, ...library.stats, warnings: content.warnings.length, loadMs: Math.round(content.stats.ms), indexMs: Math.round(indexMs) }, 'content loaded');
    return { library, content, indexMs };
}
export async function loadLibrary(config, log, opts = {}) {
    return (await loadWiki(config, log, opts)).library;
}
function workerCount(setting) {
    if (setting === 'auto')
        return 'auto';
    return Math.max(0, Math.min(Number(setting), availableParallelism() * 2));
}
