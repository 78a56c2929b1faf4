// /related: the pages and concepts related to a subject, each with the reasons it is related
// (listed with it, linked from or to it, in a category with it, mentioning it), strongest first.
import { SECTION_SEP, type Article } from '../wiki/model.js';
import { searchTerms } from '../wiki/parse/search-terms.js';
import type { ContentKeys } from './keys.js';
import { byCodeUnits, pushTo } from './lists.js';
import type { Names } from './names.js';
import { Scratch } from './scratch.js';
import type { SectionSearch } from './search.js';
import type { ConceptEntry, RelatedItem, RelatedResult, Resolution } from './types.js';

/** Categories larger than this say little about relatedness and cost a lot to scan. */
const CATEGORY_SCAN_MAX = 300;

/** What /related reads from the rest of the Library. */
export interface RelatedSources {
  names: Pick<Names, 'article' | 'articleByKey' | 'listings' | 'urlFor'>;
  sections: Pick<SectionSearch, 'sectionsWith'>;
}

/** Per call, the number of categories each article (by position) shares with the subject, and
 *  the positions touched; all zero between calls. */
interface CategoryTally {
  shared: Float64Array;
  touched: Int32Array;
}

export class RelatedFinder {
  private readonly backLinks = new Map<string, Article[]>();
  /** Category key → its members' positions in `articles`, each once, ascending. */
  private readonly byCategory = new Map<string, number[]>();
  /** Each article's position in `articles`. */
  private readonly articleIds = new Map<Article, number>();
  /** Each article's place in title order (by position), so ranking hundreds of tied
   *  candidates compares numbers rather than titles. */
  private readonly titleRank: Int32Array;
  /** Typed arrays rather than a candidate per category member: a subject in big categories
   *  meets hundreds of pages that share nothing else with it. */
  private readonly tallies: Scratch<CategoryTally>;

  constructor(
    private readonly articles: readonly Article[],
    private readonly keys: ContentKeys,
    private readonly from: RelatedSources,
  ) {
    articles.forEach((article, id) => {
      this.articleIds.set(article, id);
      const seen = new Set<string>();
      for (const link of article.links) {
        const key = keys.of(link.target);
        if (seen.has(key)) continue;
        seen.add(key);
        pushTo(this.backLinks, key, article);
      }
      for (const key of new Set(article.categories.map((c) => keys.of(c)))) pushTo(this.byCategory, key, id);
    });
    this.titleRank = titleRanks(articles);
    this.tallies = new Scratch(() => ({ shared: new Float64Array(articles.length), touched: new Int32Array(articles.length) }));
  }

  /** What relates to the resolved subject, with the reason each is related, strongest first
   *  (up to `limit`). */
  related(resolution: Resolution, limit = 10): RelatedResult {
    const { names } = this.from;
    const acc = new RelatedAccumulator(this.keys, names);
    const subject = resolution.article?.title ?? resolution.matched;
    const subjectKeys = new Set([this.keys.of(subject)]);
    if (resolution.article) {
      subjectKeys.add(this.keys.of(resolution.article.slug));
      for (const alias of resolution.article.aliases) subjectKeys.add(this.keys.of(alias));
    }
    // Candidates are keyed by article where the page exists (see RelatedAccumulator).
    const exclude = new Set<Article | string>();
    for (const k of subjectKeys) exclude.add(names.articleByKey(k) ?? k);

    // Listed together: where the subject appears as a `Term - description` item.
    const listings = new Set<ConceptEntry>();
    for (const key of subjectKeys) for (const e of names.listings(key)) listings.add(e);
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
      for (const hit of this.from.sections.sectionsWith(searchTerms(article.title), 6)) if (hit.article !== article) mentions.add(hit.article);
      this.addSharedCategories(article, acc, { mentions, exclude, limit });
      for (const a of mentions) acc.add(a, 1, `mentions ${article.title}`);
    } else {
      for (const key of subjectKeys) for (const a of this.backLinks.get(key) ?? []) acc.add(a, 4, `links to ${subject}`);
    }
    return {
      subject,
      url: article?.url ?? (resolution.concept?.concept.target ? names.urlFor(resolution.concept.concept.target) : undefined),
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
    for (const category of article.categories) {
      const key = this.keys.of(category);
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
    const tally = this.tallies.borrow();
    const { shared, touched } = tally;
    let n = 0;
    for (const { members } of categories) for (const id of members) if (shared[id]++ === 0) touched[n++] = id;
    const best: number[] = [];
    const rank = this.titleRank;
    const before = (a: number, b: number) => shared[a]! > shared[b]! || (shared[a] === shared[b] && rank[a]! < rank[b]!);
    for (let t = 0; t < n; t++) {
      const id = touched[t]!;
      const m = this.articles[id]!;
      if (m === article || opts.exclude.has(m)) continue;
      if (acc.has(m)) addCategoryReasons(m, id, categories, acc);
      else {
        shared[id] = shared[id]! + 1 + (opts.mentions.has(m) ? 0.5 : 0);
        keepBest(best, id, opts.limit, before);
      }
    }
    for (let t = 0; t < n; t++) shared[touched[t]!] = 0;
    this.tallies.giveBack(tally);
    for (const id of best) addCategoryReasons(this.articles[id]!, id, categories, acc);
  }
}

/** Collects related candidates, merging reasons for the same page. */
class RelatedAccumulator {
  /** By article, or by normalized name for a page that has no article here: a subject in a big
   *  category adds hundreds of articles, and an object key is cheaper than a name's. */
  private readonly items = new Map<Article | string, { title: string; score: number; why: string[] }>();

  constructor(
    private readonly keys: ContentKeys,
    private readonly names: RelatedSources['names'],
  ) {}

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
    const article = typeof page === 'string' ? this.names.article(page) : page;
    const key = article ?? this.keys.of(page as string);
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
    return best.map((v) => ({ title: v.title, url: this.names.urlFor(v.title), why: v.why.slice(0, 3).join('; ') }));
  }
}

function lastSegment(path: string): string {
  const parts = path.split(SECTION_SEP);
  return parts[parts.length - 1]!;
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
  const order = articles.map((_, i) => i).sort((a, b) => byCodeUnits(articles[a]!.title, articles[b]!.title));
  order.forEach((id, i) => (ranks[id] = i > 0 && articles[order[i - 1]!]!.title === articles[id]!.title ? ranks[order[i - 1]!]! : i));
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
