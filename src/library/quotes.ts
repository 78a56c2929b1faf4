// Quotations: by a person (full name, surname, name parts in any order, a one-letter typo of
// either; resolved like page names, resolve/resolver.ts), or else about a topic (quotations
// that hold its words); and the speakers, for completion.
import type { Article } from '../wiki/model.js';
import { searchTerms } from '../wiki/parse/search-terms.js';
import { searchEncoded, type FlexIndex, type SearchIndexes } from './indexes.js';
import type { ContentKeys } from './keys.js';
import { byCodeUnits, DistinctNames, pushOnce } from './lists.js';
import { normalizeKey } from './normalize.js';
import { english } from './resolve/language.js';
import { cleanQuery } from './resolve/query.js';
import { NameResolver, offer, type NameEntry } from './resolve/resolver.js';
import { wordMatcher } from './resolve/word-match.js';
import { Scratch } from './scratch.js';
import { nameScore } from './similarity.js';
import type { QuoteHit, QuoteResult } from './types.js';

export interface Speaker {
  display: string;
  key: string;
  /** How many quotations are attributed to this speaker. */
  count: number;
  /** The words of `key`, for completion by surname or word prefix. */
  words: readonly string[];
}

/** One quoted person: the speakers taken to be that person and their quotations, best first.
 *  A speaker known by one word ("Cardan") is the person whose full name ends with it ("Paul
 *  Cardan") when exactly one does. */
export interface Person {
  display: string;
  quotes: number[];
}

/** Every quotation of the content and who said it. A hit's position is its id in the quote
 *  index, a speaker's its id in the speaker index, a person's its resolver target. */
export class QuoteTable {
  readonly hits: readonly QuoteHit[];
  /** Most quoted first, then by key: the order completion offers them in. */
  readonly speakers: readonly Speaker[];
  readonly people: readonly Person[];
  /** What the speaker resolver needs: every speaker's name (and each name of an attribution to
   *  several, "A and B") with its person, and the full names, for surnames. */
  readonly names: readonly NameEntry[];
  readonly fullNames: readonly { target: number; key: string }[];

  constructor(articles: readonly Article[], keys: ContentKeys) {
    const hits: QuoteHit[] = [];
    for (const article of articles) for (const quote of article.quotes) hits.push({ quote, article });
    const bySpeaker = new Map<string, Omit<Speaker, 'words'> & { quotes: number[] }>();
    hits.forEach((hit, id) => {
      const speaker = hit.quote.speaker;
      if (!speaker) return;
      const full = keys.of(speaker);
      if (!full) return;
      const s = bySpeaker.get(full) ?? { display: speaker, key: full, count: 0, quotes: [] };
      s.count++;
      s.quotes.push(id);
      bySpeaker.set(full, s);
    });
    const ranked = [...bySpeaker.values()].sort((a, b) => b.count - a.count || byCodeUnits(a.key, b.key));
    this.hits = hits;
    this.speakers = ranked.map(({ display, key, count }) => ({ display, key, count, words: key.split(' ') }));

    // A person for each speaker with a full name, then each one-word speaker joins the one full
    // name ending with it, or is a person of its own.
    const namesOf = (s: Pick<Speaker, 'display'>) =>
      s.display
        .split(english.nameJoiners)
        .map((n) => keys.of(n))
        .filter(Boolean);
    const people: Person[] = [];
    const personOf = new Map<string, number>();
    const bySurname = new Map<string, number[]>();
    for (const s of ranked) {
      const full = namesOf(s).filter((n) => n.includes(' '));
      if (!full.length) continue;
      personOf.set(s.key, people.push({ display: s.display, quotes: [] }) - 1);
      for (const n of full) pushOnce(bySurname, n.slice(n.lastIndexOf(' ') + 1), personOf.get(s.key)!);
    }
    for (const s of ranked) {
      if (personOf.has(s.key)) continue;
      const same = bySurname.get(s.key);
      personOf.set(s.key, same?.length === 1 ? same[0]! : people.push({ display: s.display, quotes: [] }) - 1);
    }
    const names: NameEntry[] = [];
    const fullNames: { target: number; key: string }[] = [];
    for (const s of ranked) {
      const target = personOf.get(s.key)!;
      people[target]!.quotes.push(...s.quotes);
      const split = namesOf(s);
      names.push({ key: s.key, target, source: 'title' });
      if (split.length > 1) for (const key of split) names.push({ key, target, source: 'alias' });
      for (const key of split) if (key.includes(' ')) fullNames.push({ target, key });
    }
    // Sorted once here rather than per query: a prolific speaker can have thousands. Each
    // quotation's quality is computed once, not at each of a sort's comparisons.
    const rank = Uint8Array.from(hits, quality);
    for (const p of people) p.quotes.sort((a, b) => rank[b]! - rank[a]! || a - b);
    this.people = people;
    this.names = names;
    this.fullNames = fullNames;
  }
}

export class QuoteFinder {
  private readonly index: FlexIndex;
  private readonly speakerSounds: FlexIndex;
  private readonly resolver: NameResolver<NameEntry>;
  /** searchAll's scratch over the quote index, one byte per quotation. */
  private readonly marks: Scratch<Uint8Array>;

  constructor(
    private readonly table: QuoteTable,
    indexes: Pick<SearchIndexes, 'quotes' | 'speakers'>,
    private readonly keys: ContentKeys,
  ) {
    this.index = indexes.quotes;
    this.speakerSounds = indexes.speakers;
    this.marks = new Scratch(() => new Uint8Array(table.hits.length));
    const exact = new Map<string, NameEntry>();
    for (const n of table.names) if (!exact.has(n.key)) exact.set(n.key, n);
    this.resolver = new NameResolver({ entries: table.names, exact, people: () => table.fullNames });
  }

  /** Quotations by a person, found as page names are; or else about a topic: quotations
   *  that hold each of its words. Several people of one name give none (completion offers
   *  them); a name two letters off is only offered, never taken for the person. Best first. */
  quotes(query: string): QuoteResult {
    const found = this.resolver.lookup(query);
    if (found.kind === 'found')
      return this.result(found.rule === 'exact' ? 'speaker' : found.rule, this.table.people[found.target]!.quotes);
    if (found.kind === 'choice') return this.result('speaker', []);
    const asked = this.asked(query);
    if (asked) return asked;
    const { bare } = cleanQuery(query);
    return this.result('topic', this.about(bare));
  }

  /** A request around a quoted person, a topic or words someone said ("quotes by Kropotkin",
   *  "what did Bakunin say about freedom", "Kropotkin on mutual aid", "who said property is
   *  theft"), as language data words them; undefined when none applies and finds something. */
  private asked(query: string): QuoteResult | undefined {
    const text = cleanQuery(query).asked;
    const patterns = english.quoteRequests;
    for (let i = 0; i < patterns.length; i++) {
      const groups = patterns[i]!.exec(text)?.groups;
      if (!groups) continue;
      const { person, topic, said } = groups;
      if (said || (topic && !person)) {
        const ids = this.about((said ?? topic)!);
        if (ids.length) return this.result('topic', ids);
        continue;
      }
      if (!person) continue;
      // "X on Y" has no quoting word: X must be a quoted person's name, not a guess.
      const who = this.resolver.lookup(person, i < patterns.length - 1);
      if (who.kind !== 'found') continue;
      const all = this.table.people[who.target]!.quotes;
      if (topic) {
        const holds = wordMatcher(topic);
        const hits = this.table.hits;
        const some = all.filter((id) => holds(hits[id]!.quote.text, hits[id]!.quote.work ?? ''));
        if (some.length) return this.result('variant', some);
      }
      return this.result('variant', all);
    }
    return undefined;
  }

  /** Quotations that hold each word of a topic (in their text, speaker or work), best first. */
  private about(topic: string): number[] {
    const { bare } = cleanQuery(topic);
    if (!normalizeKey(bare)) return [];
    const holds = wordMatcher(bare);
    return searchEncoded(this.index, searchTerms(bare), 50, this.marks).filter((id) => {
      const q = this.table.hits[id]!.quote;
      return holds(q.text, q.speaker ?? '', q.work ?? '');
    });
  }

  /** Speakers for autocomplete, most quoted first: the person /quote would answer (or the
   *  people it could mean), exact or surname, then prefix, then word-prefix, then a letter or
   *  two off, then fuzzy; at most `limit`, no duplicates. */
  completeSpeaker(prefix: string, limit = 25): string[] {
    const key = normalizeKey(prefix);
    const out = new DistinctNames(limit, (display) => this.keys.of(display));
    const ranked = this.table.speakers;
    const person = (target: number) => this.table.people[target]!.display;
    const found = key ? this.resolver.lookup(prefix) : undefined;
    if (!found) for (let i = 0; i < ranked.length && !out.full; i++) out.add(ranked[i]!.display);
    else offer(found, person, (display) => out.add(display));
    // Surname or whole name, then name prefix, then a word's prefix: one pass per tier, each
    // stopping once the list is full.
    const tiers = [
      (s: Speaker) => s.key === key || s.words[s.words.length - 1] === key,
      (s: Speaker) => s.key.startsWith(key),
      (s: Speaker) => s.words.some((t) => t.startsWith(key)),
    ];
    for (const tier of tiers) {
      for (const s of ranked) {
        if (out.full) break;
        if (tier(s)) out.add(s.display);
      }
    }
    if (!out.full && key.length >= 3) {
      for (const target of this.resolver.suggest(prefix, limit, found)) out.add(person(target));
      const fuzzy = (this.speakerSounds.search(key, { limit }) as number[]).map((id) => ranked[id]!);
      for (const s of fuzzy) if (nameScore(key, s.key) >= 0.5 || nameScore(key, lastToken(s.key)) >= 0.6) out.add(s.display);
    }
    return out.list;
  }

  private result(how: QuoteResult['how'], ids: readonly number[]): QuoteResult {
    const hits = this.table.hits;
    return { how, total: ids.length, at: (i) => (i >= 0 && i < ids.length ? hits[ids[i]!] : undefined) };
  }
}

/** Best quotations first: a source link, a work, a year, a block quotation. */
function quality(hit: QuoteHit): number {
  const q = hit.quote;
  return (q.source ? 4 : 0) + (q.work ? 2 : 0) + (q.year ? 1 : 0) + (q.kind === 'blockquote' ? 1 : 0);
}

function lastToken(key: string): string {
  const i = key.lastIndexOf(' ');
  return i < 0 ? key : key.slice(i + 1);
}
