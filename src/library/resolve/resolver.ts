// The name resolver: what a typed name stands for, by an explicit ranking of rules. The first
// rule that matches decides; within a rule a title beats a redirect, an alias or a concept,
// and when a rule matches several things equally it offers them as a choice instead of
// guessing:
//
//   1. exact title            "Peter Kropotkin"
//   2. redirect or alias      "Mutual Aid" → Cooperation, a bold name in a lead
//   3. normalised variant     "anarchosyndicalism", "workers council", "the zapatistas"
//   4. surname or acronym     "kropotkin", "durruti buenaventura", "IWW"
//   5. one-letter typo        "vanuardism", "monragon" (names of five letters or more)
//   6. words of the title     "dual pow", "makhnovist movement"
//   7. did you mean           two letters off, or close in sound or spelling
//
// Each rule is tried on the query as typed, then with a question or request taken off, then
// without a leading article. It serves page names (/define, /related, autocomplete) and the
// names of quoted people (/quote) alike; the Library supplies the names and what each stands
// for (a "target": a page, a concept, a speaker).
import { english, type Language } from './language.js';
import { normalizeKey } from '../normalize.js';
import { cleanQuery } from './query.js';
import { significantWords, surnameKeys, typoKey, variantKey, wordSetKey } from './keys.js';
import { NearIndex } from './near.js';
import { pushOnce } from '../lists.js';

/** Where a name comes from, best first: it breaks ties within a rule. */
export type NameSource = 'title' | 'redirect' | 'alias' | 'concept';

const SOURCE_RANK: Record<NameSource, number> = { title: 0, redirect: 1, alias: 2, concept: 3 };

export interface NameEntry {
  /** normalizeKey of the name. */
  key: string;
  /** What the name stands for; the names of one page share it. */
  target: number;
  source: NameSource;
}

/** Which rule matched. */
export type MatchRule = 'exact' | 'alias' | 'variant' | 'surname' | 'acronym' | 'fuzzy' | 'words';

export type Lookup<E extends NameEntry> =
  /** One target; `entry` is the name that matched when it was a name (not a surname or acronym). */
  | { kind: 'found'; target: number; rule: MatchRule; entry?: E }
  /** Several targets matched one rule equally (best first): the user should choose. */
  | { kind: 'choice'; targets: number[] }
  | { kind: 'none' };

export interface ResolverInput<E extends NameEntry> {
  entries: readonly E[];
  /** The best entry for each key (titles before redirects before aliases). */
  exact: ReadonlyMap<string, E>;
  /** Targets that are people, with their normalized names: found by surname and in any order.
   *  Asked for once, when a lookup first gets past exact names. */
  people?: () => readonly { target: number; key: string }[];
  /** Acronyms a target is known by (lower case, no dots); asked for as `people` is. */
  acronyms?: () => readonly { target: number; key: string }[];
  /** Entries (by position) whose names may contain the words of `key` (a word-prefix index);
   *  the resolver checks each. */
  wordCandidates?: (key: string) => Iterable<number>;
  /** Shortest name a one-letter typo is corrected to. */
  minTypoLength?: number;
  lang?: Language;
}

/** Names of five letters or more are corrected from one-letter typos; shorter ones are too
 *  close to other words. */
const MIN_TYPO_LENGTH = 5;

/** The keys of rules 3 and 4, and the people whose surnames rule 5 also corrects. */
interface DerivedKeys<E> {
  variants: Map<string, E | E[]>;
  surnames: Map<string, number[]>;
  fullNames: Map<string, number[]>;
  acronyms: Map<string, number[]>;
  people: readonly { target: number; key: string }[];
}

export class NameResolver<E extends NameEntry> {
  private readonly entries: readonly E[];
  private readonly exact: ReadonlyMap<string, E>;
  private readonly input: ResolverInput<E>;
  private readonly lang: Language;
  private readonly minTypoLength: number;
  /** Built on the first lookup that gets past exact names, so that start-up (a Library is
   *  built at every start and every content change) pays nothing for them; the first such
   *  lookup pays a few milliseconds per thousand pages. */
  private derivedKeys?: DerivedKeys<E>;
  /** Typo candidates, built on the first typo: most queries never need them. */
  private nearIndex?: { index: NearIndex; extra: { target: number; rank: number }[] };

  constructor(input: ResolverInput<E>) {
    this.input = input;
    this.entries = input.entries;
    this.exact = input.exact;
    this.lang = input.lang ?? english;
    this.minTypoLength = input.minTypoLength ?? MIN_TYPO_LENGTH;
  }

  private derived(): DerivedKeys<E> {
    if (this.derivedKeys) return this.derivedKeys;
    const variants = new Map<string, E | E[]>();
    for (const entry of this.entries) {
      const v = variantKey(entry.key, this.lang);
      const had = variants.get(v);
      if (!had) variants.set(v, entry);
      else if (Array.isArray(had)) had.push(entry);
      else variants.set(v, [had, entry]);
    }
    const surnames = new Map<string, number[]>();
    const fullNames = new Map<string, number[]>();
    const people = this.input.people?.() ?? [];
    for (const person of people) {
      for (const s of surnameKeys(person.key, this.lang)) pushOnce(surnames, s, person.target);
      pushOnce(fullNames, wordSetKey(person.key), person.target);
    }
    const acronyms = new Map<string, number[]>();
    for (const a of this.input.acronyms?.() ?? []) pushOnce(acronyms, a.key, a.target);
    this.derivedKeys = { variants, surnames, fullNames, acronyms, people };
    return this.derivedKeys;
  }

  /** What `query` stands for. With `guess` false, only names, their variants, surnames and
   *  acronyms count (rules 1–4), not a typo or some words of a title. */
  lookup(query: string, guess = true): Lookup<E> {
    const forms = queryForms(query, this.lang);
    if (!forms.length) return { kind: 'none' };
    const raw = forms[0]!;
    // 1–2: a title, a redirect or an alias.
    for (const key of forms) {
      const entry = this.exact.get(key);
      if (entry) {
        const rule: MatchRule = entry.source !== 'title' ? 'alias' : key === raw ? 'exact' : 'variant';
        return { kind: 'found', target: entry.target, rule, entry };
      }
    }
    // 3: the same name spelt another way.
    for (const key of forms) {
      const found = this.byVariant(variantKey(key, this.lang));
      if (found) return found;
    }
    // 4: a surname, a name in another order, an acronym.
    const { surnames, fullNames, acronyms } = this.derived();
    for (const key of forms) {
      const surname = surnames.get(key) ?? fullNames.get(wordSetKey(key));
      if (surname)
        return surname.length === 1 ? { kind: 'found', target: surname[0]!, rule: 'surname' } : { kind: 'choice', targets: surname };
      const acronym = acronyms.get(key.replace(/ /g, ''));
      if (acronym)
        return acronym.length === 1 ? { kind: 'found', target: acronym[0]!, rule: 'acronym' } : { kind: 'choice', targets: acronym };
    }
    if (!guess) return { kind: 'none' };
    // 5: one letter off a name of five letters or more (with a leading article as typed first).
    for (const key of forms) {
      const typo = typoKey(key, this.lang);
      const joined = key.replace(/ /g, '');
      const found = (joined !== typo && this.byTypo(joined)) || this.byTypo(typo);
      if (found) return found;
    }
    // 6: the words of a title.
    for (const key of forms) {
      const found = this.byWords(key);
      if (found) return found;
    }
    return { kind: 'none' };
  }

  /** Targets the user may have meant, best first: the choice a lookup offers, else names up to
   *  two letters off (by distance, titles first). `found` is the query's lookup, when the
   *  caller has it. */
  suggest(query: string, limit: number, found: Lookup<E> = this.lookup(query)): number[] {
    if (found.kind === 'choice') return found.targets.slice(0, limit);
    const out: number[] = found.kind === 'found' ? [found.target] : [];
    const scored: { target: number; d: number; rank: number }[] = [];
    for (const key of queryForms(query, this.lang)) {
      const q = typoKey(key, this.lang);
      if (q.length < 3) continue;
      this.near().within(q, 2, (id, d) => scored.push({ target: this.nearTarget(id), d, rank: this.nearRank(id) }));
    }
    scored.sort((a, b) => a.d - b.d || a.rank - b.rank);
    for (const s of scored) if (out.length < limit && !out.includes(s.target)) out.push(s.target);
    return out;
  }

  private byVariant(v: string): Lookup<E> | undefined {
    const hit = this.derived().variants.get(v);
    if (!hit) return undefined;
    if (!Array.isArray(hit)) return { kind: 'found', target: hit.target, rule: 'variant', entry: hit };
    return this.decide(
      hit.map((e) => ({ target: e.target, rank: SOURCE_RANK[e.source], entry: e })),
      'variant',
    );
  }

  private byTypo(q: string): Lookup<E> | undefined {
    if (q.length < this.minTypoLength - 1) return undefined;
    const hits: { target: number; rank: number; entry?: E }[] = [];
    this.near().near(
      q,
      (id) => hits.push({ target: this.nearTarget(id), rank: this.nearRank(id), entry: this.entries[id] }),
      this.minTypoLength,
    );
    return hits.length ? this.decide(hits, 'fuzzy') : undefined;
  }

  /** Every significant word of the query is a word of the name (the last may be the start of
   *  one, as when still typing). One name, or one that is nothing but those words, wins. */
  private byWords(key: string): Lookup<E> | undefined {
    if (!this.input.wordCandidates) return undefined;
    const words = significantWords(key, this.lang);
    const last = words.pop();
    if (last === undefined) return undefined;
    const hits: { target: number; rank: number; extra: number; entry: E }[] = [];
    for (const id of this.input.wordCandidates(key)) {
      const entry = this.entries[id];
      if (!entry) continue;
      const nameWords = entry.key.split(' ');
      if (!words.every((w) => nameWords.includes(w))) continue;
      if (!nameWords.some((w) => w === last || (last.length >= 3 && w.startsWith(last)))) continue;
      hits.push({
        target: entry.target,
        rank: SOURCE_RANK[entry.source],
        extra: significantWords(entry.key, this.lang).length - words.length - 1,
        entry,
      });
    }
    if (!hits.length) return undefined;
    const targets = new Set(hits.map((h) => h.target));
    if (targets.size === 1) return { kind: 'found', target: hits[0]!.target, rule: 'words', entry: best(hits).entry };
    const whole = hits.filter((h) => h.extra === 0);
    if (new Set(whole.map((h) => h.target)).size === 1)
      return { kind: 'found', target: whole[0]!.target, rule: 'words', entry: best(whole).entry };
    hits.sort((a, b) => a.extra - b.extra || a.rank - b.rank);
    return { kind: 'choice', targets: [...new Set(hits.map((h) => h.target))] };
  }

  /** One target when the hits name one, or one through its best kind of name (a title over an
   *  alias); otherwise a choice. */
  private decide(hits: { target: number; rank: number; entry?: E }[], rule: MatchRule): Lookup<E> {
    const top = Math.min(...hits.map((h) => h.rank));
    const bestHits = hits.filter((h) => h.rank === top);
    const targets = [...new Set(bestHits.map((h) => h.target))];
    if (targets.length === 1) return { kind: 'found', target: targets[0]!, rule, entry: bestHits[0]!.entry };
    hits.sort((a, b) => a.rank - b.rank);
    return { kind: 'choice', targets: [...new Set(hits.map((h) => h.target))] };
  }

  /** The typo keys (typoKey) of every entry, then extra keys with what they stand for: a
   *  title with its leading article ("the gambai" → The Gambia) and each person's surnames.
   *  Built on the first typo: most queries never need it, and it sorts every key twice. */
  private near(): NearIndex {
    if (!this.nearIndex) {
      const keys: string[] = [];
      const extra: { key: string; target: number; rank: number }[] = [];
      for (const entry of this.entries) {
        const typo = typoKey(entry.key, this.lang);
        keys.push(typo);
        const joined = entry.key.replace(/ /g, '');
        if (joined !== typo) extra.push({ key: joined, target: entry.target, rank: SOURCE_RANK[entry.source] });
      }
      for (const person of this.derived().people) {
        for (const s of surnameKeys(person.key, this.lang))
          extra.push({ key: typoKey(s, this.lang), target: person.target, rank: SOURCE_RANK.alias });
      }
      for (const e of extra) keys.push(e.key);
      this.nearIndex = { index: new NearIndex(keys), extra };
    }
    return this.nearIndex.index;
  }

  private nearTarget(id: number): number {
    return id < this.entries.length ? this.entries[id]!.target : this.nearIndex!.extra[id - this.entries.length]!.target;
  }

  private nearRank(id: number): number {
    return id < this.entries.length ? SOURCE_RANK[this.entries[id]!.source] : this.nearIndex!.extra[id - this.entries.length]!.rank;
  }
}

/** Hands `add` the title of what a lookup found, or of each thing it could mean: what
 *  autocomplete offers first. */
export function offer(found: Lookup<NameEntry>, title: (target: number) => string, add: (display: string) => void): void {
  if (found.kind === 'found') add(title(found.target));
  else if (found.kind === 'choice') for (const t of found.targets) add(title(t));
}

/** The keys a query is tried as: as typed, without the request around it, without a leading
 *  article (each once, in that order). */
export function queryForms(query: string, lang: Language = english): string[] {
  const raw = normalizeKey(query);
  if (!raw) return [];
  const { asked, bare } = cleanQuery(query, lang);
  const forms = [raw];
  for (const f of [normalizeKey(asked), normalizeKey(bare)]) if (f && !forms.includes(f)) forms.push(f);
  return forms;
}

function best<T extends { rank: number }>(hits: T[]): T {
  return hits.reduce((a, b) => (b.rank < a.rank ? b : a));
}
