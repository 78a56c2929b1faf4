// The link and category graph /related reads, built once with the Library: which pages link to
// which (by position in the Library's articles), and how much a link or a category says about
// relatedness. A page or category that most pages meet says little, the way a common word says
// little about a document, so each is weighted by its inverse document frequency (IDF).
import type { Article } from '../wiki/model.js';
import type { ContentKeys } from './keys.js';
import type { Names } from './names.js';
import { isArticleName } from './page-kinds.js';

/** Categories larger than this are not compared: they say little and cost a lot to scan. */
export const CATEGORY_SCAN_MAX = 300;
/** Pages linked from more pages than this are not compared as shared links, likewise. */
export const LINK_SCAN_MAX = 300;
/** A page linked from more than this share of all pages (and from more than HUB_MIN pages) is
 *  a hub: its link reasons weigh less, the more pages link to it. */
const HUB_SHARE = 0.01;
const HUB_MIN = 5;

/** A category small enough to compare pages by. */
export interface GraphCategory {
  /** Its members' positions, each once, ascending. */
  members: Int32Array;
  /** IDF² of the category: what sharing it adds to two pages' similarity. */
  weight: number;
}

export class RelatedGraph {
  /** Article i links to articles `outList[outStart[i] .. outStart[i + 1])`: ascending, each
   *  once, never itself. */
  readonly outStart: Int32Array;
  readonly outList: Int32Array;
  /** Article i is linked from articles `inList[inStart[i] .. inStart[i + 1])`, likewise. */
  readonly inStart: Int32Array;
  readonly inList: Int32Array;
  /** Names linked to that name no article here (by key) → the articles linking them, each
   *  once, ascending: a concept with no page of its own is related to the pages linking it. */
  readonly linksToMissing = new Map<string, number[]>();
  /** Each article's weight as a related page found through links: its in-degree's commonness. */
  readonly hubWeight: Float64Array;
  /** IDF² of each article as a link target both pages share; 0 when too many pages link it
   *  to compare (LINK_SCAN_MAX). */
  readonly linkWeight: Float64Array;
  /** Categories of at most CATEGORY_SCAN_MAX pages, by key. */
  readonly categories = new Map<string, GraphCategory>();
  /** Length of each article's vector of compared categories and link targets (their IDFs). */
  readonly norm: Float64Array;
  /** What a reason found in `df` places weighs (1, or less when `df` is a large share of the
   *  pages): a hub's links, a list of very many items. */
  readonly commonness: (df: number) => number;
  /** 1 where the article can be a related item (see page-kinds.ts). */
  readonly eligible: Uint8Array;
  /** What a page's shared links must weigh together to count as a reason of their own: as much
   *  as two links to pages that few pages link. */
  readonly sharedLinksMin: number;

  constructor(articles: readonly Article[], ids: ReadonlyMap<Article, number>, keys: ContentKeys, names: Pick<Names, 'articleByKey'>) {
    const n = articles.length;
    const idf = (df: number) => Math.log(1 + n / Math.max(1, df));

    // Out-links resolved to articles (a redirect or an alias names its page), each once.
    const outStart = new Int32Array(n + 1);
    let out = new Int32Array(1024);
    let size = 0;
    const inDegree = new Int32Array(n);
    const stamp = new Int32Array(n); // i + 1 once article i's link to the position is counted
    // Each link target as written, resolved once per build: most pages are linked from many.
    const linkIds = articles.map(linkTargetIds);
    const target = new Int32Array(targetNames.length).fill(UNSEEN);
    const missingKeys = new Map<number, string>();
    for (let i = 0; i < n; i++) {
      for (const id of linkIds[i]!) {
        let t = target[id]!;
        if (t === UNSEEN) {
          const key = keys.of(targetNames[id]!);
          const page = names.articleByKey(key);
          t = target[id] = (page && ids.get(page)) ?? MISSING;
          if (t === MISSING) missingKeys.set(id, key);
        }
        if (t === MISSING) {
          const key = missingKeys.get(id)!;
          const list = this.linksToMissing.get(key);
          if (!list) this.linksToMissing.set(key, [i]);
          else if (list[list.length - 1] !== i) list.push(i);
        } else if (t !== i && stamp[t] !== i + 1) {
          stamp[t] = i + 1;
          if (size === out.length) out = grow(out);
          out[size++] = t;
          inDegree[t]++;
        }
      }
      out.subarray(outStart[i]!, size).sort();
      outStart[i + 1] = size;
    }
    this.outStart = outStart;
    this.outList = out.slice(0, size);

    // In-links: walking sources in ascending order leaves each list ascending.
    const inStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) inStart[i + 1] = inStart[i]! + inDegree[i]!;
    const inList = new Int32Array(size);
    const fill = inStart.slice(0, n);
    for (let i = 0; i < n; i++) for (let k = outStart[i]!; k < outStart[i + 1]!; k++) inList[fill[this.outList[k]!]!++] = i;
    this.inStart = inStart;
    this.inList = inList;

    const hub = Math.max(HUB_MIN, HUB_SHARE * n);
    this.commonness = (df) => (df <= hub ? 1 : idf(df) / idf(hub));
    this.hubWeight = new Float64Array(n);
    this.linkWeight = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const df = inDegree[i]!;
      this.hubWeight[i] = this.commonness(df);
      this.linkWeight[i] = df > 0 && df <= LINK_SCAN_MAX ? idf(df) ** 2 : 0;
    }
    this.sharedLinksMin = 2 * idf(hub) ** 2;

    // Categories: members each once (a page may list one category under several spellings).
    const members = new Map<string, number[]>();
    const pageCategories: string[][] = [];
    articles.forEach((article, i) => {
      const own: string[] = [];
      for (const c of article.categories) {
        const key = keys.of(c);
        if (own.includes(key)) continue;
        own.push(key);
        const list = members.get(key);
        if (list) list.push(i);
        else members.set(key, [i]);
      }
      pageCategories.push(own);
    });
    for (const [key, list] of members) {
      if (list.length <= CATEGORY_SCAN_MAX) this.categories.set(key, { members: Int32Array.from(list), weight: idf(list.length) ** 2 });
    }

    this.norm = new Float64Array(n);
    this.eligible = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let sq = 0;
      for (const key of pageCategories[i]!) sq += this.categories.get(key)?.weight ?? 0;
      for (let k = outStart[i]!; k < outStart[i + 1]!; k++) sq += this.linkWeight[this.outList[k]!]!;
      this.norm[i] = Math.sqrt(sq);
      this.eligible[i] = isArticleName(articles[i]!.title) ? 1 : 0;
    }
  }

  /** How many pages link to article `id`. */
  inDegree(id: number): number {
    return this.inStart[id + 1]! - this.inStart[id]!;
  }

  /** The link targets articles `a` and `b` both link to and that are compared (weight > 0),
   *  rarest first. */
  sharedTargets(a: number, b: number): number[] {
    const shared: number[] = [];
    const { outStart, outList, linkWeight } = this;
    let i = outStart[a]!;
    let j = outStart[b]!;
    while (i < outStart[a + 1]! && j < outStart[b + 1]!) {
      const x = outList[i]!;
      const y = outList[j]!;
      if (x < y) i++;
      else if (y < x) j++;
      else {
        if (linkWeight[x]! > 0) shared.push(x);
        i++;
        j++;
      }
    }
    return shared.sort((x, y) => linkWeight[y]! - linkWeight[x]! || x - y);
  }
}

/** Link targets as written, numbered once per process, and each article's links as those
 *  numbers, kept per article object: a reload keeps the objects of unchanged pages, so its
 *  graph reads their links as numbers and resolves each distinct target once. The table only
 *  grows by targets never seen before (a wiki's own names, bounded by what its pages link). */
const targetNumbers = new Map<string, number>();
const targetNames: string[] = [];
const linkNumbers = new WeakMap<Article, Int32Array>();
/** A target's position while a build resolves it: not yet looked up, or no article. */
const UNSEEN = -2;
const MISSING = -1;

function linkTargetIds(article: Article): Int32Array {
  let numbers = linkNumbers.get(article);
  if (!numbers) {
    numbers = new Int32Array(article.links.length);
    for (const [k, link] of article.links.entries()) {
      let id = targetNumbers.get(link.target);
      if (id === undefined) {
        id = targetNames.push(link.target) - 1;
        targetNumbers.set(link.target, id);
      }
      numbers[k] = id;
    }
    linkNumbers.set(article, numbers);
  }
  return numbers;
}

/** A copy of `list` with twice the room. */
function grow(list: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(list.length * 2);
  bigger.set(list);
  return bigger;
}
