// A short window of text around the first word of the query it contains, cut at word
// boundaries, so a search hit shows why it matched.
export function excerptFor(text, query, max = 200) {
    const flat = text.replace(/\s+/g, ' ').trim();
    if (flat.length <= max)
        return flat;
    const lower = flat.toLowerCase();
    const words = query
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length >= 3)
        .sort((a, b) => b.length - a.length);
    let at = -1;
    for (const w of words) {
        at = lower.indexOf(w);
        if (at >= 0)
            break;
    }
    let start = at < 0 ? 0 : Math.max(0, at - Math.floor(max / 3));
    if (start > 0) {
        const space = flat.indexOf(' ', start);
        start = space < 0 || space > at ? start : space + 1;
    }
    let end = Math.min(flat.length, start + max);
    if (end < flat.length) {
        const space = flat.lastIndexOf(' ', end);
        if (space > start + max / 2)
            end = space;
    }
    return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
