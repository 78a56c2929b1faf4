// Bold and italics: wikitext's runs of apostrophes ('' and ''') become toggles (MediaWiki's
// doQuotes rules, including its repair of an odd count), the converter turns toggles into
// marker characters, and `finishEmphasis` writes them as Markdown `*`/`**` only where
// CommonMark will read them as emphasis (its flanking rules), dropping them elsewhere, so no
// stray asterisk ever reaches the text.

export const ITALIC_TOGGLE = '\uE010';
export const BOLD_TOGGLE = '\uE011';
export const BOTH_TOGGLE = '\uE012';
export const EM_OPEN = '\uE020';
export const EM_CLOSE = '\uE021';
export const STRONG_OPEN = '\uE022';
export const STRONG_CLOSE = '\uE023';

/** One line's apostrophe runs as toggles (MediaWiki's doQuotes). */
export function apostrophesToToggles(line: string): string {
  if (!line.includes("''")) return line;
  const parts = line.split(/(''+)/);
  let italics = 0;
  let bolds = 0;
  for (let i = 1; i < parts.length; i += 2) {
    let run = parts[i]!;
    // '''' is an apostrophe then bold; more than five, the extra ones are apostrophes.
    if (run.length === 4) {
      parts[i - 1] += "'";
      run = "'''";
    } else if (run.length > 5) {
      parts[i - 1] += "'".repeat(run.length - 5);
      run = "'''''";
    }
    parts[i] = run;
    if (run.length === 2) italics++;
    else if (run.length === 3) bolds++;
    else if (run.length === 5) {
      italics++;
      bolds++;
    }
  }
  // An odd number of both: one ''' was an apostrophe before italics (l'''amour'' …). Prefer
  // one after a one-letter word, then one after a longer word, then one after a space.
  if (italics % 2 === 1 && bolds % 2 === 1) {
    let singleLetter = -1;
    let word = -1;
    let space = -1;
    for (let i = 1; i < parts.length; i += 2) {
      if (parts[i]!.length !== 3) continue;
      const before = parts[i - 1]!;
      const x1 = before.charAt(before.length - 1);
      const x2 = before.charAt(before.length - 2);
      if (x1 === ' ') {
        if (space === -1) space = i;
      } else if (x2 === ' ' || before.length === 1) {
        if (singleLetter === -1) singleLetter = i;
      } else if (word === -1) word = i;
    }
    const at = singleLetter !== -1 ? singleLetter : word !== -1 ? word : space;
    if (at !== -1) {
      parts[at - 1] += "'";
      parts[at] = "''";
    }
  }
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const run = parts[i]!;
    out += (run.length === 2 ? ITALIC_TOGGLE : run.length === 3 ? BOLD_TOGGLE : BOTH_TOGGLE) + parts[i + 1]!;
  }
  return out;
}

/** Open bold and italic in the order they were opened; writes markers into the output. */
export class EmphasisState {
  private open: ('em' | 'strong')[] = [];

  toggle(kind: 'em' | 'strong'): string {
    const at = this.open.lastIndexOf(kind);
    if (at === -1) {
      this.open.push(kind);
      return kind === 'em' ? EM_OPEN : STRONG_OPEN;
    }
    // Close what was opened after it, close it, and reopen the others.
    const after = this.open.slice(at + 1);
    let out = after.reverse().map(closer).join('') + closer(kind);
    this.open.splice(at);
    for (const k of after.reverse()) {
      this.open.push(k);
      out += k === 'em' ? EM_OPEN : STRONG_OPEN;
    }
    return out;
  }

  both(): string {
    const hasEm = this.open.includes('em');
    const hasStrong = this.open.includes('strong');
    if (hasEm && hasStrong) return this.closeAll();
    if (hasEm) return this.toggle('em') + this.toggle('strong');
    if (hasStrong) return this.toggle('strong') + this.toggle('em');
    return this.toggle('strong') + this.toggle('em');
  }

  /** Closes everything (at the end of a line or a label) and returns the markers. */
  closeAll(): string {
    const out = [...this.open].reverse().map(closer).join('');
    this.open = [];
    return out;
  }
}

function closer(kind: 'em' | 'strong'): string {
  return kind === 'em' ? EM_CLOSE : STRONG_CLOSE;
}

const MARKER = /[\uE020-\uE023]/;
const isMarker = (c: string) => c >= EM_OPEN && c <= STRONG_CLOSE;
const isSpace = (c: string) => c === '' || /\s/.test(c);
const isPunct = (c: string) => /[\p{P}\p{S}]/u.test(c);

/** Writes the markers as Markdown emphasis where CommonMark reads them so; drops the rest. */
export function finishEmphasis(s: string): string {
  if (!MARKER.test(s)) return s;
  // Spaces inside the markers go outside them ("'' word ''" → " *word* ").
  let prev: string;
  do {
    prev = s;
    s = s.replace(/([\uE020\uE022])(\s+)/g, '$2$1').replace(/(\s+)([\uE021\uE023])/g, '$2$1');
  } while (s !== prev);
  const chars = [...s];
  const pairs: [number, number][] = [];
  const stack: number[] = [];
  chars.forEach((c, i) => {
    if (c === EM_OPEN || c === STRONG_OPEN) stack.push(i);
    else if (c === EM_CLOSE || c === STRONG_CLOSE) {
      const want = c === EM_CLOSE ? EM_OPEN : STRONG_OPEN;
      let at = -1;
      for (let k = stack.length - 1; k >= 0 && at === -1; k--) if (chars[stack[k]!] === want) at = k;
      if (at === -1) {
        chars[i] = '';
        return;
      }
      const open = stack[at]!;
      stack.splice(at, 1);
      pairs.push([open, i]);
    }
  });
  for (const j of stack) chars[j] = '';
  const around = (i: number, step: 1 | -1): string => {
    for (let k = i + step; k >= 0 && k < chars.length; k += step) {
      const c = chars[k]!;
      if (c !== '' && !isMarker(c)) return c;
    }
    return '';
  };
  for (const [o, c] of pairs) {
    const inner = chars
      .slice(o + 1, c)
      .filter((x) => x !== '' && !isMarker(x))
      .join('');
    const before = around(o, -1);
    const first = around(o, 1);
    const last = around(c, -1);
    const after = around(c, 1);
    const opens = first !== '' && !isSpace(first) && (!isPunct(first) || isSpace(before) || isPunct(before));
    const closes = last !== '' && !isSpace(last) && (!isPunct(last) || isSpace(after) || isPunct(after));
    const ok = inner.trim() !== '' && opens && closes;
    const mark = chars[o] === EM_OPEN ? '*' : '**';
    chars[o] = ok ? mark : '';
    chars[c] = ok ? mark : '';
  }
  return chars.join('');
}
