// Finding quotes in a page's text blocks: blockquotes, and "…" passages in running text that
// carry a footnote (or an attribution dash). Who said them is worked out in attribution.ts;
// this module decides what the quote is, which sentence introduces it and which footnote it
// cites, then resolves everything once the page's footnotes are known.
import {
  attributionFromIntro,
  attributionFromLine,
  combineAttribution,
  isPersonLike,
  looksLikeAttribution,
  parseCitation,
  speakerAfterQuote,
  type Attribution,
} from './attribution.js';
import type { Footnote, Quote } from '../model.js';
import { cutAtSentence, endsUnfinished, sentenceSpans } from '../../text/sentences.js';
import { sliceBlock as slice, type TextBlock } from './block-text.js';

export interface QuoteCandidate {
  kind: Quote['kind'];
  text: string;
  footnote?: string;
  line?: Attribution;
  intro?: Attribution;
  section?: string;
  anchor?: string;
  /** The heading the quote stands under (for "Quotes" sections of a person's page). */
  heading?: string;
}

const MIN_WORDS = 3;
const MIN_CHARS = 12;
/** A quotation is a whole thought: fewer words than this is a fragment ("property is theft,"),
 *  and the sentence around it is quoted instead. */
export const WHOLE_THOUGHT_WORDS = 6;
/** Longer quotations are cut at a sentence end and marked "…" (the reply links to the rest). */
export const QUOTE_MAX_CHARS = 600;

function substantial(text: string): boolean {
  return text.length >= MIN_CHARS && text.split(/\s+/).length >= MIN_WORDS;
}

function wordCount(text: string): number {
  let n = 0;
  for (const w of text.split(' ')) if (/[\p{L}\p{N}]/u.test(w)) n++;
  return n;
}

/** A quotation as shown: from a sentence start or marked "…" where it starts inside one,
 *  without the comma or colon the page ran on with, and cut at a sentence end when long. */
export function shapeQuotation(text: string): string {
  let t = text.replace(/\s+/g, ' ').replace(/^[\s,;:\-–—]+/u, '');
  if (/^["'“‘«([]*\p{Ll}/u.test(t)) t = `…${t}`;
  // The comma the page's sentence ran on with (`"…," wrote X`) goes; words that stop mid-clause
  // ("…increased by 50% with") are marked as cut.
  t = t.replace(/[\s,;:\-–—]+$/u, '');
  if (endsUnfinished(t)) t = `${t}…`;
  if (t.length > QUOTE_MAX_CHARS) {
    const cut = cutAtSentence(t, QUOTE_MAX_CHARS - 2);
    // A sentence that ends with the page's own ellipsis ("we will build...") takes no second one.
    t = cut.endsWith('…') ? cut : cut.endsWith('...') ? `${cut.slice(0, -3)}…` : `${cut} …`;
  }
  return t;
}

function introOf(part: TextBlock): Attribution {
  return attributionFromIntro(part.text, part.links, part.emphasis);
}

/** What the paragraph before a blockquote says about it: its last sentence, when that
 *  sentence leads into the quote (ends with ":" or "," or a dash, or has no final period). */
export function introBefore(paragraph: TextBlock): Attribution | undefined {
  const spans = sentenceSpans(paragraph.text);
  const last = spans[spans.length - 1];
  if (!last) return undefined;
  const sentence = slice(paragraph, last.start, last.end);
  if (/[.!?]["”’)]*$/.test(sentence.text)) return undefined;
  return introOf(sentence);
}

function unwrapQuotes(text: string): string {
  const m = /^["“]([^"“”]+)["”]$/.exec(text);
  return m ? m[1]!.trim() : text;
}

function lastRef(parts: readonly TextBlock[]): string | undefined {
  for (let i = parts.length - 1; i >= 0; i--) {
    const refs = parts[i]!.refs;
    if (refs.length) return refs[refs.length - 1]!.id;
  }
  return undefined;
}

/** One part of a blockquote: a paragraph's block, or a list (its items' first paragraphs). */
export interface QuotePart {
  block: TextBlock;
  /** Set for a list: the blocks of its items. */
  items?: TextBlock[];
}

// "…the old religion. — Errico Malatesta" (an attribution line run into the last paragraph).
const RUN_IN_ATTRIBUTION = /(?<=[.!?…"”’)])\s+((?:[-–—―~]{1,3})\s*[^-–—―~]{2,160})$/u;

/** A blockquote as a quote: its text without a trailing attribution line, the attribution that
 *  line gives, and the footnote it cites. */
export function blockquoteCandidate(parts: readonly QuotePart[], intro: Attribution | undefined): QuoteCandidate | null {
  const body = [...parts];
  let line: Attribution | undefined;
  const last = body[body.length - 1];
  let lastText: string | undefined;
  if (last?.items?.length === 1 && looksLikeAttribution(last.items[0]!.text, false)) {
    // "> - Errico Malatesta" parses as a one-item list inside the quote.
    line = attributionFromLine(last.items[0]!.text, last.items[0]!.emphasis);
    body.pop();
  } else if (last && !last.items && looksLikeAttribution(last.block.text, true) && body.length > 1) {
    line = attributionFromLine(last.block.text, last.block.emphasis);
    body.pop();
  } else if (last && !last.items) {
    const m = RUN_IN_ATTRIBUTION.exec(last.block.text);
    if (m && looksLikeAttribution(m[1]!, true)) {
      const at = last.block.text.length - m[1]!.length;
      const tail = slice(last.block, at, last.block.text.length);
      line = attributionFromLine(tail.text, tail.emphasis);
      lastText = last.block.text.slice(0, m.index).trim();
    }
  }
  const texts = body.map((p, i) => (i === body.length - 1 && lastText !== undefined ? lastText : p.block.text)).filter(Boolean);
  const text = unwrapQuotes(texts.join('\n\n'));
  if (!text || wordCount(text) < WHOLE_THOUGHT_WORDS) return null;
  const footnote = lastRef(parts.flatMap((p) => [p.block, ...(p.items ?? [])]));
  return { kind: 'blockquote', text, footnote, line, intro };
}

const CLOSE_BEFORE_REF = /(["”])[.,;:!?…]?\s*$/;
const TRAILING_LINE = /^\s*([-–—―~]{1,3}\s*.{2,200})$/su;

/** Where the quotation closed at `closeAt` opens: the nearest opening mark of the same style
 *  (straight or curly), so "…“scare quotes”…" inside a quotation is skipped. */
function openingQuote(text: string, closeAt: number, closing: string): number {
  const [same, other] = closing === '”' ? ['“', '"'] : ['"', '“'];
  const at = text.lastIndexOf(same, closeAt - 1);
  return at >= 0 ? at : text.lastIndexOf(other, closeAt - 1);
}

/** A paragraph that is one quotation standing alone, attributed by the line after it. */
export function quotationCandidate(block: TextBlock, line: Attribution): QuoteCandidate {
  return { kind: 'blockquote', text: unwrapQuotes(block.text.replace(/^\s*(["“])(.*?)(["”])\s*[.!?…]?\s*$/su, '$1$2$3')), line };
}

/** The quoted words between `open` and `close` of the block, or the sentence around them
 *  when they are only a fragment of one. '' when neither is a whole thought. */
function wholeThought(block: TextBlock, open: number, close: number): string {
  const quoted = block.text.slice(open + 1, close).trim();
  if (wordCount(quoted) >= WHOLE_THOUGHT_WORDS) return quoted;
  const sentence = sentenceSpans(block.text).find((s) => s.start <= open && open < s.end);
  if (!sentence) return '';
  const around = block.text.slice(sentence.start, Math.max(sentence.end, close + 1)).trim();
  return wordCount(around) >= WHOLE_THOUGHT_WORDS ? around : '';
}

// A quotation in running text that the words after it attribute: `"…," wrote Paul Krugman`.
const QUOTED_PASSAGE = /["“]([^"“”]{12,}?)["”]/g;

/** Quoted passages in running text: `"…"[^2]` (a quotation that cites a footnote), a
 *  quotation the words after it attribute (`"…," wrote Name`; the words before one without a
 *  footnote name a place or an outlet as often as a person), and a paragraph that is only
 *  `"…" - Speaker, description`. */
export function inlineCandidates(block: TextBlock): QuoteCandidate[] {
  const out: QuoteCandidate[] = [];
  const text = block.text;
  const seen = new Set<number>();
  const opens = new Set<number>();
  for (const ref of block.refs) {
    if (seen.has(ref.at)) continue;
    seen.add(ref.at);
    const before = text.slice(0, ref.at);
    const close = CLOSE_BEFORE_REF.exec(before);
    if (!close) continue;
    const closeAt = close.index;
    const open = openingQuote(before, closeAt, close[1]!);
    if (open < 0) continue;
    if (!substantial(text.slice(open + 1, closeAt).trim())) continue;
    const quoted = wholeThought(block, open, closeAt);
    if (!quoted) continue;
    opens.add(open);
    out.push({ kind: 'inline', text: quoted, footnote: ref.id, ...context(block, open, ref.at) });
  }
  if (text.includes('"') || text.includes('“')) {
    QUOTED_PASSAGE.lastIndex = 0;
    for (let m = QUOTED_PASSAGE.exec(text); m; m = QUOTED_PASSAGE.exec(text)) {
      if (opens.has(m.index)) continue;
      const closeAt = m.index + m[0].length - 1;
      // Only a whole thought: around a phrase in scare quotes, the sentence is the page's own.
      const quoted = m[1]!.trim();
      if (wordCount(quoted) < WHOLE_THOUGHT_WORDS) continue;
      const speaker = speakerAfterQuote(text, closeAt + 1, block.links);
      if (speaker) out.push({ kind: 'inline', text: quoted, line: { speaker } });
    }
  }
  if (out.length === 0) {
    const whole = /^["“]([^"“”]+)["”]\s*([-–—―]\s*.+)$/su.exec(text);
    if (whole && wordCount(whole[1]!) >= WHOLE_THOUGHT_WORDS && looksLikeAttribution(whole[2]!, true)) {
      const at = text.length - whole[2]!.length;
      const tail = slice(block, at, text.length);
      out.push({ kind: 'inline', text: whole[1]!.trim(), line: attributionFromLine(tail.text, tail.emphasis) });
    }
  }
  return out;
}

/** The introducing part of the sentence a quote opens in, and an attribution after it. */
function context(block: TextBlock, open: number, afterRef: number): { intro?: Attribution; line?: Attribution } {
  const result: { intro?: Attribution; line?: Attribution } = {};
  const sentence = sentenceSpans(block.text).find((s) => s.start <= open && open < s.end);
  if (sentence && open > sentence.start) {
    const intro = introOf(slice(block, sentence.start, open));
    if (intro.speaker || intro.year) result.intro = intro;
  }
  const rest = block.text.slice(afterRef);
  const trailing = TRAILING_LINE.exec(rest);
  if (trailing && looksLikeAttribution(trailing[1]!, true)) {
    const at = block.text.length - trailing[1]!.length;
    const tail = slice(block, at, block.text.length);
    result.line = attributionFromLine(tail.text, tail.emphasis);
  }
  return result;
}

const QUOTES_HEADING = /^(?:quotes|quotations|selected quotes|selected quotations|notable quotes|sayings|in (?:his|her|their) own words)$/i;
const PEOPLE_CATEGORY = /(?:ists|ers|ians|ors|people|persons|biographies|figures|revolutionaries|women|men)$/i;

/** Whether the page is about a person, so its "Quotes" section quotes that person. */
export function isPersonPage(title: string, categories: readonly string[]): boolean {
  return isPersonLike(title) && categories.some((c) => PEOPLE_CATEGORY.test(c.trim()));
}

export interface ResolveContext {
  footnotes: readonly Footnote[];
  /** Person-like names the page links to, plus its title. */
  people: readonly string[];
  /** The page's title when the page is about a person (see isPersonPage). */
  personTitle?: string;
}

/** Final quotes: attribution from line, intro and citation; source from the footnote. */
export function resolveQuotes(candidates: readonly QuoteCandidate[], ctx: ResolveContext): Quote[] {
  const byId = new Map(ctx.footnotes.map((f) => [f.id, f]));
  const citations = new Map<string, Attribution>();
  const quotes: Quote[] = [];
  for (const c of candidates) {
    const note = c.footnote ? byId.get(c.footnote) : undefined;
    let citation: Attribution | undefined;
    if (note) {
      citation = citations.get(note.id);
      if (!citation) citations.set(note.id, (citation = parseCitation(note.text)));
    }
    const a = combineAttribution({ line: c.line, intro: c.intro, citation, people: ctx.people });
    if (!a.speaker && ctx.personTitle && c.heading && QUOTES_HEADING.test(c.heading.trim())) a.speaker = ctx.personTitle;
    const q: Quote = { text: shapeQuotation(c.text), kind: c.kind };
    if (a.speaker) q.speaker = a.speaker;
    if (a.work) q.work = a.work;
    if (a.year) q.year = a.year;
    if (note?.urls[0]) q.source = note.urls[0];
    if (c.footnote) q.footnote = c.footnote;
    if (c.section) q.section = c.section;
    if (c.anchor) q.anchor = c.anchor;
    quotes.push(q);
  }
  return quotes;
}
