// Names: every name a user may type for a page or a concept (a title, an alias, a slug, a
// redirect, a `Term - description` item), what a typed name resolves to, the names a user may
// have meant, and completions.
import type { Article, Content } from '../wiki/model.js';
import { pageUrl, withAnchor } from '../wiki/page-url.js';
import { searchTerms } from '../wiki/parse/search-terms.js';
import type { FlexIndex, SearchIndexes } from './indexes.js';
import type { ContentKeys } from './keys.js';
import { byCodeUnits, DistinctNames, pushTo } from './lists.js';
import { normalizeKey } from './normalize.js';
import type { SectionSearch } from './search.js';
import { nameScore } from './similarity.js';
import type { ConceptEntry, MatchHow, Resolution } from './types.js';

/** A name a user may type: a title, an alias, a redirect or a concept term. */
export interface Name {
  display: string;
  key: string;
  article?: Article;
  concept?: ConceptEntry;
  how: 'exact' | 'alias' | 'concept';
}

/** A fuzzy match must be at least this close to count as "what you meant". */
const FUZZY_MIN = 0.7;

/** Every name of the content, each key once (the first to claim it keeps it), in content
 *  order: a name's position is its id in the name indexes. */
export class NameTable {
  readonly names: readonly Name[];
  readonly byKey: ReadonlyMap<string, Name>;
  /** The concepts listed under a key: their term's, and the page's they link to. */
  readonly conceptsByKey: ReadonlyMap<string, readonly ConceptEntry[]>;
  /** Name ids sorted by key, for prefix completion by binary search. */
  readonly sortedIds: readonly number[];

  constructor(content: Pick<Content, 'articles' | 'redirects'>, keys: ContentKeys) {
    const names: Name[] = [];
    const byKey = new Map<string, Name>();
    const conceptsByKey = new Map<string, ConceptEntry[]>();
    const add = (name: Name) => {
      if (!name.key || byKey.has(name.key)) return;
      byKey.set(name.key, name);
      names.push(name);
    };
    for (const article of content.articles) {
      add({ display: article.title, key: keys.of(article.title), article, how: 'exact' });
      for (const alias of article.aliases) add({ display: alias, key: keys.of(alias), article, how: 'alias' });
      // The slug is how other pages link here ("Workers%27_Self-Management" style names).
      add({ display: article.title, key: keys.of(article.slug), article, how: 'exact' });
    }
    for (const r of content.redirects) {
      const target = byKey.get(keys.of(r.to));
      if (target?.article) add({ display: r.from, key: keys.of(r.from), article: target.article, how: 'alias' });
    }
    for (const article of content.articles) {
      for (const concept of article.concepts) {
        const entry: ConceptEntry = { concept, listedIn: article };
        const key = keys.of(concept.term);
        pushTo(conceptsByKey, key, entry);
        if (concept.target) pushTo(conceptsByKey, keys.of(concept.target), entry);
        // A concept whose page exists is that page; otherwise the term itself is a name.
        if (!byKey.has(key)) add({ display: concept.term, key, concept: entry, how: 'concept' });
      }
    }
    this.names = names;
    this.byKey = byKey;
    this.conceptsByKey = conceptsByKey;
    this.sortedIds = names.map((_, i) => i).sort((a, b) => byCodeUnits(names[a]!.key, names[b]!.key));
  }
}

/** Answers about names: which page or concept a name means, what a user may have meant, and
 *  completions. */
export class Names {
  private readonly words: FlexIndex;
  private readonly sounds: FlexIndex;

  constructor(
    private readonly table: NameTable,
    indexes: Pick<SearchIndexes, 'words' | 'sounds'>,
    private readonly keys: ContentKeys,
    /** Pages whose text has a term's words, for suggestions no name gives. */
    private readonly sections: Pick<SectionSearch, 'sectionsWith'>,
    private readonly baseUrl: string,
  ) {
    this.words = indexes.words;
    this.sounds = indexes.sounds;
  }

  /** The article with this exact title, alias or slug (normalized), if any. */
  article(title: string): Article | undefined {
    return this.table.byKey.get(this.keys.of(title))?.article;
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

  /** Exact title or alias, then a concept, then the closest name. */
  resolve(term: string): Resolution | undefined {
    const key = normalizeKey(term);
    if (!key) return undefined;
    const exact = this.table.byKey.get(key);
    if (exact?.article) return { how: exact.how as MatchHow, article: exact.article, matched: exact.article.title };
    const concepts = this.table.conceptsByKey.get(key);
    if (concepts?.length) {
      const entry = concepts[0]!;
      const article = entry.concept.target ? this.article(entry.concept.target) : undefined;
      if (article) return { how: 'alias', article, matched: article.title };
      return { how: 'concept', concept: entry, matched: entry.concept.term };
    }
    const best = this.closest(key, 1, FUZZY_MIN)[0];
    if (best) {
      const name = best.name;
      if (name.article) return { how: 'fuzzy', article: name.article, matched: name.article.title };
      if (name.concept) return { how: 'fuzzy', concept: name.concept, matched: name.concept.concept.term };
    }
    return undefined;
  }

  /** Names the user may have meant, best first, for a "did you mean" list: the closest names,
   *  then pages whose text has the term's words. */
  suggest(term: string, limit = 5): string[] {
    const key = normalizeKey(term);
    if (!key) return [];
    const out = new DistinctNames(limit, normalizeKey);
    for (const { name } of this.closest(key, limit * 2, 0.4)) out.add(displayOf(name));
    for (const ref of this.sections.sectionsWith(searchTerms(term), limit)) out.add(ref.article.title);
    return out.list;
  }

  /** Autocomplete: exact, then prefix, then word-prefix, then fuzzy; at most `limit`, no
   *  duplicates. */
  complete(prefix: string, limit = 25): string[] {
    const key = normalizeKey(prefix);
    const { names, sortedIds } = this.table;
    const out = new DistinctNames(limit, (display) => this.keys.of(display));
    const exact = this.table.byKey.get(key);
    if (exact) out.add(displayOf(exact));
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
    }
    if (key && !out.full) {
      for (const id of this.words.search(key, { limit }) as number[]) out.add(displayOf(names[id]!));
    }
    if (key.length >= 3 && !out.full) {
      for (const { name } of this.closest(key, limit, 0.5)) out.add(displayOf(name));
    }
    return out.list;
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

/** What a name shows as: a concept's own term, else its page's title. */
function displayOf(name: Name): string {
  return name.how === 'concept' ? name.display : (name.article?.title ?? name.display);
}
