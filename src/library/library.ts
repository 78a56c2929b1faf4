// The Library: every article, quote and concept of the wiki, indexed once and then read-only.
// A new content version builds a new Library and swaps it in whole, so its answers never
// change after it is built. It answers typed questions and never formats; each question is
// answered by its own part (names.ts, quotes.ts, search.ts, related.ts), and this class only
// builds them and hands the questions on.
import type { Article, Content, Section } from '../wiki/model.js';
import type { PackedTerms } from '../wiki/parse/search-terms.js';
import { indexSteps, sameShape, type IndexShape, type SearchIndexes } from './indexes.js';
import { letCommandsIn, runSteps, type Steps } from './steps.js';
import { ContentKeys } from './keys.js';
import { Names, NameTable } from './names.js';
import { importIndexes, type SavedIndexes } from './persist.js';
import { QuoteFinder, QuoteTable } from './quotes.js';
import { RelatedFinder } from './related.js';
import { normalizeKey } from './normalize.js';
import { cleanQuery } from './resolve/query.js';
import { SectionSearch, sectionRefs } from './search.js';
import type { CompletionKind, LibraryStats, NameFound, QuoteResult, RelatedResult, Resolution, SearchResult } from './types.js';
import { buildLexicon, findNames, rankNames, type NameLexicon } from '../links/names-in-text.js';

/** What a Library is built from. Nothing in it is changed. */
export interface LibrarySource extends Pick<Content, 'articles' | 'redirects'> {
  /** Each article's packed search terms, in article order (see IndexSources.terms): read once,
   *  only when the indexes are built rather than loaded. */
  terms?: Iterable<PackedTerms | undefined>;
}

export interface LibraryOptions {
  baseUrl: string;
  /** Indexes saved from an earlier build over the same content, loaded instead of built when
   *  they fit. */
  saved?: SavedIndexes;
  /** The Library this one replaces (a reload): the section and quote lists are carried over
   *  from it, and only the articles that are not the same objects in both are indexed from
   *  their terms (carry-postings.ts). */
  previous?: Library;
}

/** The parts of a Library that answer, built by Library.steps. */
interface LibraryParts {
  /** Lookup keys of the content's strings; a reload's Library starts from these. */
  keys: ContentKeys;
  /** What the name and speaker indexes number, for a reload's Library to carry them over. */
  tables: { names: readonly { display: string }[]; speakers: readonly { display: string }[] };
  names: Names;
  quoteFinder: QuoteFinder;
  sections: SectionSearch;
  relatedFinder: RelatedFinder;
  /** Every name a user may write, for the lexicon namesIn() builds on first use. */
  nameDisplays: () => Iterable<string>;
}

export class Library {
  readonly articles: readonly Article[];
  readonly stats: LibraryStats;
  readonly baseUrl: string;
  /** When this Library was built (how fresh the content is, where nothing reloads it). */
  readonly builtAt = new Date();
  /** Whether the search indexes were loaded from saved indexes rather than built. */
  readonly imported: boolean;
  /** How many entries each index numbers; saved indexes must have been built over the same. */
  readonly shape: IndexShape;
  /** The flexsearch indexes by name: what saving reads (persist.ts), and what the benchmark
   *  queries bare. Read them; never change them. */
  readonly indexes: Readonly<SearchIndexes>;

  private readonly parts: LibraryParts;
  private lexicon: NameLexicon | undefined;

  /** Builds the Library over the content. With `saved` indexes of the same shape, the search
   *  indexes are loaded from them instead of being built from the page terms. */
  static build(content: LibrarySource, opts: LibraryOptions): Library {
    return runSteps(Library.steps(content, opts));
  }

  /** The same Library, built a step at a time with the event loop let in between (a reload
   *  builds beside a running Library: commands that arrive meanwhile are answered from it
   *  between steps rather than after the whole build). */
  static async buildInSteps(content: LibrarySource, opts: LibraryOptions): Promise<Library> {
    const steps = Library.steps(content, opts);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await letCommandsIn();
    }
  }

  /** The build, yielding between its parts and inside the longest (carrying the section lists
   *  over), so that no step holds a waiting command up for long. */
  private static *steps(content: LibrarySource, opts: LibraryOptions): Steps<Library> {
    const { articles } = content;
    const keys = new ContentKeys(opts.previous?.parts.keys);
    const nameTable = new NameTable(content, keys);
    yield;
    const refs = sectionRefs(articles);
    const quoteTable = new QuoteTable(articles, keys);
    const shape: IndexShape = {
      names: nameTable.names.length,
      sections: refs.length,
      quotes: quoteTable.hits.length,
      speakers: quoteTable.speakers.length,
    };
    yield;
    const loaded = opts.saved && sameShape(opts.saved.shape, shape) ? importIndexes(opts.saved) : undefined;
    const prev = opts.previous;
    const carry = prev && {
      articles: prev.articles,
      indexes: prev.indexes,
      names: prev.parts.tables.names,
      speakers: prev.parts.tables.speakers,
    };
    const indexes =
      loaded ?? (yield* indexSteps({ articles, names: nameTable.names, speakers: quoteTable.speakers, terms: content.terms, carry }));
    yield;
    const sections = new SectionSearch(articles, refs, indexes.sections);
    const names = new Names(nameTable, articles, indexes, keys, sections, opts.baseUrl);
    const quoteFinder = new QuoteFinder(quoteTable, indexes, keys);
    yield;
    const relatedFinder = new RelatedFinder(articles, keys, { names, sections });
    keys.freeze();
    let links = 0;
    for (const a of articles) links += a.links.length;
    const stats: LibraryStats = {
      articles: articles.length,
      redirects: content.redirects.length,
      sections: refs.length,
      quotes: quoteTable.hits.length,
      concepts: nameTable.conceptsByKey.size,
      links,
    };
    return new Library(
      { articles, baseUrl: opts.baseUrl, imported: loaded !== undefined, shape, indexes, stats },
      {
        keys,
        tables: { names: nameTable.names, speakers: quoteTable.speakers },
        names,
        quoteFinder,
        sections,
        relatedFinder,
        nameDisplays: () => nameTable.names.map((n) => n.display),
      },
    );
  }

  private constructor(built: Pick<Library, 'articles' | 'baseUrl' | 'imported' | 'shape' | 'indexes' | 'stats'>, parts: LibraryParts) {
    ({
      articles: this.articles,
      baseUrl: this.baseUrl,
      imported: this.imported,
      shape: this.shape,
      indexes: this.indexes,
      stats: this.stats,
    } = built);
    this.parts = parts;
  }

  /** The article with this exact title, alias or slug (normalized), if any. */
  article(title: string): Article | undefined {
    return this.parts.names.article(title);
  }

  /** Public URL of a page name, whether or not the page is in this content. */
  urlFor(pageName: string, anchor?: string): string {
    return this.parts.names.urlFor(pageName, anchor);
  }

  /** The page or concept a term names, by the resolver's ranking (resolve/resolver.ts): title,
   *  redirect or alias, variant, surname or acronym, one-letter typo, words of a title. */
  resolve(term: string): Resolution | undefined {
    return this.parts.names.resolve(term) ?? this.nameInside(term);
  }

  /** The one name of the wiki that a longer query holds ("Spanish civil war 1936", "Mikhail
   *  Bakunin's ideas"), when it is of two words or more and at least half the query's words:
   *  a guess, shown as one ("showing … for …"). */
  private nameInside(term: string): Resolution | undefined {
    const { bare } = cleanQuery(term);
    const words = normalizeKey(bare).split(' ').filter(Boolean).length;
    if (words < 3 || words > 12) return undefined;
    const found = this.namesIn(bare, 2);
    if (found.length !== 1) return undefined;
    const name = found[0]!;
    const nameWords = normalizeKey(name.text).split(' ').filter(Boolean).length;
    if (nameWords < 2 || nameWords * 2 < words) return undefined;
    return { ...name.resolution, how: 'words' };
  }

  /**
   * The wiki's names written in `text` (titles, aliases, redirects and concept terms, on whole
   * words, the longest at each place), each with what resolve() makes of it: at most `limit`,
   * one per page or concept, the longest names first, returned in the order they stand.
   */
  namesIn(text: string, limit = 3): NameFound[] {
    this.lexicon ??= buildLexicon(this.parts.nameDisplays());
    const out: NameFound[] = [];
    const seen = new Set<string>();
    for (const name of rankNames(findNames(text, this.lexicon))) {
      if (out.length >= limit) break;
      const resolution = this.parts.names.resolve(name.text);
      if (!resolution || resolution.how === 'fuzzy') continue;
      const target = resolution.article ? `page:${resolution.article.slug}` : `concept:${resolution.matched}`;
      if (seen.has(target)) continue;
      seen.add(target);
      out.push({ text: name.text, start: name.start, end: name.end, resolution });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  /** Names the user may have meant, best first, for a "did you mean" list. */
  suggest(term: string, limit = 5): string[] {
    return this.parts.names.suggest(term, limit);
  }

  /** The redirects a term names when they go round in a loop (A → B → A), else undefined. */
  redirectLoop(term: string): readonly string[] | undefined {
    return this.parts.names.redirectLoop(term);
  }

  /** Words of the wiki's names a letter or two from the words of a search that found nothing. */
  closeWords(text: string, limit = 5): string[] {
    return this.parts.names.closeWords(text, limit);
  }

  /** The plain text of one section of an article. */
  sectionText(article: Article, section: Section): string {
    return this.parts.sections.sectionText(article, section);
  }

  /** Autocomplete of page and concept names, or of speakers: at most `limit`, no duplicates. */
  complete(kind: CompletionKind, prefix: string, limit = 25): string[] {
    return kind === 'speakers' ? this.parts.quoteFinder.completeSpeaker(prefix, limit) : this.parts.names.complete(prefix, limit);
  }

  /** Quotations by a speaker (full name or surname), or else about a topic. Best first. */
  quotes(query: string): QuoteResult {
    return this.parts.quoteFinder.quotes(query);
  }

  /** Sections across the wiki that best match the text, one hit per section, best first; the
   *  page the text names (by title, redirect, alias, acronym or variant) first. */
  search(text: string, limit = 5): SearchResult {
    return this.parts.sections.search(text, limit, this.parts.names.namedPage(cleanQuery(text).bare));
  }

  /** Related concepts with the reason each is related, strongest first (up to `limit`), or
   *  undefined when the term names nothing. */
  related(term: string, limit = 10): RelatedResult | undefined {
    const resolution = this.resolve(term);
    return resolution && this.parts.relatedFinder.related(resolution, limit);
  }
}
