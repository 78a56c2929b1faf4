// mdast → plain text, in one walk per block, after strip-markdown has removed what is not
// text (raw HTML, images, code, definitions). Whitespace is collapsed while appending, so the
// offsets recorded on the way (links, footnote marks, bold and italic runs) stay valid for
// the final string; later steps (quotes, concepts, aliases) read those offsets instead of
// re-parsing anything.
import type { Nodes } from 'mdast';
import { ANY_MARK, STRAY_MARKS } from './wikilink-prepass.js';
import type { WikiLinkData } from './link-targets.js';
import { cleanLeftovers, LEFTOVER_HINT } from './leftovers.js';

export interface Span {
  start: number;
  end: number;
}

export interface LinkSpan extends Span {
  target: string;
  label: string;
}

/** A footnote reference (`[^3]`) at an offset of the text; the mark itself is not in the text. */
export interface RefMark {
  id: string;
  at: number;
}

export interface TextBlock {
  text: string;
  links: LinkSpan[];
  refs: RefMark[];
  strong: Span[];
  emphasis: Span[];
  /** External URLs linked from the block. */
  urls: string[];
  /** Links whose label only points at them ("here", "this link"): a sentence with one says
   *  nothing once the link is gone. */
  pointers: Span[];
}

/** What a page's walk collects from every block it renders. */
export interface LinkSink {
  link(target: string, label: string): void;
  category(name: string): void;
}

const WS = /\s+/g;
// Anything but single plain spaces: most text nodes have none and skip the replace.
const NEEDS_COLLAPSE = /[^\S ]| {2}/;
const BLOCKS = new Set(['paragraph', 'heading', 'list', 'listItem', 'blockquote', 'table', 'tableRow', 'tableCell', 'footnoteDefinition']);

/** Whether a character code belongs to a word of a script that puts spaces between words. */
function isWordChar(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  const ch = String.fromCharCode(code);
  return WORD_CHAR.test(ch) && !UNSPACED_SCRIPT.test(ch);
}
const WORD_CHAR = /[\p{L}\p{N}]/u;
// Scripts written without spaces between words: running into a bold word there is normal.
const UNSPACED_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\p{sc=Tibetan}]/u;
// A link label that only points at the link.
const POINTER_LABEL = /^(?:(?:click |see |read (?:it |more )?)?here|this(?: link| page| site| website| article)?|(?:this |the )?link)$/i;
// Punctuation that ends a bold or linked run and still wants a space before the next word.
const RUN_END_PUNCTUATION = /[.,;:!?]/;

class Builder {
  text = '';
  /** Set at the edges of a bold, italic or linked run: exports often drop the space there
   *  (`**Sweden**is`, `Council Communism**or**`, `the<a …>dictatorship</a>`, `**Name**(1947)`),
   *  and a word or an opening bracket that touches the run's edge is then given one. */
  private edge = false;
  readonly links: LinkSpan[] = [];
  readonly refs: RefMark[] = [];
  readonly strong: Span[] = [];
  readonly emphasis: Span[] = [];
  readonly urls: string[] = [];
  readonly pointers: Span[] = [];

  constructor(private readonly sink: LinkSink | null) {}

  append(value: string): void {
    let v = LEFTOVER_HINT.test(value) ? cleanLeftovers(value) : value;
    if (NEEDS_COLLAPSE.test(v)) v = v.replace(WS, ' ');
    if (ANY_MARK.test(v)) v = v.replace(STRAY_MARKS, ''); // link markers inside code spans
    if (v.length === 0) return;
    if (this.edge) {
      this.edge = false;
      const last = this.text.charCodeAt(this.text.length - 1);
      if (
        (isWordChar(v.charCodeAt(0)) && (isWordChar(last) || RUN_END_PUNCTUATION.test(this.text.charAt(this.text.length - 1)))) ||
        (v.charCodeAt(0) === 40 /* ( */ && isWordChar(last))
      )
        v = ` ${v}`;
    }
    if (v.charCodeAt(0) === 32 && (this.text.length === 0 || this.text.charCodeAt(this.text.length - 1) === 32)) v = v.slice(1);
    this.text += v;
  }

  /** Offset where the next visible character will go. */
  private mark(): number {
    return this.text.length;
  }

  private spanEnd(start: number): Span {
    let s = start;
    if (this.text.charCodeAt(s) === 32) s++;
    let e = this.text.length;
    while (e > s && this.text.charCodeAt(e - 1) === 32) e--;
    return { start: s, end: e };
  }

  walk(node: Nodes): void {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        this.append(node.value);
        return;
      case 'break':
        this.append(' ');
        return;
      case 'footnoteReference':
        this.refs.push({ id: node.label ?? node.identifier, at: this.text.length });
        return;
      case 'footnoteDefinition':
        return; // rendered on their own, never inline
      case 'link': {
        const wiki: WikiLinkData | undefined = node.data?.wiki;
        if (wiki?.category) {
          this.sink?.category(wiki.category);
          return; // a category link is invisible on the page
        }
        if (wiki?.media) return; // a picture: its label is a caption
        this.edge = true;
        const start = this.mark();
        for (const c of node.children) this.walk(c);
        this.edge = true;
        const span = this.spanEnd(start);
        if (POINTER_LABEL.test(this.text.slice(span.start, span.end))) this.pointers.push(span);
        if (wiki) {
          const label = this.text.slice(span.start, span.end);
          this.links.push({ ...span, target: wiki.target, label });
          this.sink?.link(wiki.target, label || wiki.target);
        } else if (/^(?:https?|ftp):\/\//i.test(node.url)) {
          this.urls.push(node.url);
        }
        return;
      }
      case 'strong':
      case 'emphasis': {
        this.edge = true;
        const start = this.mark();
        for (const c of node.children) this.walk(c);
        this.edge = true;
        (node.type === 'strong' ? this.strong : this.emphasis).push(this.spanEnd(start));
        return;
      }
      default:
        if ('children' in node) for (const c of node.children as Nodes[]) this.walk(c);
        // Blocks walked as one line (a footnote's paragraphs, a table's cells) must not run
        // their words together.
        if (BLOCKS.has(node.type)) this.append(' ');
    }
  }

  finish(): TextBlock {
    let end = this.text.length;
    while (end > 0 && this.text.charCodeAt(end - 1) === 32) end--;
    const text = this.text.slice(0, end);
    const clamp = (n: number) => Math.min(n, text.length);
    for (const r of this.refs) r.at = clamp(r.at);
    return {
      text,
      links: this.links,
      refs: this.refs,
      strong: this.strong,
      emphasis: this.emphasis,
      urls: this.urls,
      pointers: this.pointers,
    };
  }
}

/** The plain text of an inline container (paragraph, heading, table cell) with its spans. */
export function inlineText(node: Nodes, sink: LinkSink | null): TextBlock {
  const b = new Builder(sink);
  b.walk(node);
  return b.finish();
}

/** Whether text has nothing to read: a paragraph of category links, for one, leaves only the
 *  export's stray quotes and some spaces. */
export function isBlank(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}

/** The part of `block` from `start` to `end` as a block of its own (spans shifted). */
export function sliceBlock(block: TextBlock, start: number, end: number): TextBlock {
  const inside = <T extends { start: number; end: number }>(s: T) => s.start >= start && s.end <= end;
  const shift = <T extends { start: number; end: number }>(s: T): T => ({ ...s, start: s.start - start, end: s.end - start });
  return {
    text: block.text.slice(start, end),
    links: block.links.filter(inside).map(shift),
    strong: block.strong.filter(inside).map(shift),
    emphasis: block.emphasis.filter(inside).map(shift),
    refs: block.refs.filter((r) => r.at >= start && r.at <= end).map((r) => ({ ...r, at: r.at - start })),
    urls: [],
    pointers: block.pointers.filter(inside).map(shift),
  };
}

/** A block of plain text with no spans (for text assembled from other blocks). */
export function plainBlock(text: string): TextBlock {
  return { text, links: [], refs: [], strong: [], emphasis: [], urls: [], pointers: [] };
}
