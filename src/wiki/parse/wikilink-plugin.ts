// remark plugin: turns every form of wiki link into an mdast `link` carrying
// `data.wiki = { target, category? }`, and cleans up the raw HTML pandoc leaves around them.
// It has to run before strip-markdown, which drops raw HTML.
//
// Links come in three ways: marked spans left by the source pre-pass (prelink.ts, the usual
// way for pandoc's two forms); raw HTML the pre-pass did not take, which micromark splits into
// an `html` node for `<a …>`, the label's own nodes and an `html` node for `</a>` (merged here
// into one link, dropping the stray `"` the export puts before the tag); Markdown links to
// `.md` pages; and Obsidian's `[[Target|label]]`, plain text to micromark.
import type { Break, Link, Nodes, Paragraph, PhrasingContent, Root, Text } from 'mdast';
import { decodeEntities, pageNameFromTarget } from '../page-names.js';
import { ANY_MARK, type EncodedLink } from './wikilink-prepass.js';
import { classify, htmlAnchorTarget, wikiTarget, type WikiLinkData } from './link-targets.js';

type AnyNode = Nodes;
type WithChildren = Extract<Nodes, { children: unknown }>;

const OPEN_A = /^<a\s[^>]*>$/i;
const CLOSE_A = /^<\/a\s*>$/i;

function wikiLink(wiki: WikiLinkData, children: PhrasingContent[], url: string): Link {
  return { type: 'link', url, title: null, children, data: { wiki } };
}

/** Drops the stray `"` pandoc writes right before a raw-HTML wikilink. */
function dropStrayQuote(out: AnyNode[]): void {
  const prev = out[out.length - 1];
  if (prev?.type !== 'text' || !prev.value.endsWith('"')) return;
  prev.value = prev.value.slice(0, -1);
  if (prev.value === '') out.pop();
}

function textOf(nodes: AnyNode[]): string {
  let s = '';
  for (const n of nodes) {
    if ('value' in n && n.type !== 'html') s += n.value;
    else if ('children' in n) s += textOf(n.children as AnyNode[]);
  }
  return s;
}

// Citation marks copied from Wikipedia: <sup>[6]</sup>, <sup>139</sup>, <sup>[citation needed]</sup>.
const CITATION_MARK = /^\s*(?:\[\s*[^\]]{1,40}\]|\d+(?:\s*[,–-]\s*\d+)*|[a-z])\s*$/i;

// A unit of area or volume right before a superscript 2 or 3 (`km<sup>2</sup>`).
const UNIT_BEFORE_POWER = /(?:^|[\s\d(])(?:[kcdm]?m|mi|ft|yd)$/;
const SUPERSCRIPT: Record<string, string> = { '2': '²', '3': '³' };

function closingIndex(nodes: AnyNode[], from: number, close: RegExp, stopAt?: RegExp): number {
  for (let j = from; j < nodes.length; j++) {
    const n = nodes[j]!;
    if (n.type !== 'html') continue;
    if (close.test(n.value.trim())) return j;
    if (stopAt?.test(n.value.trim())) return -1;
  }
  return -1;
}

/** A block of raw HTML that starts with `<a …>` (micromark's kind-7 HTML block, which happens
 *  when a paragraph begins with a complete tag on its own line) becomes a paragraph of text
 *  and links. Other HTML blocks (figures, tables, references) are left for strip-markdown. */
function htmlBlockToParagraph(html: string): Paragraph | null {
  if (!/^<a\s/i.test(html) || !/class\s*=\s*["']?[^"'>]*wikilink/i.test(html)) return null;
  const children: PhrasingContent[] = [];
  const TAG = /("?)<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  let last = 0;
  let open: { wiki: WikiLinkData; title: string; start: number; url: string } | null = null;
  const pushText = (end: number) => {
    const s = html.slice(last, end);
    if (s) children.push({ type: 'text', value: decodeEntities(s) });
  };
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const quote = m[1]!.length;
    const isA = m[3]!.toLowerCase() === 'a';
    const hit = isA && !m[2] ? htmlAnchorTarget(`<a${m[4]}>`) : null;
    // The stray quote before a wikilink's opening tag goes; any other quote is text.
    pushText(hit ? m.index : m.index + quote);
    if (hit) {
      open = { ...hit, start: children.length };
    } else if (isA && m[2] && open) {
      const label = children.splice(open.start);
      children.push(wikiLink(open.wiki, label.length ? label : [{ type: 'text', value: open.title }], open.url));
      open = null;
    }
    last = m.index + m[0].length;
  }
  pushText(html.length);
  return { type: 'paragraph', children };
}

const BLOCK_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

interface Mark {
  mark: 'open' | 'close';
  index?: number;
}

const markOf = (n: AnyNode): Mark | undefined => (n.type === 'text' ? (n.data as { mark?: Mark } | undefined)?.mark : undefined);

/** Splits the markers out of a text node into empty marker nodes. */
function splitMarks(node: Text, out: AnyNode[]): void {
  const value = node.value;
  let last = 0;
  const re = /\uE000|\uE001(\d+)\uE002/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    if (m.index > last) out.push({ type: 'text', value: value.slice(last, m.index) });
    const mark: Mark = m[1] === undefined ? { mark: 'open' } : { mark: 'close', index: Number(m[1]) };
    out.push({ type: 'text', value: '', data: { mark } as Text['data'] });
    last = m.index + m[0].length;
  }
  if (last < value.length) out.push({ type: 'text', value: value.slice(last) });
}

const OBSIDIAN = /\[\[([^[\]|]+?)(?:\|([^[\]]+?))?\]\]/g;

/** Splits `[[Target|label]]` and `[[Target]]` out of a text node. */
function obsidianLinks(node: Text): PhrasingContent[] | null {
  const value = node.value;
  OBSIDIAN.lastIndex = 0;
  let m = OBSIDIAN.exec(value);
  if (!m) return null;
  const out: PhrasingContent[] = [];
  let last = 0;
  for (; m; m = OBSIDIAN.exec(value)) {
    const rawTarget = m[1]!.replace(/\s+/g, ' ').trim();
    const page = pageNameFromTarget(rawTarget.replace(/#.*$/, ''));
    const wiki = page ? classify(page) : null;
    if (!wiki) continue;
    if (m.index > last) out.push({ type: 'text', value: value.slice(last, m.index) });
    const label = (m[2] ?? rawTarget).replace(/\s+/g, ' ').trim();
    out.push(wikiLink(wiki, [{ type: 'text', value: label }], rawTarget));
    last = m.index + m[0].length;
  }
  if (last === 0) return null;
  if (last < value.length) out.push({ type: 'text', value: value.slice(last) });
  return out;
}

/** Handles the raw HTML node at `kids[i]`: a wikilink's tags (merged with the label between
 *  them into a link), Wikipedia citation marks and <ref> notes (dropped), <br> (a break), or a
 *  block of HTML that starts with a wikilink. Returns the index of the last node consumed, or
 *  null to leave the node for strip-markdown to drop. */
function rawHtml(kids: AnyNode[], i: number, out: AnyNode[], parent: WithChildren, links: readonly EncodedLink[]): number | null {
  const tag = (kids[i] as { value: string }).value.trim();
  if (OPEN_A.test(tag)) {
    const hit = htmlAnchorTarget(tag);
    const close = hit ? closingIndex(kids, i + 1, CLOSE_A, OPEN_A) : -1;
    if (!hit || close < 0) return null;
    const label = kids.slice(i + 1, close) as PhrasingContent[];
    const link = wikiLink(hit.wiki, label.length ? label : [{ type: 'text', value: hit.title }], hit.url);
    dropStrayQuote(out);
    transformChildren(link, links);
    out.push(link);
    return close;
  }
  if (/^<sup\b[^>]*>$/i.test(tag)) {
    const close = closingIndex(kids, i + 1, /^<\/sup\s*>$/i);
    if (close < 0) return null;
    const inside = textOf(kids.slice(i + 1, close));
    const before = out[out.length - 1];
    const power = SUPERSCRIPT[inside.trim()];
    if (power && before?.type === 'text' && UNIT_BEFORE_POWER.test(before.value)) {
      before.value += power; // km², m³: a unit's power, not a citation mark
      return close;
    }
    return CITATION_MARK.test(inside) ? close : null;
  }
  if (/^<ref\b[^>]*\/\s*>$/i.test(tag)) return i;
  if (/^<ref\b[^>]*>$/i.test(tag)) {
    const close = closingIndex(kids, i + 1, /^<\/ref\s*>$/i);
    return close > 0 ? close : null;
  }
  if (/^<br\s*\/?>$/i.test(tag)) {
    out.push({ type: 'break' } satisfies Break);
    return i;
  }
  if (BLOCK_PARENTS.has(parent.type)) {
    const para = htmlBlockToParagraph(tag);
    if (!para) return null;
    transformChildren(para, links);
    out.push(para);
    return i;
  }
  return null;
}

function transformChildren(parent: WithChildren, links: readonly EncodedLink[]): void {
  let kids = parent.children as AnyNode[];
  const out: AnyNode[] = [];
  let changed = false;
  if (links.length > 0 && kids.some((k) => k.type === 'text' && ANY_MARK.test(k.value))) {
    const split: AnyNode[] = [];
    for (const k of kids) {
      if (k.type === 'text' && ANY_MARK.test(k.value)) splitMarks(k, split);
      else split.push(k);
    }
    kids = split;
    changed = true;
  }
  const opens: number[] = [];
  for (let i = 0; i < kids.length; i++) {
    const node = kids[i]!;
    const mark = markOf(node);
    if (mark) {
      // An encoded link: what was pushed since its open marker becomes the label.
      if (mark.mark === 'open') opens.push(out.length);
      else if (opens.length > 0) {
        const link = links[mark.index!];
        const label = out.splice(opens.pop()!) as PhrasingContent[];
        if (link) out.push(wikiLink(link.wiki, label.length ? label : [{ type: 'text', value: link.wiki.target }], link.url));
        else out.push(...label);
      }
      continue;
    }
    if (node.type === 'html') {
      const next = rawHtml(kids, i, out, parent, links);
      if (next !== null) {
        i = next;
        changed = true;
      } else out.push(node);
      continue;
    }
    if (node.type === 'link') {
      const wiki = node.data?.wiki ?? wikiTarget(node.url, node.title === 'wikilink');
      if (wiki) {
        node.data = { ...node.data, wiki };
        if (node.title === 'wikilink') node.title = null;
      }
    } else if (node.type === 'text' && node.value.includes('[[')) {
      const parts = obsidianLinks(node);
      if (parts) {
        out.push(...parts);
        changed = true;
        continue;
      }
    }
    if ('children' in node) transformChildren(node, links);
    out.push(node);
  }
  if (changed) (parent as { children: AnyNode[] }).children = out;
  for (const n of out) if (n.type === 'link' && n.data?.wiki) unColon(n);
}

/** MediaWiki shows [[:Category:X]] without its leading colon. */
function unColon(link: Link): void {
  const first = link.children[0];
  if (first?.type === 'text' && first.value.startsWith(':') && !link.data?.wiki?.category) first.value = first.value.slice(1);
}

/** The remark plugin. Links encoded by encodeWikiLinks come in `file.data.wikiLinks`. */
export default function remarkWikiLinks() {
  return (tree: Root, file: { data: Record<string, unknown> }): void => {
    transformChildren(tree, (file.data.wikiLinks as EncodedLink[] | undefined) ?? []);
  };
}
