// The nesting guard: block quotes and list items nested thousands deep make micromark's
// container checks quadratic and overflow the stack of every tree walk after it (remark
// plugins, strip-markdown, ours), so the page was lost. Before parsing, a line whose container
// prefix (`>`, list markers, indentation) goes deeper than MAX_NESTING levels keeps the first
// MAX_NESTING levels and loses the rest of its prefix, never its text. No real page comes near:
// the deepest of two wikis' pages is a handful of levels, and they pass through unchanged.
// Hand-written: micromark has no depth limit to set, and this must run before it.

/** Deepest container nesting a line keeps. */
export const MAX_NESTING = 100;

const SPACE = 32;
const TAB = 9;
const GT = 62;
const DASH = 45;
const STAR = 42;
const PLUS = 43;
const DOT = 46;
const PAREN = 41;
const NL = 10;
const CR = 13;

const isDigit = (c: number) => c >= 48 && c <= 57;
/** A marker must be followed by a space, a tab or the end of the line. */
const endsMarker = (c: number) => c === SPACE || c === TAB || c === NL || c === CR || Number.isNaN(c);

/** `source` with every line's container prefix cut to `max` levels, and how many lines were cut.
 *  Indentation counts a level per two columns (a nested list item's usual step). */
export function capNesting(source: string, max = MAX_NESTING): { source: string; lines: number } {
  let out: string[] | undefined;
  let copied = 0;
  let lines = 0;
  for (let start = 0; start < source.length; ) {
    let nl = source.indexOf('\n', start);
    if (nl < 0) nl = source.length;
    const cut = prefixCut(source, start, nl, max);
    if (cut !== undefined) {
      out ??= [];
      // The kept prefix ends in at most one space, so what follows cannot turn into indented code.
      let keep = cut.keepEnd;
      while (
        keep > start + 1 &&
        (source.charCodeAt(keep - 1) === SPACE || source.charCodeAt(keep - 1) === TAB) &&
        (source.charCodeAt(keep - 2) === SPACE || source.charCodeAt(keep - 2) === TAB)
      )
        keep--;
      out.push(source.slice(copied, keep), source.slice(cut.contentStart, nl));
      copied = nl;
      lines++;
    }
    start = nl + 1;
  }
  if (!out) return { source, lines: 0 };
  out.push(source.slice(copied));
  return { source: out.join(''), lines };
}

/** Where to cut the line [start, end) if its prefix is deeper than `max`: keep [start, keepEnd),
 *  resume at contentStart. */
function prefixCut(s: string, start: number, end: number, max: number): { keepEnd: number; contentStart: number } | undefined {
  // Most lines start with a letter: one comparison and done.
  const first = s.charCodeAt(start);
  if (!(first === SPACE || first === TAB || first === GT || first === DASH || first === STAR || first === PLUS || isDigit(first)))
    return undefined;
  let depth = 0;
  let columns = 0;
  let keepEnd = -1;
  let i = start;
  while (i < end) {
    const c = s.charCodeAt(i);
    let next = i + 1;
    if (c === SPACE) columns++;
    else if (c === TAB) columns += 4 - (columns % 4);
    else if (c === GT) depth++;
    else if ((c === DASH || c === STAR || c === PLUS) && endsMarker(s.charCodeAt(i + 1))) depth++;
    else if (isDigit(c)) {
      let j = i;
      while (j < end && j - i < 9 && isDigit(s.charCodeAt(j))) j++;
      const d = s.charCodeAt(j);
      if ((d !== DOT && d !== PAREN) || !endsMarker(s.charCodeAt(j + 1))) break;
      depth++;
      next = j + 1;
    } else break;
    i = next;
    if (keepEnd < 0 && depth + (columns >> 1) > max) keepEnd = i;
  }
  return keepEnd < 0 ? undefined : { keepEnd, contentStart: i };
}
