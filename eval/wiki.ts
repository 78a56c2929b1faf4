// What the eval knows about a wiki, read from its pages alone: titles, redirects, leads,
// categories, quotations and the words of its text. Expectations are derived from these with
// the eval's own simple rules (folding, edit distance, person and acronym signals), never with
// the resolver's, so a case can fail when the bot answers wrongly.
import { sectionTexts } from '../src/wiki/cache/packed-text.js';
import type { Content } from '../src/wiki/model.js';

export interface EvalPage {
  title: string;
  url: string;
  lead: string;
  categories: string[];
  /** Other names the page gives itself (front matter, bold lead terms): used only to avoid
   *  cases whose right answer is unclear, never as an expectation. */
  aliases: string[];
}

export interface EvalQuote {
  text: string;
  speaker?: string;
  work?: string;
}

export interface EvalWiki {
  pages: EvalPage[];
  redirects: { from: string; to: string }[];
  quotes: EvalQuote[];
  /** Every folded word of the wiki's text (titles, leads, sections, quotations), also as
   *  written (split at apostrophes). */
  words: Set<string>;
}

/** Case, accents and punctuation ignored; words separated by one space. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’ʼ‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** fold() without the spaces: "anarcho-syndicalism" and "anarcho syndicalism" meet here. */
export function squash(text: string): string {
  return fold(text).replace(/ /g, '');
}

/** The words of a text as written (split at apostrophes and hyphens too), folded. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** A word with British and American endings made one (labour/labor, organise/organize), so
 *  the eval does not count a regional spelling as another word. */
export function regional(word: string): string {
  return word.replace(/our(s|ed|ing|er|ers)?$/, 'or$1').replace(/is(e|es|ed|ing|er|ers|ation|ations)$/, 'iz$1');
}

export function stripAnchor(url: string | undefined): string {
  return (url ?? '').replace(/#.*$/, '');
}

/** Damerau–Levenshtein distance (restricted: adjacent swaps count one), a full table. Written
 *  here rather than taken from the library so the eval's idea of "one letter off" does not
 *  share code with the resolver it checks. */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const sub = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + sub);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

export function evalWiki(content: Pick<Content, 'articles' | 'redirects'>): EvalWiki {
  const words = new Set<string>();
  const addWords = (text: string | undefined) => {
    if (!text) return;
    for (const w of fold(text).split(' ')) if (w) words.add(w);
    for (const w of wordsOf(text)) words.add(w);
  };
  const quotes: EvalQuote[] = [];
  const pages = content.articles.map((a) => {
    addWords(a.title);
    addWords(a.lead);
    for (const t of sectionTexts(a)) addWords(t);
    for (const s of a.sections) addWords(s.heading);
    for (const q of a.quotes) {
      quotes.push({ text: q.text, speaker: q.speaker, work: q.work });
      addWords(q.text);
      addWords(q.speaker);
      addWords(q.work);
    }
    return { title: a.title, url: a.url, lead: a.lead, categories: a.categories, aliases: a.aliases };
  });
  for (const r of content.redirects) addWords(r.from);
  return { pages, redirects: content.redirects.map((r) => ({ from: r.from, to: r.to })), quotes, words };
}

// ---- signals read from a page ------------------------------------------------------------

/** A title shaped like a person's name: two to five words, each capitalised (short particles
 *  such as "de" or "van" aside, but not "of" or "the"), no digits or parentheses. */
export function personShaped(title: string): boolean {
  if (/[\d()/:]/.test(title)) return false;
  const words = title.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  const particle = (w: string) => /^\p{Ll}{1,3}$/u.test(w) && !/^(?:of|the|and|in|on|for|to|at|by|a|an)$/.test(w);
  return words.every((w, i) => /^["'“(]?\p{Lu}/u.test(w) || (i > 0 && i < words.length - 1 && particle(w)));
}

/** Life dates right after the name that opens the lead: "X Y (1842 – 1921)", "X (born 1961)". */
const LIFE_DATES = /^(?:["“']?\p{Lu}[\p{L}.'’"”-]*\s+){1,6}\((?:born |b\. |c\. |ca\. )?[^()]{0,30}?\b\d{3,4}\b[^()]{0,40}\)/u;
/** Categories of people: "People", "Births", "Biographies", or a plural agent noun ("Anarchists",
 *  "Historians"); "Lists" is too short to be one. */
const PEOPLE_CATEGORY = /(?:^|[\s_-])(?:people|persons|births|deaths|biographies|\p{L}{4,}ists|\p{L}{4,}ians)$/iu;

/** Whether a page is about one person, from its title's shape and either life dates in its lead
 *  or a category of people. */
export function isPerson(page: Pick<EvalPage, 'title' | 'lead' | 'categories'>): boolean {
  if (!personShaped(page.title)) return false;
  return LIFE_DATES.test(page.lead) || page.categories.some((c) => PEOPLE_CATEGORY.test(c.trim()));
}

/** The surname a reader would type: the title's last word, or undefined when it is not a
 *  plain word of three letters or more. */
export function surnameOf(title: string): string | undefined {
  const last = title.split(/\s+/).pop() ?? '';
  return /^\p{L}[\p{L}'’-]{2,}$/u.test(last) ? last : undefined;
}

/** Acronyms the lead gives right after the page's name: "The Black Panther Party (BPP) was",
 *  "The Industrial Workers of the World or IWW is". */
export function leadAcronyms(page: Pick<EvalPage, 'title' | 'lead'>): string[] {
  const name = page.title.replace(/\s*\([^)]*\)$/, '');
  const lead = page.lead.replace(/\s+/g, ' ');
  const at = lead.toLowerCase().indexOf(name.toLowerCase());
  if (at < 0 || at > 4) return [];
  const after = lead.slice(at + name.length);
  const m = /^\s*(?:\(([A-Z]{2,8})\)|,? or ([A-Z]{2,8})\b)/.exec(after);
  const acr = m?.[1] ?? m?.[2];
  return acr && fold(acr) !== fold(name) ? [acr] : [];
}
