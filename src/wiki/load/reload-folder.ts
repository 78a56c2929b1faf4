// Reloading a content folder that is already loaded: find the page files added, changed or
// removed since, parse only those, and keep every other page's parse result as the very same
// object, so that the next Library can tell the unchanged pages by identity and carry their
// index entries over (library/carry-postings.ts). A file's stats (size, times, inode) say
// whether it can have changed; only a file whose stats moved is read and hashed, and only one
// whose hash moved is parsed again.
import { statSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { Article, Content, ContentWarning, Redirect } from '../model.js';
import type { PackedTerms } from '../parse/search-terms.js';
import type { ParseOptions } from '../parse/parse-page.js';
import { cacheKey, DEFAULT_PAGE_TIMEOUT_MS, finishContent, fingerprintOf, parseJobs } from './load-folder.js';
import { DEFAULT_MAX_PAGE_BYTES, listPages, readPageFile, sha256 } from './page-files.js';
import type { JobResult } from './parse-job.js';

/** What one page file gave the content, and the bytes it was made from. */
interface PageState {
  /** sha256 of the bytes parsed; absent when the file could not be read. */
  sha?: string;
  /** The file's stats when it was last read (absent until a reload has looked). */
  stat?: string;
  article?: Article;
  /** The page's search terms, from its parse until the Library built next has indexed them. */
  terms?: PackedTerms;
  redirect?: Redirect;
  /** Why the page was skipped. */
  warning?: string;
  /** What its author should know about a page that loaded (kept warnings). */
  notes?: string[];
}

export interface FolderChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface ReloadFolderOptions {
  baseUrl: string;
  summaryMaxChars: number;
  /** Parse threads as loadContent takes them (PARSE_WORKERS; for a few pages, the main thread). */
  workers?: number | 'auto';
  /** What makes two titles the same, for duplicate-title warnings (as for loadContent). */
  titleKey?: (title: string) => string;
  /** MAX_PAGE_BYTES and PAGE_PARSE_TIMEOUT_MS, as for loadContent. */
  maxBytes?: number;
  pageTimeoutMs?: number;
}

/** The parser's cache key (its code's fingerprint), read once per process. */
let parserKey: Promise<string> | undefined;

const STAT_SLICE = 512;

/** A loaded content folder: its Content and, per page file, what it was made from. Immutable:
 *  a reload makes a new one, so a reload that fails later leaves this one as it was. */
export class LoadedFolder {
  private constructor(
    readonly root: string,
    readonly content: Content,
    private readonly pages: ReadonlyMap<string, PageState>,
  ) {}

  /** The folder as `loadContent` loaded it (its `shas` say which bytes each page came from). */
  static of(dir: string, content: Content): LoadedFolder {
    const pages = new Map<string, PageState>();
    const sha = (rel: string) => content.shas?.get(rel);
    for (const article of content.articles) pages.set(article.path, { sha: sha(article.path), article });
    for (const redirect of content.redirects) pages.set(redirect.path, { sha: sha(redirect.path), redirect });
    for (const w of content.warnings) if (!pages.has(w.path)) pages.set(w.path, { sha: sha(w.path), warning: w.reason });
    return new LoadedFolder(path.resolve(dir), content, pages);
  }

  /** Looks at the folder again. `changes` lists the page files whose content differs from
   *  this one's; with none, `folder` only knows more stats (nothing was parsed). Throws when
   *  the folder itself cannot be listed. */
  async reload(opts: ReloadFolderOptions): Promise<{ folder: LoadedFolder; changes: FolderChanges }> {
    const { files, warnings: listWarnings } = await listPages(this.root);
    const next = new Map<string, PageState>();
    const jobs: { index: number; rel: string }[] = [];
    const changes: FolderChanges = { added: [], changed: [], removed: [] };
    for (let i = 0; i < files.length; i++) {
      if (i > 0 && i % STAT_SLICE === 0) await yieldToEvents();
      const rel = files[i]!;
      const before = this.pages.get(rel);
      const stat = statKey(path.join(this.root, rel));
      if (before && stat && before.stat === stat) {
        next.set(rel, before);
        continue;
      }
      const sha = hashFile(path.join(this.root, rel), opts.maxBytes ?? DEFAULT_MAX_PAGE_BYTES);
      if (before && sha === before.sha && (sha !== undefined || !stat)) {
        next.set(rel, { ...before, stat });
        continue;
      }
      (before ? changes.changed : changes.added).push(rel);
      next.set(rel, { stat });
      jobs.push({ index: i, rel });
    }
    const listed = new Set(files);
    for (const rel of this.pages.keys()) if (!listed.has(rel)) changes.removed.push(rel);
    if (!jobs.length && !changes.removed.length) return { folder: new LoadedFolder(this.root, this.content, next), changes };

    const parseOpts: ParseOptions = { summaryMaxChars: opts.summaryMaxChars };
    for (const r of await parse(this.root, jobs, parseOpts, opts)) {
      const rel = files[r.index]!;
      // A failure that may pass (a worker lost) keeps no hash or stats: the next reload tries again.
      const state: PageState = r.transient ? {} : { sha: r.sha, stat: next.get(rel)!.stat };
      if (r.page?.warnings?.length) state.notes = r.page.warnings;
      if (r.page?.kind === 'article') {
        Object.assign(state, { article: r.page.article, terms: r.page.terms });
      } else if (r.page?.kind === 'redirect') {
        state.redirect = r.page.redirect;
      } else {
        state.warning = r.error ?? 'could not be parsed';
      }
      next.set(rel, state);
    }
    const content = await contentOf(files, next, listWarnings, parseOpts, opts);
    return { folder: new LoadedFolder(this.root, content, next), changes };
  }
}

/** The content of the pages, in file order as loadContent lays it out. Terms are only there
 *  for pages parsed by this reload (the Library indexes only those). */
async function contentOf(
  files: string[],
  pages: ReadonlyMap<string, PageState>,
  listWarnings: ContentWarning[],
  parseOpts: ParseOptions,
  opts: ReloadFolderOptions,
): Promise<Content> {
  const articles: Article[] = [];
  const terms: (PackedTerms | undefined)[] = [];
  const redirects: Redirect[] = [];
  const warnings: ContentWarning[] = [...listWarnings];
  const shas = new Map<string, string>();
  const hashes = files.map((rel) => {
    const p = pages.get(rel)!;
    if (p.sha) shas.set(rel, p.sha);
    for (const reason of p.notes ?? []) warnings.push({ path: rel, reason, kept: true });
    if (p.article) {
      articles.push(p.article);
      terms.push(p.terms);
      // Needed by this build only: the state outlives it, and would keep every edited page's terms.
      delete p.terms;
    } else if (p.redirect) {
      redirects.push(p.redirect);
    } else {
      warnings.push({ path: rel, reason: p.warning ?? 'could not be parsed' });
    }
    return p.sha ? { sha: p.sha } : { error: p.warning };
  });
  finishContent(articles, redirects, warnings, opts);
  parserKey ??= cacheKey(parseOpts);
  const fingerprint = fingerprintOf(await parserKey, files, hashes);
  return { articles, terms, redirects, warnings, shas, fingerprint, stats: { files: files.length, parsed: 0, fromCache: 0, ms: 0 } };
}

async function parse(
  root: string,
  jobs: { index: number; rel: string }[],
  parseOpts: ParseOptions,
  opts: ReloadFolderOptions,
): Promise<JobResult[]> {
  const results: JobResult[] = [];
  await parseJobs(
    root,
    jobs,
    parseOpts,
    {
      workers: opts.workers,
      maxBytes: opts.maxBytes ?? DEFAULT_MAX_PAGE_BYTES,
      pageTimeoutMs: opts.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS,
    },
    (batch) => results.push(...batch),
  );
  return results;
}

/** Size, modification and change times (ns) and inode: a file whose key is unchanged was not
 *  written since. Undefined when the file cannot be stat'ed. */
function statKey(file: string): string | undefined {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}`;
  } catch {
    return undefined;
  }
}

/** The hash of a page file's bytes, or undefined when it cannot be read (or is too big: the
 *  parse then says why). */
function hashFile(file: string, maxBytes: number): string | undefined {
  try {
    return sha256(readPageFile(file, maxBytes));
  } catch {
    return undefined;
  }
}
