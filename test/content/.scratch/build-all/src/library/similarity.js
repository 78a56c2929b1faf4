// Ranking of fuzzy candidates. flexsearch finds candidates fast (phonetic index); this
// decides how close each one is, so "dual powr" picks "Dual power" and not "Dual Powers of
// India". Hand-written because it is twenty lines and every library for it is bigger.
/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a, b, max = Infinity) {
    if (a === b)
        return 0;
    if (Math.abs(a.length - b.length) > max)
        return max + 1;
    const n = b.length;
    let prev2 = new Array(n + 1).fill(0);
    let prev = Array.from({ length: n + 1 }, (_, j) => j);
    let cur = new Array(n + 1).fill(0);
    for (let i = 1; i <= a.length; i++) {
        cur[0] = i;
        let rowMin = cur[0];
        for (let j = 1; j <= n; j++) {
            const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
            let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                v = Math.min(v, prev2[j - 2] + 1);
            cur[j] = v;
            if (v < rowMin)
                rowMin = v;
        }
        if (rowMin > max)
            return max + 1;
        [prev2, prev, cur] = [prev, cur, prev2];
    }
    return prev[n];
}
/** 1 for equal keys, 0 for nothing in common. */
export function similarity(a, b) {
    const longest = Math.max(a.length, b.length);
    if (longest === 0)
        return 1;
    return 1 - editDistance(a, b) / longest;
}
