// Loading a content folder: find the pages, take what the cache already knows, parse the
// rest (on worker threads when there are many), report the files that could not be used and
// load everything else. A broken page never stops the others from loading.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { ParseCache } from './cache.js';
import { codeFingerprint, describeError, listPages, sha256 } from './files.js';
import type { Article, Content, ContentWarning, Redirect } from './model.js';
import type { PackedTerms } from './terms.js';
import type { ParseOptions } from './parse.js';
import type { JobResult } from './parse-job.js';
import type { Job } from './pool.js';
import { pageUrl } from './url.js';
import { PARSER_VERSION } from './version.js';

export interface LoadContentOptions {
  /** Public base URL of the wiki; each article's url is this plus its slug. */
  baseUrl: string;
  summaryMaxChars: number;
  /** Folder for the parse cache (CACHE_DIR); null or undefined disables it. */
  cacheDir?: string | null;
  /** Worker threads for parsing: a number (0 = parse on the main thread only) or 'auto'. */
  workers?: number | 'auto';
  /** Show a progress bar on stderr (only when it is a terminal and there are many files). */
  progress?: boolean;
  onWarning?: (warning: ContentWarning) => void;
}

/** Below this many files to parse, starting workers costs more than it saves. */
const PARALLEL_MIN_FILES = 64;
const PROGRESS_MIN_FILES = 200;
const MAX_AUTO_THREADS = 8;
const READ_SLICE = 256;
const YIELD_EVERY = 32;

/** Everything besides a page's bytes that changes what it parses to: the parser version, the
 *  options, and a fingerprint of the parser's own files, so that editing the parser without
 *  bumping PARSER_VERSION cannot serve stale results. */
async function cacheKey(opts: ParseOptions): Promise<string> {
  const code = await codeFingerprint(path.dirname(fileURLToPath(import.meta.url)));
  return `parser=${PARSER_VERSION};code=${code};summaryMaxChars=${opts.summaryMaxChars}`;
}

/** Worker threads to start. 'auto' means min(cores, 8) parsing threads in all, the main thread
 *  being one of them: it parses too, so on a 2-core machine one worker is started. (Measured
 *  on 2 cores: main + 1 worker beats main + 2, which only fight over the cores, V8's GC and
 *  compiler threads included.) */
function workerCount(setting: number | 'auto' | undefined, jobs: number): number {
  if (jobs <= PARALLEL_MIN_FILES) return 0;
  if (setting === undefined || setting === 'auto') {
    const cores = availableParallelism();
    return cores > 1 ? Math.min(cores, MAX_AUTO_THREADS) - 1 : 0;
  }
  return Math.max(0, Math.floor(setting));
}

function progressBar(enabled: boolean, total: number): { add(n: number): void; stop(): void } {
  if (!enabled || !process.stderr.isTTY || total <= PROGRESS_MIN_FILES) return { add() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'Loading pages {bar} {value}/{total}', clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { add: (n) => bar.increment(n), stop: () => bar.stop() };
}

/** Loads every page under `dir`. Throws only when `dir` itself is missing or not a folder. */
export async function loadContent(dir: string, opts: LoadContentOptions): Promise<Content> {
  const started = performance.now();
  const root = path.resolve(dir);
  const info = await stat(root).catch(() => null);
  if (!info) throw new Error(`content folder not found: ${root} (set CONTENT_DIR or pass --content DIR)`);
  if (!info.isDirectory()) throw new Error(`content path is not a folder: ${root}`);

  const { files, warnings: listWarnings } = await listPages(root);
  const parseOpts: ParseOptions = { summaryMaxChars: opts.summaryMaxChars };
  const cache = opts.cacheDir ? await ParseCache.open(ParseCache.fileFor(opts.cacheDir, root), await cacheKey(parseOpts)) : null;
  const bar = progressBar(opts.progress === true, files.length);

  const results: JobResult[] = new Array(files.length);
  let jobs: Job[] = [];
  let fromCache = 0;
  if (cache && cache.size > 0) {
    // Hash every file to find the ones the cache has; the misses keep their bytes. Read
    // synchronously: for many small files that is several times faster than fs.promises
    // (one call instead of open/stat/read/close round trips through the thread pool), and
    // the event loop gets a turn between slices.
    for (let index = 0; index < files.length; index++) {
      if (index > 0 && index % READ_SLICE === 0) await yieldToEvents();
      const rel = files[index]!;
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(path.join(root, rel));
      } catch (err) {
        results[index] = { index, error: `cannot read: ${describeError(err)}` };
        continue;
      }
      const sha = sha256(bytes);
      const hit = cache.get(rel, sha);
      if (!hit) {
        jobs.push({ index, rel, bytes });
        continue;
      }
      results[index] = hit.page ? { index, sha, page: hit.page } : { index, sha, error: hit.error ?? 'could not be parsed' };
      fromCache++;
    }
    bar.add(fromCache);
  } else {
    jobs = files.map((rel, index) => ({ index, rel }));
  }

  let parsed = 0;
  const collect = (batch: JobResult[]) => {
    for (const r of batch) {
      if (r.sha) parsed++;
      results[r.index] = r;
      if (cache && r.sha) cache.set(files[r.index]!, { sha: r.sha, page: r.page ?? null, ...(r.error ? { error: r.error } : {}) });
    }
    bar.add(batch.length);
  };
  const workers = workerCount(opts.workers, jobs.length);
  try {
    // The parser is loaded only when something needs parsing: a warm start never loads it.
    if (workers > 0) {
      const { parseInParallel } = await import('./pool.js');
      await parseInParallel(root, jobs, parseOpts, workers, collect);
    } else if (jobs.length > 0) {
      const { runJob } = await import('./parse-job.js');
      for (let i = 0; i < jobs.length; i++) {
        if (i > 0 && i % YIELD_EVERY === 0) await yieldToEvents(); // lets the progress bar redraw
        const j = jobs[i]!;
        collect([runJob(root, j.rel, j.index, parseOpts, j.bytes)]);
      }
    }
  } finally {
    bar.stop();
  }

  if (cache) {
    cache.retainOnly(files);
    await cache.save();
  }

  // What this content is: every file with the hash of its bytes, under this parser. Derived
  // data (the saved search indexes) is valid exactly as long as this is unchanged.
  const fingerprint = createHash('sha256').update(await cacheKey(parseOpts));
  const articles: Article[] = [];
  const terms: (PackedTerms | undefined)[] = [];
  const redirects: Redirect[] = [];
  const warnings: ContentWarning[] = [...listWarnings];
  for (let i = 0; i < files.length; i++) {
    const r = results[i]!;
    fingerprint.update(`${files[i]}\u0000${r.sha ?? r.error ?? ''}\u0000`);
    if (r.page?.kind === 'article') {
      r.page.article.url = pageUrl(opts.baseUrl, r.page.article.slug);
      articles.push(r.page.article);
      terms.push(r.page.terms);
    } else if (r.page?.kind === 'redirect') {
      redirects.push(r.page.redirect);
    } else {
      warnings.push({ path: files[i]!, reason: r.error ?? 'could not be parsed' });
    }
  }
  warnings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const w of warnings) opts.onWarning?.(w);

  return {
    articles,
    terms,
    redirects,
    warnings,
    fingerprint: fingerprint.digest('hex'),
    stats: { files: files.length, parsed, fromCache, ms: performance.now() - started, workers },
  };
}
