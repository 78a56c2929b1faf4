// Names a letter or two away from what was typed. One letter off is on the hot path (every
// misspelt /define) and is found without comparing against every name: a key one edit from
// the n-letter query shares with it either its first or its last ⌊(n−1)/2⌋ letters (an edit
// touches at most two neighbouring letters), so the candidates are the keys that start with
// that prefix or end with that suffix, two ranges of two sorted lists. Two letters off is
// only for "did you mean" and measures the keys of about the right length. Hand-written: the
// fuzzy-search libraries index every deletion of every key (SymSpell) or scan them all, both
// far more than two sorted arrays.
import { byCodeUnits } from '../lists.js';
import { editDistance } from '../similarity.js';

/** Whether `a` and `b` differ by at most one dropped, added, swapped or substituted letter. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  let ja = la - 1;
  let jb = lb - 1;
  while (ja >= i && jb >= i && a.charCodeAt(ja) === b.charCodeAt(jb)) {
    ja--;
    jb--;
  }
  // What differs is a[i..ja] against b[i..jb].
  const da = ja - i + 1;
  const db = jb - i + 1;
  if (da <= 1 && db <= 1) return true;
  return da === 2 && db === 2 && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i);
}

function reverse(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}

/** Ids whose keys start with `prefix`, read from `order` (ids sorted by `keyOf`). */
function forEachWithPrefix(order: Int32Array, keyOf: (id: number) => string, prefix: string, fn: (id: number) => void): void {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(order[mid]!) < prefix) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < order.length; i++) {
    const id = order[i]!;
    if (!keyOf(id).startsWith(prefix)) break;
    fn(id);
  }
}

export class NearIndex {
  private readonly byStart: Int32Array;
  private readonly byEnd: Int32Array;
  private readonly reversed: string[];
  /** Ids by key length, for within() (built on its first use). */
  private byLength?: number[][];

  /** `keys[id]` for each id; an empty key is never found. */
  constructor(private readonly keys: readonly string[]) {
    const ids: number[] = [];
    for (let id = 0; id < keys.length; id++) if (keys[id]) ids.push(id);
    this.reversed = keys.map((k) => (k ? reverse(k) : ''));
    this.byStart = Int32Array.from(ids).sort((a, b) => byCodeUnits(keys[a]!, keys[b]!));
    this.byEnd = Int32Array.from(ids).sort((a, b) => byCodeUnits(this.reversed[a]!, this.reversed[b]!));
  }

  /** Calls `visit(id, edits)` for keys within one edit of `query` (an id may come twice), by
   *  the intact prefix or suffix. Keys shorter than `minLength` are skipped. */
  near(query: string, visit: (id: number, edits: number) => void, minLength = 1): void {
    const n = query.length;
    const piece = Math.max(1, Math.floor((n - 1) / 2));
    const check = (id: number) => {
      const key = this.keys[id]!;
      if (key.length < minLength || key.length - n > 1 || n - key.length > 1) return;
      if (withinOneEdit(query, key)) visit(id, key === query ? 0 : 1);
    };
    forEachWithPrefix(this.byStart, (id) => this.keys[id]!, query.slice(0, piece), check);
    forEachWithPrefix(this.byEnd, (id) => this.reversed[id]!, reverse(query.slice(n - piece)), check);
  }

  /** Calls `visit(id, edits)` once for each key within `max` edits of `query`. It measures
   *  every key of a length `max` or less away: for "did you mean", where no piece of a short
   *  query is sure to be intact and a miss costs more than a scan. */
  within(query: string, max: number, visit: (id: number, edits: number) => void): void {
    if (!this.byLength) {
      const byLength: number[][] = [];
      for (const [id, k] of this.keys.entries()) if (k) (byLength[k.length] ??= []).push(id);
      this.byLength = byLength;
    }
    for (let len = Math.max(1, query.length - max); len <= query.length + max; len++) {
      for (const id of this.byLength[len] ?? []) {
        const d = editDistance(query, this.keys[id]!, max);
        if (d <= max) visit(id, d);
      }
    }
  }
}
