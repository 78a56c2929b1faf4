// Whether a text really holds the words of a query. The search indexes match words by sound
// (flexsearch's LatinBalance maps "Lingg" and "link" to one term, "quux" to the same as
// "kos"), which is what makes them forgiving; a hit is only shown when the text has each word
// itself: its letters in any case, with or without accents, hyphens or apostrophes inside,
// in any regional spelling, as a whole word or with a plural or possessive ending.
import { english, type Language } from './language.js';
import { normalizeKey } from '../normalize.js';
import { significantWords } from './keys.js';

/** Each base letter with its accented forms, from Latin-1 and Latin Extended-A and -B. */
const ACCENTED = new Map<string, string>();
for (let cp = 0xc0; cp <= 0x24f; cp++) {
  const c = String.fromCharCode(cp);
  const base = c.normalize('NFKD').replace(/\p{M}+/gu, '');
  if (c === c.toLowerCase() && /^[a-z]$/.test(base)) ACCENTED.set(base, (ACCENTED.get(base) ?? base) + c);
}

const escapeRegExp = (c: string) => c.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

function letters(word: string): string {
  return [...word].map((c) => (ACCENTED.has(c) ? `[${ACCENTED.get(c)}]` : escapeRegExp(c))).join("[-‐‑'’]?");
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWordChar = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c);

/** Whether the match of `length` characters at `at` in `text` stands as a whole word, or with a
 *  plural or possessive ending. */
function wholeWord(text: string, at: number, length: number): boolean {
  if (isWordChar(text[at - 1])) return false;
  let end = at + length;
  if (!isWordChar(text[end])) return true;
  if (text[end] === "'" || text[end] === '’') end++;
  if (text[end] === 's') end++;
  else if (text[end] === 'e' && text[end + 1] === 's') end += 2;
  return !isWordChar(text[end]);
}

/** Whether `text` has one of `forms` exactly as given, as a word (see wholeWord). */
function hasLiteral(text: string, forms: readonly string[]): boolean {
  for (const form of forms) {
    for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) if (wholeWord(text, at, form.length)) return true;
  }
  return false;
}

/** A test for texts that together hold every significant word of `query` (see above), each
 *  word in one of them (a section's heading and its text, a quotation and its speaker). A
 *  query with no word passes every text. A word is first looked for as typed, in lower,
 *  capitalised and upper case, by indexOf, which settles almost every text that has it; only
 *  a text that does not is lowercased and scanned for the word with accents, hyphens and
 *  apostrophes allowed (a pattern without Unicode case folding or lookbehind, several times
 *  faster than one with them on long sections). */
export function wordMatcher(query: string, lang: Language = english): (...texts: string[]) => boolean {
  // A word written with hyphens or apostrophes is one word ("co-operatives", "workers'"); other
  // punctuation separates words ("C.1.1").
  const key = normalizeKey(query.replace(/(?<=\p{L})[-‐‑'’](?=\p{L})/gu, ''));
  if (!key) return () => true;
  // The last text lowercased, shared by the words' tests.
  let seen: string | undefined;
  let lowered = '';
  const lower = (text: string) => {
    if (text !== seen) {
      seen = text;
      lowered = text.toLowerCase();
    }
    return lowered;
  };
  const tests = significantWords(key, lang).map((w) => {
    const spellings = lang.spellings(w);
    const literal = spellings.flatMap((s) => [s, s.charAt(0).toUpperCase() + s.slice(1), s.toUpperCase()]);
    const loose = new RegExp(spellings.map(letters).join('|'), 'g');
    return (text: string) => {
      if (hasLiteral(text, literal)) return true;
      const low = lower(text);
      loose.lastIndex = 0;
      for (let m = loose.exec(low); m; m = loose.exec(low)) {
        if (wholeWord(low, m.index, m[0].length)) return true;
        loose.lastIndex = m.index + 1;
      }
      return false;
    };
  });
  return (...texts) => tests.every((t) => texts.some(t));
}
