// Names: every name a user may type for a page or a concept (a title, an alias, a slug, a
// redirect, a `Term - description` item), what a typed name resolves to (by the resolver's
// ranking, resolve/resolver.ts), the names a user may have meant, and completions.
import type { Article, Content, Section } from '../wiki/model.js';
import { mediaWikiTitle } from '../wiki/page-names.js';
import { pageUrl, withAnchor } from '../wiki/page-url.js';
import type { FlexIndex, SearchIndexes } from './indexes.js';
import type { ContentKeys } from './keys.js';
import { byCodeUnits, DistinctNames, pushTo } from './lists.js';
import { normalizeKey } from './normalize.js';
import { NearIndex } from './resolve/near.js';
import { baseTitle, isPersonPage, leadAcronyms, titleAcronyms } from './resolve/page-signals.js';
import { cleanQuery } from './resolve/query.js';
import { followRedirects } from './resolve/redirects.js';
import { NameResolver, offer, type Lookup, type NameEntry, type NameSource } from './resolve/resolver.js';
import type { SectionRef } from './search.js';
import { nameScore } from './similarity.js';
import type { ConceptEntry, MatchHow, Resolution } from './types.js';

/** A name a user may type: a title, an alias, a redirect or a concept term. */
export interface Name extends NameEntry {
  display: string;
  article?: Article;
  concept?: ConceptEntry;
  how: 'exact' | 'alias' | 'concept';
  /** The section a redirect leads to. */
  anchor?: string;
}

/** Every name of the content, each key once, in order of precedence: titles (and slugs), then
 *  redirects (a chain followed to its page), then the aliases pages give themselves, then
 *  concepts; the first to claim a key keeps it, so a title always beats another page's bold
 *  name. A name's position is its id in the name indexes; its target (see NameEntry) is an
 *  article's position in `articles`, or `articles.length` + a concept's in `concepts`. */
export class NameTable {
  readonly names: readonly Name[];
  readonly byKey: ReadonlyMap<string, Name>;
  /** The concepts listed under a key: their term's, and the page's they link to. */
  readonly conceptsByKey: ReadonlyMap<string, readonly ConceptEntry[]>;
  /** Concepts without a page of their own, in target order. */
  readonly concepts: readonly ConceptEntry[];
  /** Redirects that come back on themselves, by key: the names around the loop. */
  readonly loops: ReadonlyMap<string, readonly string[]>;
  /** Name ids sorted by key, for prefix completion by binary search. */
  readonly sortedIds: readonly number[];
  /** Pages whose titles differ only in case (a MediaWiki export's `Title(1).md`), by their
   *  shared key, first page first: the first holds the key, and each is reached by its own
   *  spelling (see `Names.twinNamed`). */
  readonly caseTwins: ReadonlyMap<string, readonly number[]>;

  constructor(content: Pick<Content, 'articles' | 'redirects'>, keys: ContentKeys) {
    const { articles } = content;
    const names: Name[] = [];
    const byKey = new Map<string, Name>();
    const conceptsByKey = new Map<string, ConceptEntry[]>();
    const concepts: ConceptEntry[] = [];
    const loops = new Map<string, string[]>();
    const ids = new Map<Article, number>();
    const caseTwins = new Map<string, number[]>();
    // Every Name gets the same fields in the same order: one object shape for V8, which builds
    // the table much faster than spreading optional fields would.
    const add = (
      display: string,
      key: string,
      target: number,
      source: NameSource,
      page?: Article,
      concept?: ConceptEntry,
      anchor?: string,
    ) => {
      if (!key || byKey.has(key)) return;
      const how = concept ? 'concept' : source === 'title' ? 'exact' : 'alias';
      const name: Name = { display, key, target, source, article: page, concept, how, anchor };
      byKey.set(key, name);
      names.push(name);
    };
    articles.forEach((article, target) => {
      ids.set(article, target);
      const key = keys.of(article.title);
      const holder = byKey.get(key);
      if (holder?.article && holder.source === 'title' && mediaWikiTitle(holder.article.title) !== mediaWikiTitle(article.title)) {
        const twins = caseTwins.get(key) ?? [holder.target];
        if (!twins.includes(target)) twins.push(target);
        caseTwins.set(key, twins);
      }
      add(article.title, key, target, 'title', article);
      // The slug is how other pages link here ("Workers%27_Self-Management" style names).
      add(article.title, keys.of(article.slug), target, 'title', article);
    });
    const ends = followRedirects(
      content.redirects,
      (name) => keys.of(name),
      (key) => byKey.get(key)?.article,
    );
    ends.forEach((end, i) => {
      const from = content.redirects[i]!.from;
      if ('page' in end) add(from, keys.of(from), ids.get(end.page)!, 'redirect', end.page, undefined, end.anchor);
      else if ('loop' in end) loops.set(keys.of(from), end.loop);
    });
    articles.forEach((article, target) => {
      for (const alias of article.aliases) add(alias, keys.of(alias), target, 'alias', article);
    });
    for (const article of articles) {
      for (const concept of article.concepts) {
        const entry: ConceptEntry = { concept, listedIn: article };
        const key = keys.of(concept.term);
        pushTo(conceptsByKey, key, entry);
        if (concept.target) pushTo(conceptsByKey, keys.of(concept.target), entry);
        // A concept whose page exists is another name of that page; otherwise its term (and
        // the page its link names) are names of the concept.
        const page = concept.target ? byKey.get(keys.of(concept.target))?.article : undefined;
        if (page) {
          add(page.title, key, ids.get(page)!, 'concept', page);
          continue;
        }
        const target = articles.length + concepts.length;
        concepts.push(entry);
        add(concept.term, key, target, 'concept', undefined, entry);
        if (concept.target) add(concept.term, keys.of(concept.target), target, 'concept', undefined, entry);
      }
    }
    this.names = names;
    this.byKey = byKey;
    this.conceptsByKey = conceptsByKey;
    this.concepts = concepts;
    this.loops = loops;
    this.caseTwins = caseTwins;
    this.sortedIds = names.map((_, i) => i).sort((a, b) => byCodeUnits(names[a]!.key, names[b]!.key));
  }
}

/** What a page's own title, lead and categories say of the names it is found by. */
interface PageSignals {
  /** The person's name key, when the page is about a person (its surname finds it). */
  person?: string;
  /** Acronyms its title and lead give it. */
  acronyms: string[];
}

/** Each article's signals, read once per article object: a reload keeps the objects of
 *  unchanged pages, so its Library reads only the edited pages' leads again. */
const pageSignals = new WeakMap<Article, PageSignals>();

function signalsOf(article: Article): PageSignals {
  let signals = pageSignals.get(article);
  if (!signals) {
    signals = {
      person: isPersonPage(article) ? normalizeKey(baseTitle(article.title)) : undefined,
      acronyms: [...new Set([...leadAcronyms(article.lead), ...titleAcronyms(article.title, article.lead)])],
    };
    pageSignals.set(article, signals);
  }
  return signals;
}

/** Answers about names: which page or concept a name means, what a user may have meant, and
 *  completions. */
export class Names {
  private readonly words: FlexIndex;
  private readonly sounds: FlexIndex;
  private readonly resolver: NameResolver<Name>;
  /** The last lookup: a command that finds nothing asks for suggestions next. */
  private last?: { term: string; found: Lookup<Name> };
  /** Words of every name, for the close words of a search that found nothing (built on first
   *  use). */
  private nameWords?: { words: string[]; index: NearIndex };

  constructor(
    private readonly table: NameTable,
    private readonly articles: readonly Article[],
    indexes: Pick<SearchIndexes, 'words' | 'sounds'>,
    private readonly keys: ContentKeys,
    /** Pages whose text has a term's words, for suggestions no name gives. */
    private readonly sections: { verifiedSections(text: string, limit: number): SectionRef[] },
    private readonly baseUrl: string,
  ) {
    this.words = indexes.words;
    this.sounds = indexes.sounds;
    this.resolver = new NameResolver({
      entries: table.names,
      exact: table.byKey,
      // normalizeKey, not the content's memo: these run after the build, which froze it.
      people: () =>
        articles.flatMap((article, target) => {
          const person = signalsOf(article).person;
          return person === undefined ? [] : [{ target, key: person }];
        }),
      acronyms: () => articles.flatMap((article, target) => signalsOf(article).acronyms.map((key) => ({ target, key }))),
      wordCandidates: (key) => this.words.search(key, { limit: 50 }) as number[],
    });
  }

  /** The article with this exact title, alias or slug (normalized), if any; of pages whose
   *  titles differ only in case, the one spelt as `title`. */
  article(title: string): Article | undefined {
    const twin = this.twinNamed(title);
    return twin === undefined ? this.table.byKey.get(this.keys.of(title))?.article : this.articles[twin];
  }

  /** Of pages whose titles differ only in case, the one `text` spells, by MediaWiki's rule (the
   *  first letter in either case, the rest exactly; spaces or underscores); else undefined. */
  private twinNamed(text: string): number | undefined {
    if (!this.table.caseTwins.size) return undefined;
    const twins = this.table.caseTwins.get(this.keys.of(text));
    if (!twins) return undefined;
    const spelt = mediaWikiTitle(text);
    return twins.find((t) => mediaWikiTitle(this.articles[t]!.title) === spelt);
  }

  /** The article a lookup key names, if any. */
  articleByKey(key: string): Article | undefined {
    return this.table.byKey.get(key)?.article;
  }

  /** Where a term (by key) is listed as a `Term - description` item. */
  listings(key: string): readonly ConceptEntry[] {
    return this.table.conceptsByKey.get(key) ?? [];
  }

  /** Public URL of a page name, whether or not the page is in this content. */
  urlFor(pageName: string, anchor?: string): string {
    const article = this.article(pageName);
    return article ? withAnchor(article.url, anchor) : pageUrl(this.baseUrl, pageName.replace(/ /g, '_'), anchor);
  }

  /** The page (or concept) a term names: its title, a redirect or alias, a variant spelling, a
   *  surname or acronym, a one-letter typo, or the words of one title (resolve/resolver.ts). */
  resolve(term: string): Resolution | undefined {
    const found = this.lookup(term);
    if (found.kind !== 'found') return undefined;
    const article = this.articles[found.target];
    if (article) {
      const section = sectionOf(article, found.entry?.anchor);
      return section ? { how: found.rule, article, section, matched: article.title } : { how: found.rule, article, matched: article.title };
    }
    const concept = this.table.concepts[found.target - this.articles.length]!;
    const how: MatchHow = found.rule === 'exact' || found.rule === 'alias' ? 'concept' : found.rule;
    return { how, concept, matched: concept.concept.term };
  }

  /** The page a search text names by its title, a redirect, an alias, an acronym or another
   *  spelling of one (not by a guess such as a typo): a search shows it first. */
  namedPage(text: string): SectionRef | undefined {
    const twin = this.twinNamed(text);
    if (twin !== undefined) return { article: this.articles[twin]!, section: undefined };
    const found = this.resolver.lookup(text, false);
    if (found.kind !== 'found' || !['exact', 'alias', 'variant', 'acronym'].includes(found.rule)) return undefined;
    const article = this.articles[found.target];
    return article && { article, section: sectionOf(article, found.entry?.anchor) };
  }

  /** The redirects a term names when they go round in a loop (A → B → A), else undefined. */
  redirectLoop(term: string): readonly string[] | undefined {
    return this.table.loops.get(normalizeKey(term));
  }

  /** Names the user may have meant, best first, for a "did you mean" list: the pages a
   *  surname or acronym shared by several stands for; else names a letter or two off, names
   *  close in sound or spelling, and pages whose text has the words. */
  suggest(term: string, limit = 5): string[] {
    const key = normalizeKey(term);
    if (!key) return [];
    const out = new DistinctNames(limit, normalizeKey);
    const found = this.lookup(term);
    for (const target of this.resolver.suggest(term, limit, found)) out.add(this.titleOf(target));
    if (found.kind === 'choice') return out.list;
    const { bare } = cleanQuery(term);
    for (const { name } of this.closest(normalizeKey(bare) || key, limit * 2, 0.4)) out.add(displayOf(name));
    for (const ref of this.sections.verifiedSections(bare, limit)) out.add(ref.article.title);
    return out.list;
  }

  /** Words of the wiki's names a letter or two from the words of `text`, for a search that
   *  found nothing. */
  closeWords(text: string, limit = 5): string[] {
    if (!this.nameWords) {
      const words = [...new Set(this.table.names.flatMap((n) => n.key.split(' ')).filter((w) => w.length >= 4 && !/\d/.test(w)))];
      this.nameWords = { words, index: new NearIndex(words) };
    }
    const { words, index } = this.nameWords;
    const out = new DistinctNames(limit, (w) => w);
    for (const w of normalizeKey(cleanQuery(text).bare).split(' ')) {
      if (w.length < 3) continue;
      const near: { word: string; d: number }[] = [];
      index.within(w, 2, (id, d) => d > 0 && near.push({ word: words[id]!, d }));
      near.sort((a, b) => a.d - b.d || byCodeUnits(a.word, b.word));
      for (const { word } of near) out.add(word);
    }
    return out.list;
  }

  /** Autocomplete: what /define would answer for the text (the page it resolves to, or the
   *  pages it could mean), then prefix, then word-prefix, then fuzzy; at most `limit`, no
   *  duplicates. */
  complete(prefix: string, limit = 25): string[] {
    const key = normalizeKey(prefix);
    const { names, sortedIds } = this.table;
    const twins = this.table.caseTwins;
    // Titles that differ only in case are different pages, each listed.
    const out = new DistinctNames(limit, (display) => {
      const k = this.keys.of(display);
      return twins.has(k) ? `${k}\u0000${display}` : k;
    });
    if (key)
      offer(
        this.lookup(prefix),
        (t) => this.titleOf(t),
        (display) => out.add(display),
      );
    // Prefix: binary search to the first key >= prefix, then walk while keys start with it.
    let lo = 0;
    let hi = sortedIds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byCodeUnits(names[sortedIds[mid]!]!.key, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sortedIds.length && !out.full; i++) {
      const name = names[sortedIds[i]!]!;
      if (!name.key.startsWith(key)) break;
      out.add(displayOf(name));
      for (const t of twins.get(name.key) ?? []) out.add(this.articles[t]!.title);
    }
    if (key && !out.full) {
      for (const id of this.words.search(key, { limit }) as number[]) out.add(displayOf(names[id]!));
    }
    if (key.length >= 3 && !out.full) {
      for (const { name } of this.closest(key, limit, 0.5)) out.add(displayOf(name));
    }
    return out.list;
  }

  /** What the resolver makes of a term, remembered for the next call with the same term. */
  private lookup(term: string): Lookup<Name> {
    if (this.last?.term === term) return this.last.found;
    const twin = this.twinNamed(term);
    const found: Lookup<Name> = twin === undefined ? this.resolver.lookup(term) : { kind: 'found', target: twin, rule: 'exact' };
    this.last = { term, found };
    return found;
  }

  /** The title of an article or the term of a concept, by resolver target. */
  private titleOf(target: number): string {
    return this.articles[target]?.title ?? this.table.concepts[target - this.articles.length]!.concept.term;
  }

  /** Candidate names for a key from the word-prefix and phonetic indexes scoring at least
   *  `min`, ranked by closeness. */
  private closest(key: string, limit: number, min: number): { name: Name; score: number }[] {
    const ids = new Set<number>();
    for (const id of this.sounds.search(key, { limit: 30, suggest: true }) as number[]) ids.add(id);
    for (const id of this.words.search(key, { limit: 30, suggest: true }) as number[]) ids.add(id);
    const scored: { name: Name; score: number }[] = [];
    for (const id of ids) {
      const name = this.table.names[id]!;
      const score = nameScore(key, name.key, min);
      if (score >= min) scored.push({ name, score });
    }
    scored.sort((a, b) => b.score - a.score || a.name.key.length - b.name.key.length);
    return scored.slice(0, limit);
  }
}

/** The section of an article a redirect's anchor names. */
function sectionOf(article: Article, anchor: string | undefined): Section | undefined {
  if (!anchor) return undefined;
  const key = normalizeKey(anchor);
  return article.sections.find((s) => normalizeKey(s.anchor) === key);
}

/** What a name shows as: a concept's own term, else its page's title. */
function displayOf(name: Name): string {
  return name.how === 'concept' ? name.display : (name.article?.title ?? name.display);
}
