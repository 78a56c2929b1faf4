// Cutting text without breaking a character: every length limit in the bot (a platform's field,
// a button value, a summary) is counted in UTF-16 units, as JavaScript and the platforms count,
// but a cut lands only between grapheme clusters (what a reader sees as one character), so it
// never leaves half a surrogate pair, an emoji without its skin tone or a letter without its
// accent. Intl.Segmenter does the segmenting; these helpers only keep it off the common path.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** A lone surrogate: in `u` mode a class of surrogates matches only halves with no partner. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;

/** Below U+0300 no character joins its neighbour (no combining marks, joiners, modifiers or
 *  regional indicators), so two such characters always have a cluster boundary between them,
 *  except CR LF. */
const JOINS_NOTHING = 0x300;

/** Past the cut, how much text the segmenter sees: enough for any rule that looks ahead. */
const LOOKAHEAD = 32;

/** True when `text` has no lone surrogate (String.prototype.isWellFormed, for ES2022 targets). */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** `text` with each lone surrogate replaced by U+FFFD, as String.prototype.toWellFormed does. */
export function wellFormed(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, '\uFFFD') : text;
}

/** True when a cluster boundary certainly lies between text[i - 1] and text[i]. */
function certainBoundary(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  return before < JOINS_NOTHING && after < JOINS_NOTHING && !(before === 13 && after === 10);
}

/** The longest prefix of `text` that is at most `max` UTF-16 units long and ends between two
 *  grapheme clusters. */
export function prefixWithin(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (certainBoundary(text, max)) return text.slice(0, max);
  // Segment from the last certain boundary before the cut: the rules that look back (emoji
  // sequences, pairs of regional indicators) never reach across one.
  let start = max - 1;
  while (start > 0 && !certainBoundary(text, start)) start--;
  let end = start;
  for (const { index, segment } of segmenter.segment(text.slice(start, max + LOOKAHEAD))) {
    const next = start + index + segment.length;
    if (next > max) break;
    end = next;
  }
  return text.slice(0, end);
}

/** `text` cut to at most `max` units between clusters, ending with "…" when it was cut. */
export function ellipsize(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  return `${prefixWithin(text, max - 1)}…`;
}
