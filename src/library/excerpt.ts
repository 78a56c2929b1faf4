// A short window of text around the first word of the query it contains, cut at word
// boundaries, so a search hit shows why it matched.

export function excerptFor(text: string, query: string, max = 200): string {
  return excerpter(query, max)(text);
}

/** excerptFor for one query over many texts: the query's words and their patterns are made once.
 *  Only a window of 3 × `max` raw characters around the match is flattened and lowercased, so
 *  a long section costs no more than a short one. */
export function excerpter(query: string, max = 200): (text: string) => string {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3)
    .sort((a, b) => b.length - a.length);
  let patterns: RegExp[] | undefined;
  return (text) => {
    if (text.length <= 3 * max) return excerptOf(text, words, max);
    // The first word found, longest first (as excerptOf does), located without lowercasing it all.
    patterns ??= words.map((w) => new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu'));
    let at = -1;
    for (const p of patterns) {
      const m = p.exec(text);
      if (m) {
        at = m.index;
        break;
      }
    }
    let from = at < max ? 0 : at - max;
    if (from > 0) {
      // Start the window on a word boundary, so its first word is whole.
      const space = text.slice(from, at).search(/\s/);
      if (space >= 0) from += space + 1;
    }
    const to = Math.min(text.length, from + 3 * max);
    const core = excerptOf(text.slice(from, to), words, max);
    const head = from > 0 && !core.startsWith('…') ? '…' : '';
    const tail = to < text.length && !core.endsWith('…') ? '…' : '';
    return `${head}${core}${tail}`;
  };
}

function excerptOf(text: string, words: string[], max: number): string {
  // The same as replacing every /\s+/ with a space, but matching only the white space that
  // changes (not each lone space), which leaves far less garbage.
  const flat = text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
  if (flat.length <= max) return flat;
  const lower = flat.toLowerCase();
  let at = -1;
  for (const w of words) {
    at = lower.indexOf(w);
    if (at >= 0) break;
  }
  let start = at < 0 ? 0 : Math.max(0, at - Math.floor(max / 3));
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space < 0 || space > at ? start : space + 1;
  }
  let end = Math.min(flat.length, start + max);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > start + max / 2) end = space;
  }
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
