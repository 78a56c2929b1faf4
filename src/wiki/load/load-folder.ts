// Loading a content folder: find the pages, take what the cache already knows, parse the
// rest (on worker threads when there are many), report the files that could not be used and
// load everything else. A broken page never stops the others from loading.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { prepareCacheDir, type CacheReport } from '../cache/cache-dir.js';
import { ParseCache } from '../cache/parse-cache.js';
import { nameCaseClashes } from './case-clash.js';
import { codeFingerprint, DEFAULT_MAX_PAGE_BYTES, listPages, readFailure, readPageFile, sha256 } from './page-files.js';
import { limitInliningForParsing } from './v8-inlining-budget.js';
import type { Article, Content, ContentWarning, Redirect } from '../model.js';
import type { PackedTerms } from '../parse/search-terms.js';
import type { ParseOptions } from '../parse/parse-page.js';
import type { JobResult } from './parse-job.js';
import type { Job, MainParses } from './worker-pool.js';
import { mediaWikiTitle } from '../page-names.js';
import { pageUrl } from '../page-url.js';
import { PARSER_VERSION } from '../parse/parser-version.js';

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
  /** Told what is wrong with the cache and what happens next (CacheProblem.level says how loud). */
  onCacheProblem?: CacheReport;
  /** When two titles are the same (the Library's lookup key; default: ignoring case and spaces):
   *  the second and later pages are reported, naming the one that wins. */
  titleKey?: (title: string) => string;
  /** MAX_PAGE_BYTES: bigger page files are reported and skipped unread (default 5 MB). */
  maxPageBytes?: number;
  /** PAGE_PARSE_TIMEOUT_MS: how long a page may take to parse, per started megabyte (default 3 s). */
  pageTimeoutMs?: number;
  /** Asked once the files are hashed, with the content's fingerprint: whether the pages'
   *  search terms will be needed (they are not when saved indexes match it). Default: yes. */
  needTerms?: (fingerprint: string) => Promise<boolean>;
}

/** Below this many files to parse, starting workers costs more than it saves. */
const PARALLEL_MIN_FILES = 64;
const PROGRESS_MIN_FILES = 200;
const MAX_AUTO_THREADS = 8;
const READ_SLICE = 256;
const YIELD_EVERY = 32;
/** PAGE_PARSE_TIMEOUT_MS's default, per started megabyte: room for a real page of that size on a busy machine. */
export const DEFAULT_PAGE_TIMEOUT_MS = 3000;

/** Everything besides a page's bytes that changes what it parses to: the parser version, the
 *  options, and a fingerprint of the parser's own files, so that editing the parser without
 *  bumping PARSER_VERSION cannot serve stale results. */
export async function cacheKey(opts: ParseOptions): Promise<string> {
  // The parser is all of src/wiki (parse, model, names, urls) plus the text helpers it uses.
  const wiki = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const code = await codeFingerprint(wiki, path.resolve(wiki, '../text'));
  return `parser=${PARSER_VERSION};code=${code};summaryMaxChars=${opts.summaryMaxChars}`;
}

/** Reads and hashes every file (synchronously: for many small files that is much faster than
 *  fs.promises, one call instead of open/stat/read/close round trips through the
 *  thread pool), giving the event loop a turn between slices. */
async function hashFiles(root: string, files: string[], maxBytes: number): Promise<Array<{ sha?: string; error?: string }>> {
  const out: Array<{ sha?: string; error?: string }> = new Array(files.length);
  for (let i = 0; i < files.length; i++) {
    if (i > 0 && i % READ_SLICE === 0) await yieldToEvents();
    try {
      out[i] = { sha: sha256(readPageFile(path.join(root, files[i]!), maxBytes)) };
    } catch (err) {
      out[i] = { error: readFailure(err) };
    }
  }
  return out;
}

/** What this content is: every file with the hash of its bytes (or why it could not be read),
 *  under this parser. Derived data (the saved search indexes) is valid exactly as long as this
 *  is unchanged. */
export function fingerprintOf(key: string, files: string[], hashes: ReadonlyArray<{ sha?: string; error?: string }>): string {
  const hash = createHash('sha256').update(key);
  files.forEach((rel, i) => {
    const h = hashes[i]!;
    hash.update(`${rel}\u0000${h.sha ?? h.error ?? ''}\u0000`);
  });
  return hash.digest('hex');
}

/** Up to this many pages to parse, the main thread parses alongside the workers all along;
 *  beyond it, only while they start. Its parse garbage lands in the heap that also holds the
 *  growing content: on a big wiki that raises the start's peak memory for no speed, on a small
 *  one it costs little and parsing goes a little faster (bench/README.md, "Loading"). */
const MAIN_PARSES_MAX = 2000;

/** For the same big jobs, each worker's old generation is capped (MB). A worker keeps little
 *  live between pages, yet uncapped V8 lets its heap grow far past that before collecting,
 *  which sets the start-up peak. Any cap puts V8 in its memory-constrained mode, which costs
 *  parse time, so small jobs, where memory is no concern, run uncapped (bench/README.md,
 *  "Loading"). A worker that truly needs more (a giant page) dies and the main thread parses
 *  its pages. */
const WORKER_HEAP_MB = 128;

/** Parsing threads: 'auto' means one per core, up to 8, the main thread counting as one when
 *  it parses all along. On a single core, none: the main thread parses alone. */
function parallelism(setting: number | 'auto' | undefined, jobs: number): { workers: number; mainParses: MainParses; heapMb?: number } {
  const big = jobs > MAIN_PARSES_MAX;
  const mainParses: MainParses = big ? 'while-starting' : 'always';
  const heapMb = big ? WORKER_HEAP_MB : undefined;
  if (jobs <= PARALLEL_MIN_FILES) return { workers: 0, mainParses };
  if (setting === undefined || setting === 'auto') {
    const cores = Math.min(availableParallelism(), MAX_AUTO_THREADS);
    return { workers: cores > 1 ? cores - (big ? 0 : 1) : 0, mainParses, heapMb };
  }
  return { workers: Math.max(0, Math.floor(setting)), mainParses, heapMb };
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

/** A warning for each page whose title an earlier page (in path order) already has, ignoring
 *  case: the earlier one is the page commands answer with, as the Library keeps the first of
 *  equal names, except that a title typed with its own capitals reaches its own page. */
function duplicateTitles(articles: readonly Article[], key: (title: string) => string): ContentWarning[] {
  const first = new Map<string, Article>();
  const out: ContentWarning[] = [];
  for (const a of articles) {
    const k = key(a.title);
    const winner = first.get(k);
    if (!winner) first.set(k, a);
    else
      out.push({
        path: a.path,
        kept: true,
        reason:
          mediaWikiTitle(winner.title) === mediaWikiTitle(a.title)
            ? `has the same title ("${a.title}") as ${winner.path}, which wins: commands answer with that page`
            : `has the title "${a.title}", which differs from ${winner.path}'s "${winner.title}" only in case: each page answers when its title is typed with its capitals, ${winner.path} otherwise`,
      });
  }
  return out;
}

/** What a folder's pages need from each other once each is parsed: names of case-clashing
 *  files settled by the links to them, every page's address, warnings for duplicate titles,
 *  and the warnings in path order. Also used by a reload (reload-folder.ts). */
export function finishContent(
  articles: Article[],
  redirects: Redirect[],
  warnings: ContentWarning[],
  opts: Pick<LoadContentOptions, 'baseUrl' | 'titleKey'>,
): void {
  nameCaseClashes(articles, redirects);
  for (const a of articles) a.url = pageUrl(opts.baseUrl, a.slug);
  warnings.push(
    ...duplicateTitles(
      articles,
      opts.titleKey ??
        ((t) =>
          t
            .toLowerCase()
            .replace(/[\s_]+/g, ' ')
            .trim()),
    ),
  );
  warnings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Parses `jobs` (pages of `root`), handing results to `collect` as they come, with worker
 *  threads as `workers` and the number of jobs say (see parallelism), or on the main thread.
 *  Also used by a reload (reload-folder.ts). Returns the worker threads used. */
export async function parseJobs(
  root: string,
  jobs: Job[],
  parseOpts: ParseOptions,
  opts: { workers?: number | 'auto'; maxBytes: number; pageTimeoutMs: number },
  collect: (batch: JobResult[]) => void,
): Promise<number> {
  const { maxBytes, pageTimeoutMs } = opts;
  const { workers, mainParses, heapMb } = parallelism(opts.workers, jobs.length);
  const endParsing = jobs.length > 0 ? limitInliningForParsing() : () => {};
  try {
    // The parser is loaded only when something needs parsing: a warm start never loads it.
    let forWorkers = jobs;
    let poolWorkers = workers;
    if (workers === 0 && jobs.length > 0) {
      // On the main thread, except pages that could take long: no timer can stop the main
      // thread, so those go to one watched worker.
      const { runJob, MAY_TAKE_LONG } = await import('./parse-job.js');
      forWorkers = [];
      poolWorkers = 1;
      for (let i = 0; i < jobs.length; i++) {
        if (i > 0 && i % YIELD_EVERY === 0) await yieldToEvents(); // lets the progress bar redraw, and answers go on
        const j = jobs[i]!;
        const r = runJob(root, j.rel, j.index, parseOpts, { maxBytes, screen: true });
        if (r === MAY_TAKE_LONG) forWorkers.push(j);
        else collect([r]);
      }
    }
    if (forWorkers.length > 0) {
      const { parseInParallel } = await import('./worker-pool.js');
      await parseInParallel(
        root,
        forWorkers,
        parseOpts,
        { workers: poolWorkers, mainParses: workers === 0 ? 'never' : mainParses, heapMb, maxBytes, pageTimeoutMs },
        collect,
      );
    }
  } finally {
    endParsing();
  }
  return workers;
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
  const key = await cacheKey(parseOpts);
  const maxBytes = opts.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;
  const pageTimeoutMs = opts.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;
  const report: CacheReport = opts.onCacheProblem ?? (() => {});
  let cacheFile = opts.cacheDir ? ParseCache.fileFor(opts.cacheDir, root) : null;
  if (opts.cacheDir && cacheFile && !(await prepareCacheDir(opts.cacheDir, path.basename(cacheFile).replace(/\.cache$/, ''), report)))
    cacheFile = null;
  const bar = progressBar(opts.progress === true, files.length);

  const results: JobResult[] = new Array(files.length);
  let jobs: Job[] = [];
  let fromCache = 0;
  let cache: ParseCache | null = null;
  let fingerprint: string | undefined;
  if (cacheFile && (await ParseCache.isCurrent(cacheFile, key))) {
    // Hash every file first: the hashes say which pages the cache has, and together they are
    // the content's fingerprint, which says whether the pages' search terms are needed at all
    // before the cache is read (see needTerms). A missing or outdated cache skips this: every
    // page is parsed (and hashed) anyway.
    const hashed = await hashFiles(root, files, maxBytes);
    fingerprint = fingerprintOf(key, files, hashed);
    const needTerms = opts.needTerms ? await opts.needTerms(fingerprint) : true;
    cache = await ParseCache.open(cacheFile, key, { terms: needTerms });
    hashed.forEach((h, index) => {
      const rel = files[index]!;
      if (h.error) results[index] = { index, error: h.error };
      const hit = h.sha ? cache!.get(rel, h.sha) : undefined;
      if (!hit) {
        if (h.sha) jobs.push({ index, rel });
        return;
      }
      results[index] = hit.page ? { index, sha: h.sha, page: hit.page } : { index, sha: h.sha, error: hit.error ?? 'could not be parsed' };
      fromCache++;
    });
    bar.add(fromCache);
  } else {
    if (cacheFile) cache = await ParseCache.open(cacheFile, key, { terms: true });
    jobs = files.map((rel, index) => ({ index, rel }));
  }
  if (cache?.status === 'corrupt') {
    report({
      level: 'warn',
      file: cache.file,
      problem: 'the parse cache is damaged (truncated, or its checksum does not match)',
      next: 'every page is parsed again and the cache written anew',
    });
  }

  let parsed = 0;
  const collect = (batch: JobResult[]) => {
    for (const r of batch) {
      if (r.sha) parsed++;
      results[r.index] = r;
      if (cache && r.sha && !r.transient)
        cache.set(files[r.index]!, { sha: r.sha, page: r.page ?? null, ...(r.error ? { error: r.error } : {}) });
    }
    bar.add(batch.length);
  };
  let workers = 0;
  try {
    workers = await parseJobs(root, jobs, parseOpts, { workers: opts.workers, maxBytes, pageTimeoutMs }, collect);
  } finally {
    bar.stop();
  }

  if (cache) {
    cache.retainOnly(files);
    const saved = await cache.save();
    if (typeof saved === 'object') {
      report({
        level: 'warn',
        file: cache.file,
        problem: `could not save the parse cache (${saved.error})`,
        next: 'the pages are loaded; the next start parses them again',
      });
    }
  }

  const articles: Article[] = [];
  const terms: (PackedTerms | undefined)[] = [];
  const redirects: Redirect[] = [];
  const warnings: ContentWarning[] = [...listWarnings];
  for (let i = 0; i < files.length; i++) {
    const r = results[i]!;
    for (const reason of r.page?.warnings ?? []) warnings.push({ path: files[i]!, reason, kept: true });
    if (r.page?.kind === 'article') {
      articles.push(r.page.article);
      terms.push(r.page.terms);
    } else if (r.page?.kind === 'redirect') {
      redirects.push(r.page.redirect);
    } else {
      warnings.push({ path: files[i]!, reason: r.error ?? 'could not be parsed' });
    }
  }
  finishContent(articles, redirects, warnings, opts);
  for (const w of warnings) opts.onWarning?.(w);

  const shas = new Map<string, string>();
  for (const [i, rel] of files.entries()) if (results[i]?.sha) shas.set(rel, results[i]!.sha!);
  return {
    articles,
    terms,
    redirects,
    warnings,
    shas,
    // Parsing hashes the files it reads again; only then can the fingerprint have changed.
    fingerprint: parsed === 0 && fingerprint ? fingerprint : fingerprintOf(key, files, results),
    stats: { files: files.length, parsed, fromCache, ms: performance.now() - started, workers },
  };
}
