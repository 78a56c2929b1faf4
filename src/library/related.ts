// /related: the pages and concepts related to a subject, each with the reasons it is related,
// strongest first. Strong reasons come first: listed with it, linked from or to it, linking to
// the same pages, mentioning it. Pages related only by a shared category (or a link or two in
// common) follow, ranked by how similar they are. Every item links to a page of the wiki, or,
// for a concept with no page of its own, to the section of the page that lists it.
import { SECTION_SEP, type Article } from '../wiki/model.js';
import { withAnchor } from '../wiki/page-url.js';
import { searchTerms } from '../wiki/parse/search-terms.js';
import type { ContentKeys } from './keys.js';
import { byCodeUnits } from './lists.js';
import type { Names } from './names.js';
import { isArticleName } from './page-kinds.js';
import { RelatedGraph, type GraphCategory } from './related-graph.js';
import { Scratch } from './scratch.js';
import type { SectionSearch } from './search.js';
import type { ConceptEntry, RelatedItem, RelatedResult, Resolution } from './types.js';

/** What /related reads from the rest of the Library. */
export interface RelatedSources {
  names: Pick<Names, 'article' | 'articleByKey' | 'listings'>;
  sections: Pick<SectionSearch, 'sectionsWith'>;
}

/** What each reason weighs, in full. A page found through links or text weighs less when it is
 *  a hub, and a list reason less when the list is very long (RelatedGraph.commonness). */
const LISTS_SUBJECT = 10;
const LISTED_BY_SUBJECT = 9;
const LISTED_TOGETHER = 8;
const LINKS_HERE = 4;
const LINKED_FROM = 3;
const SHARED_LINKS = 2;
const MENTIONS = 1;

/** Reason bits of an article candidate (Tally.flags). */
const R_LISTED = 1;
const R_LINKS_HERE = 2;
const R_LINKED_FROM = 4;
const R_MENTIONS = 8;
const R_SHARED_LINKS = 16;
const STRONG_REASONS = R_LISTED | R_LINKS_HERE | R_LINKED_FROM | R_MENTIONS | R_SHARED_LINKS;
/** The subject itself, or a page one of its names names: never an item. */
const EXCLUDED = 32;
/** A strong reason, set when ranking; and "in `touched`". */
const STRONG = 64;
const TOUCHED = 128;

/** Per call, what each article (by position) has in common with the subject; all zero between
 *  calls. Typed arrays rather than a candidate object per page: a subject in big categories
 *  meets hundreds of pages that share nothing else with it. */
interface Tally {
  /** IDF² of the categories, and of the link targets, the page shares with the subject. */
  categories: Float64Array;
  links: Float64Array;
  /** The page's strong reasons: their weights' sum and the largest; once ranked, `top` holds
   *  the page's score. */
  sum: Float64Array;
  top: Float64Array;
  flags: Uint8Array;
  touched: Int32Array;
}

/** A concept with no page of its own, related by a list or a link. */
interface ConceptCandidate {
  title: string;
  /** Where it is listed: its item links to that page's section. */
  entry: ConceptEntry;
  sum: number;
  top: number;
  why: string[];
}

type Candidate = number | ConceptCandidate;

/** What every /related call reads, built once. */
interface Wiki {
  articles: readonly Article[];
  graph: RelatedGraph;
  keys: ContentKeys;
  from: RelatedSources;
  /** Each article's position in `articles`. */
  ids: ReadonlyMap<Article, number>;
  /** Each article's place in title order (by position): exact ties of score are shown in
   *  title order, and comparing numbers is cheaper than comparing titles. */
  titleRank: Int32Array;
}

export class RelatedFinder {
  private readonly wiki: Wiki;
  private readonly tallies: Scratch<Tally>;

  constructor(articles: readonly Article[], keys: ContentKeys, from: RelatedSources) {
    const ids = new Map<Article, number>();
    for (const [id, article] of articles.entries()) ids.set(article, id);
    this.wiki = { articles, keys, from, ids, graph: new RelatedGraph(articles, ids, keys, from.names), titleRank: titleRanks(articles) };
    const n = articles.length;
    this.tallies = new Scratch(() => ({
      categories: new Float64Array(n),
      links: new Float64Array(n),
      sum: new Float64Array(n),
      top: new Float64Array(n),
      flags: new Uint8Array(n),
      touched: new Int32Array(n),
    }));
  }

  /** What relates to the resolved subject, with the reasons each is related, strongest first
   *  (up to `limit`). */
  related(resolution: Resolution, limit = 10): RelatedResult {
    const article = resolution.article;
    const subject = article?.title ?? resolution.matched;
    const url = article?.url ?? (resolution.concept ? conceptUrl(resolution.concept) : undefined);
    if (limit <= 0) return { subject, url, how: resolution.how, items: [] };
    // A call that throws keeps the tally, which is then never lent again (see Scratch).
    const tally = this.tallies.borrow();
    const items = new RelatedQuery(this.wiki, tally, resolution).run(limit);
    this.tallies.giveBack(tally);
    return { subject, url, how: resolution.how, items };
  }
}

/** One /related call: gathers the candidates and their reasons into the borrowed tally, ranks
 *  them, and leaves the tally zeroed. */
class RelatedQuery {
  private readonly subject: string;
  private readonly article: Article | undefined;
  /** The subject's position, or -1 for a concept with no page. */
  private readonly self: number;
  private readonly subjectKeys = new Set<string>();
  private touchedCount = 0;
  /** The list reasons of article candidates (their text names the list). */
  private readonly listedWhy = new Map<number, string[]>();
  private readonly concepts = new Map<string, ConceptCandidate>();
  /** The subject's compared categories, in its own order, and their names. */
  private readonly categories: GraphCategory[] = [];
  private readonly categoryNames: string[] = [];

  private readonly articles: readonly Article[];
  private readonly graph: RelatedGraph;
  private readonly keys: ContentKeys;
  private readonly from: RelatedSources;
  private readonly ids: ReadonlyMap<Article, number>;

  constructor(
    private readonly wiki: Wiki,
    private readonly tally: Tally,
    resolution: Resolution,
  ) {
    const { articles, graph, keys, from, ids } = wiki;
    this.articles = articles;
    this.graph = graph;
    this.keys = keys;
    this.from = from;
    this.ids = ids;
    this.article = resolution.article;
    this.subject = this.article?.title ?? resolution.matched;
    this.self = this.article ? ids.get(this.article)! : -1;
    this.subjectKeys.add(keys.of(this.subject));
    if (this.article) {
      this.subjectKeys.add(keys.of(this.article.slug));
      for (const alias of this.article.aliases) this.subjectKeys.add(keys.of(alias));
    } else if (resolution.concept?.concept.target) {
      this.subjectKeys.add(keys.of(resolution.concept.concept.target));
    }
    for (const key of this.subjectKeys) {
      const named = from.names.articleByKey(key);
      if (named) this.exclude(ids.get(named)!);
    }
    if (this.self >= 0) this.exclude(this.self);
  }

  run(limit: number): RelatedItem[] {
    const { names } = this.from;
    const { graph, subject, article } = this;

    // Listed together: where the subject appears as a `Term - description` item.
    const listings = new Set<ConceptEntry>();
    for (const key of this.subjectKeys) for (const e of names.listings(key)) listings.add(e);
    for (const entry of listings) {
      const where = entry.concept.section ? ` under "${lastSegment(entry.concept.section)}"` : '';
      const list = entry.listedIn.concepts.filter((c) => c.section === entry.concept.section);
      const w = graph.commonness(list.length);
      this.addArticle(this.ids.get(entry.listedIn)!, LISTS_SUBJECT * w, R_LISTED, `lists ${subject}${where}`);
      const together = `listed together${where} in ${entry.listedIn.title}`;
      for (const other of list) {
        if (other !== entry.concept) this.addConcept({ concept: other, listedIn: entry.listedIn }, LISTED_TOGETHER * w, together);
      }
    }

    if (article) {
      const s = this.self;
      if (article.concepts.length) {
        const sizes = new Map<string | undefined, number>();
        for (const c of article.concepts) sizes.set(c.section, (sizes.get(c.section) ?? 0) + 1);
        let why = '';
        article.concepts.forEach((c, i) => {
          // One reason string for each list, not for each item.
          if (i === 0 || c.section !== article.concepts[i - 1]!.section)
            why = `listed ${c.section ? `under "${lastSegment(c.section)}"` : 'as a related concept'}`;
          this.addConcept({ concept: c, listedIn: article }, LISTED_BY_SUBJECT * graph.commonness(sizes.get(c.section)!), why);
        });
      }
      const { inStart, inList } = graph;
      for (let k = inStart[s]!; k < inStart[s + 1]!; k++) this.addLinked(inList[k]!, LINKS_HERE, R_LINKS_HERE);
      const linkedFrom = `linked from ${article.title}`;
      for (const link of article.links) {
        const target = names.article(link.target);
        if (target) this.addLinked(this.ids.get(target)!, LINKED_FROM, R_LINKED_FROM);
        else this.addListedName(link.target, LINKED_FROM, linkedFrom);
      }
      for (const hit of this.from.sections.sectionsWith(searchTerms(article.title), 6))
        this.addLinked(this.ids.get(hit.article)!, MENTIONS, R_MENTIONS);
      this.tallyShared(s);
    } else {
      for (const key of this.subjectKeys)
        for (const id of graph.linksToMissing.get(key) ?? []) this.addLinked(id, LINKS_HERE, R_LINKS_HERE);
    }
    return this.top(limit);
  }

  /** Zeroes what the call wrote in the tally. */
  private clear(): void {
    const { categories, links, sum, top, flags, touched } = this.tally;
    for (let t = 0; t < this.touchedCount; t++) {
      const id = touched[t]!;
      categories[id] = links[id] = sum[id] = top[id] = flags[id] = 0;
    }
    this.touchedCount = 0;
  }

  private exclude(id: number): void {
    this.touch(id);
    this.tally.flags[id] = this.tally.flags[id]! | EXCLUDED;
  }

  private touch(id: number): void {
    const { flags, touched } = this.tally;
    if (!(flags[id]! & TOUCHED)) {
      flags[id] = TOUCHED;
      touched[this.touchedCount++] = id;
    }
  }

  /** A strong reason for article `id`: each kind counts once; list reasons once per list. */
  private addArticle(id: number, weight: number, reason: number, why?: string): void {
    const { sum, top, flags } = this.tally;
    if (flags[id]! & EXCLUDED || !this.graph.eligible[id]) return;
    this.touch(id);
    if (why !== undefined) {
      const list = this.listedWhy.get(id);
      if (list?.includes(why)) return;
      if (list) list.push(why);
      else this.listedWhy.set(id, [why]);
    } else if (flags[id]! & reason) return;
    flags[id] = flags[id]! | reason;
    sum[id] = sum[id]! + weight;
    if (weight > top[id]!) top[id] = weight;
  }

  /** A reason found through links or text: it weighs less for a hub. */
  private addLinked(id: number, weight: number, reason: number): void {
    this.addArticle(id, weight * this.graph.hubWeight[id]!, reason);
  }

  /** A concept listed in a page: its own page when it has one, else the concept itself. */
  private addConcept(entry: ConceptEntry, weight: number, why: string): void {
    const { concept } = entry;
    const { names } = this.from;
    const page = (concept.target && names.article(concept.target)) || names.article(concept.term);
    if (page) this.addArticle(this.ids.get(page)!, weight, R_LISTED, why);
    else this.addConceptItem(entry, weight, why);
  }

  /** A name with no page here, related only when a list describes it as a concept. */
  private addListedName(name: string, weight: number, why: string): void {
    const entry = this.from.names.listings(this.keys.of(name))[0];
    if (entry) this.addConceptItem(entry, weight, why);
  }

  private addConceptItem(entry: ConceptEntry, weight: number, why: string): void {
    const { term, target } = entry.concept;
    if (!isArticleName(term) || (target !== undefined && !isArticleName(target))) return;
    const key = this.keys.of(term);
    if (!key || this.subjectKeys.has(key) || (target !== undefined && this.subjectKeys.has(this.keys.of(target)))) return;
    let item = this.concepts.get(key);
    if (!item) this.concepts.set(key, (item = { title: term, entry, sum: 0, top: 0, why: [] }));
    if (item.why.includes(why)) return;
    item.why.push(why);
    item.sum += weight;
    if (weight > item.top) item.top = weight;
  }

  /** Tallies, for every page sharing a compared category or link target with the subject (at
   *  position `s`), the IDF² of what it shares. */
  private tallyShared(s: number): void {
    const { graph, tally } = this;
    const seen: string[] = [];
    for (const name of this.article!.categories) {
      const key = this.keys.of(name);
      const category = graph.categories.get(key);
      if (!category || seen.includes(key)) continue;
      seen.push(key);
      this.categories.push(category);
      this.categoryNames.push(name);
      const { members, weight } = category;
      for (let k = 0; k < members.length; k++) {
        const id = members[k]!;
        this.touch(id);
        tally.categories[id] = tally.categories[id]! + weight;
      }
    }
    const { outStart, outList, inStart, inList, linkWeight } = graph;
    for (let k = outStart[s]!; k < outStart[s + 1]!; k++) {
      const t = outList[k]!;
      const weight = linkWeight[t]!;
      if (weight === 0) continue;
      for (let j = inStart[t]!; j < inStart[t + 1]!; j++) {
        const id = inList[j]!;
        this.touch(id);
        tally.links[id] = tally.links[id]! + weight;
      }
    }
  }

  /** The best `limit` candidates, as items, and the tally zeroed. A page with a strong reason
   *  scores its strongest reason in full, each further one at half, plus its similarity to
   *  the subject; a page without one (filler) scores its similarity alone and comes after
   *  every page with one. Similarity is what the two share (IDF² of common categories and
   *  link targets) over |subject|^1.5 · |page|^0.5, at most 1: like cosine similarity, but a
   *  page with many categories and links of its own is diluted less. */
  private top(limit: number): RelatedItem[] {
    const { graph, tally } = this;
    const { categories, links, sum, top, flags, touched } = tally;
    const selfNorm = this.self >= 0 ? graph.norm[this.self]! : 0;
    const rank = this.wiki.titleRank;
    const best: Candidate[] = [];
    const before = (a: Candidate, b: Candidate): boolean => {
      const sa = typeof a === 'number' ? !!(flags[a]! & STRONG) : true;
      const sb = typeof b === 'number' ? !!(flags[b]! & STRONG) : true;
      if (sa !== sb) return sa;
      const xa = typeof a === 'number' ? top[a]! : score(a.sum, a.top);
      const xb = typeof b === 'number' ? top[b]! : score(b.sum, b.top);
      if (xa !== xb) return xa > xb;
      if (typeof a === 'number' && typeof b === 'number') return rank[a]! < rank[b]!;
      // Concepts met in the same list keep the list's order.
      if (typeof a !== 'number' && typeof b !== 'number') return false;
      return byCodeUnits(titleOf(a, this.articles), titleOf(b, this.articles)) < 0;
    };
    // Which pages have a strong reason; filler is ranked only when fewer than `limit` have.
    let strong = this.concepts.size;
    for (let t = 0; t < this.touchedCount; t++) {
      const id = touched[t]!;
      if (flags[id]! & EXCLUDED || !graph.eligible[id]) continue;
      if (links[id]! >= graph.sharedLinksMin) this.addArticle(id, SHARED_LINKS * graph.hubWeight[id]!, R_SHARED_LINKS);
      if (flags[id]! & STRONG_REASONS) {
        flags[id] = flags[id]! | STRONG;
        strong++;
      }
    }
    const filler = strong < limit;
    for (let t = 0; t < this.touchedCount; t++) {
      const id = touched[t]!;
      const isStrong = (flags[id]! & STRONG) !== 0;
      if (!isStrong && (!filler || flags[id]! & EXCLUDED || !graph.eligible[id])) continue;
      const shared = categories[id]! + links[id]!;
      if (!isStrong && shared === 0) continue;
      const similarity = shared > 0 ? shared / (selfNorm * Math.sqrt(selfNorm * graph.norm[id]!)) : 0;
      top[id] = isStrong ? score(sum[id]!, top[id]!) + similarity : similarity;
      keepBest(best, id, limit, before);
    }
    for (const c of this.concepts.values()) keepBest(best, c, limit, before);
    const items = best.map((c) =>
      typeof c === 'number' ? this.articleItem(c) : { title: c.title, url: conceptUrl(c.entry), why: c.why.slice(0, 3).join('; ') },
    );
    this.clear();
    return items;
  }

  /** An article candidate as an item, its reasons (up to three) in order of strength. */
  private articleItem(id: number): RelatedItem {
    const article = this.articles[id]!;
    const { flags, links } = this.tally;
    const f = flags[id]!;
    const why: string[] = [...(this.listedWhy.get(id) ?? [])];
    if (f & R_LINKS_HERE) why.push(this.article ? 'links here' : `links to ${this.subject}`);
    if (f & R_LINKED_FROM) why.push(`linked from ${this.subject}`);
    if (links[id]! > 0 && why.length < 3) why.push(this.sharedLinksWhy(id));
    if (f & R_MENTIONS) why.push(`mentions ${this.subject}`);
    if (why.length < 3) {
      // Shared categories are one reason, naming up to three.
      const shared: string[] = [];
      for (let c = 0; c < this.categories.length && shared.length < 3; c++) {
        if (includesSorted(this.categories[c]!.members, id)) shared.push(this.categoryNames[c]!);
      }
      if (shared.length === 1) why.push(`same category: ${shared[0]}`);
      else if (shared.length > 1) why.push(`same categories: ${shared.slice(0, -1).join(', ')} and ${shared[shared.length - 1]}`);
    }
    return { title: article.title, url: article.url, why: why.slice(0, 3).join('; ') };
  }

  /** "both link to X and Y", naming the rarest targets first. */
  private sharedLinksWhy(id: number): string {
    const shared = this.graph.sharedTargets(this.self, id).map((t) => this.articles[t]!.title);
    const named = shared.slice(0, 2).join(' and ');
    return shared.length > 2 ? `both link to ${shared.slice(0, 2).join(', ')} and ${shared.length - 2} more` : `both link to ${named}`;
  }
}

/** Strongest reason in full, each further reason at half its weight. */
function score(sum: number, top: number): number {
  return top + 0.5 * (sum - top);
}

function titleOf(c: Candidate, articles: readonly Article[]): string {
  return typeof c === 'number' ? articles[c]!.title : c.title;
}

/** The address of a concept's listing: its page, at the section of its list. */
function conceptUrl(entry: ConceptEntry): string {
  const { concept, listedIn } = entry;
  const section = concept.section === undefined ? undefined : listedIn.sections.find((s) => s.path.join(SECTION_SEP) === concept.section);
  return withAnchor(listedIn.url, section?.anchor);
}

function lastSegment(path: string): string {
  const parts = path.split(SECTION_SEP);
  return parts[parts.length - 1]!;
}

function includesSorted(sorted: Int32Array, x: number): boolean {
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
  const order = articles.map((_, i) => i).sort((a, b) => byCodeUnits(articles[a]!.title, articles[b]!.title));
  for (const [i, id] of order.entries())
    ranks[id] = i > 0 && articles[order[i - 1]!]!.title === articles[id]!.title ? ranks[order[i - 1]!]! : i;
  return ranks;
}

/** Offers `item` to `best`, the best `limit` so far in order: keeping the few best as they
 *  come is cheaper than sorting hundreds of candidates. */
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
