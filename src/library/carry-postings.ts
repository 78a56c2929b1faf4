// The section and quote posting lists of a reloaded wiki, carried over from the Library before
// it instead of built again from every page's terms.
//
// Why: building the two big indexes is most of a Library build, while a
// reload usually changes a handful of pages. Ids are positions in content order (per article:
// its lead, then each section; each quote), so pages that did not change keep their order and
// their ids move by a constant within each stretch between changes. Every old list is mapped
// through that shift, the changed pages' ids are dropped and the new pages' postings merged in
// at their place: the result is exactly the lists a full build over the new content makes
// (test/core/carry-postings.test.ts compares them), so answers do not depend on how the wiki
// got to its state. A list no id of which moves is shared with the old Library as it is:
// libraries never change their lists, and an edit that keeps a page's count of sections and
// quotes moves only that page's ids, so most lists are untouched, which keeps a reload's
// memory and time near the cost of the lists it really changes.
import type { Article } from '../wiki/model.js';
import { pageTerms, unpackTerms, type PackedTerms } from '../wiki/parse/search-terms.js';
import type flexsearch from 'flexsearch';
import { exportPostings, PostingsBuilder, type PostingEntries, type Postings } from './postings.js';
import { runSteps, type Steps } from './steps.js';

/** An index's lists (term → slots → ids, ascending) and register (the ids that have
 *  postings), as postings.ts's exportPostings reads them from flexsearch. */
export interface PostingIndexData {
  entries: Iterable<[term: string, slots: readonly (readonly number[] | null)[]]>;
  reg: Iterable<number>;
}

export interface CarrySource {
  articles: readonly Article[];
  sections: PostingIndexData;
  quotes: PostingIndexData;
}

/** The lists for `next` made from `prev`'s, each index's when asked for (the section lists
 *  are most of the work; a reload lets commands in between). Articles of `next` that are the
 *  same objects as in `prev` count as unchanged (the reloader reuses the objects of unchanged
 *  pages); every other article of `next` is indexed from its terms (`next.terms`, or
 *  computed). */
export function carryPostings(
  prev: CarrySource,
  next: { articles: readonly Article[]; terms?: Iterable<PackedTerms | undefined> },
  resolution: number,
): { sections: () => Steps<Postings>; quotes: () => Steps<Postings> } {
  const prevIndex = new Map<Article, number>();
  for (const [i, a] of prev.articles.entries()) prevIndex.set(a, i);
  const sectionBase = bases(prev.articles, sectionCount);
  const quoteBase = bases(prev.articles, (a) => a.quotes.length);
  const sectionMap = new Int32Array(sectionBase[prev.articles.length]!).fill(-1);
  const quoteMap = new Int32Array(quoteBase[prev.articles.length]!).fill(-1);
  const addedSections = new PostingsBuilder(resolution);
  const addedQuotes = new PostingsBuilder(resolution);

  let section = 0;
  let quote = 0;
  const packedTerms = next.terms?.[Symbol.iterator]();
  for (const article of next.articles) {
    const packed = packedTerms?.next().value;
    const was = prevIndex.get(article);
    if (was !== undefined) {
      for (let k = 0, n = sectionCount(article); k < n; k++) sectionMap[sectionBase[was]! + k] = section++;
      for (let k = 0; k < article.quotes.length; k++) quoteMap[quoteBase[was]! + k] = quote++;
      continue;
    }
    const terms = packed ? unpackTerms(packed, article.sections.length) : pageTerms(article);
    addedSections.add(section++, terms.lead);
    for (const t of terms.sections) addedSections.add(section++, t);
    for (const t of terms.quotes) addedQuotes.add(quote++, t);
  }
  return {
    sections: () => remapLists(prev.sections, sectionMap, addedSections.finish()),
    quotes: () => remapLists(prev.quotes, quoteMap, addedQuotes.finish()),
  };
}

function sectionCount(article: Article): number {
  return 1 + article.sections.length;
}

/** Where each article's ids start, and (last) how many ids there are. */
function bases(articles: readonly Article[], count: (a: Article) => number): Int32Array {
  const out = new Int32Array(articles.length + 1);
  for (const [i, a] of articles.entries()) out[i + 1] = out[i]! + count(a);
  return out;
}

/** The lists of an index over short display strings (names, speakers) for `next` from those
 *  over `prev`: an index's lists depend only on the strings in id order, so entries matched in
 *  order with an equal string keep their postings, renumbered, and only the others are added
 *  to `fresh` (an empty index set up like the old one), whose lists are merged in. */
export function carryDisplayPostings(
  prev: { displays: readonly string[]; lists: PostingIndexData },
  next: readonly string[],
  fresh: InstanceType<typeof flexsearch.Index>,
): Postings {
  const map = matchInOrder(prev.displays, next);
  const matched = new Uint8Array(next.length);
  for (const id of map) if (id >= 0) matched[id] = 1;
  for (const [id, display] of next.entries()) if (!matched[id]) fresh.add(id, display);
  const added = exportPostings(fresh);
  return runSteps(remapLists(prev.lists, map, { reg: [...added.reg], entries: [...added.entries] as PostingEntries }));
}

/** How far ahead a mismatch looks for the strings to agree again. */
const RESYNC_WINDOW = 64;

/** A monotone matching of equal strings: old position → new position, -1 when unmatched.
 *  Walks both in step; at a difference, takes the nearest pair further on that agrees (within
 *  a window), leaving what lies between unmatched. Any such matching gives exact lists; a
 *  near-minimal one only keeps more postings. */
function matchInOrder(a: readonly string[], b: readonly string[]): Int32Array {
  const map = new Int32Array(a.length).fill(-1);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      map[i++] = j++;
      continue;
    }
    let found = false;
    for (let d = 1; d <= RESYNC_WINDOW && !found; d++) {
      for (let di = 0; di <= d; di++) {
        const dj = d - di;
        if (i + di < a.length && j + dj < b.length && a[i + di] === b[j + dj]) {
          i += di;
          j += dj;
          found = true;
          break;
        }
      }
    }
    if (!found) {
      i++;
      j++;
    }
  }
  return map;
}

/** About how many postings remapLists copies (or lists it looks at) between two steps. */
const STEP_WORK = 1 << 19;

/** Old lists through `map` (old id → new id, -1 for gone), with `added`'s postings merged in;
 *  yields every STEP_WORK postings or so. */
function* remapLists(old: PostingIndexData, map: Int32Array, added: Postings): Steps<Postings> {
  const moves = movedRanges(map);
  // Few stretches (a few edited pages): a binary search each per list. Many (a big sync): one
  // look at each id of a list is cheaper.
  const moved =
    moves.length <= 16 ? (ids: readonly number[]) => holdsAny(ids, moves) : (ids: readonly number[]) => ids.some((id) => map[id] !== id);
  // Ids below this keep their number in every list.
  const firstMoved = moves.length ? moves[0]![0] : map.length;
  const addedByTerm = new Map(added.entries);
  const entries: PostingEntries = [];
  const reg: number[] = [];
  for (const id of old.reg) if (map[id]! >= 0) reg.push(map[id]!);
  reg.sort((a, b) => a - b);
  let work = 0;
  for (const [term, slots] of old.entries) {
    if (work > STEP_WORK) {
      work = 0;
      yield;
    }
    work++;
    const extra = addedByTerm.get(term);
    if (extra) addedByTerm.delete(term);
    let merged: (number[] | null)[] | undefined;
    const n = Math.max(slots.length, extra?.length ?? 0);
    for (let s = 0; s < n; s++) {
      const ids = slots[s];
      const more = extra?.[s];
      // A slot with nothing added and no id that moves is shared, as a whole list is.
      const shared = !more && (!ids || !moved(ids));
      const slot = shared ? (ids as number[] | null | undefined) : mergeSlot(ids, map, firstMoved, more);
      if (!shared) work += ids?.length ?? 0;
      if (!merged) {
        if (slot === ids && s < slots.length) continue;
        merged = slots.slice(0, s) as (number[] | null)[];
      }
      merged.push(slot ?? null);
    }
    if (!merged) {
      entries.push([term, slots as (number[] | null)[]]);
      continue;
    }
    while (merged.length && !merged[merged.length - 1]) merged.pop();
    if (merged.length) entries.push([term, merged]);
  }
  for (const entry of addedByTerm) entries.push(entry);
  // The register lists every document with a posting, as a build's does, in id order.
  const merged = mergeSorted(reg, added.reg);
  return { reg: merged, entries };
}

/** The stretches [start, end) of old ids that do not keep their number: the changed and
 *  removed pages' ids, and everything after a page whose count of entries changed. */
function movedRanges(map: Int32Array): [number, number][] {
  const ranges: [number, number][] = [];
  for (let id = 0; id < map.length; id++) {
    if (map[id] === id) continue;
    const start = id;
    while (id < map.length && map[id] !== id) id++;
    ranges.push([start, id]);
  }
  return ranges;
}

/** Whether the ascending `ids` hold an id of one of the ranges (a binary search per range). */
function holdsAny(ids: readonly number[], ranges: readonly [number, number][]): boolean {
  for (const [start, end] of ranges) {
    const at = firstAtLeast(ids, start);
    if (at < ids.length && ids[at]! < end) return true;
  }
  return false;
}

/** One slot's ids through `map`, with `extra` merged in. The ids below `firstMoved` keep their
 *  number, so the slot is copied whole (one copy of a packed array) and mapped from the first
 *  that may move: most of a reload's work is here, for every list holding an id after an
 *  edited page whose count of entries changed. */
function mergeSlot(
  ids: readonly number[] | null | undefined,
  map: Int32Array,
  firstMoved: number,
  extra: readonly number[] | null | undefined,
): number[] | null {
  let mapped: number[] = [];
  if (ids) {
    mapped = ids.slice();
    let k = firstAtLeast(ids, firstMoved);
    for (let i = k; i < ids.length; i++) {
      const id = map[ids[i]!]!;
      if (id >= 0) mapped[k++] = id;
    }
    mapped.length = k;
  }
  const out = extra ? mergeSorted(mapped, extra) : mapped;
  return out.length ? out : null;
}

/** The first position in the ascending `ids` holding an id ≥ `min`. */
function firstAtLeast(ids: readonly number[], min: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  if (!b.length) return a as number[];
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
