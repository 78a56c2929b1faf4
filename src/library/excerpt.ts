// A short window of text around the first word of the query it contains, cut at word
// boundaries, so a search hit shows why it matched.

/** Sections longer than this are cut down to a window around the match before the excerpt is
 *  made: flattening and lowercasing a whole 30 KB section for a 200-character excerpt was most
 *  of the time of a /search on wikis with long pages. */
const WINDOW = 800;

export function excerptFor(text: string, query: string, max = 200): string {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3)
    .sort((a, b) => b.length - a.length);
  if (text.length <= 2 * (WINDOW + max)) return excerptOf(text, words, max);
  // The first word found, longest first (as excerptOf does), located without lowercasing it all.
  let at = -1;
  for (const w of words) {
    const m = new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu').exec(text);
    if (m) {
      at = m.index;
      break;
    }
  }
  const from = at < 0 ? 0 : Math.max(0, at - WINDOW);
  const to = Math.min(text.length, from + 2 * WINDOW + max);
  const core = excerptOf(text.slice(from, to), words, max);
  const head = from > 0 && !core.startsWith('…') ? '…' : '';
  const tail = to < text.length && !core.endsWith('…') ? '…' : '';
  return `${head}${core}${tail}`;
}

function excerptOf(text: string, words: string[], max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
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
