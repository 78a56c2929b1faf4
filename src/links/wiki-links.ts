// [[Links]] written in a chat message: `[[Dual power]]`, `[[dual power|the idea]]`,
// `[[Dual power#History]]`. What a chat shows as code (`code`, ```blocks```) or as a quotation
// (lines starting with ">", and everything after ">>>") is not read: a link quoted from someone
// else, or shown as an example, is not asked for. Pure, and linear in the message: each "[[" is
// followed for at most MAX_LINK_TEXT characters, and only the first MAX_SCAN are read at all.
// Written here rather than with a Markdown parser: chat markup is not CommonMark (Slack's
// ">" needs no space, ">>>" quotes the rest), and a parser would build a tree of the whole
// message to find three links.
import { normalizeKey, stripInvisible } from '../library/normalize.js';

export interface WikiLink {
  /** The page name as written, whitespace collapsed: "Dual power". */
  target: string;
  /** The section after "#", when one is given. */
  section?: string;
  /** The words after "|", when given: how the author worded the link. */
  label?: string;
}

/** At most this many links are answered per message. */
export const MAX_LINKS = 3;
/** Longest text between the brackets: a page name with a section and a label fits easily. */
export const MAX_LINK_TEXT = 200;
/** Only this much of a message is read (Slack's longest message is 40,000 characters). */
export const MAX_SCAN = 40_000;

/** The distinct [[links]] in `text` outside code and quotations, in order, at most `max`. */
export function findWikiLinks(text: string, max = MAX_LINKS): WikiLink[] {
  if (typeof text !== 'string' || max <= 0) return [];
  const s = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  if (!s.includes('[[')) return [];
  const masks = maskedRanges(s);
  const out: WikiLink[] = [];
  const seen = new Set<string>();
  let m = 0;
  let from = 0;
  for (;;) {
    const i = s.indexOf('[[', from);
    if (i < 0) break;
    while (m < masks.length && masks[m]![1] <= i) m++;
    if (m < masks.length && masks[m]![0] <= i) {
      from = masks[m]![1];
      continue;
    }
    from = i + 1;
    if (i > 0 && s[i - 1] === '\\') continue;
    const end = closingBrackets(s, i + 2);
    if (end < 0) continue;
    // A mask that starts inside the brackets (a code span opened in the link) spoils it.
    if (m < masks.length && masks[m]![0] < end + 2) continue;
    from = end + 2;
    // `[[1]](https://…)` is Markdown link text, not a wiki link.
    if (s[end + 2] === '(') continue;
    const link = parseLink(s.slice(i + 2, end));
    if (!link) continue;
    const key = `${normalizeKey(link.target)}#${normalizeKey(link.section ?? '')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(link);
    if (out.length >= max) break;
  }
  return out;
}

/** Where the "]]" closing a link that opens at `start` stands, or -1: no "[", "]" alone or line
 *  break on the way, and at most MAX_LINK_TEXT characters. */
function closingBrackets(s: string, start: number): number {
  const stop = Math.min(s.length, start + MAX_LINK_TEXT + 1);
  for (let j = start; j < stop; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x5d /* ] */) return s.charCodeAt(j + 1) === 0x5d && j > start ? j : -1;
    if (c === 0x5b /* [ */ || c === 0x0a || c === 0x0d) return -1;
  }
  return -1;
}

/** "Target#Section|label", cleaned; undefined when the target has no letter or digit. */
function parseLink(inner: string): WikiLink | undefined {
  const bar = inner.indexOf('|');
  const left = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? '' : clean(inner.slice(bar + 1));
  const hash = left.indexOf('#');
  const target = clean(hash < 0 ? left : left.slice(0, hash));
  const section = hash < 0 ? '' : clean(left.slice(hash + 1));
  if (!/[\p{L}\p{N}]/u.test(target)) return undefined;
  return { target, ...(/[\p{L}\p{N}]/u.test(section) ? { section } : {}), ...(label ? { label } : {}) };
}

function clean(s: string): string {
  return stripInvisible(s).replace(/\s+/g, ' ').trim();
}

type Range = [start: number, end: number];

/** Code spans and quotations, as sorted, non-overlapping [start, end) ranges. */
export function maskedRanges(s: string): Range[] {
  const code = codeSpans(s);
  const ranges: Range[] = [...code];
  // Quotations: a line whose first non-blank character is ">" (outside code); ">>>" quotes
  // everything after it.
  let c = 0;
  for (let lineStart = 0; lineStart < s.length; ) {
    const nl = s.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? s.length : nl;
    let k = lineStart;
    while (k < lineEnd && (s[k] === ' ' || s[k] === '\t')) k++;
    while (c < code.length && code[c]![1] <= k) c++;
    const inCode = c < code.length && code[c]![0] <= k;
    if (!inCode && s[k] === '>') {
      if (s.startsWith('>>>', k)) {
        ranges.push([k, s.length]);
        break;
      }
      ranges.push([k, lineEnd]);
    }
    lineStart = lineEnd + 1;
  }
  return merge(ranges);
}

/**
 * Code spans as chat clients show them: a run of n backticks opens a span that the next run of
 * exactly n backticks closes (so ``` fences too); a run with no partner is plain text. Each
 * length's runs are visited once, in order, so this is linear in the text.
 */
function codeSpans(s: string): Range[] {
  const runs: Range[] = [];
  for (let i = s.indexOf('`'); i >= 0; i = s.indexOf('`', i)) {
    let j = i;
    while (s.charCodeAt(j) === 0x60) j++;
    runs.push([i, j]);
    i = j;
  }
  if (runs.length < 2) return [];
  const byLength = new Map<number, number[]>();
  runs.forEach(([a, b], index) => {
    const list = byLength.get(b - a);
    if (list) list.push(index);
    else byLength.set(b - a, [index]);
  });
  const cursor = new Map<number, number>();
  const spans: Range[] = [];
  for (let k = 0; k < runs.length; ) {
    const [a, b] = runs[k]!;
    const list = byLength.get(b - a)!;
    let p = cursor.get(b - a) ?? 0;
    while (p < list.length && list[p]! <= k) p++;
    cursor.set(b - a, p);
    const partner = list[p];
    if (partner === undefined) {
      k++;
      continue;
    }
    spans.push([a, runs[partner]![1]]);
    k = partner + 1;
  }
  return spans;
}

function merge(ranges: Range[]): Range[] {
  ranges.sort((x, y) => x[0] - y[0]);
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
