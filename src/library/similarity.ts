// Ranking of fuzzy candidates. flexsearch finds candidates fast (phonetic index); this
// decides how close each one is, so "dual powr" picks "Dual power" and not "Dual Powers of
// India". Hand-written because it is twenty lines and every library for it is bigger.

/** Three rows of the distance table, reused across calls and grown when a longer string comes
 *  (a misspelt /define ranks dozens of candidates). Safe to share: editDistance calls nothing
 *  that could call it again before it is done. */
let rows = new Int32Array(3 * 64);

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  const w = n + 1;
  if (rows.length < 3 * w) rows = new Int32Array(3 * w);
  // prev2, prev and cur are offsets of three rows in `rows`, rotated each line.
  let prev2 = 0;
  let prev = w;
  let cur = 2 * w;
  for (let j = 0; j <= n; j++) rows[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[cur] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(rows[prev + j]! + 1, rows[cur + j - 1]! + 1, rows[prev + j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        v = Math.min(v, rows[prev2 + j - 2]! + 1);
      rows[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const free = prev2;
    prev2 = prev;
    prev = cur;
    cur = free;
  }
  return rows[prev + n]!;
}

/** 1 for equal keys, 0 for nothing in common. Below `min` the answer is only known to be
 *  below it: the distance table is abandoned as soon as it cannot reach `min`, so ranking
 *  candidates costs little for those that cannot count. */
export function similarity(a: string, b: string, min = 0): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  // similarity ≥ min ⇔ distance ≤ (1 - min) × longest; the epsilon only ever lets one more
  // distance through, whose similarity is then computed exactly.
  const max = Math.floor((1 - min) * longest + 1e-9);
  const d = editDistance(a, b, max);
  return d > max ? 0 : 1 - d / longest;
}

/** How close a name's key is to the query, 0 to 1; below `min` it is only known to be below. */
export function nameScore(query: string, key: string, min = 0): number {
  // A query that is the start of a longer name ("dual pow") is close to it.
  const prefix = key.startsWith(query) ? 0.6 + 0.4 * (query.length / key.length) : 0;
  return Math.max(similarity(query, key, Math.max(min, prefix)), prefix);
}
