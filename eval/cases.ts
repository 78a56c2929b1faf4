// Eval cases generated from any wiki with a fixed seed: what people type (questions, a leading
// article, surnames, acronyms, spelling variants, typos, searches by title, quotation speakers)
// and what the right answer is, decided from the wiki's own titles, redirects and leads.
import { rng } from '../bench/generate.js';
import {
  distance,
  fold,
  isPerson,
  leadAcronyms,
  personShaped,
  regional,
  squash,
  surnameOf,
  wordsOf,
  type EvalPage,
  type EvalWiki,
} from './wiki.js';

export type CommandName = 'define' | 'related' | 'search' | 'quote';

/** What the reply must show for the case to pass. */
export type Expect =
  /** The answer is this page (its URL, without an anchor). */
  | { page: string }
  /** A "did you mean" reply offering these pages (all of them, or five of them). */
  | { choice: string[] }
  /** A "did you mean" reply whose suggestions include this title. */
  | { suggest: string }
  /** A not-found reply. */
  | { notFound: true }
  /** A search whose first three results include this page. */
  | { top3: string }
  /** A quotation by one of these speakers (folded names). */
  | { speaker: string[] }
  /** No quotation, and a suggestion that includes one of these speakers (folded names). */
  | { suggestSpeaker: string[] }
  /** A quotation whose text, speaker or work has this (folded) word. */
  | { quoteWith: string };

export interface EvalCase {
  kind: string;
  /** A finer label for the breakdown (which question form, which kind of typo). */
  sub: string;
  command: CommandName;
  text: string;
  expect: Expect;
}

export const KINDS = [
  'exact title',
  'redirect',
  'question',
  'leading article',
  'surname',
  'name order and accents',
  'acronym',
  'variant',
  'one-letter typo, one-word title',
  'one-letter typo, multi-word title',
  'two-letter typo (did you mean)',
  'search by title',
  'search: nothing matches',
  'quote speaker',
  'quote speaker: similar name',
  'quote speaker: two-letter typo',
  'quote topic',
  'quote topic: no fuzzy letters',
] as const;

export interface CaseOptions {
  seed?: number;
  /** At most this many cases of each kind (sampled with the seed). */
  perKind?: number;
}

type Rand = () => number;

const EDITS = ['dropped', 'doubled', 'swapped', 'substituted'] as const;
type Edit = (typeof EDITS)[number];

/** The names a page is known by, for telling which cases have one clear answer. */
class Names {
  /** Folded name → URLs of the pages it names (titles, redirects followed, aliases). */
  readonly byFold = new Map<string, Set<string>>();
  readonly bySquash = new Map<string, Set<string>>();
  readonly all: { key: string; url: string }[] = [];
  readonly titleByUrl = new Map<string, string>();
  readonly pageByFold = new Map<string, EvalPage>();
  /** Redirect name (folded) → the page it ends at, or null for a loop or a missing target. */
  readonly redirectEnd = new Map<string, string | null>();

  constructor(wiki: EvalWiki) {
    for (const p of wiki.pages) {
      this.titleByUrl.set(p.url, p.title);
      if (!this.pageByFold.has(fold(p.title))) this.pageByFold.set(fold(p.title), p);
      this.add(p.title, p.url);
    }
    const next = new Map(wiki.redirects.map((r) => [fold(r.from), fold(r.to)]));
    for (const r of wiki.redirects) {
      let key = fold(r.from);
      const seen = new Set<string>();
      let end: string | null = null;
      while (!seen.has(key)) {
        seen.add(key);
        const page = this.pageByFold.get(key);
        if (page && key !== fold(r.from)) {
          end = page.url;
          break;
        }
        const to = next.get(key);
        if (to === undefined) break;
        key = to;
      }
      this.redirectEnd.set(fold(r.from), end);
      if (end) this.add(r.from, end);
    }
    for (const p of wiki.pages) for (const a of p.aliases) this.add(a, p.url);
  }

  private add(name: string, url: string): void {
    const f = fold(name);
    if (!f) return;
    addTo(this.byFold, f, url);
    addTo(this.bySquash, f.replace(/ /g, ''), url);
    this.all.push({ key: f.replace(/ /g, ''), url });
  }

  /** Whether `text` names some page other than `url` (exactly, or once spaces are ignored). */
  namesOther(text: string, url: string): boolean {
    const f = fold(text);
    return [...(this.byFold.get(f) ?? []), ...(this.bySquash.get(f.replace(/ /g, '')) ?? [])].some((u) => u !== url);
  }

  /** Whether `text` is any name at all. */
  isName(text: string): boolean {
    return this.byFold.has(fold(text)) || this.bySquash.has(squash(text));
  }

  /** The edit distance from `text` to the nearest name of `url`, and to the nearest name of
   *  any other page (only distances up to `max` are told apart). */
  distances(text: string, url: string, max: number): { target: number; other: number } {
    const q = squash(text);
    let target = max + 1;
    let other = max + 1;
    for (const n of this.all) {
      if (Math.abs(n.key.length - q.length) > max) continue;
      const d = distance(q, n.key);
      if (n.url === url) target = Math.min(target, d);
      else other = Math.min(other, d);
    }
    return { target, other };
  }
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function shuffled<T>(items: readonly T[], r: Rand): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const pick = <T>(items: readonly T[], r: Rand): T => items[Math.floor(r() * items.length)]!;

const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);

/** One typo of the given kind in a word of at least `minWord` letters, or undefined when the
 *  title has no place for it. */
export function typo(text: string, edit: Edit, r: Rand, minWord: number): string | undefined {
  const spots: number[] = [];
  for (const m of text.matchAll(/\p{L}+/gu)) {
    if (m[0].length < minWord) continue;
    for (let i = 0; i < m[0].length; i++) {
      const at = m.index + i;
      if (edit === 'swapped' && (i === m[0].length - 1 || text[at]!.toLowerCase() === text[at + 1]!.toLowerCase())) continue;
      spots.push(at);
    }
  }
  if (!spots.length) return undefined;
  const at = pick(spots, r);
  const c = text[at]!;
  switch (edit) {
    case 'dropped':
      return text.slice(0, at) + text.slice(at + 1);
    case 'doubled':
      return text.slice(0, at + 1) + c + text.slice(at + 1);
    case 'swapped':
      return isLetter(text[at + 1]) ? text.slice(0, at) + text[at + 1] + c + text.slice(at + 2) : undefined;
    case 'substituted': {
      const letters = 'abcdefghijklmnopqrstuvwxyz'.replace(c.toLowerCase(), '');
      const n = pick([...letters], r);
      return text.slice(0, at) + (c === c.toUpperCase() ? n.toUpperCase() : n) + text.slice(at + 1);
    }
  }
}

/** English plural ↔ singular of a word, the eval's own simple rule. */
function togglePlural(word: string): string | undefined {
  if (word.length < 5 || !/^\p{L}+$/u.test(word)) return undefined;
  if (/ies$/i.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/i.test(word)) return undefined;
  if (/s$/i.test(word)) return word.slice(0, -1);
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(?:x|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}

/** Spelling variants of a title a reader may type, each with its kind. */
export function variants(title: string): { sub: string; text: string }[] {
  const out: { sub: string; text: string }[] = [];
  const hyphenated = /(\p{L}+)-(\p{L}+)/u;
  if (hyphenated.test(title)) {
    out.push({ sub: 'hyphen as space', text: title.replace(/(\p{L})-(\p{L})/gu, '$1 $2') });
    out.push({ sub: 'hyphen dropped', text: title.replace(/(\p{L})-(\p{L})/gu, '$1$2') });
  }
  const words = title.split(' ');
  const last = words[words.length - 1]!;
  const toggled = togglePlural(last);
  if (toggled && words.length <= 4) out.push({ sub: 'singular/plural', text: [...words.slice(0, -1), toggled].join(' ') });
  // Regional -ise/-ize pairs have a stem of three letters or more (organise, realise; not rise).
  if (/\p{L}{3}is(?:e|ed|es|ing|ation|ations|er|ers)\b/iu.test(title))
    out.push({ sub: '-ise/-ize', text: title.replace(/(\p{L}{3})is(e|ed|es|ing|ation|ations|er|ers)\b/giu, '$1iz$2') });
  else if (/\p{L}{3}iz(?:e|ed|es|ing|ation|ations|er|ers)\b/iu.test(title))
    out.push({ sub: '-ise/-ize', text: title.replace(/(\p{L}{3})iz(e|ed|es|ing|ation|ations|er|ers)\b/giu, '$1is$2') });
  if (/\p{L}{3}our(?:s|ed|ing|ers?|ist|ists|ism)?\b/iu.test(title))
    out.push({ sub: '-our/-or', text: title.replace(/(\p{L}{3})our(s|ed|ing|ers?|ist|ists|ism)?\b/giu, '$1or$2') });
  else if (/[aeiou][bdlmnv]or\b/i.test(title)) out.push({ sub: '-our/-or', text: title.replace(/([aeiou][bdlmnv])or\b/gi, '$1our') });
  if (/['’]/.test(title)) {
    out.push({ sub: 'apostrophe', text: title.replace(/['’]/g, (c) => (c === "'" ? '’' : "'")) });
    out.push({ sub: 'apostrophe', text: title.replace(/['’]/g, '') });
  }
  if (/[–—]/.test(title)) out.push({ sub: 'dash', text: title.replace(/[–—]/g, '-') });
  else if (/ - /.test(title)) out.push({ sub: 'dash', text: title.replace(/ - /g, ' – ') });
  const ascii = title.normalize('NFKD').replace(/\p{M}+/gu, '');
  if (ascii !== title) out.push({ sub: 'accents dropped', text: ascii });
  return out;
}

const NONSENSE_SYLLABLES = ['zu', 'xo', 'qa', 'vy', 'kr', 'pl', 'ug', 'zz', 'yx', 'fw', 'qi', 'jo', 'vu', 'wq'];

export function generateCases(wiki: EvalWiki, opts: CaseOptions = {}): EvalCase[] {
  const seed = opts.seed ?? 1;
  const perKind = opts.perKind ?? 200;
  const names = new Names(wiki);
  const byKind = new Map<string, EvalCase[]>();
  const add = (c: EvalCase) => {
    const list = byKind.get(c.kind);
    if (list) list.push(c);
    else byKind.set(c.kind, [c]);
  };
  // One stream per kind, so adding a kind does not change another kind's cases.
  const stream = (kind: string) => rng(seed * 1_000_003 + [...kind].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));

  const pages = wiki.pages.filter((p) => !names.namesOther(p.title, p.url));
  // Pages of a namespace ("Category:Browse", "Talk:X") are looked up by their full name only.
  const articles = pages.filter((p) => !/^[^\s:]+(?: [^\s:]+)*:\S/.test(p.title));
  const people = pages.filter(isPerson);
  const personUrls = new Set(people.map((p) => p.url));

  // Surnames: every person-shaped title by its last word, to see which surnames are shared.
  const bySurname = new Map<string, EvalPage[]>();
  for (const p of wiki.pages) {
    const s = personShaped(p.title) ? surnameOf(p.title) : undefined;
    if (s) (bySurname.get(fold(s)) ?? bySurname.set(fold(s), []).get(fold(s))!).push(p);
  }
  const acronyms = new Map<string, Set<string>>();
  for (const p of pages) for (const a of leadAcronyms(p)) addTo(acronyms, fold(a), p.url);
  for (const r of wiki.redirects) {
    const end = names.redirectEnd.get(fold(r.from));
    if (end && /^[A-Z]{2,8}$/.test(r.from)) addTo(acronyms, fold(r.from), end);
  }
  /** Words that a higher-ranked rule (a surname or an acronym) may rightly claim. */
  const claimed = (text: string) => bySurname.has(fold(text)) || acronyms.has(fold(text));

  // Exact titles and redirects.
  for (const p of pages) add({ kind: 'exact title', sub: 'title', command: 'define', text: p.title, expect: { page: p.url } });
  for (const r of wiki.redirects) {
    const end = names.redirectEnd.get(fold(r.from));
    if (names.pageByFold.has(fold(r.from))) continue;
    add({
      kind: 'redirect',
      sub: end ? 'redirect' : 'loop or missing target',
      command: 'define',
      text: r.from,
      expect: end ? { page: end } : { notFound: true },
    });
  }

  // Questions and filler.
  {
    const r = stream('question');
    for (const p of articles) {
      if (/^(?:what|who|how|why|when|where|which|is|are|do|does|tell)\b/i.test(p.title) || /\?$/.test(p.title)) continue;
      const x = r() < 0.5 ? p.title.toLowerCase() : p.title;
      const person = personUrls.has(p.url);
      const forms = person
        ? [`who was ${x}`, `who is ${x}`, `Who was ${x}?`, `tell me about ${x}`, `${x}?`]
        : [
            `what is ${x}`,
            `what's ${x}`,
            `What is ${x}?`,
            `tell me about ${x}`,
            `${x}?`,
            ...(/s$/i.test(p.title) ? [`what are ${x}`] : []),
          ];
      const text = pick(forms, r);
      if (names.isName(text)) continue;
      add({ kind: 'question', sub: text.replace(x, 'X'), command: r() < 0.7 ? 'define' : 'related', text, expect: { page: p.url } });
    }
  }

  // A leading article added, or the title's own "The" left out.
  {
    const r = stream('article');
    for (const p of articles) {
      const the = /^the\s+(.+)$/i.exec(p.title);
      const text = the ? the[1]! : `the ${r() < 0.5 ? p.title.toLowerCase() : p.title}`;
      if (names.namesOther(text, p.url) || claimed(text)) continue;
      add({
        kind: 'leading article',
        sub: the ? 'title starts with The' : 'the + title',
        command: r() < 0.7 ? 'define' : 'related',
        text,
        expect: { page: p.url },
      });
    }
  }

  // Surnames, and names in another order or without accents.
  {
    const r = stream('surname');
    for (const [key, holders] of bySurname) {
      if (names.isName(key) || acronyms.has(key)) continue;
      const persons = holders.filter((h) => personUrls.has(h.url));
      if (persons.length !== holders.length || persons.length === 0) continue;
      const surname = surnameOf(persons[0]!.title)!;
      const text = r() < 0.5 ? surname.toLowerCase() : surname;
      const command = r() < 0.7 ? 'define' : 'related';
      if (persons.length === 1) add({ kind: 'surname', sub: 'one person', command, text, expect: { page: persons[0]!.url } });
      else add({ kind: 'surname', sub: 'several people', command: 'define', text, expect: { choice: persons.map((p) => p.title) } });
    }
    for (const p of people) {
      const words = p.title.split(/\s+/);
      const last = words[words.length - 1]!;
      const forms = [
        { sub: 'surname first', text: [last, ...words.slice(0, -1)].join(' ') },
        { sub: 'surname, first names', text: `${last}, ${words.slice(0, -1).join(' ')}` },
      ];
      const ascii = p.title.normalize('NFKD').replace(/\p{M}+/gu, '');
      if (ascii !== p.title) forms.push({ sub: 'accents dropped', text: ascii.toLowerCase() });
      const form = pick(forms, r);
      if (names.namesOther(form.text, p.url)) continue;
      add({ kind: 'name order and accents', sub: form.sub, command: 'define', text: form.text, expect: { page: p.url } });
    }
  }

  // Acronyms given in a lead or as a redirect.
  for (const [key, urls] of acronyms) {
    if (urls.size !== 1) continue;
    const url = [...urls][0]!;
    if (names.namesOther(key, url)) continue;
    add({
      kind: 'acronym',
      sub: names.byFold.has(key) ? 'redirect' : 'lead',
      command: 'define',
      text: key.toUpperCase(),
      expect: { page: url },
    });
  }

  // Spelling variants.
  for (const p of pages) {
    for (const v of variants(p.title)) {
      if (fold(v.text) === fold(p.title) && v.sub !== 'accents dropped' && v.sub !== 'apostrophe' && v.sub !== 'dash') continue;
      if (names.namesOther(v.text, p.url) || claimed(v.text)) continue;
      add({ kind: 'variant', sub: v.sub, command: 'define', text: v.text, expect: { page: p.url } });
    }
  }

  // Typos: one letter (resolved) and two letters (offered).
  {
    const r = stream('typo');
    for (const p of pages) {
      if (/[()]/.test(p.title) || p.title.replace(/[^\p{L}]/gu, '').length < 5) continue;
      const oneWord = !/\s/.test(p.title.trim());
      const edit = pick(EDITS, r);
      const one = typo(p.title, edit, r, oneWord ? 5 : 4);
      if (one && !claimed(one)) {
        const d = names.distances(one, p.url, 2);
        if (d.target === 1 && d.other >= 2) {
          add({
            kind: oneWord ? 'one-letter typo, one-word title' : 'one-letter typo, multi-word title',
            sub: edit,
            command: r() < 0.75 ? 'define' : 'related',
            text: r() < 0.5 ? one.toLowerCase() : one,
            expect: { page: p.url },
          });
        }
      }
      const first = typo(p.title, pick(EDITS, r), r, oneWord ? 5 : 4);
      const second = first && typo(first, pick(EDITS, r), r, oneWord ? 5 : 4);
      // A title cut short ("Botsw") is unfinished typing, not a typo.
      if (second && !claimed(second) && squash(second).length >= 5 && !squash(p.title).startsWith(squash(second))) {
        const d = names.distances(second, p.url, 2);
        if (d.target === 2 && d.other >= 2)
          add({
            kind: 'two-letter typo (did you mean)',
            sub: oneWord ? 'one-word title' : 'multi-word title',
            command: 'define',
            text: second,
            expect: { suggest: p.title },
          });
      }
    }
  }

  // Searches by a page's name, plain or as a question.
  {
    const r = stream('search');
    for (const p of articles) {
      const x = r() < 0.5 ? p.title.toLowerCase() : p.title;
      const asked = r() < 0.4;
      add({
        kind: 'search by title',
        sub: asked ? 'question' : 'title',
        command: 'search',
        text: asked ? `what is ${x}` : x,
        expect: { top3: p.url },
      });
    }
    for (const rd of wiki.redirects) {
      const end = names.redirectEnd.get(fold(rd.from));
      if (end && !names.pageByFold.has(fold(rd.from)))
        add({ kind: 'search by title', sub: 'redirect', command: 'search', text: rd.from, expect: { top3: end } });
    }
    const word = () => {
      for (;;) {
        const w = Array.from({ length: 3 + Math.floor(r() * 2) }, () => pick(NONSENSE_SYLLABLES, r)).join('');
        if (!wiki.words.has(w)) return w;
      }
    };
    for (let i = 0; i < perKind; i++) {
      const two = r() < 0.5;
      const text = two ? `${word()} ${word()}` : word();
      const command = i % 3 === 0 ? 'define' : 'search';
      add({
        kind: 'search: nothing matches',
        sub: `/${command}, ${two ? 'two words' : 'one word'}`,
        command,
        text,
        expect: { notFound: true },
      });
    }
  }

  addQuoteCases(wiki, stream('quote'), add);

  const out: EvalCase[] = [];
  for (const kind of KINDS) {
    const list = byKind.get(kind) ?? [];
    out.push(...shuffled(list, stream(`sample ${kind}`)).slice(0, perKind));
  }
  return out;
}

/** Quotation cases: speakers by full name, surname, without accents, with a typo; a similar
 *  name that is someone else; topics by a word the quotations hold, or one they do not. */
function addQuoteCases(wiki: EvalWiki, r: Rand, add: (c: EvalCase) => void): void {
  // One person per speaker string: "A and B" names two and is left out.
  const one = (s: string) => (personShaped(s) && !/,|&| and /.test(s)) || /^\p{Lu}\p{Ll}{2,}$/u.test(s);
  const speakers = [...new Set(wiki.quotes.map((q) => q.speaker).filter((s): s is string => !!s && one(s)))];
  const bySurname = new Map<string, Set<string>>();
  for (const s of speakers) addTo(bySurname, fold(s.split(/\s+/).pop()!), fold(s));
  /** The (folded) speakers a surname stands for: the multi-word names with it, and the
   *  one-word speaker of that name, who is taken to be the same person when there is one. */
  const holders = (surname: string) => [...(bySurname.get(surname) ?? [])];
  const multi = (surname: string) => holders(surname).filter((s) => s.includes(' '));
  const nameWords = new Set(speakers.flatMap((s) => fold(s).split(' ')));
  const nearSpeaker = (w: string, max: number) => [...nameWords].some((n) => Math.abs(n.length - w.length) <= max && distance(n, w) <= max);

  for (const s of speakers) {
    const key = fold(s);
    const surname = fold(s.split(/\s+/).pop()!);
    // A speaker named by one word is the person whose full name ends with it, when only one does.
    const same = !key.includes(' ') && multi(surname).length === 1 ? holders(surname) : [key];
    add({ kind: 'quote speaker', sub: 'full name', command: 'quote', text: s, expect: { speaker: same } });
    if (key.includes(' ') && surname.length >= 3) {
      const others = multi(surname);
      if (others.length === 1)
        add({
          kind: 'quote speaker',
          sub: 'surname',
          command: 'quote',
          text: s.split(/\s+/).pop()!,
          expect: { speaker: holders(surname) },
        });
    }
    const ascii = s.normalize('NFKD').replace(/\p{M}+/gu, '');
    if (ascii !== s)
      add({ kind: 'quote speaker', sub: 'accents dropped', command: 'quote', text: ascii.toLowerCase(), expect: { speaker: [key] } });
    if (surname.length >= 5 && multi(surname).length <= 1) {
      const edit = pick(EDITS, r);
      const one = typo(s.split(/\s+/).pop()!, edit, r, 5);
      if (one && !wiki.words.has(fold(one)) && ![...nameWords].some((n) => n !== surname && distance(n, fold(one)) <= 1)) {
        add({
          kind: 'quote speaker',
          sub: `one-letter typo (${edit})`,
          command: 'quote',
          text: one,
          expect: { speaker: holders(surname) },
        });
      }
      const two = one && typo(one, pick(EDITS, r), r, 4);
      if (
        two &&
        distance(fold(two), surname) === 2 &&
        !wiki.words.has(fold(two)) &&
        ![...nameWords].some((n) => n !== surname && distance(n, fold(two)) <= 2)
      ) {
        add({
          kind: 'quote speaker: two-letter typo',
          sub: 'surname',
          command: 'quote',
          text: two,
          expect: { suggestSpeaker: holders(surname) },
        });
      }
    }
  }
  // Two people whose surnames are a letter or two apart: each surname is its own person.
  const surnames = [...bySurname.keys()].filter((s) => s.length >= 5 && multi(s).length === 1);
  for (const a of surnames) {
    for (const b of surnames) {
      if (a !== b && distance(a, b) <= 2)
        add({ kind: 'quote speaker: similar name', sub: 'exact surname', command: 'quote', text: a, expect: { speaker: holders(a) } });
    }
  }

  // Topics: a word the quotations hold, and a word one letter away from one that nothing holds.
  const quoteWords = new Set<string>();
  for (const q of wiki.quotes) for (const w of wordsOf(q.text)) if (w.length >= 6 && /^\p{L}+$/u.test(w)) quoteWords.add(w);
  const regionalWords = new Set([...wiki.words].map(regional));
  for (const w of [...quoteWords].sort()) {
    if (nameWords.has(w)) continue;
    add({ kind: 'quote topic', sub: 'a word of a quotation', command: 'quote', text: w, expect: { quoteWith: w } });
    const near = typo(w, 'substituted', r, 5);
    if (near && !regionalWords.has(regional(fold(near))) && !nearSpeaker(fold(near), 2)) {
      add({
        kind: 'quote topic: no fuzzy letters',
        sub: 'a word one letter from a quoted word',
        command: 'quote',
        text: near,
        expect: { notFound: true },
      });
    }
  }
}
