// Keys a name is found by besides its exact key (normalizeKey): one spelling for its variants,
// its words in any order, a person's surname. Each takes a normalized key ("anarcho
// syndicalism": lower case, no accents or punctuation, one space between words) and is cheap:
// every name of the wiki gets them when the Library is built.
import { english, type Language } from './language.js';

/** The letters of a name as typed, for catching typos: no leading article, no spaces. */
export function typoKey(key: string, lang: Language = english): string {
  const space = key.indexOf(' ');
  const body = space > 0 && lang.articles.has(key.slice(0, space)) ? key.slice(space + 1) : key;
  return body.replace(/ /g, '');
}

/** One key for the spellings of a name: no leading article, each word stripped of a plural
 *  ending and in one regional spelling, and no spaces, so "the workers' councils", "Workers
 *  Council" and "workers-council" meet, as do "anarcho-syndicalism" and "anarchosyndicalism". */
export function variantKey(key: string, lang: Language = english): string {
  const words = key.split(' ');
  let out = '';
  for (let i = words.length > 1 && lang.articles.has(words[0]!) ? 1 : 0; i < words.length; i++) out += lang.spelling(lang.stem(words[i]!));
  return out;
}

/** A key for the words of a name in any order ("durruti buenaventura", "kropotkin peter"). */
export function wordSetKey(key: string): string {
  return key.includes(' ') ? key.split(' ').sort().join(' ') : key;
}

/** The surnames a person is looked up by: the last word of the name, and for names of three
 *  words or more also the last two ("flores magon", "de cleyre"). A suffix such as "Jr" and a
 *  single letter ("Malcolm X") are not surnames. `key` is the person's normalized name,
 *  without a qualifier in parentheses. */
export function surnameKeys(key: string, lang: Language = english): string[] {
  const words = key.split(' ');
  while (words.length > 2 && lang.nameSuffixes.has(words[words.length - 1]!)) words.pop();
  if (words.length < 2) return [];
  const last = words[words.length - 1]!;
  if (last.length < 2 || /^\d+$/.test(last)) return [];
  return words.length >= 3 ? [last, `${words[words.length - 2]} ${last}`] : [last];
}

/** The words of a key that can identify a page (not stop words), or all of them when every
 *  word is one. */
export function significantWords(key: string, lang: Language = english): string[] {
  const words = key.split(' ').filter(Boolean);
  const kept = words.filter((w) => !lang.stopWords.has(w));
  return kept.length ? kept : words;
}
