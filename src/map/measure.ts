// How big a label will be on the picture, before it is drawn: the layout needs each box's size.
// Widths are estimated from character classes of the shipped font (DejaVu Sans Condensed), a
// little generously, rather than measured: measuring would mean shaping every label with the
// font (a renderer call per label), which costs more than the whole layout. Pure.

/** Font sizes in pixels, chosen to stay readable when a chat client shows the picture at about
 *  half its size. */
export const FONT_PX = { subject: 30, node: 25, edge: 18 } as const;
/** Line height as a share of the font size. */
export const LINE_HEIGHT = 1.2;

/** Advance widths in em, by kind of character, for DejaVu Sans Condensed (rounded up). */
const EM = { narrow: 0.31, lower: 0.55, upper: 0.67, digit: 0.6, wide: 1.0, other: 0.62 } as const;

function charEm(ch: string): number {
  if (/\s|[.,;:!'’|ilIjtf()[\]]/u.test(ch)) return EM.narrow;
  if (/[\p{Ll}]/u.test(ch)) return /[mw]/.test(ch) ? EM.upper : EM.lower;
  if (/[\p{Lu}\p{Lt}]/u.test(ch)) return /[MW]/.test(ch) ? 0.85 : EM.upper;
  if (/\p{Nd}/u.test(ch)) return EM.digit;
  if (
    /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u.test(
      ch,
    )
  )
    return EM.wide;
  return EM.other;
}

/** Estimated width of one line of `text` at `px`. */
export function textWidth(text: string, px: number): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * px;
}

/** `text` broken at spaces into lines at most `maxWidth` wide (a word longer than that is cut
 *  between characters), at most `maxLines`; the last line ends with "…" when text is left. */
export function wrapText(text: string, px: number, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  const words = text.split(' ').filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    let word = words[i]!;
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, px) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) {
      lines.push(line);
      line = '';
      if (lines.length === maxLines) return ellipsisLast(lines, px, maxWidth);
    }
    while (textWidth(word, px) > maxWidth) {
      const head = fitChars(word, px, maxWidth);
      lines.push(head);
      word = word.slice(head.length);
      if (lines.length === maxLines) return ellipsisLast(lines, px, maxWidth);
    }
    line = word;
  }
  if (line) lines.push(line);
  return lines;
}

function fitChars(word: string, px: number, maxWidth: number): string {
  let out = '';
  for (const ch of word) {
    if (out && textWidth(out + ch, px) > maxWidth) break;
    out += ch;
  }
  return out;
}

function ellipsisLast(lines: string[], px: number, maxWidth: number): string[] {
  let last = lines[lines.length - 1]!;
  while (last && textWidth(`${last}…`, px) > maxWidth) last = [...last].slice(0, -1).join('');
  lines[lines.length - 1] = `${last.trimEnd()}…`;
  return lines;
}

export interface LabelBox {
  lines: string[];
  px: number;
  width: number;
  height: number;
}

/** The box a label takes: its lines and padding around them. */
export function labelBox(text: string, px: number, maxWidth: number, maxLines: number, pad: { x: number; y: number }): LabelBox {
  const lines = wrapText(text, px, maxWidth, maxLines);
  const width = Math.max(...lines.map((l) => textWidth(l, px)), px) + 2 * pad.x;
  const height = lines.length * px * LINE_HEIGHT + 2 * pad.y;
  return { lines, px, width: Math.ceil(width), height: Math.ceil(height) };
}
