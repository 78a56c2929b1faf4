// Reading a MediaWiki XML export (Special:Export, dumpBackup.php; export schema 0.3 to 0.11)
// as a stream of pages, with saxes (a strict, streaming XML parser). Only the text of the pages
// asked for is kept, one page at a time, so memory stays bounded whatever the dump's size; of a
// page with several revisions (a history dump) the last one counts.
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export interface SiteInfo {
  sitename?: string;
  dbname?: string;
  /** The main page's URL. */
  base?: string;
  generator?: string;
  case?: string;
  /** Namespace names by number; the main namespace is "". */
  namespaces: Record<string, string>;
}

export interface DumpPage {
  title: string;
  ns: number;
  /** `<redirect title="…"/>` when the page is a redirect. */
  redirect?: string;
  /** The last revision's wikitext ('' when its text was not kept or is missing). */
  text: string;
  /** Whether the dump had the text (a stub dump has none). */
  hasText: boolean;
  /** The revision's content model (`wikitext`, `css`, `json` …), when given. */
  model?: string;
}

export class DumpFormatError extends Error {}

function asFormatError(err: unknown): DumpFormatError {
  if (err instanceof DumpFormatError) return err;
  // saxes says where: "dump.xml:12:5: unexpected close tag."
  const message = err instanceof Error ? err.message : String(err);
  const at = /:(\d+):(\d+): (.*)$/s.exec(message);
  return new DumpFormatError(at ? `not well-formed XML at line ${at[1]}, column ${at[2]}: ${at[3]}` : `not well-formed XML: ${message}`);
}

export interface DumpReaderOptions {
  /** Whether to keep the text of a page in namespace `ns`. Pages not kept still come through,
   *  with empty text, so they can be counted. */
  keepText(ns: number): boolean;
  /** Name of the file, for error messages. */
  fileName?: string;
}

/** A push parser: write() decoded XML text, take() the pages completed so far. */
export class DumpReader {
  siteInfo?: SiteInfo;
  /** The export schema version (`0.11`). */
  version?: string;
  private readonly parser: SaxesParser;
  private readonly stack: string[] = [];
  private readonly done: DumpPage[] = [];
  private page: Partial<DumpPage> & { keep?: boolean } = {};
  private buffer: string[] | null = null;
  private site: SiteInfo = { namespaces: {} };
  private nsKey = '';
  private siteListeners: ((info: SiteInfo) => void)[] = [];

  constructor(private readonly opts: DumpReaderOptions) {
    this.parser = new SaxesParser({ position: true, fileName: opts.fileName });
    this.parser.on('opentag', (tag) => this.open(tag as SaxesTagPlain));
    this.parser.on('closetag', (tag) => this.close(tag as SaxesTagPlain));
    this.parser.on('text', (t) => this.buffer?.push(t));
    this.parser.on('cdata', (t) => this.buffer?.push(t));
  }

  /** Called once the `<siteinfo>` is read (before the first page). */
  onSiteInfo(fn: (info: SiteInfo) => void): void {
    this.siteListeners.push(fn);
  }

  write(chunk: string): void {
    try {
      this.parser.write(chunk);
    } catch (err) {
      throw asFormatError(err);
    }
  }

  end(): void {
    try {
      this.parser.close();
    } catch (err) {
      throw asFormatError(err);
    }
    if (this.version === undefined) throw new DumpFormatError('not a MediaWiki export: the file is empty');
  }

  /** The pages completed since the last call. */
  take(): DumpPage[] {
    return this.done.splice(0);
  }

  private open(tag: SaxesTagPlain): void {
    const name = tag.name;
    const parent = this.stack[this.stack.length - 1];
    this.stack.push(name);
    if (this.stack.length === 1) {
      if (name !== 'mediawiki') throw new DumpFormatError(`not a MediaWiki export: the root element is <${name}>, not <mediawiki>`);
      this.version = tag.attributes.version ?? '';
      return;
    }
    if (parent === 'mediawiki') {
      if (name === 'page') this.page = { ns: undefined };
      else if (name === 'siteinfo') this.site = { namespaces: {} };
      return;
    }
    if (parent === 'siteinfo') {
      if (['sitename', 'dbname', 'base', 'generator', 'case'].includes(name)) this.buffer = [];
      return;
    }
    if (parent === 'namespaces' && name === 'namespace') {
      this.nsKey = tag.attributes.key ?? '';
      this.buffer = [];
      return;
    }
    if (parent === 'page') {
      if (name === 'title' || name === 'ns') this.buffer = [];
      else if (name === 'redirect') this.page.redirect = tag.attributes.title;
      else if (name === 'revision') {
        this.page.text = '';
        this.page.hasText = false;
        this.page.model = undefined;
      }
      return;
    }
    if (parent === 'revision' && this.stack[this.stack.length - 3] === 'page') {
      if (name === 'model') this.buffer = [];
      else if (name === 'text') {
        const keep = this.keepText();
        // A stub dump's <text> points elsewhere (location, id) and holds nothing.
        this.page.hasText =
          tag.attributes.deleted === undefined && tag.attributes.location === undefined && !(tag.isSelfClosing && tag.attributes.id);
        this.buffer = keep ? [] : null;
      }
    }
  }

  private keepText(): boolean {
    if (this.page.keep !== undefined) return this.page.keep;
    if (this.page.ns === undefined) this.page.ns = this.namespaceOfTitle(this.page.title ?? '');
    this.page.keep = this.opts.keepText(this.page.ns);
    return this.page.keep;
  }

  /** Old exports (schema < 0.6) have no <ns>: the title's prefix says it. */
  private namespaceOfTitle(title: string): number {
    const colon = title.indexOf(':');
    if (colon <= 0) return 0;
    const prefix = title.slice(0, colon).toLowerCase();
    for (const [key, name] of Object.entries(this.site.namespaces)) if (name && name.toLowerCase() === prefix) return Number(key);
    return 0;
  }

  private close(tag: SaxesTagPlain): void {
    const name = tag.name;
    this.stack.pop();
    const parent = this.stack[this.stack.length - 1];
    const text = this.buffer ? this.buffer.join('') : undefined;
    if (text !== undefined) this.buffer = null;
    if (parent === 'siteinfo' && text !== undefined) {
      (this.site as unknown as Record<string, string>)[name] = text.trim();
    } else if (parent === 'namespaces' && name === 'namespace' && text !== undefined) {
      this.site.namespaces[this.nsKey] = text.trim();
    } else if (name === 'siteinfo' && parent === 'mediawiki') {
      this.siteInfo = this.site;
      for (const fn of this.siteListeners) fn(this.site);
    } else if (parent === 'page' && text !== undefined) {
      if (name === 'title') this.page.title = text.trim();
      else if (name === 'ns') this.page.ns = Number(text.trim()) || 0;
    } else if (parent === 'revision' && text !== undefined) {
      if (name === 'model') this.page.model = text.trim();
      else if (name === 'text') this.page.text = text;
    } else if (name === 'page' && parent === 'mediawiki') {
      const p = this.page;
      if (p.title) {
        const ns = p.ns ?? this.namespaceOfTitle(p.title);
        this.done.push({ title: p.title, ns, redirect: p.redirect, text: p.text ?? '', hasText: p.hasText ?? false, model: p.model });
      }
      this.page = {};
    }
  }
}
