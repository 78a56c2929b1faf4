// Posting lists for the section and quote indexes, built without flexsearch's add().
//
// Why not add(): it grows every posting list one push at a time, and at a big wiki the
// outgrown arrays it leaves behind while building would be the peak of every start that builds.
// Here a build logs each posting as one 32-bit number, then allocates every list once at its
// final length and hands them to flexsearch through its own import(), so searching is still
// flexsearch's. The lists are exactly those add() would make for text that is already encoded
// ('strict' tokenization, no context, the default score), which test/core/postings.test.ts
// checks against add() itself. The same lists are what the saved indexes store, in a compact
// binary form, instead of flexsearch's JSON export.

import type flexsearch from 'flexsearch';

/** flexsearch's map for one index: term → resolution slots → ids, in the order add() keeps. */
export type PostingEntries = [term: string, slots: (number[] | null)[]][];

export interface Postings {
  /** Ids of the documents that had at least one term: flexsearch's register. */
  reg: number[];
  entries: PostingEntries;
}

/** flexsearch 0.8's default score (get_score in src/index/add.js) for a term at position `i`
 *  of `length` terms: the slot it lands in. Slot 0 is for the first term. */
export function slotOf(resolution: number, length: number, i: number): number {
  if (!i || resolution <= 1) return 0;
  return length <= resolution ? i : (((resolution - 1) / length) * i + 1) | 0;
}

/** An append-only list of 32-bit numbers in fixed-size chunks: growing never copies. */
class U32Log {
  private static readonly CHUNK = 1 << 20;
  private readonly chunks: Uint32Array[] = [];
  private last = new Uint32Array(0);
  private fill = 0;
  length = 0;

  push(n: number): void {
    if (this.fill === this.last.length) {
      this.last = new Uint32Array(U32Log.CHUNK);
      this.chunks.push(this.last);
      this.fill = 0;
    }
    this.last[this.fill++] = n;
    this.length++;
  }

  at(i: number): number {
    return this.chunks[Math.floor(i / U32Log.CHUNK)]![i % U32Log.CHUNK]!;
  }
}

export class PostingsBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /** termId × resolution + slot, per posting, document after document. */
  private readonly log = new U32Log();
  private readonly docs: number[] = [];
  /** Where each document's postings end in the log. */
  private readonly ends: number[] = [];
  /** Per term, the last add() that logged it: catches a repeated term without a Set per
   *  document (most documents arrive with distinct terms already). */
  private readonly loggedIn: number[] = [];
  private adds = 0;

  constructor(private readonly resolution = 9) {}

  /** Adds a document as add(id, encoded) would: `encoded` is its space-separated terms. */
  add(id: number, encoded: string): void {
    if (!encoded) return;
    const terms = encoded.split(' ');
    const call = ++this.adds;
    const before = this.log.length;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!;
      // Like add(): empty terms still count as positions; a repeated term keeps its first slot.
      if (!term) continue;
      let termId = this.termIds.get(term);
      if (termId === undefined) {
        termId = this.terms.length;
        this.termIds.set(term, termId);
        this.terms.push(term);
        this.loggedIn.push(0);
      } else if (this.loggedIn[termId] === call) {
        continue;
      }
      this.loggedIn[termId] = call;
      this.log.push(termId * this.resolution + slotOf(this.resolution, terms.length, i));
    }
    if (this.log.length === before) return;
    this.docs.push(id);
    this.ends.push(this.log.length);
  }

  /** The finished lists. The builder must not be used afterwards. */
  finish(): Postings {
    const r = this.resolution;
    const counts = new Uint32Array(this.terms.length * r);
    for (let p = 0; p < this.log.length; p++) counts[this.log.at(p)]!++;

    // Terms in the order they first appeared, as add() inserts them into its Map.
    const entries: PostingEntries = new Array(this.terms.length);
    for (let t = 0; t < this.terms.length; t++) {
      let top = r - 1;
      while (top > 0 && !counts[t * r + top]) top--;
      const slots: (number[] | null)[] = new Array(top + 1);
      for (let s = 0; s <= top; s++) {
        const n = counts[t * r + s]!;
        slots[s] = n ? new Array<number>(n) : null;
      }
      entries[t] = [this.terms[t]!, slots];
    }
    this.termIds.clear();

    // Reuse counts as fill positions.
    counts.fill(0);
    let p = 0;
    for (let d = 0; d < this.docs.length; d++) {
      const id = this.docs[d]!;
      for (const end = this.ends[d]!; p < end; p++) {
        const key = this.log.at(p);
        const t = Math.floor(key / r);
        entries[t]![1][key - t * r]![counts[key]!++] = id;
      }
    }
    return { reg: this.docs, entries };
  }
}

/** Puts lists into a flexsearch Index (created with the same resolution) through its import().
 *  import() takes parsed data as well as JSON text (its types say only text): the lists go in
 *  as they are, at their final size, without a round trip through JSON. */
export function importPostings(index: InstanceType<typeof flexsearch.Index>, postings: Partial<Postings>): void {
  const load = index.import as (key: string, data: unknown) => void;
  if (postings.reg) load.call(index, 'reg', postings.reg);
  if (postings.entries) load.call(index, 'map', postings.entries);
}

/** The lists an index filled by importPostings (or by flexsearch's own import) holds, read
 *  where flexsearch keeps them (its `reg`: the ids, its `map`: term → slots → ids), in the
 *  order importPostings gave them. Throws for an index not laid out that way. */
export function exportPostings(index: InstanceType<typeof flexsearch.Index>): {
  reg: number[];
  entries: Iterable<[term: string, slots: (number[] | null)[]]>;
} {
  const { reg, map } = index as unknown as { reg?: unknown; map?: unknown };
  if (!(reg instanceof Set) || !(map instanceof Map)) throw new Error('index not laid out as posting lists');
  return { reg: [...(reg as Set<number>)], entries: map as Map<string, (number[] | null)[]> };
}

/** The first `limit` ids having every one of `terms`, exactly as flexsearch's search ranks them
 *  (src/intersect.js: a sweep over the slots, best first, each term in query order within a
 *  slot, an id joining the results when its last term is met), for an index filled by
 *  importPostings, whose lists flexsearch keeps as handed over (its `map`: term → slots → ids).
 *  Why: flexsearch counts every posting of every term in an object keyed by id, even when
 *  nothing matches; this counts in `marks` only the ids of the shortest list (no other can
 *  have every term). Undefined for what it does not handle (one distinct term, which
 *  flexsearch answers cheaply, or an index not laid out as expected): search with flexsearch
 *  then. `marks` is scratch space, one byte per id, zero before and after; the caller must not
 *  share it with a call still under way. test/core/postings.test.ts checks it against
 *  flexsearch's own search. */
export function searchAll(
  index: InstanceType<typeof flexsearch.Index>,
  terms: readonly string[],
  limit: number,
  marks: Uint8Array,
): number[] | undefined {
  const map = (index as unknown as { map?: unknown }).map;
  const distinct = [...new Set(terms)].filter(Boolean);
  if (!(map instanceof Map) || distinct.length < 2 || distinct.length > 250 || limit < 1) return undefined;
  type Slots = readonly (readonly number[] | null | undefined)[];
  const lists: Slots[] = [];
  let shortest = 0;
  let shortestSize = Infinity;
  let depth = 0;
  for (const term of distinct) {
    const slots = map.get(term) as Slots | undefined;
    if (slots === undefined) return [];
    if (!Array.isArray(slots)) return undefined;
    let size = 0;
    for (const ids of slots) if (ids) size += ids.length;
    if (size < shortestSize) [shortest, shortestSize] = [lists.length, size];
    depth = Math.max(depth, slots.length);
    lists.push(slots);
  }
  // marks[id] = 1 + how many of the terms have been met, for the shortest list's ids; 0 for the
  // rest. An id outside `marks` (a broken index) is never counted: a typed array ignores writes
  // out of its range and reads undefined there.
  const each = (slots: Slots, fn: (id: number) => void) => {
    for (const ids of slots) if (ids) for (const id of ids) fn(id);
  };
  each(lists[shortest]!, (id) => (marks[id] = 1));
  const found: number[] = [];
  const complete = lists.length + 1;
  sweep: for (let y = 0; y < depth; y++) {
    for (const slots of lists) {
      const ids = slots[y];
      if (!ids) continue;
      for (const id of ids) {
        if (!marks[id]) continue;
        if (++marks[id]! === complete) {
          found.push(id);
          if (found.length === limit) break sweep;
        }
      }
    }
  }
  each(lists[shortest]!, (id) => (marks[id] = 0));
  return found;
}

// ---- binary form, for saved indexes ------------------------------------------------

/** Postings per encoded chunk: keeps each saved record around a megabyte or two. */
const CHUNK_POSTINGS = 1 << 18;
/** flexsearch's resolution is at most a few dozen slots; more means a broken file. */
const MAX_SLOTS = 1024;

type Entry = readonly [term: string, slots: readonly (readonly number[] | null)[]];

/** The entries in chunks of about CHUNK_POSTINGS postings (how many first, so a record file
 *  can announce them), each encoded as a JSON array of its terms, a newline, then
 *  little-endian u32s: per term its slot count, then per slot its length and its ids.
 *  `entries` is read twice, once now and once as the chunks are taken. A chunk is a view of
 *  one buffer reused for the next chunk (saving is the start's highest point of memory): use
 *  it (or copy it) before asking for the next. */
export function encodePostings(entries: Iterable<Entry>): { count: number; chunks: Generator<Buffer> } {
  const sizes: number[] = [];
  let size = 0;
  let postings = 0;
  for (const [, slots] of entries) {
    if (postings >= CHUNK_POSTINGS) {
      sizes.push(size);
      size = 0;
      postings = 0;
    }
    size++;
    for (const s of slots) if (s) postings += s.length;
  }
  if (size) sizes.push(size);
  return { count: sizes.length, chunks: encodeChunks(entries, sizes) };
}

/** `sizes`: how many entries each chunk takes, in order. */
function* encodeChunks(entries: Iterable<Entry>, sizes: readonly number[]): Generator<Buffer> {
  let buffer = Buffer.allocUnsafe(0);
  const next = entries[Symbol.iterator]();
  for (const n of sizes) {
    const chunk: Entry[] = [];
    for (let e = 0; e < n; e++) chunk.push(next.next().value as Entry);
    let words = 0;
    for (const [, slots] of chunk) {
      words += 1 + slots.length;
      for (const s of slots) if (s) words += s.length;
    }
    const head = Buffer.from(`${JSON.stringify(chunk.map((e) => e[0]))}\n`, 'utf8');
    const size = head.length + words * 4;
    if (buffer.length < size) buffer = Buffer.allocUnsafe(size);
    const out = buffer.subarray(0, size);
    head.copy(out);
    let o = head.length;
    for (const [, slots] of chunk) {
      o = out.writeUInt32LE(slots.length, o);
      for (const s of slots) {
        o = out.writeUInt32LE(s ? s.length : 0, o);
        if (s) for (const id of s) o = out.writeUInt32LE(id, o);
      }
    }
    yield out;
  }
}

/** The entries of one encoded chunk; throws on anything malformed. */
export function decodePostings(buf: Buffer): PostingEntries {
  const nl = buf.indexOf(10);
  if (nl < 0) throw new Error('malformed postings: no term list');
  const terms = JSON.parse(buf.toString('utf8', 0, nl)) as unknown;
  if (!Array.isArray(terms) || !terms.every((t) => typeof t === 'string')) throw new Error('malformed postings: term list');
  let o = nl + 1;
  const next = (): number => {
    if (o + 4 > buf.length) throw new Error('malformed postings: truncated');
    const n = buf.readUInt32LE(o);
    o += 4;
    return n;
  };
  const entries: PostingEntries = new Array(terms.length);
  for (let t = 0; t < terms.length; t++) {
    const slotCount = next();
    if (slotCount > MAX_SLOTS) throw new Error('malformed postings: slot count');
    const slots: (number[] | null)[] = new Array(slotCount);
    for (let s = 0; s < slots.length; s++) {
      const n = next();
      if (o + n * 4 > buf.length) throw new Error('malformed postings: truncated');
      if (!n) {
        slots[s] = null;
        continue;
      }
      const ids = new Array<number>(n);
      for (let i = 0; i < n; i++, o += 4) ids[i] = buf.readUInt32LE(o);
      slots[s] = ids;
    }
    entries[t] = [terms[t] as string, slots];
  }
  if (o !== buf.length) throw new Error('malformed postings: trailing bytes');
  return entries;
}
