// What a page's title, lead and categories say about the names it can be found by: whether it
// is about a person (so its surname finds it), and which acronyms its lead gives for its
// subject ("The Industrial Workers of the World or IWW is …"). General signals only, read
// from the first sentences; no list of names.
import { sentenceSpans } from '../../text/sentences.js';
import { isPersonLike } from '../../wiki/parse/attribution.js';
import { english, type Language } from './language.js';

export interface PageFacts {
  title: string;
  lead: string;
  categories: readonly string[];
}

/** How much of a lead the signals read: the first sentence or two. */
const LEAD_WINDOW = 400;
/** A year in parentheses: "(1842–1921)", "(born 1961)", "(3 June 1896 – 1 September 1936)". */
const LIFE_DATES = /\([^()]{0,40}?\b\d{3,4}\b[^()]{0,50}\)/u;
/** A category of people: its last word a plural agent noun ("Anarchists", "Historians") or
 *  people itself. "Lists" is not one (too short a stem). Matched against the last word only:
 *  unanchored, the pattern would be tried from every letter of every category. */
const PEOPLE_WORD = /^(?:\p{L}{4,}(?:ists|ians)|people|persons|births|deaths|biographies|women|men)$/iu;

function isPeopleCategory(category: string): boolean {
  const c = category.trimEnd();
  return PEOPLE_WORD.test(c.slice(c.lastIndexOf(' ') + 1));
}

/** The title without a qualifier in parentheses: "John Smith (activist)" → "John Smith". */
export function baseTitle(title: string): string {
  return title.replace(/\s*\([^()]*\)\s*$/, '').trim() || title;
}

/** The subject of the lead's first sentence: the words before its verb ("The Black Panther
 *  Party (BPP)" in "The Black Panther Party (BPP) was a …"), at most LEAD_WINDOW characters. */
export function leadSubject(lead: string, lang: Language = english): string {
  const head = lead.slice(0, LEAD_WINDOW);
  const first = head.slice(0, sentenceSpans(head)[0]?.end ?? head.length);
  const verb = lang.copulas.exec(first);
  return verb ? first.slice(0, verb.index) : first;
}

/** Whether a page is about one person: a title shaped like a name (capitalised words, no
 *  digits, no stop words such as "of") and life dates after the lead's subject, a category of
 *  people, or a personal pronoun in a lead whose subject is itself a name ("Edward Gough
 *  Whitlam was … He"; an event's lead says "The … Strike of 1912 was").
 */
export function isPersonPage(page: PageFacts, lang: Language = english): boolean {
  // A nickname in quotes is part of the name: Arthur "Slim" Evans.
  const name = baseTitle(page.title).replace(/["“”]/g, '');
  if (!isPersonLike(name) || name.split(' ').some((w) => lang.stopWords.has(w.toLowerCase()))) return false;
  const subject = leadSubject(page.lead, lang);
  if (LIFE_DATES.test(subject)) return true;
  if (page.categories.some(isPeopleCategory)) return true;
  const subjectName = subject
    .replace(/\([^()]*\)?|["“”]/g, ' ')
    .replace(/[\s,;:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return lang.personPronouns.test(page.lead.slice(0, LEAD_WINDOW)) && isPersonLike(subjectName);
}

/** Acronyms made of a title's initials that the lead itself uses, in capitals ("The IWW
 *  was founded in 1905" on "Industrial Workers of the World"), as lower-case keys: a lead that
 *  writes the acronym but never introduces it still names its page by it. Words joined by a
 *  hyphen give one initial or one each ("Anarcho-Syndicalist": A or AS). */
export function titleAcronyms(title: string, lead: string, lang: Language = english): string[] {
  const words = baseTitle(title)
    .split(/\s+/)
    .filter((w) => /^\p{L}/u.test(w) && !lang.initialsSkip.has(w.toLowerCase()));
  if (words.length < 2 || words.length > 10) return [];
  const whole = words.map((w) => w.charAt(0)).join('');
  const parts = words
    .map((w) =>
      w
        .split(/[-‐‑]/)
        .map((p) => p.charAt(0))
        .join(''),
    )
    .join('');
  const out: string[] = [];
  for (const initials of new Set([whole, parts])) {
    const upper = initials.toUpperCase();
    if (upper.length < 2 || !/^\p{Lu}+$/u.test(upper)) continue;
    // Most leads hold neither form: a plain search rules them out before a pattern is made.
    if (!lead.includes(upper) && !lead.includes(`${upper.charAt(0)}.${upper.charAt(1)}`)) continue;
    const dotted = `${[...upper].join('\\.')}\\.?`;
    if (new RegExp(`(?<![\\p{L}\\p{N}])(?:${upper}|${dotted})(?![\\p{L}\\p{N}])`, 'u').test(lead)) out.push(upper.toLowerCase());
  }
  return out;
}

/** An acronym as typed: capitals (and digits) with or without dots. */
const ACRONYM = /(?:\b\p{Lu}\.){2,}|\b\p{Lu}[\p{Lu}\d&]*\p{Lu}[\p{Lu}\d&]*\b/gu;
const ROMAN = /^[IVX]+$/;

/** Acronyms the lead gives for its subject: capitals in parentheses or after "or" in the
 *  subject of its first sentence ("The Black Panther Party (BPP) was", "The Industrial Workers
 *  of the World or IWW is", "Kennedy (called Jack or JFK) was"), as lower-case keys. */
export function leadAcronyms(lead: string, lang: Language = english): string[] {
  // Most leads have no two capitals in a row: no need to find their subject.
  if (!/\p{Lu}\.?\p{Lu}/u.test(lead.slice(0, LEAD_WINDOW))) return [];
  const subject = leadSubject(lead, lang);
  const out: string[] = [];
  for (const m of subject.matchAll(ACRONYM)) {
    const token = m[0].replace(/\./g, '');
    if (token.length < 2 || token.length > 10 || ROMAN.test(token)) continue;
    // Right after "(" (or a comma or slash inside parentheses), or after "or" / "called" (an
    // article between is fine). A comma outside parentheses lists places ("Ohio, USA").
    const before = subject.slice(0, m.index).replace(/(?:\s+(?:the|a|an))?\s*$/i, '');
    const inParens = before.lastIndexOf('(') > before.lastIndexOf(')');
    const introduced =
      before.endsWith('(') ||
      (inParens && /[,/]$/.test(before)) ||
      lang.nameIntroducers.has(/(\S+)$/.exec(before)?.[1]?.toLowerCase() ?? '');
    if (introduced) out.push(token.toLowerCase());
  }
  return [...new Set(out)];
}
