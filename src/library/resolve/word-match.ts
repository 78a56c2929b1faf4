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

/** Whether `query`'s words are all in some texts (see wordMatcher). */
export interface WordMatcher {
  (...texts: string[]): boolean;
  /** Whether every word stands as typed (lower, capitalised or upper case) in `heading` or in
   *  the UTF-8 `bytes`, found without decoding them: true settles it, false settles nothing. A
   *  search verifies most sections this way, without turning their bytes into a string. */
  literally(heading: string, bytes: Buffer): boolean;
  /** Whether some word is surely in neither `heading` nor the text whose skeleton (see
   *  `skeleton`) is `bones`: true settles it, false settles nothing. */
  surelyAbsent(heading: string, bones: Buffer): boolean;
}

/** A text reduced to what a word's loose match can meet: lower case, no accents, no dashes or
 *  apostrophes. Every loose match of a word in a text is its plain spelling in the skeleton,
 *  so a skeleton without the spelling rules the text out with one indexOf. */
export function skeleton(text: string): Buffer {
  return Buffer.from(
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\p{M}\-‐‑'’]/gu, ''),
    'utf8',
  );
}

/** A test for texts that together hold every significant word of `query` (see above), each
 *  word in one of them (a section's heading and its text, a quotation and its speaker). A
 *  query with no word passes every text. A word is first looked for as typed, in lower,
 *  capitalised and upper case, by indexOf, which settles almost every text that has it; only
 *  a text that does not is lowercased and scanned for the word with accents, hyphens and
 *  apostrophes allowed (a pattern without Unicode case folding or lookbehind, which cost far
 *  more on long sections). */
export function wordMatcher(query: string, lang: Language = english): WordMatcher {
  if (lang !== english) return makeWordMatcher(query, lang);
  return recent.get(query, () => makeWordMatcher(query, lang));
}

/** A memo that forgets everything when full: cheaper to read than an LRU's recency list, and a
 *  search reads it several times per query. */
class BoundedMemo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string, make: () => V): V {
    let value = this.map.get(key);
    if (value === undefined) {
      if (this.map.size >= this.max) this.map.clear();
      this.map.set(key, (value = make()));
    }
    return value;
  }
}

/** Matchers made lately: a search makes one per query and one per word, and people repeat
 *  their searches; making one (spellings, byte forms) costs more than most texts' tests. */
const recent = new BoundedMemo<WordMatcher>(512);

function makeWordMatcher(query: string, lang: Language): WordMatcher {
  // A word written with hyphens or apostrophes is one word ("co-operatives", "workers'"); other
  // punctuation separates words ("C.1.1").
  const key = normalizeKey(query.replace(/(?<=\p{L})[-‐‑'’](?=\p{L})/gu, ''));
  if (!key) return Object.assign(() => true, { literally: () => true, surelyAbsent: () => false });
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
  const words = significantWords(key, lang).map((w) => (lang === english ? cachedForms(w) : wordForms(w, lang)));
  const test = (w: WordForms) => (text: string) => holdsWord(w, text, lower);
  const tests = words.map(test);
  const matcher = (...texts: string[]) => tests.every((t) => texts.some(t));
  return Object.assign(matcher, {
    literally: (heading: string, bytes: Buffer) =>
      words.every((w) => hasLiteral(heading, w.literal) || hasLiteralBytes(bytes, w.literalBytes)),
    surelyAbsent: (heading: string, bones: Buffer) =>
      words.some((w, i) => !tests[i]!(heading) && w.bare.every((form) => bones.indexOf(form) < 0)),
  });
}

/** The forms one word is looked for in: its spellings, as typed in lower, capitalised and
 *  upper case, as UTF-8 bytes, and (made on the first text that needs it) its loose pattern. */
interface WordForms {
  spellings: string[];
  literal: string[];
  /** Lower case and capitalised: what running text holds; an upper-case word is left to the
   *  slower tests. */
  literalBytes: Buffer[];
  bare: Buffer[];
  loose?: RegExp;
}

function wordForms(w: string, lang: Language): WordForms {
  const spellings = lang.spellings(w);
  const capitalised = spellings.map((s) => s.charAt(0).toUpperCase() + s.slice(1));
  return {
    spellings,
    literal: spellings.flatMap((s, i) => [s, capitalised[i]!, s.toUpperCase()]),
    literalBytes: spellings.flatMap((s, i) => [Buffer.from(s, 'utf8'), Buffer.from(capitalised[i]!, 'utf8')]),
    bare: spellings.map((form) => Buffer.from(form, 'utf8')),
  };
}

/** Words' forms made lately: searches share words more often than whole queries. */
const formsMade = new BoundedMemo<WordForms>(4096);

function cachedForms(w: string): WordForms {
  return formsMade.get(w, () => wordForms(w, english));
}

/** Whether `text` has the word: as typed, in lower case, or with accents, dashes or apostrophes
 *  inside it. `lower` lowercases a text once for all the words of a query. */
function holdsWord(w: WordForms, text: string, lower: (text: string) => string): boolean {
  if (hasLiteral(text, w.literal)) return true;
  const low = lower(text);
  if (hasLiteral(low, w.spellings)) return true;
  // Only accents, dashes or apostrophes inside the word are left to find.
  if (!LOOSE_CHARS.test(low)) return false;
  const loose = (w.loose ??= new RegExp(w.spellings.map(letters).join('|'), 'g'));
  loose.lastIndex = 0;
  for (let m = loose.exec(low); m; m = loose.exec(low)) {
    if (wholeWord(low, m.index, m[0].length)) return true;
    loose.lastIndex = m.index + 1;
  }
  return false;
}

/** Characters that a word's loose pattern allows beyond its plain lowercase letters. */
const LOOSE_CHARS = /[-‐‑'’\u00c0-\u024f]/;

/** hasLiteral over UTF-8 bytes. A neighbour that is not ASCII could be a letter, so such an
 *  occurrence does not count (the caller then decodes and looks again). */
function hasLiteralBytes(bytes: Buffer, forms: readonly Buffer[]): boolean {
  for (const form of forms) {
    for (let at = bytes.indexOf(form); at >= 0; at = bytes.indexOf(form, at + 1)) if (wholeWordBytes(bytes, at, form.length)) return true;
  }
  return false;
}

/** wholeWord for ASCII neighbours: digits, letters and any byte above ASCII count as word bytes. */
function wholeWordBytes(bytes: Buffer, at: number, length: number): boolean {
  const wordByte = (i: number) => {
    if (i < 0 || i >= bytes.length) return false;
    const b = bytes[i]!;
    return b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
  };
  if (wordByte(at - 1)) return false;
  let end = at + length;
  if (!wordByte(end)) return true;
  if (bytes[end] === 0x27) end++;
  if (bytes[end] === 0x73) end++;
  else if (bytes[end] === 0x65 && bytes[end + 1] === 0x73) end += 2;
  return !wordByte(end);
}
