// The wiki's names written in a text ("I was reading about dual power and Kropotkin"): every
// title, alias, redirect and concept term, matched on whole words with the lookup key's rules
// (case, accents and punctuation do not matter), the longest name at each place first. Pure.
//
// The names are kept as a set of word prefixes (a "trie" flattened into one Map): from each word
// of the text the match grows one word at a time only while some name still starts that way, so
// a long message costs about one lookup per word, however many names the wiki has.
import { normalizeKey } from '../library/normalize.js';

/** Bits of a lexicon entry: a name ends at this prefix; a longer name continues it. */
const ENDS = 1;
const CONTINUES = 2;

/** The wiki's names by word prefix. Build it once per Library (buildLexicon). */
export interface NameLexicon {
  readonly entries: ReadonlyMap<string, number>;
  /** How many distinct names it holds. */
  readonly size: number;
}

/** A name as written in the text. */
export interface NameInText {
  /** The name's lookup key ("dual power"). */
  key: string;
  /** The words as the text has them ("Dual Power"). */
  text: string;
  /** Offsets of those words in the text. */
  start: number;
  end: number;
  /** How many words the name has. */
  words: number;
}

/** Only this much of a text is read: any platform's longest message. */
export const MAX_TEXT = 40_000;

/**
 * A lexicon over names. A name whose key is shorter than 3 characters, or has no letter, is left
 * out: in running text "a", "1917" or "it" are words, not references.
 */
export function buildLexicon(names: Iterable<string>): NameLexicon {
  const entries = new Map<string, number>();
  let size = 0;
  for (const name of names) {
    const key = normalizeKey(name);
    if (!significant(key)) continue;
    const words = key.split(' ');
    let prefix = '';
    for (let i = 0; i < words.length; i++) {
      prefix = i === 0 ? words[0]! : `${prefix} ${words[i]}`;
      const last = i === words.length - 1;
      const before = entries.get(prefix) ?? 0;
      if (last && !(before & ENDS)) size++;
      entries.set(prefix, before | (last ? ENDS : CONTINUES));
    }
  }
  return { entries, size };
}

function significant(key: string): boolean {
  return key.length >= 3 && /\p{L}/u.test(key);
}

/** A word of the text: its key (normalizeKey of the word, which may be several words, as
 *  "½" → "1 2") and where it stands. */
interface Word {
  key: string;
  start: number;
  end: number;
}

// Runs of what normalizeKey keeps or drops without splitting a word (letters, digits, marks,
// apostrophes, invisible format characters); everything else separates words.
const WORD = /[\p{L}\p{N}\p{M}\p{Cf}'’`]+/gu;

const PLAIN = /^[A-Za-z0-9]+$/;

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    // Most words are plain ASCII, whose key is just the word in lower case.
    const key = PLAIN.test(m[0]) ? m[0].toLowerCase() : normalizeKey(m[0]);
    if (!key) continue;
    const start = m.index;
    const end = m.index + m[0].length;
    for (const part of key.split(' ')) out.push({ key: part, start, end });
  }
  return out;
}

/**
 * The names in `text`, leftmost-longest and not overlapping, in the order they stand, each
 * distinct key once. The caller decides which count (the Library resolves them).
 */
export function findNames(text: string, lexicon: NameLexicon): NameInText[] {
  if (typeof text !== 'string' || !lexicon.size) return [];
  const s = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const words = wordsOf(s);
  const out: NameInText[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < words.length; ) {
    let prefix = words[i]!.key;
    let best = -1;
    let bestKey = '';
    for (let j = i; ; ) {
      const flags = lexicon.entries.get(prefix);
      if (flags === undefined) break;
      if (flags & ENDS) {
        best = j;
        bestKey = prefix;
      }
      if (!(flags & CONTINUES) || ++j >= words.length) break;
      prefix = `${prefix} ${words[j]!.key}`;
    }
    if (best < 0) {
      i++;
      continue;
    }
    const start = words[i]!.start;
    const end = words[best]!.end;
    if (!seen.has(bestKey)) {
      seen.add(bestKey);
      out.push({ key: bestKey, text: s.slice(start, end), start, end, words: best - i + 1 });
    }
    // A word split in several ("½") may end a name in its middle: go on after the last part.
    while (best + 1 < words.length && words[best + 1]!.start < end) best++;
    i = best + 1;
  }
  return out;
}

/** The names a reader most likely means first: the longest (most words, then most
 *  characters), then the earliest. */
export function rankNames(found: readonly NameInText[]): NameInText[] {
  return [...found].sort((a, b) => b.words - a.words || b.key.length - a.key.length || a.start - b.start);
}
