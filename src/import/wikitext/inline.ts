// One line of wikitext (templates already expanded) → Markdown in the form the page parser
// reads from pandoc's exports: `[label](Target.md "wikilink")` links, `[^n]` footnote marks,
// `*`/`**` emphasis, `<https://…>` for bare URLs, every other Markdown character escaped.
// Categories are collected, files and interlanguage links dropped, HTML reduced to its text.
import { decodeCharacterReferences } from './entities.js';
import { apostrophesToToggles, BOLD_TOGGLE, BOTH_TOGGLE, EmphasisState, ITALIC_TOGGLE, finishEmphasis } from './emphasis.js';
import { NS, type SiteNames } from './site-names.js';
import type { ExtensionTag, Extensions } from './tags.js';

export interface InlineContext {
  site: SiteNames;
  ext: Extensions;
  /** Files the page under a category (name without the prefix). */
  category(name: string): void;
  /** The footnote mark for a <ref> (possibly a placeholder resolved once the page is done). */
  ref(tag: ExtensionTag): string;
}

/** Markdown's special characters in running text, escaped. Line starts are the caller's. An
 *  underscore inside a word cannot start emphasis and stays as it is (`www.a.org/b_c.htm`
 *  would otherwise keep its backslash inside GFM's autolink). */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*[\]<>~|&]/g, '\\$&').replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_');
}

const URL_START = /^(?:https?:\/\/|ftp:\/\/|\/\/|mailto:|irc:\/\/|ircs:\/\/|news:)/i;
const BARE_URL = /^(?:https?|ftp):\/\/[^\s<>[\]"{}|\\^`\uE000-\uF8FF]+/i;
// Inline HTML MediaWiki allows, by what it becomes.
const ITALIC_TAGS = new Set(['i', 'em', 'cite', 'dfn', 'var']);
const BOLD_TAGS = new Set(['b', 'strong']);
const TEXT_TAGS = new Set([
  'u',
  'ins',
  's',
  'del',
  'strike',
  'small',
  'big',
  'span',
  'font',
  'abbr',
  'code',
  'tt',
  'kbd',
  'samp',
  'mark',
  'bdi',
  'bdo',
  'ruby',
  'rb',
  'rt',
  'rp',
  'time',
  'data',
  'sub',
  'wbr',
  'nowiki',
]);
const BREAK_TAGS = new Set([
  'br',
  'hr',
  'div',
  'p',
  'center',
  'table',
  'tr',
  'td',
  'th',
  'caption',
  'tbody',
  'thead',
  'tfoot',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'section',
  'article',
  'aside',
  'figure',
  'figcaption',
  'header',
  'footer',
  'nav',
  'main',
]);
// Copied citation marks: <sup>[6]</sup>, <sup>139</sup>, <sup>[citation needed]</sup>.
const CITATION_MARK = /^\s*(?:\[[^\]]{1,40}\](?:\s*\[[^\]]{1,40}\])*(?::\s*\d+)?|\d+(?:\s*[,–-]\s*\d+)*|[a-z])\s*$/i;
const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/;

/** Converts one line. The result has no line breaks. */
export function inlineMarkdown(line: string, ctx: InlineContext): string {
  const conv = new LineConverter(ctx);
  conv.run(apostrophesToToggles(line));
  return finishEmphasis(conv.out + conv.em.closeAll())
    .replace(/\s+/g, ' ')
    .trim();
}

/** A link's label without links of its own (a label inside a label is text). Punctuation at
 *  the label's edges goes outside its emphasis: the page parser reads a link's brackets as
 *  letters, and `*Accumulation.*]` would not close. */
function labelMarkdown(label: string, ctx: InlineContext): string {
  const conv = new LineConverter(ctx, true);
  conv.run(apostrophesToToggles(label));
  return (conv.out + conv.em.closeAll())
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([\p{P}\p{S}]+)([\uE021\uE023]+)$/u, '$2$1')
    .replace(/^([\uE020\uE022]+)([\p{P}\p{S}]+)/u, '$2$1');
}

class LineConverter {
  out = '';
  readonly em = new EmphasisState();

  constructor(
    private readonly ctx: InlineContext,
    private readonly inLabel = false,
  ) {}

  text(s: string): void {
    if (s) this.out += escapeMarkdown(s);
  }

  run(s: string): void {
    let i = 0;
    let plain = 0;
    while (i < s.length) {
      const c = s[i]!;
      const special =
        c === '[' ||
        c === '<' ||
        c === '\uE000' ||
        c === '&' ||
        c === ITALIC_TOGGLE ||
        c === BOLD_TOGGLE ||
        c === BOTH_TOGGLE ||
        ((c === 'h' || c === 'f' || c === 'H' || c === 'F') && !this.inLabel && (i === 0 || !/[\p{L}\p{N}]/u.test(s[i - 1]!)));
      if (!special) {
        i++;
        continue;
      }
      this.text(s.slice(plain, i));
      plain = i;
      let next: number;
      if (c === '[') next = s[i + 1] === '[' ? this.internalLink(s, i) : this.externalLink(s, i);
      else if (c === '<') next = this.tag(s, i);
      else if (c === '\uE000') next = this.placeholder(s, i);
      else if (c === '&') next = this.entity(s, i);
      else if (c === ITALIC_TOGGLE || c === BOLD_TOGGLE || c === BOTH_TOGGLE) {
        this.out += c === ITALIC_TOGGLE ? this.em.toggle('em') : c === BOLD_TOGGLE ? this.em.toggle('strong') : this.em.both();
        next = i + 1;
      } else next = this.bareUrl(s, i);
      if (next === -1) {
        i++; // not what it looked like: the character stays text
        continue;
      }
      plain = next;
      i = next;
    }
    this.text(s.slice(plain));
  }

  // The handlers below return the index after what they consumed, or -1 (having written
  // nothing) to leave the character as text.

  private internalLink(s: string, at: number): number {
    const close = closingBrackets(s, at + 2);
    if (close === -1) return -1;
    const inner = s.slice(at + 2, close);
    let end = close + 2;
    const pipe = inner.indexOf('|');
    const rawTarget = (pipe === -1 ? inner : inner.slice(0, pipe)).trim();
    if (!rawTarget || /[\uE000{}<>[\]]/.test(rawTarget)) return -1;
    const colonLink = rawTarget.startsWith(':');
    const [page, section] = splitSection(rawTarget.replace(/^:/, ''));
    const kind = this.ctx.site.classify(page || rawTarget);
    if (kind.kind === 'interlanguage') return colonLink ? -1 : end;
    let label = pipe === -1 ? undefined : inner.slice(pipe + 1);
    if (kind.kind === 'page' && !colonLink) {
      if (kind.ns === NS.file || kind.ns === NS.media) return end; // images and their captions
      if (kind.ns === NS.category) {
        this.ctx.category(kind.title.slice(kind.title.indexOf(':') + 1));
        return end;
      }
    }
    // The link trail: [[Russia]]n reads "Russian".
    const trail = /^\p{Ll}+/u.exec(s.slice(end))?.[0] ?? '';
    end += trail.length;
    if (label === '') label = page.replace(/^[^:]*:/, '').replace(/\s*\([^)]*\)\s*$/, ''); // the pipe trick
    const shown = (label ?? rawTarget.replace(/^:/, '')) + trail;
    const md = labelMarkdown(shown, this.ctx);
    if (kind.kind !== 'page' || kind.ns !== NS.main || !page) {
      // Another wiki, another namespace or this page's own section: the words only.
      this.out += md;
      return end;
    }
    // Emphasis open around the link stays open: a link inside *…* is fine Markdown, and the
    // label's own bold and italics are closed within it (labelMarkdown).
    this.out += `[${md || escapeMarkdown(kind.title)}](${pageHref(kind.title, section)} "wikilink")`;
    return end;
  }

  private externalLink(s: string, at: number): number {
    if (!URL_START.test(s.slice(at + 1, at + 12))) return -1;
    const close = s.indexOf(']', at + 1);
    if (close === -1) return -1;
    const inner = s.slice(at + 1, close);
    const space = inner.search(/\s/);
    let url = space === -1 ? inner : inner.slice(0, space);
    const label = space === -1 ? '' : inner.slice(space + 1).trim();
    if (url.startsWith('//')) url = `https:${url}`;
    url = decodeCharacterReferences(url);
    if (this.inLabel) {
      this.out += label ? labelMarkdown(label, this.ctx) : '';
      return close + 1;
    }
    this.out += label ? `[${labelMarkdown(label, this.ctx)}](${linkDestination(url)})` : autolink(url);
    return close + 1;
  }

  private bareUrl(s: string, at: number): number {
    const m = BARE_URL.exec(s.slice(at));
    if (!m) return -1;
    let url = m[0];
    // Trailing punctuation ends the sentence, not the URL; a ")" only when the URL has no "(".
    url = url.replace(url.includes('(') ? /[.,;:!?'"]+$/ : /[.,;:!?'")]+$/, '');
    if (url.length < 10) return -1;
    this.out += autolink(decodeCharacterReferences(url));
    return at + url.length;
  }

  private tag(s: string, at: number): number {
    const m = TAG.exec(s.slice(at));
    if (!m) return -1;
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    const end = at + m[0].length;
    if (ITALIC_TAGS.has(name) || BOLD_TAGS.has(name)) {
      // HTML emphasis toggles like '' and ''', which is what it does in practice.
      this.out += this.em.toggle(ITALIC_TAGS.has(name) ? 'em' : 'strong');
      return end;
    }
    if (name === 'sup' && !closing) {
      const close = s.toLowerCase().indexOf('</sup>', end);
      if (close !== -1 && CITATION_MARK.test(s.slice(end, close).replace(/[\uE010-\uE012]/g, ''))) return close + 6;
      return end;
    }
    if (name === 'q') {
      this.out += '"';
      return end;
    }
    if (name === 'sup' || TEXT_TAGS.has(name)) return end;
    if (BREAK_TAGS.has(name)) {
      this.out += ' ';
      return end;
    }
    return -1; // not an HTML tag MediaWiki allows: it is text
  }

  private placeholder(s: string, at: number): number {
    const m = /^\uE000(\d+)\uE001/.exec(s.slice(at));
    if (!m) return -1;
    const tag = this.ctx.ext.get(Number(m[1]));
    const end = at + m[0].length;
    if (!tag) return end;
    switch (tag.name) {
      case 'ref':
        if (!this.inLabel) this.out += this.ctx.ref(tag);
        break;
      case 'nowiki':
        this.text(decodeCharacterReferences(tag.content ?? ''));
        break;
      case 'math':
      case 'chem':
      case 'ce':
      case 'pre':
      case 'source':
      case 'syntaxhighlight': {
        const code = (tag.content ?? '').replace(/\s+/g, ' ').trim();
        if (code) this.out += codeSpan(code);
        break;
      }
      case 'poem':
        this.run(apostrophesToToggles((tag.content ?? '').replace(/\n/g, ' ')));
        break;
      default:
        break; // galleries, maps, timelines …: nothing to read
    }
    return end;
  }

  private entity(s: string, at: number): number {
    const m = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.exec(s.slice(at));
    if (!m) return -1;
    const decoded = decodeCharacterReferences(m[0]);
    if (decoded === m[0]) return -1;
    this.text(decoded);
    return at + m[0].length;
  }
}

/** Index of the `]]` that closes a link whose content starts at `from` (nested [[…]] in a
 *  file's caption included), or -1. A link does not span lines. */
function closingBrackets(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length - 1; i++) {
    const c = s[i];
    if (c === '\n') return -1;
    if (c === '[' && s[i + 1] === '[') {
      depth++;
      i++;
    } else if (c === ']' && s[i + 1] === ']') {
      if (depth === 0) return i;
      depth--;
      i++;
    }
  }
  return -1;
}

function splitSection(target: string): [string, string | undefined] {
  const hash = target.indexOf('#');
  if (hash === -1) return [target.trim(), undefined];
  return [target.slice(0, hash).trim(), target.slice(hash + 1).trim() || undefined];
}

/** `Page_name.md#Section_anchor`, written so the page parser reads back the same name:
 *  spaces as `_`, and `%`, `?`, `<`, `>`, `"`, `\` and unbalanced brackets percent-escaped. */
export function pageHref(title: string, section?: string): string {
  const encode = (s: string) => {
    let out = s.replace(/ /g, '_').replace(/[%?<>"\\\s#]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    if (!balanced(out)) out = out.replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
    return out;
  };
  return `${encode(title)}.md${section ? `#${encode(section)}` : ''}`;
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function linkDestination(url: string): string {
  const safe = url.replace(/[\s<>]/g, (c) => encodeURIComponent(c));
  return balanced(safe) ? safe : `<${safe}>`;
}

function autolink(url: string): string {
  return `<${url.replace(/[\s<>]/g, (c) => encodeURIComponent(c))}>`;
}

function codeSpan(code: string): string {
  const ticks = '`'.repeat(Math.max(1, ...[...code.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  const pad = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${code}${pad}${ticks}`;
}
