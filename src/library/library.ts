// The Library: every article, quote and concept of the wiki, indexed once and then
// read-only. A new content version builds a new Library and swaps it in whole, so its answers
// never change after construction (what does change is a cache of page text and /related's
// scratch counters, neither visible outside). It answers typed questions and never formats.
import flexsearch from 'flexsearch';
import { SECTION_SEP, type Article, type Concept, type Content, type Section } from '../wiki/model.js';
import { pageTerms, searchTerms, unpackTerms, type PageTerms } from '../wiki/parse/search-terms.js';
import { pageUrl, withAnchor } from '../wiki/page-url.js';
import { excerpter } from './excerpt.js';
import { normalizeKey } from './normalize.js';
import { PageTexts } from './page-text.js';
import { decodePostings, encodePostings, importPostings, PostingsBuilder, searchAll, type Postings } from './postings.js';
import { similarity } from './similarity.js';
import { carryPostings, type CarrySource, type PostingIndexData } from './carry-postings.js';
import type {
  CompletionKind,
  IndexChunk,
  IndexName,
  IndexShape,
  LibraryStats,
  MatchHow,
  QuoteHit,
  QuoteResult,
  RelatedItem,
  RelatedResult,
  Resolution,
  SavedIndexes,
  SearchHit,
  SearchResult,
} from './types.js';

const { Index, Charset } = flexsearch;

export interface BuildOptions {
  baseUrl: string;
  /** Saved indexes to load instead of building, used when their shape matches. */
  saved?: SavedIndexes;
  /** The Library this one replaces (a reload): the section and quote lists are carried over
   *  from it, and only pages that are not the same objects in both are indexed from terms. */
  previous?: Library;
}
type FlexIndex = InstanceType<typeof Index>;

/** For text that is already a space-separated list of distinct encoded terms: flexsearch
 *  accepts any object with an `encode` method as the encoder. */
const PRE_ENCODED = { encode: (terms: string): string[] => (terms ? terms.split(' ') : []) } as unknown as InstanceType<typeof flexsearch.Encoder>;

/** flexsearch's default, written out because the posting builders must use the same. */
const RESOLUTION = 9;

/** The indexes whose posting lists postings.ts builds (the rest are flexsearch-built). */
type PostingIndex = 'sections' | 'quotes';

/** A name a user may type: a title, an alias, a redirect or a concept term. */
interface Name {
  display: string;
  key: string;
  article?: Article;
  concept?: ConceptEntry;
  how: 'exact' | 'alias' | 'concept';
}

interface ConceptEntry {
  concept: Concept;
  listedIn: Article;
}

interface SectionRef {
  article: Article;
  section?: Section;
}

/** A fuzzy match must be at least this close to count as "what you meant". */
const FUZZY_MIN = 0.7;
/** Categories larger than this say little about relatedness and cost a lot to scan. */
const CATEGORY_SCAN_MAX = 300;

export class Library {
  readonly articles: readonly Article[];
  readonly stats: LibraryStats;
  readonly baseUrl: string;
  /** When this Library was built (for "how fresh" without a reloader, e.g. one-shot `ask`). */
  readonly builtAt = new Date();

  private readonly byKey = new Map<string, Name>();
  private readonly conceptsByKey = new Map<string, ConceptEntry[]>();
  private readonly names: Name[] = [];
  /** Name indexes sorted by key, for prefix completion by binary search. */
  private readonly sortedNames: number[];
  private wordIndex!: FlexIndex;
  private soundIndex!: FlexIndex;

  private readonly sectionRefs: SectionRef[] = [];
  private sectionIndex!: FlexIndex;
  /** Scratch for searchAll over the section and quote indexes, one byte per entry. */
  private readonly sectionMarks: Uint8Array;
  private readonly quoteMarks: Uint8Array;

  private readonly quoteHits: QuoteHit[] = [];
  private quoteIndex!: FlexIndex;
  private readonly quotesBySpeakerKey = new Map<string, number[]>();
  private readonly speakers: { display: string; key: string; count: number }[] = [];
  private speakerSound!: FlexIndex;

  private readonly backLinks = new Map<string, Article[]>();
  /** Section text for excerpts, with pages kept inflated (a bounded cache). */
  private readonly pageTexts: PageTexts;
  /** /related's per-call tally of the categories each article (by position in `articles`)
   *  shares with the subject, and the positions it touched, zero between calls (related() is
   *  synchronous). A subject in big categories meets hundreds of pages that share nothing
   *  else with it; giving each a candidate in the accumulator allocated ~260 KB per call, and
   *  the garbage collections that brought set the p99 of every command. */
  private readonly sharedTally: Float64Array;
  private readonly sharedTouched: Int32Array;
  /** Each article's position in `articles`. */
  private readonly articleIds = new Map<Article, number>();
  /** Each article's place in title order (by position), so ranking hundreds of tied
   *  candidates compares numbers rather than titles. */
  private readonly titleRank: Int32Array;
  /** Whether the search indexes came from saved indexes rather than from the page terms. */
  readonly imported: boolean;
  /** Category key → its members' positions in `articles`, each once, ascending. */
  private readonly byCategory = new Map<string, number[]>();

  /** normalizeKey of every name, link target and category in the content, computed once while
   *  building: at query time the same strings come back again and again (a /related walks
   *  every link of a page), and normalizing them was most of its time. */
  private readonly keyMemo: Map<string, string>;
  private building = true;
  /** The section and quote lists of a build, kept (by reference: flexsearch holds the same
   *  arrays) until exportIndexes() saves them. */
  private built?: Record<PostingIndex, Postings>;

  /** The flexsearch indexes by name, for saving and loading them (see SavedIndexes). */
  private get flexIndexes(): Record<IndexName, FlexIndex> {
    return { words: this.wordIndex, sounds: this.soundIndex, sections: this.sectionIndex, quotes: this.quoteIndex, speakers: this.speakerSound };
  }

  /** How many entries each index numbers; saved indexes must have been built over the same. */
  get shape(): IndexShape {
    return { names: this.names.length, sections: this.sectionRefs.length, quotes: this.quoteHits.length, speakers: this.speakers.length };
  }

  /** normalizeKey, memoized for the content's own strings (user input is not stored). */
  keyOf(text: string): string {
    let key = this.keyMemo.get(text);
    if (key === undefined) {
      key = normalizeKey(text);
      if (this.building) this.keyMemo.set(text, key);
    }
    return key;
  }

  /** Builds the Library over the content. With `saved` indexes of the same shape, the
   *  search indexes are loaded from them instead of being built from the page terms. */
  static build(content: Pick<Content, 'articles' | 'redirects' | 'terms'>, opts: BuildOptions): Library {
    return new Library(content, opts);
  }

  private constructor(content: Pick<Content, 'articles' | 'redirects' | 'terms'>, opts: BuildOptions) {
    this.baseUrl = opts.baseUrl;
    // normalizeKey is pure, so a reload shares the memo of the Library it replaces: most of the
    // names and link targets it meets are the same strings.
    this.keyMemo = opts.previous?.keyMemo ?? new Map();
    this.articles = content.articles;
    this.pageTexts = new PageTexts(content.articles);
    this.sharedTally = new Float64Array(content.articles.length);
    this.sharedTouched = new Int32Array(content.articles.length);
    this.titleRank = titleRanks(content.articles);
    this.createIndexes();

    content.articles.forEach((article, id) => {
      this.articleIds.set(article, id);
      this.addArticle(article, id);
    });
    for (const r of content.redirects) {
      const target = this.byKey.get(this.keyOf(r.to));
      if (target?.article) this.addName({ display: r.from, key: this.keyOf(r.from), article: target.article, how: 'alias' });
    }
    for (const article of content.articles) this.addConcepts(article);
    this.collectSpeakers();
    this.sectionMarks = new Uint8Array(this.sectionRefs.length);
    this.quoteMarks = new Uint8Array(this.quoteHits.length);

    this.imported = opts.saved !== undefined && sameShape(opts.saved.shape, this.shape) && this.importIndexes(opts.saved);
    if (!this.imported) this.indexAll(content, opts.previous);
    // Each page's terms are garbage once indexed (or never needed); let them go.
    if (content.terms) content.terms.length = 0;

    this.building = false;
    this.sortedNames = this.names.map((_, i) => i).sort((a, b) => cmp(this.names[a]!.key, this.names[b]!.key));

    let links = 0;
    for (const a of content.articles) links += a.links.length;
    this.stats = {
      articles: content.articles.length,
      redirects: content.redirects.length,
      sections: this.sectionRefs.length,
      quotes: this.quoteHits.length,
      concepts: this.conceptsByKey.size,
      links,
    };
  }

  // ---- building -------------------------------------------------------------------

  private addName(name: Name): void {
    if (!name.key || this.byKey.has(name.key)) return;
    this.byKey.set(name.key, name);
    this.names.push(name);
  }

  private addArticle(article: Article, id: number): void {
    this.addName({ display: article.title, key: this.keyOf(article.title), article, how: 'exact' });
    for (const alias of article.aliases) this.addName({ display: alias, key: this.keyOf(alias), article, how: 'alias' });
    // The slug is how other pages link here ("Workers%27_Self-Management" style names).
    this.addName({ display: article.title, key: this.keyOf(article.slug), article, how: 'exact' });

    this.sectionRefs.push({ article });
    for (const section of article.sections) this.sectionRefs.push({ article, section });
    for (const quote of article.quotes) this.quoteHits.push({ quote, article });
    const seen = new Set<string>();
    for (const link of article.links) {
      const key = this.keyOf(link.target);
      if (seen.has(key)) continue;
      seen.add(key);
      push(this.backLinks, key, article);
    }
    const categories = new Set(article.categories.map((c) => this.keyOf(c)));
    for (const key of categories) push(this.byCategory, key, id);
  }

  private addConcepts(article: Article): void {
    for (const concept of article.concepts) {
      const entry: ConceptEntry = { concept, listedIn: article };
      const key = this.keyOf(concept.term);
      push(this.conceptsByKey, key, entry);
      if (concept.target) push(this.conceptsByKey, this.keyOf(concept.target), entry);
      // A concept whose page exists is that page; otherwise the term itself is a name.
      if (!this.byKey.has(key)) this.addName({ display: concept.term, key, concept: entry, how: 'concept' });
    }
  }

  /** Fills the search indexes; ids are positions in names, sectionRefs, quoteHits and speakers,
   *  which the build has already laid out in content order. */
  private indexAll(content: Pick<Content, 'articles' | 'terms'>, previous?: Library): void {
    this.names.forEach((name, id) => {
      this.wordIndex.add(id, name.display);
      this.soundIndex.add(id, name.display);
    });
    this.built = previous ? carryPostings(previous.postingSource(), content, RESOLUTION) : this.buildPostings(content);
    importPostings(this.sectionIndex, this.built.sections);
    importPostings(this.quoteIndex, this.built.quotes);
    this.speakers.forEach((s, id) => this.speakerSound.add(id, s.display));
  }

  /** The section and quote lists as flexsearch holds them, for the next Library to carry over. */
  private postingSource(): CarrySource {
    const data = (index: FlexIndex) => index as unknown as PostingIndexData;
    return { articles: this.articles, sections: data(this.sectionIndex), quotes: data(this.quoteIndex) };
  }

  private buildPostings(content: Pick<Content, 'articles' | 'terms'>): Record<PostingIndex, Postings> {
    const sections = new PostingsBuilder(RESOLUTION);
    const quotes = new PostingsBuilder(RESOLUTION);
    let section = 0;
    let quote = 0;
    content.articles.forEach((article, i) => {
      const packed = content.terms?.[i];
      const terms: PageTerms = packed ? unpackTerms(packed, article.sections.length) : pageTerms(article);
      // Freed page by page: together the terms are tens of MB at 10,000 pages.
      if (packed) content.terms![i] = undefined;
      sections.add(section++, terms.lead);
      for (const t of terms.sections) sections.add(section++, t);
      for (const t of terms.quotes) quotes.add(quote++, t);
    });
    return { sections: sections.finish(), quotes: quotes.finish() };
  }

  private createIndexes(): void {
    this.wordIndex = new Index({ tokenize: 'forward', encoder: Charset.Normalize });
    this.soundIndex = new Index({ tokenize: 'strict', encoder: Charset.LatinSoundex });
    // Section and quote text arrive already encoded (wiki/parse/search-terms.ts), and queries are encoded
    // the same way before searching, so these indexes only split on spaces.
    this.sectionIndex = new Index({ tokenize: 'strict', encoder: PRE_ENCODED, resolution: RESOLUTION });
    this.quoteIndex = new Index({ tokenize: 'strict', encoder: PRE_ENCODED, resolution: RESOLUTION });
    this.speakerSound = new Index({ tokenize: 'strict', encoder: Charset.LatinSoundex });
  }

  /** Loads saved indexes; on any failure, leaves empty indexes to be built instead. */
  private importIndexes(saved: SavedIndexes): boolean {
    const indexes = this.flexIndexes;
    try {
      for (const chunk of saved.chunks) {
        const index = indexes[chunk.index];
        if (!index) throw new Error(`unknown index ${chunk.index}`);
        if (typeof chunk.data === 'string') index.import(chunk.key, chunk.data);
        else importPostings(index, { entries: decodePostings(chunk.data) });
      }
      return true;
    } catch {
      this.createIndexes();
      return false;
    }
  }

  /** Every index's content as chunks for SavedIndexes: flexsearch's own export for the name
   *  indexes, the binary posting lists for sections and quotes. Only a Library that built its
   *  indexes has the lists at hand, once: they are let go as they are handed out. */
  exportIndexes(): { count: number; chunks: Iterable<IndexChunk> } {
    const built = this.built;
    if (!built) throw new Error('only a freshly built Library can export its indexes');
    this.built = undefined;
    const named: IndexChunk[] = [];
    for (const name of ['words', 'sounds', 'speakers'] as const) {
      this.flexIndexes[name].export((key: string, data: string) => named.push({ index: name, key, data }));
    }
    const lists = (['sections', 'quotes'] as const).map((name) => ({ name, reg: JSON.stringify(built[name].reg), ...encodePostings(built[name].entries) }));
    function* chunks(): Generator<IndexChunk> {
      yield* named.splice(0);
      for (const list of lists) {
        yield { index: list.name, key: 'reg', data: list.reg };
        for (const data of list.chunks) yield { index: list.name, key: 'postings', data };
      }
    }
    return { count: named.length + lists.reduce((n, l) => n + 1 + l.count, 0), chunks: chunks() };
  }

  private collectSpeakers(): void {
    const bySpeaker = new Map<string, { display: string; key: string; count: number }>();
    this.quoteHits.forEach((hit, id) => {
      const speaker = hit.quote.speaker;
      if (!speaker) return;
      const full = this.keyOf(speaker);
      if (!full) return;
      const tokens = full.split(' ');
      const keys = new Set([full, tokens[tokens.length - 1]!]);
      for (const key of keys) push(this.quotesBySpeakerKey, key, id);
      const s = bySpeaker.get(full) ?? { display: speaker, key: full, count: 0 };
      s.count++;
      bySpeaker.set(full, s);
    });
    // Best quotations first (a source link, a work, a year), once here rather than per query:
    // a prolific speaker can have thousands.
    // Each quotation's quality computed once: a sort compares it ~20 times (reloads rebuild this).
    const rank = Uint8Array.from(this.quoteHits, quality);
    for (const ids of this.quotesBySpeakerKey.values()) ids.sort((a, b) => rank[b]! - rank[a]!);
    // Most quoted first: the order autocomplete offers them in.
    this.speakers.push(...[...bySpeaker.values()].sort((a, b) => b.count - a.count || cmp(a.key, b.key)));
  }

  // ---- lookups --------------------------------------------------------------------

  /** The article with this exact title, alias or slug (normalized), if any. */
  article(title: string): Article | undefined {
    return this.byKey.get(this.keyOf(title))?.article;
  }

  /** Public URL of a page name, whether or not the page is in this content. */
  urlFor(pageName: string, anchor?: string): string {
    const article = this.article(pageName);
    return article ? withAnchor(article.url, anchor) : pageUrl(this.baseUrl, pageName.replace(/ /g, '_'), anchor);
  }

  /** Exact title or alias, then a concept, then a section heading, then the closest name. */
  resolve(term: string): Resolution | undefined {
    const key = normalizeKey(term);
    if (!key) return undefined;
    const exact = this.byKey.get(key);
    if (exact?.article) return { how: exact.how as MatchHow, article: exact.article, matched: exact.article.title };
    const concepts = this.conceptsByKey.get(key);
    if (concepts?.length) {
      const entry = concepts[0]!;
      const article = entry.concept.target ? this.article(entry.concept.target) : undefined;
      if (article) return { how: 'alias', article, matched: article.title };
      return { how: 'concept', concept: entry, matched: entry.concept.term };
    }
    const best = this.closestNames(key, 1, FUZZY_MIN)[0];
    if (best) {
      const name = best.name;
      if (name.article) return { how: 'fuzzy', article: name.article, matched: name.article.title };
      if (name.concept) return { how: 'fuzzy', concept: name.concept, matched: name.concept.concept.term };
    }
    return undefined;
  }

  /** Names the user may have meant, best first, for a "did you mean" list. */
  suggest(term: string, limit = 5): string[] {
    const key = normalizeKey(term);
    if (!key) return [];
    const out: string[] = [];
    const seen = new Set<string>();
    const add = (title: string) => {
      const k = normalizeKey(title);
      if (!seen.has(k) && out.length < limit) {
        seen.add(k);
        out.push(title);
      }
    };
    for (const { name } of this.closestNames(key, limit * 2, 0.4)) add(displayOf(name));
    for (const ref of this.sectionsWith(searchTerms(term), limit)) add(ref.article.title);
    return out;
  }

  /** Candidate names for a key from the word-prefix and phonetic indexes scoring at least
   *  `min`, ranked by closeness. */
  private closestNames(key: string, limit: number, min: number): { name: Name; score: number }[] {
    const ids = new Set<number>();
    for (const id of this.soundIndex.search(key, { limit: 30, suggest: true }) as number[]) ids.add(id);
    for (const id of this.wordIndex.search(key, { limit: 30, suggest: true }) as number[]) ids.add(id);
    const scored: { name: Name; score: number }[] = [];
    for (const id of ids) {
      const name = this.names[id]!;
      const score = nameScore(key, name.key, min);
      if (score >= min) scored.push({ name, score });
    }
    scored.sort((a, b) => b.score - a.score || a.name.key.length - b.name.key.length);
    return scored.slice(0, limit);
  }

  /** Quotations by a speaker (full name or surname), or else about a topic. Best first. */
  quotes(query: string): QuoteResult {
    const key = normalizeKey(query);
    if (!key) return this.quoteResult('topic', []);
    let ids = this.quotesBySpeakerKey.get(key);
    if (!ids) {
      // A misspelt speaker ("kropotkn"): the closest speaker name by sound and spelling.
      const candidates = this.speakerSound.search(key, { limit: 10 }) as number[];
      const best = candidates
        .map((id) => this.speakers[id]!)
        .map((s) => ({ s, score: Math.max(nameScore(key, s.key), nameScore(key, lastToken(s.key))) }))
        .sort((a, b) => b.score - a.score)[0];
      if (best && best.score >= 0.75) ids = this.quotesBySpeakerKey.get(best.s.key);
    }
    if (ids) return this.quoteResult('speaker', ids);
    return this.quoteResult('topic', searchEncoded(this.quoteIndex, searchTerms(query), 50, this.quoteMarks));
  }

  private quoteResult(how: QuoteResult['how'], ids: readonly number[]): QuoteResult {
    const hits = this.quoteHits;
    return { how, total: ids.length, at: (i) => (i >= 0 && i < ids.length ? hits[ids[i]!] : undefined) };
  }

  /** Sections across the wiki that best match the text, one hit per section, best first: those
   *  with every word, or when there are none, the best for each word in turn. */
  search(text: string, limit = 5): SearchResult {
    const terms = searchTerms(text);
    let refs = this.sectionsWith(terms, limit);
    const allWords = refs.length > 0 || !terms.includes(' ');
    // One search per word rather than flexsearch's `suggest` (sections ranked by how many of
    // the words they have): at 10,000 pages that search allocates ~70 KB per call, and the
    // garbage collections it brings set /search's p99; a one-word search allocates ~2 KB.
    if (!allWords) refs = interleave(terms.split(' ').slice(0, 8).map((term) => this.sectionsWith(term, limit)), limit);
    const hits: SearchHit[] = [];
    const excerpt = excerpter(text, 200);
    for (const ref of refs) {
      const body = ref.section ? this.pageTexts.section(ref.article, ref.section) : ref.article.lead || ref.article.summary;
      hits.push({
        article: ref.article,
        section: ref.section,
        url: withAnchor(ref.article.url, ref.section?.anchor),
        excerpt: excerpt(body),
      });
    }
    return { hits, allWords };
  }

  /** The best `limit` sections with every one of the encoded search terms, without excerpts. */
  private sectionsWith(terms: string, limit: number): SectionRef[] {
    return searchEncoded(this.sectionIndex, terms, limit, this.sectionMarks).map((id) => this.sectionRefs[id]!);
  }

  /** One bare flexsearch query on the section index: the benchmark's yardstick for commands. */
  rawSearch(text: string): number {
    return (this.sectionIndex.search(searchTerms(text), { limit: 15 }) as number[]).length;
  }

  /** Related concepts with the reason each is related, strongest first (up to `limit`). */
  related(term: string, limit = 10): RelatedResult | undefined {
    const resolution = this.resolve(term);
    if (!resolution) return undefined;
    const acc = new RelatedAccumulator(this);
    const subject = resolution.article?.title ?? resolution.matched;
    const subjectKey = this.keyOf(subject);
    const subjectKeys = new Set([subjectKey]);
    if (resolution.article) {
      subjectKeys.add(this.keyOf(resolution.article.slug));
      for (const alias of resolution.article.aliases) subjectKeys.add(this.keyOf(alias));
    }
    // Candidates are keyed by article where the page exists (see RelatedAccumulator).
    const exclude = new Set<Article | string>();
    for (const k of subjectKeys) exclude.add(this.byKey.get(k)?.article ?? k);

    // Listed together: where the subject appears as a `Term - description` item.
    const listings = new Set<ConceptEntry>();
    for (const key of subjectKeys) for (const e of this.conceptsByKey.get(key) ?? []) listings.add(e);
    for (const entry of listings) {
      const where = entry.concept.section ? ` under "${lastSegment(entry.concept.section)}"` : '';
      acc.add(entry.listedIn, 10, `lists ${subject}${where}`);
      const together = `listed together${where} in ${entry.listedIn.title}`;
      for (const other of entry.listedIn.concepts) {
        if (other === entry.concept || other.section !== entry.concept.section) continue;
        acc.add(other.target ?? other.term, 8, together);
      }
    }

    const article = resolution.article;
    if (article) {
      for (const c of article.concepts) {
        const where = c.section ? `under "${lastSegment(c.section)}"` : 'as a related concept';
        acc.add(c.target ?? c.term, 9, `listed ${where}`);
      }
      const backs = new Set<Article>();
      for (const key of subjectKeys) for (const a of this.backLinks.get(key) ?? []) backs.add(a);
      for (const a of backs) acc.add(a, 4, 'links here');
      const linkedFrom = `linked from ${article.title}`;
      for (const link of article.links) acc.add(link.target, 3, linkedFrom);
      const mentions = new Set<Article>();
      for (const hit of this.sectionsWith(searchTerms(article.title), 6)) if (hit.article !== article) mentions.add(hit.article);
      this.addSharedCategories(article, acc, { mentions, exclude, limit });
      for (const a of mentions) acc.add(a, 1, `mentions ${article.title}`);
    } else {
      for (const key of subjectKeys) for (const a of this.backLinks.get(key) ?? []) acc.add(a, 4, `links to ${subject}`);
    }
    return {
      subject,
      url: article?.url ?? (resolution.concept?.concept.target ? this.urlFor(resolution.concept.concept.target) : undefined),
      how: resolution.how,
      items: acc.top(limit, exclude),
    };
  }

  /** "same category" reasons. A page already a candidate gets one per shared category; of the
   *  pages related only by categories, just the few that can still place are added, ranked as
   *  the accumulator would rank them: 2 for the first shared category, 1 for each further one,
   *  ½ for a mention (added after), then by title. */
  private addSharedCategories(article: Article, acc: RelatedAccumulator, opts: { mentions: ReadonlySet<Article>; exclude: ReadonlySet<Article | string>; limit: number }): void {
    const categories: { key: string; why: string; members: readonly number[] }[] = [];
    const tally = this.sharedTally;
    const touched = this.sharedTouched;
    for (const category of article.categories) {
      const key = this.keyOf(category);
      const members = this.byCategory.get(key) ?? [];
      if (members.length > CATEGORY_SCAN_MAX || categories.some((c) => c.key === key)) continue;
      categories.push({ key, why: `same category: ${category}`, members });
    }
    // A page related only by categories scores at most 2 + 1 for each further category + ½.
    // When `limit` candidates already score more, none of those pages can place: only the
    // candidates' own category reasons are left to add (the usual case on a well-linked wiki).
    if (acc.nthBest(opts.limit, opts.exclude) > categories.length + 1.5) {
      acc.forEachArticle((m) => addCategoryReasons(m, this.articleIds.get(m)!, categories, acc));
      return;
    }
    let n = 0;
    for (const { members } of categories) for (const id of members) if (tally[id]++ === 0) touched[n++] = id;
    const best: number[] = [];
    const rank = this.titleRank;
    const before = (a: number, b: number) => tally[a]! > tally[b]! || (tally[a] === tally[b] && rank[a]! < rank[b]!);
    for (let t = 0; t < n; t++) {
      const id = touched[t]!;
      const m = this.articles[id]!;
      if (m === article || opts.exclude.has(m)) continue;
      if (acc.has(m)) addCategoryReasons(m, id, categories, acc);
      else {
        tally[id] = tally[id]! + 1 + (opts.mentions.has(m) ? 0.5 : 0);
        keepBest(best, id, opts.limit, before);
      }
    }
    for (let t = 0; t < n; t++) tally[touched[t]!] = 0;
    for (const id of best) addCategoryReasons(this.articles[id]!, id, categories, acc);
  }

  /** Autocomplete: exact, then prefix, then word-prefix, then fuzzy; at most `limit`, no duplicates. */
  complete(kind: CompletionKind, prefix: string, limit = 25): string[] {
    const key = normalizeKey(prefix);
    const out: string[] = [];
    const seen = new Set<string>();
    const add = (display: string) => {
      const k = this.keyOf(display);
      if (out.length < limit && !seen.has(k)) {
        seen.add(k);
        out.push(display);
      }
    };
    if (kind === 'speakers') {
      const ranked = this.speakers;
      if (!key) ranked.forEach((s) => add(s.display));
      for (const s of ranked) if (s.key === key || lastToken(s.key) === key) add(s.display);
      for (const s of ranked) if (s.key.startsWith(key)) add(s.display);
      for (const s of ranked) if (s.key.split(' ').some((t) => t.startsWith(key))) add(s.display);
      if (out.length < limit && key.length >= 3) {
        const fuzzy = (this.speakerSound.search(key, { limit: limit }) as number[]).map((id) => this.speakers[id]!);
        for (const s of fuzzy) if (nameScore(key, s.key) >= 0.5 || nameScore(key, lastToken(s.key)) >= 0.6) add(s.display);
      }
      return out;
    }
    const exact = this.byKey.get(key);
    if (exact) add(displayOf(exact));
    // Prefix: binary search to the first key >= prefix, then walk while keys start with it.
    let lo = 0;
    let hi = this.sortedNames.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(this.names[this.sortedNames[mid]!]!.key, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sortedNames.length && out.length < limit; i++) {
      const name = this.names[this.sortedNames[i]!]!;
      if (!name.key.startsWith(key)) break;
      add(displayOf(name));
    }
    if (key && out.length < limit) {
      for (const id of this.wordIndex.search(key, { limit }) as number[]) add(displayOf(this.names[id]!));
    }
    if (key.length >= 3 && out.length < limit) {
      for (const { name } of this.closestNames(key, limit, 0.5)) add(displayOf(name));
    }
    return out;
  }
}

/** Collects related candidates, merging reasons for the same page. */
class RelatedAccumulator {
  /** By article, or by normalized name for a page that has no article here (a subject in a big
   *  category adds hundreds of articles, and keying them by name was most of the time). */
  private readonly items = new Map<Article | string, { title: string; score: number; why: string[] }>();
  constructor(private readonly library: Library) {}

  has(page: Article): boolean {
    return this.items.has(page);
  }

  forEachArticle(fn: (article: Article) => void): void {
    this.items.forEach((_, key) => {
      if (typeof key !== 'string') fn(key);
    });
  }

  /** The score of the `n`th best item not excluded, or -Infinity when there are fewer. */
  nthBest(n: number, exclude: ReadonlySet<Article | string>): number {
    const best: number[] = [];
    this.items.forEach((item, key) => {
      if (!exclude.has(key)) keepBest(best, item.score, n, (a, b) => a > b);
    });
    return best.length === n && n > 0 ? best[n - 1]! : -Infinity;
  }

  /** A page of the wiki (an Article), or a page name that may have no article here. */
  add(page: Article | string, score: number, why: string): void {
    const article = typeof page === 'string' ? this.library.article(page) : page;
    const key = article ?? this.library.keyOf(page as string);
    if (!key) return;
    let item = this.items.get(key);
    if (!item) this.items.set(key, (item = { title: article?.title ?? (page as string), score: 0, why: [] }));
    // Several reasons of one kind add little; a new kind of reason adds its full weight.
    if (!item.why.includes(why)) {
      item.score += item.why.length ? score * 0.5 : score;
      item.why.push(why);
    }
  }

  /** The best `limit` items, strongest first, then by title. */
  top(limit: number, exclude: ReadonlySet<Article | string>): RelatedItem[] {
    type Item = { title: string; score: number; why: string[] };
    const before = (a: Item, b: Item) => a.score > b.score || (a.score === b.score && a.title < b.title);
    const best: Item[] = [];
    // forEach, not for-of: destructuring entries allocates an array per item.
    this.items.forEach((item, key) => {
      if (!exclude.has(key)) keepBest(best, item, limit, before);
    });
    return best.map((v) => ({ title: v.title, url: this.library.urlFor(v.title), why: v.why.slice(0, 3).join('; ') }));
  }
}

/** How close a name's key is to the query, 0 to 1; below `min` it is only known to be below. */
function nameScore(query: string, key: string, min = 0): number {
  // A query that is the start of a longer name ("dual pow") is close to it.
  const prefix = key.startsWith(query) ? 0.6 + 0.4 * (query.length / key.length) : 0;
  return Math.max(similarity(query, key, Math.max(min, prefix)), prefix);
}

function quality(hit: QuoteHit): number {
  const q = hit.quote;
  return (q.source ? 4 : 0) + (q.work ? 2 : 0) + (q.year ? 1 : 0) + (q.kind === 'blockquote' ? 1 : 0);
}

function displayOf(name: Name): string {
  return name.how === 'concept' ? name.display : (name.article?.title ?? name.display);
}

function lastToken(key: string): string {
  const i = key.lastIndexOf(' ');
  return i < 0 ? key : key.slice(i + 1);
}

function lastSegment(path: string): string {
  const parts = path.split(SECTION_SEP);
  return parts[parts.length - 1]!;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sameShape(a: IndexShape, b: IndexShape): boolean {
  return a.names === b.names && a.sections === b.sections && a.quotes === b.quotes && a.speakers === b.speakers;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A "same category" reason for each of the categories the article (at position `id`) is in. */
function addCategoryReasons(article: Article, id: number, categories: readonly { why: string; members: readonly number[] }[], acc: RelatedAccumulator): void {
  for (const c of categories) if (includesSorted(c.members, id)) acc.add(article, 2, c.why);
}

function includesSorted(sorted: readonly number[], x: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo] === x;
}

/** Each article's place in title order; equal titles share a place. */
function titleRanks(articles: readonly Article[]): Int32Array {
  const ranks = new Int32Array(articles.length);
  const order = articles.map((_, i) => i).sort((a, b) => cmp(articles[a]!.title, articles[b]!.title));
  order.forEach((id, i) => (ranks[id] = i > 0 && articles[order[i - 1]!]!.title === articles[id]!.title ? ranks[order[i - 1]!]! : i));
  return ranks;
}

/** flexsearch's search of encoded terms, with several terms intersected by searchAll. */
function searchEncoded(index: FlexIndex, terms: string, limit: number, marks: Uint8Array): number[] {
  if (!terms) return [];
  return (terms.includes(' ') && searchAll(index, terms.split(' '), limit, marks)) || (index.search(terms, { limit }) as number[]);
}

/** Offers `item` to `best`, the best `limit` so far in order: candidates for ten places often
 *  number hundreds, and keeping the ten best as they come is several times cheaper than
 *  sorting them all. */
function keepBest<T>(best: T[], item: T, limit: number, before: (a: T, b: T) => boolean): void {
  if (limit <= 0 || (best.length === limit && !before(item, best[limit - 1]!))) return;
  let i = Math.min(best.length, limit - 1);
  if (best.length < limit) best.push(item);
  while (i > 0 && before(item, best[i - 1]!)) {
    best[i] = best[i - 1]!;
    i--;
  }
  best[i] = item;
}

/** The first of each list, then the second of each, and so on, each item once, up to `limit`. */
function interleave<T>(lists: readonly T[][], limit: number): T[] {
  const out = new Set<T>();
  for (let i = 0; out.size < limit && lists.some((l) => i < l.length); i++) {
    for (const list of lists) if (i < list.length && out.size < limit) out.add(list[i]!);
  }
  return [...out];
}
