// Query cleaning: the name inside what people type. Questions and requests ("what is …",
// "tell me about …", "who was …?"), politeness and a trailing "?" come off; a leading article
// is kept apart, since a title may start with one ("The Conquest of Bread").
import { english, type Language } from './language.js';

export interface CleanedQuery {
  /** What was asked about, article kept: "What is the Paris Commune?" → "the Paris Commune". */
  asked: string;
  /** The same without a leading article: "Paris Commune". */
  bare: string;
}

const TRAILING = /[\s?!.…,;:]+$/u;

/** The name a query asks about. Text other than the request is returned as typed (case,
 *  hyphens and accents kept), so it can still be searched or shown. */
export function cleanQuery(text: string, lang: Language = english): CleanedQuery {
  // One command asks this of the same text several times (the resolver, search, excerpts).
  if (last.text === text && last.lang === lang) return last.cleaned;
  const cleaned = clean(text, lang);
  last = { text, lang, cleaned };
  return cleaned;
}

let last: { text?: string; lang?: Language; cleaned: CleanedQuery } = { cleaned: { asked: '', bare: '' } };

function clean(text: string, lang: Language): CleanedQuery {
  let t = text
    .normalize('NFKC')
    .replace(/[’ʼ‘`´′]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(TRAILING, '');
  // Requests nest ("please, can you tell me about …"); a few rounds take them all off.
  for (let round = 0; round < 4; round++) {
    let inner: string | undefined;
    for (const pattern of lang.requests) {
      inner = pattern.exec(t)?.[1]?.replace(TRAILING, '').trim();
      if (inner) break;
    }
    if (!inner || inner === t) break;
    t = inner;
  }
  const space = t.indexOf(' ');
  const bare = space > 0 && lang.articles.has(t.slice(0, space).toLowerCase()) ? t.slice(space + 1) : t;
  return { asked: t, bare };
}
