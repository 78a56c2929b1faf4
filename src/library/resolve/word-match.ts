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

const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

function letters(word: string): string {
  return [...word].map((c) => (ACCENTED.has(c) ? `[${ACCENTED.get(c)}]` : escape(c))).join("[-‐‑'’]?");
}

/** A test for texts that hold every significant word of `query` (see above). A query with
 *  no word passes every text. */
export function wordMatcher(query: string, lang: Language = english): (text: string) => boolean {
  // A hyphenated word is one word ("co-operatives"): the letters match with or without hyphens.
  const key = query
    .split(/\s+/)
    .map((token) => normalizeKey(token).replace(/ /g, ''))
    .filter(Boolean)
    .join(' ');
  if (!key) return () => true;
  const patterns = significantWords(key, lang).map(
    (w) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${lang.spellings(w).map(letters).join('|')})(?:['’]?s|es)?(?![\\p{L}\\p{N}])`, 'iu'),
  );
  return (text) => patterns.every((p) => p.test(text));
}
