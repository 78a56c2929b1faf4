// `commonplace import`: a MediaWiki XML dump → page files in a content folder, plus the wiki's
// site facts in `_site.json`. One streaming pass over the dump: templates (namespace 10) are
// kept as they come, main-namespace pages are converted and written at once, and a page that
// calls a template the dump has not shown yet is set aside on disk and converted again at the
// end, when every definition is known. Memory holds one chunk, one page and the plain-text
// templates (capped), whatever the dump's size.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DumpReader, type DumpPage, type SiteInfo } from './dump-reader.js';
import { openDump, type DumpCompression } from './open-dump.js';
import { FileNames } from './page-file-name.js';
import { convertPage } from './wikitext/page.js';
import { NS, SiteNames } from './wikitext/site-names.js';
import { TemplateStore } from './wikitext/templates.js';
import { baseUrlFromMainPage, writeSiteFacts, type SiteFacts } from '../site-facts.js';

/** Lists the files the last import wrote, so the next one can remove pages the wiki no longer
 *  has. A dotfile: the loader skips it. */
export const MANIFEST_FILE = '.import-manifest';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  pages: number;
}

export interface ImportOptions {
  file: string;
  outDir: string;
  /** Write even into a folder that holds pages no import wrote. */
  force?: boolean;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportResult {
  articles: number;
  redirects: number;
  /** Pages outside the main namespace, not imported. */
  skipped: number;
  /** Main-namespace pages whose content is not wikitext (CSS, JSON, Lua …), not imported. */
  notWikitext: number;
  templates: number;
  /** Templates called but not defined in the dump as plain text, with how many pages call each. */
  missingTemplates: [string, number][];
  written: number;
  unchanged: number;
  removed: number;
  /** Pages converted a second time, once the whole dump had been read. */
  deferred: number;
  site: SiteFacts;
  compression: DumpCompression;
  schema: string;
  ms: number;
}

export class ImportError extends Error {}

/** Site facts from a dump's <siteinfo>. */
export function siteFactsFromDump(info: SiteInfo | undefined, file: string): SiteFacts {
  const facts: SiteFacts = { case: info?.case === 'case-sensitive' ? 'case-sensitive' : 'first-letter' };
  if (info?.sitename) facts.name = info.sitename;
  const base = info?.base ? baseUrlFromMainPage(info.base) : undefined;
  if (base) facts.baseUrl = base;
  if (info && Object.keys(info.namespaces).length) facts.namespaces = info.namespaces;
  if (info?.generator) facts.generator = info.generator;
  facts.source = { kind: 'dump', from: path.basename(file), at: new Date().toISOString() };
  return facts;
}

/** Pages already in `dir` that no import wrote (not in the manifest), counted recursively. */
async function foreignPages(dir: string, previous: ReadonlySet<string>): Promise<number> {
  let n = 0;
  const visit = async (folder: string, rel: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await visit(path.join(folder, e.name), r);
      else if (/\.md$/i.test(e.name) && !(rel === '' && e.name.toLowerCase() === 'readme.md') && !previous.has(r)) n++;
    }
  };
  await visit(dir, '');
  return n;
}

async function readManifest(dir: string): Promise<Set<string>> {
  const text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8').catch(() => '');
  return new Set(text.split('\n').filter(Boolean));
}

async function writeManifest(dir: string, files: ReadonlySet<string>): Promise<void> {
  await writeFile(path.join(dir, MANIFEST_FILE), `${[...files].sort().join('\n')}\n`);
}

/** Writes `text` to `file` unless it already holds exactly that (so an unchanged page keeps its
 *  file, and a watcher or the parse cache sees only real changes). */
async function writeIfChanged(file: string, text: string): Promise<boolean> {
  const old = await readFile(file, 'utf8').catch(() => null);
  if (old === text) return false;
  await writeFile(file, text);
  return true;
}

export async function importDump(opts: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const outDir = path.resolve(opts.outDir);
  const dump = await openDump(opts.file).catch((err: Error) => {
    throw new ImportError(err.message);
  });
  await mkdir(outDir, { recursive: true });
  const previous = await readManifest(outDir);
  if (!opts.force) {
    const foreign = await foreignPages(outDir, previous);
    if (foreign > 0) {
      dump.close();
      throw new ImportError(
        `${opts.outDir} already holds ${foreign} page${foreign === 1 ? '' : 's'} that no import wrote; ` +
          'import into an empty folder (--out DIR, then CONTENT_DIR=DIR) or add --force to write beside them',
      );
    }
  }

  const reader = new DumpReader({ keepText: (ns) => ns === NS.main || ns === NS.template, fileName: path.basename(opts.file) });
  let facts = siteFactsFromDump(undefined, opts.file);
  let site = new SiteNames(facts);
  let templates = new TemplateStore(site);
  reader.onSiteInfo((info) => {
    facts = siteFactsFromDump(info, opts.file);
    site = new SiteNames(facts);
    templates = new TemplateStore(site);
  });

  const names = new FileNames();
  const written = new Set<string>();
  const missingCount = new Map<string, number>();
  const result = { articles: 0, redirects: 0, skipped: 0, notWikitext: 0, written: 0, unchanged: 0, deferred: 0 };
  let withText = 0;
  let kept = 0;
  const spoolDir = await mkdtemp(path.join(os.tmpdir(), 'commonplace-import-'));
  const spoolFile = path.join(spoolDir, 'deferred.jsonl');
  let spool: WriteStream | undefined;

  const save = async (page: DumpPage, final: boolean): Promise<void> => {
    const converted = convertPage({ title: page.title, wikitext: page.text, redirect: page.redirect }, { site, templates });
    if (!final && converted.missingTemplates.length > 0) {
      // A template the dump may still define further on: convert this page again at the end.
      spool ??= createWriteStream(spoolFile);
      if (!spool.write(`${JSON.stringify(page)}\n`)) await new Promise<void>((r) => spool!.once('drain', () => r()));
      result.deferred++;
      return;
    }
    for (const t of converted.missingTemplates) missingCount.set(t, (missingCount.get(t) ?? 0) + 1);
    const file = names.take(site.normalize(page.title));
    written.add(file);
    if (converted.redirect) result.redirects++;
    else result.articles++;
    if (await writeIfChanged(path.join(outDir, file), converted.text)) result.written++;
    else result.unchanged++;
  };

  const handle = async (pages: DumpPage[]): Promise<void> => {
    const writes: Promise<void>[] = [];
    for (const page of pages) {
      if (page.ns === NS.template) {
        if (page.hasText) templates.add(page.title, page.text);
        continue;
      }
      if (page.ns !== NS.main) {
        result.skipped++;
        continue;
      }
      kept++;
      if (page.hasText) withText++;
      if (page.model && page.model !== 'wikitext') {
        result.notWikitext++;
        continue;
      }
      writes.push(save(page, false));
    }
    await Promise.all(writes);
  };

  let progressAt = 0;
  try {
    for await (const chunk of dump.text) {
      reader.write(chunk);
      await handle(reader.take());
      const now = performance.now();
      if (opts.onProgress && now - progressAt > 100) {
        progressAt = now;
        opts.onProgress({ bytesRead: dump.bytesRead(), totalBytes: dump.size, pages: result.articles + result.redirects });
      }
    }
    reader.end();
    await handle(reader.take());
  } catch (err) {
    dump.close();
    spool?.destroy();
    await rm(spoolDir, { recursive: true, force: true });
    // Pages written before the error are this import's: a retry must know them as such.
    await writeManifest(outDir, new Set([...previous, ...written]));
    if (err instanceof Error) throw new ImportError(`${path.basename(opts.file)}: ${err.message}`);
    throw err;
  }
  if (kept > 0 && withText === 0) {
    await rm(spoolDir, { recursive: true, force: true });
    throw new ImportError(`${path.basename(opts.file)} holds no page text (a stub dump?): export with the text of the current revisions`);
  }

  try {
    if (spool) {
      await new Promise<void>((resolve, reject) => spool!.end((err?: Error | null) => (err ? reject(err) : resolve())));
      const lines = createInterface({ input: createReadStream(spoolFile, 'utf8'), crlfDelay: Infinity });
      for await (const line of lines) if (line) await save(JSON.parse(line) as DumpPage, true);
    }
  } finally {
    await rm(spoolDir, { recursive: true, force: true });
  }
  opts.onProgress?.({ bytesRead: dump.size, totalBytes: dump.size, pages: result.articles + result.redirects });

  // Pages the last import wrote that this dump no longer has.
  let removed = 0;
  for (const old of previous) {
    if (written.has(old)) continue;
    await unlink(path.join(outDir, old)).then(
      () => removed++,
      () => {},
    );
  }
  await writeManifest(outDir, written);
  await writeSiteFacts(outDir, facts);

  return {
    ...result,
    removed,
    templates: templates.size,
    missingTemplates: [...missingCount].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    site: facts,
    compression: dump.compression,
    schema: reader.version ?? '',
    ms: performance.now() - started,
  };
}
