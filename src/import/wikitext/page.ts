// One wiki page (title + wikitext) → the text of a page file the bot reads: YAML front matter
// with the title and permalink, the body in Markdown, the categories as pandoc writes them,
// then the footnotes. Redirects become `1.  REDIRECT [Target](Target.md#Section "wikilink")`.
// Pure: the dump reader, and anything else that has wikitext (an API client), call it.
import { stringify as yamlStringify } from 'yaml';
import { blocksMarkdown } from './blocks.js';
import { inlineMarkdown, pageHref, type InlineContext } from './inline.js';
import type { SiteNames } from './site-names.js';
import { extractTags, Extensions, type ExtensionTag } from './tags.js';
import { expandTemplates, type ExpandContext, type TemplateSource } from './templates.js';

export interface WikiPage {
  title: string;
  wikitext: string;
  /** The redirect target the source states apart from the text (a dump's `<redirect title>`). */
  redirect?: string;
}

export interface ConvertOptions {
  site: SiteNames;
  /** Templates defined by the wiki itself, expanded where they are plain text. */
  templates?: TemplateSource;
}

export interface ConvertedPage {
  /** The page file's content. */
  text: string;
  /** Set for a redirect page. */
  redirect?: { target: string; section?: string };
  /** Templates the page calls that are neither known nor defined in `templates` (sorted). */
  missingTemplates: string[];
}

const REDIRECT = /^\s*#\s*redirect\s*:?\s*\[\[([^\]|]+)(?:\|[^\]]*)?\]\]/i;
const NOTE = /\uE030(\d+)\uE031/g;

/** Converts one page. Never throws on odd wikitext: what it cannot read is left out. */
export function convertPage(page: WikiPage, opts: ConvertOptions): ConvertedPage {
  const title = opts.site.normalize(page.title);
  const front = frontMatter(title);
  const redirect = redirectOf(page, opts.site);
  if (redirect) {
    const label = redirect.target.replace(/[[\]\\*_`<>|&~]/g, '\\$&');
    return {
      text: `${front}1.  REDIRECT [${label}](${pageHref(redirect.target, redirect.section)} "wikilink")\n`,
      redirect,
      missingTemplates: [],
    };
  }

  const ext = new Extensions();
  const missing = new Set<string>();
  const expandCtx: ExpandContext = { title, site: opts.site, templates: opts.templates, ext, missing };
  // Control characters (other than tabs and newlines) and the placeholders' private-use range
  // are nothing a reader sees.
  const source = page.wikitext.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\uE000-\uE0FF]/g, '');
  const expanded = expandTemplates(extractTags(source, ext), expandCtx);
  const categories: string[] = [];
  const notes = new Notes((content) => noteText(content, expandCtx, inline));
  const inline: InlineContext = {
    site: opts.site,
    ext,
    category: (name) => {
      const c = opts.site.normalize(name);
      if (c && !categories.includes(c)) categories.push(c);
    },
    ref: (tag) => notes.mark(tag),
  };
  notes.defineListed(ext);

  const body = blocksMarkdown(expanded, inline).join('\n\n');
  const { text: numbered, definitions } = notes.resolve(body);
  const parts = [numbered];
  if (categories.length)
    parts.push(categories.map((c) => `[Category:${escapeLabel(c)}](${pageHref(`Category:${c}`)} "wikilink")`).join(' '));
  if (definitions.length) parts.push(definitions.join('\n\n'));
  const text = `${front}${parts.filter((p) => p.trim()).join('\n\n')}\n`;
  return { text, missingTemplates: [...missing].sort() };
}

function frontMatter(title: string): string {
  return `---\n${yamlStringify({ title, permalink: `/${title.replace(/ /g, '_')}/` }, { lineWidth: 0 })}---\n\n`;
}

function escapeLabel(s: string): string {
  return s.replace(/[[\]\\*_`<>|&~]/g, '\\$&');
}

function redirectOf(page: WikiPage, site: SiteNames): ConvertedPage['redirect'] | undefined {
  const m = REDIRECT.exec(page.wikitext);
  const raw = m?.[1] ?? page.redirect;
  if (!raw) return undefined;
  const hash = raw.indexOf('#');
  const kind = site.classify(hash === -1 ? raw : raw.slice(0, hash));
  if (kind.kind !== 'page') return undefined;
  const section = hash === -1 ? undefined : raw.slice(hash + 1).trim() || undefined;
  return { target: kind.title, ...(section ? { section: section.replace(/ /g, '_') } : {}) };
}

/** A footnote's text: its wikitext with templates (citations) expanded, on one line. */
function noteText(content: string, ctx: ExpandContext, page: InlineContext): string {
  const expanded = expandTemplates(extractTags(content, ctx.ext), ctx);
  // A ref inside a ref has no mark of its own in MediaWiki either.
  const inNote: InlineContext = { ...page, ref: () => '' };
  return expanded
    .split('\n')
    .map((line) => inlineMarkdown(line.replace(/^[*#:;]+\s*/, ''), inNote))
    .filter(Boolean)
    .join(' ');
}

/** The page's footnotes: one per distinct <ref> (named refs share theirs), numbered in the order
 *  their marks appear; a ref with no text anywhere gets no mark. */
class Notes {
  private readonly texts: (string | undefined)[] = [];
  private readonly byName = new Map<string, number>();
  private readonly listed = new Map<string, string>();

  constructor(private readonly render: (content: string) => string) {}

  /** Refs defined inside <references>…</references> (list-defined), by name. */
  defineListed(ext: Extensions): void {
    for (const tag of [...ext.tags]) {
      if (tag.name !== 'references' || !tag.content) continue;
      const inner = new Extensions();
      extractTags(tag.content, inner);
      for (const ref of inner.tags) {
        if (ref.name === 'ref' && ref.attrs.name && ref.content?.trim()) this.listed.set(this.key(ref), ref.content);
      }
    }
  }

  private key(tag: ExtensionTag): string {
    return `${tag.attrs.group ?? ''}\u0000${tag.attrs.name ?? ''}`;
  }

  mark(tag: ExtensionTag): string {
    const named = tag.attrs.name ? this.key(tag) : undefined;
    let id = named !== undefined ? this.byName.get(named) : undefined;
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(undefined);
      if (named !== undefined) this.byName.set(named, id);
    }
    if (this.texts[id] === undefined) {
      const content = tag.content?.trim() ? tag.content : named !== undefined ? this.listed.get(named) : undefined;
      if (content) this.texts[id] = this.render(content) || undefined;
    }
    return `\uE030${id}\uE031`;
  }

  /** The body with marks numbered 1, 2, 3 … in order, and the definitions. */
  resolve(body: string): { text: string; definitions: string[] } {
    const numbers = new Map<number, number>();
    const definitions: string[] = [];
    const text = body.replace(NOTE, (_, raw: string) => {
      const id = Number(raw);
      const note = this.texts[id];
      if (!note) return '';
      let n = numbers.get(id);
      if (n === undefined) {
        n = numbers.size + 1;
        numbers.set(id, n);
        definitions.push(`[^${n}]: ${note}`);
      }
      return `[^${n}]`;
    });
    return { text, definitions };
  }
}
