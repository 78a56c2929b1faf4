// Sentence boundaries and length-limited cuts of plain text. Shared by the parser (page
// summaries), daily posts and the adapters (fitting text in a platform's limits), so it is
// pure and knows nothing about Markdown. Cuts fall between grapheme clusters (graphemes.ts).
import { prefixWithin } from './graphemes.js';

/** Words that end with a period without ending the sentence. Single letters ("A. S. Embree",
 *  "c. 1900", "p. 76") and dotted acronyms ("U.S.", "e.g.") are handled by shape, not here.
 *  "etc." is left out on purpose: it ends sentences more often than not. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'jr',
  'sr',
  'st',
  'mt',
  'ft',
  'rev',
  'hon',
  'gen',
  'col',
  'lt',
  'capt',
  'sgt',
  'cpl',
  'gov',
  'sen',
  'rep',
  'pres',
  'supt',
  'mme',
  'mlle',
  'messrs',
  'sra',
  'sr',
  'vs',
  'cf',
  'ca',
  'approx',
  'al',
  'ed',
  'eds',
  'trans',
  'vol',
  'vols',
  'no',
  'nos',
  'pp',
  'fig',
  'ch',
  'chap',
  'sec',
  'art',
  'para',
  'op',
  'cit',
  'ibid',
  'viz',
  'est',
  'fl',
  'inc',
  'ltd',
  'co',
  'corp',
  'bros',
  'ave',
  'blvd',
  'rd',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

// A sentence end: terminal punctuation, any closing quotes or brackets, then whitespace, then
// something that can start a sentence (capital letter or digit, possibly after an opening
// quote or bracket). A blank line (paragraph break) always ends a sentence.
const BOUNDARY = /([.!?…]+)(["'”’»)\]]*)(\s+)(?=["'“‘«([]?[\p{Lu}\p{N}])|\n\s*\n/gu;

function isAbbreviation(text: string, dotAt: number): boolean {
  let start = dotAt;
  while (start > 0 && !/[\s(["“'‘]/.test(text[start - 1]!)) start--;
  const word = text.slice(start, dotAt);
  if (word.length === 1) return /\p{L}/u.test(word); // initials, c., p.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true; // U.S, e.g, i.e
  return ABBREVIATIONS.has(word.toLowerCase());
}

export interface SentenceSpan {
  start: number;
  end: number;
}

/** Offsets of each sentence in `text` (end exclusive, after its closing punctuation). */
export function sentenceSpans(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  while (start < text.length && /\s/.test(text[start]!)) start++;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m; m = BOUNDARY.exec(text)) {
    let end: number;
    if (m[1] === undefined) {
      end = m.index; // paragraph break
    } else {
      if (m[1] === '.' && isAbbreviation(text, m.index)) continue;
      end = m.index + m[1].length + m[2]!.length;
    }
    if (end > start) spans.push({ start, end });
    start = m.index + m[0].length;
  }
  let end = text.length;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) spans.push({ start, end });
  return spans;
}

/** The sentences of `text`, trimmed. */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map((s) => text.slice(s.start, s.end));
}

/** `text` cut to at most `max` characters at a sentence end that is not inside a quotation
 *  (a quotation that closes later in the text: a stray mark opens nothing). When no such end
 *  fits, cut at a word boundary and end with "…" (counted in `max`). */
export function cutAtSentence(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  let end = 0;
  const quotes = new QuoteTracker(trimmed);
  for (const s of sentenceSpans(trimmed)) {
    if (s.end > max) break;
    if (!quotes.openAt(s.end)) end = s.end;
  }
  if (end > 0) return trimmed.slice(0, end).trimEnd();
  return cutAtWord(trimmed, max);
}

/** Whether a position of a text lies inside a quotation, asked at increasing positions. Curly
 *  quotes nest; straight double quotes alternate. A mark counts as open only when its
 *  closing mark comes later in the text. */
export class QuoteTracker {
  private at = 0;
  private curly = 0;
  private straight = 0;
  private readonly lastClose: number;
  private readonly lastStraight: number;

  constructor(private readonly text: string) {
    this.lastClose = text.lastIndexOf('”');
    this.lastStraight = text.lastIndexOf('"');
  }

  openAt(pos: number): boolean {
    for (; this.at < pos && this.at < this.text.length; this.at++) {
      const c = this.text.charCodeAt(this.at);
      if (c === 0x201c) this.curly++;
      else if (c === 0x201d && this.curly > 0) this.curly--;
      else if (c === 34) this.straight ^= 1;
    }
    return (this.curly > 0 && this.lastClose >= pos) || (this.straight === 1 && this.lastStraight >= pos);
  }
}

/** `text` cut at a word boundary to at most `max` characters including the final "…". */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  let cut = prefixWithin(text, max - 1);
  const space = cut.search(/\s\S*$/);
  if (space > max / 2) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:(\-–—]+$/u, '')}…`;
}

// English words no sentence ends with: text that stops on one (or on a comma) was cut short.
const CANNOT_END =
  /(?:^|\s)(?:a|an|the|is|are|was|were|be|been|being|of|to|in|on|at|by|for|with|from|into|onto|and|or|but|nor|as|than|that|which|who|whose|its|their|his|her|our|including|such|has|have|had|not|very|most|more)$/i;

/** Whether text stops in the middle of a clause: on a comma, a colon, a dash, an opening
 *  bracket or a word no sentence ends with ("It was a", "…increased by 50% with"). */
export function endsUnfinished(text: string): boolean {
  const t = text.trimEnd();
  return /[,;:(\-–—]$/.test(t) || CANNOT_END.test(t);
}

/** Whitespace (line breaks included) collapsed to single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A one-line summary of `text`: its first whole sentences within `max` characters. */
export function summarize(text: string, max: number): string {
  return cutAtSentence(oneLine(text), max);
}
