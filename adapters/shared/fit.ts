// Fitting text into a platform's limits, the same way on every platform: cut at a sentence end
// when one comes late enough, else at a word, between grapheme clusters, with "…"; escape for
// the platform and cut again until the escaped text fits; pack lines with "…and N more".
import { ellipsize, prefixWithin } from '../../src/text/graphemes.js';
import { cutAtSentence as sentencesWithin, cutAtWord } from '../../src/text/sentences.js';

/** Whole sentences are kept only when they fill this share of the room: a short first
 *  sentence alone would waste most of it, where a word cut shows more. */
const SENTENCE_SHARE = 0.4;

/** Plain text cut to at most `max` characters: at a sentence end when the sentences kept fill
 *  enough of the room, else at a word with "…". Unchanged when it fits. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const sentences = sentencesWithin(text, max);
  if (sentences.length >= max * SENTENCE_SHARE && text.trim().startsWith(sentences)) return sentences;
  return cutAtWord(text, max);
}

export interface FitOptions {
  /** Plain text → the platform's text (escaped: it may grow). */
  escape(text: string): string;
  /** How plain text is cut (default cutText); must return at most `max` characters. */
  cut?: (text: string, max: number) => string;
  /** Added after the text when it was cut, already in the platform's form (" [Read more](…)"). */
  suffix?: string;
}

/**
 * Plain `text` in the platform's form, within `max` characters. Escaping lengthens text, so
 * the plain text is cut until its escaped form (and the suffix) fits; text that escapes to
 * many times its length (all `&`, say) ends as the longest prefix that fits. Escaping must
 * not shorten text by more than it drops (invisible characters).
 */
export function fitEscaped(text: string, max: number, opts: FitOptions): { text: string; cut: boolean } {
  // Longer text is cut before it is escaped: escaping is not free (discord.js's takes time
  // quadratic in the length of a word), and little of a long text is kept anyway.
  if (text.length <= max) {
    const whole = opts.escape(text);
    if (whole.length <= max) return { text: whole, cut: false };
  }
  const cut = opts.cut ?? cutText;
  const suffix = opts.suffix && opts.suffix.length < max ? opts.suffix : '';
  let budget = max - suffix.length;
  for (let i = 0; i < 16 && budget > 0; i++) {
    const part = cut(text, budget);
    const out = opts.escape(part) + suffix;
    if (part && out.length <= max) return { text: out, cut: true };
    budget -= Math.max(1, out.length - max);
  }
  return { text: longestEscapedPrefix(text, max - suffix.length, opts.escape) + suffix, cut: true };
}

/** The longest prefix of `text` (whole clusters) whose escaped form fits in `max`: a binary search. */
function longestEscapedPrefix(text: string, max: number, escapeText: (s: string) => string): string {
  let lo = 0;
  let hi = Math.min(text.length, max);
  let best = '';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const out = escapeText(prefixWithin(text, mid));
    if (out.length <= max) {
      best = out;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

export interface FitLinesOptions {
  /** How many texts the lines may fill (Slack sections); default 1. */
  chunks?: number;
  /** How many items there are in all, when `lines` holds only the first ones. */
  total?: number;
}

/**
 * Whole lines packed, in order, into at most `chunks` texts of at most `max` characters each;
 * when some are left out, the last text ends with "…and N more" (which fits too). A line
 * longer than `max` is cut with "…".
 */
export function fitLines(lines: readonly string[], max: number, opts: FitLinesOptions = {}): string[] {
  const chunks: string[][] = [[]];
  const sizes = [0];
  let shown = 0;
  for (const raw of lines) {
    const line = raw.length > max ? ellipsize(raw, max) : raw;
    const at = chunks.length - 1;
    const grown = sizes[at]! + (chunks[at]!.length ? 1 : 0) + line.length;
    if (grown <= max) {
      chunks[at]!.push(line);
      sizes[at] = grown;
    } else if (chunks.length < (opts.chunks ?? 1)) {
      chunks.push([line]);
      sizes.push(line.length);
    } else {
      break;
    }
    shown++;
  }
  let left = Math.max(lines.length, opts.total ?? 0) - shown;
  if (left > 0) {
    const last = chunks[chunks.length - 1]!;
    for (;;) {
      const tail = `…and ${left} more`;
      const size = last.reduce((n, l) => n + l.length + 1, 0) + tail.length;
      if (size <= max) {
        last.push(tail);
        break;
      }
      if (!last.length) break;
      last.pop();
      left++;
    }
  }
  return chunks.map((c) => c.join('\n')).filter(Boolean);
}
