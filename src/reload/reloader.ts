// Reloading the wiki while the bot answers: one reload at a time, off the answering path. The
// folder is compared with what the running Library was built from, changed pages are parsed
// alone, a new Library is built beside the running one (carrying its unchanged index entries
// over, a step at a time so that commands are answered between the steps) and handed to
// `onSwap` in one assignment. Until then, and whenever a reload fails, every command is
// answered from the previous Library.
import type { Config } from '../config.js';
import { loadWiki, savedIndexesFor, type Wiki } from '../boot.js';
import { Library } from '../library/library.js';
import { normalizeKey } from '../library/normalize.js';
import { letCommandsIn } from '../library/steps.js';
import { savedIndexesKey, writeSavedIndexes } from '../library/persist.js';
import type { Logger } from '../log.js';
import { LoadedFolder, type FolderChanges } from '../wiki/load/reload-folder.js';

export interface ReloaderOptions {
  /** The wiki as loaded at start. */
  wiki: Wiki;
  /** The folder it was loaded from. */
  dir: string;
  /** Read at each reload: a live wiki's site info may change the base URL. */
  config: () => Config;
  log: Logger;
  /** Called with each new wiki, once it is ready to answer. */
  onSwap: (wiki: Wiki) => void;
}

export interface ReloadOutcome {
  changes: FolderChanges;
  ms: number;
}

export class Reloader {
  private folder: LoadedFolder;
  private wiki: Wiki;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  /** When the pages were last loaded or reloaded with a change. */
  loadedAt = new Date();
  private readonly listeners: ((outcome: ReloadOutcome) => void)[] = [];

  constructor(private readonly opts: ReloaderOptions) {
    this.wiki = opts.wiki;
    this.folder = LoadedFolder.of(opts.dir, opts.wiki.content);
  }

  get current(): Wiki {
    return this.wiki;
  }

  /** Calls `fn` after each reload that changed something. */
  onReload(fn: (outcome: ReloadOutcome) => void): void {
    this.listeners.push(fn);
  }

  /** Asks for a reload; resolves when one that started after this call has finished. Calls
   *  while a reload runs are folded into one more run after it. Never rejects. */
  request(reason: string): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let why = reason;
      do {
        this.again = false;
        await this.reloadOnce(why);
        why = 'changes during the last reload';
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** No reload starts after this; one under way finishes. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async reloadOnce(reason: string): Promise<void> {
    const { log } = this.opts;
    const config = this.opts.config();
    const started = performance.now();
    try {
      if (config.WIKI_BASE_URL !== this.wiki.library.baseUrl) {
        // Every page's address changes: load afresh (from the parse cache) rather than patch
        // the articles the running Library shares.
        const wiki = await loadWiki(config, log, { contentDir: this.opts.dir });
        this.swap(
          wiki,
          LoadedFolder.of(this.opts.dir, wiki.content),
          { added: [], changed: wiki.content.articles.map((a) => a.path), removed: [] },
          started,
          reason,
        );
        return;
      }
      const { folder, changes } = await this.folder.reload({
        baseUrl: config.WIKI_BASE_URL,
        summaryMaxChars: config.SUMMARY_MAX_CHARS,
        titleKey: normalizeKey,
        workers: config.PARSE_WORKERS === 'auto' ? 'auto' : Number(config.PARSE_WORKERS),
        maxBytes: config.MAX_PAGE_BYTES,
        pageTimeoutMs: config.PAGE_PARSE_TIMEOUT_MS,
      });
      if (!changes.added.length && !changes.changed.length && !changes.removed.length) {
        this.folder = folder; // it knows more file stats now
        log.debug({ reason }, 'reload: no page changed');
        return;
      }
      // Warnings the pages loaded before did not have (each is logged once, as at start-up).
      const known = new Set(this.wiki.content.warnings.map((w) => `${w.path}\u0000${w.reason}`));
      for (const w of folder.content.warnings) {
        if (!known.has(`${w.path}\u0000${w.reason}`))
          log.warn({ path: w.path, reason: w.reason }, w.kept ? 'content file loaded with a warning' : 'skipped a content file');
      }
      const library = await Library.buildInSteps(folder.content, { baseUrl: config.WIKI_BASE_URL, previous: this.wiki.library });
      const wiki: Wiki = { library, content: folder.content, indexMs: 0 };
      this.swap(wiki, folder, changes, started, reason);
      // Commands that came in during the build are answered from the new Library before the
      // save's first (synchronous) export runs.
      await letCommandsIn();
      await this.saveIndexes(config, wiki);
    } catch (err) {
      log.error({ err, reason }, 'reload failed: still answering from the pages loaded before');
    }
  }

  private swap(wiki: Wiki, folder: LoadedFolder, changes: FolderChanges, started: number, reason: string): void {
    this.wiki = wiki;
    this.folder = folder;
    this.loadedAt = new Date();
    this.opts.onSwap(wiki);
    const ms = Math.round(performance.now() - started);
    const n = changes.added.length + changes.changed.length + changes.removed.length;
    this.opts.log.info(
      {
        reason,
        added: changes.added.length,
        changed: changes.changed.length,
        removed: changes.removed.length,
        ms,
        pages: wiki.library.stats.articles,
      },
      `reloaded ${n} page${n === 1 ? '' : 's'} (+${changes.added.length} ~${changes.changed.length} -${changes.removed.length}) in ${ms} ms`,
    );
    for (const fn of this.listeners) fn({ changes, ms });
  }

  /** Saves the new indexes for the next start (after the swap: nothing waits for it). */
  private async saveIndexes(config: Config, wiki: Wiki): Promise<void> {
    const file = savedIndexesFor(config.CACHE_DIR, this.opts.dir);
    if (!file) return;
    if (!(await writeSavedIndexes(file, await savedIndexesKey(wiki.content.fingerprint), wiki.library))) {
      this.opts.log.debug({ file }, 'could not save the search indexes');
    }
  }
}
