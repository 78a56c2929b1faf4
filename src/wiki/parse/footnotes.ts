// Footnote definitions (`[^3]: Kropotkin, Peter. Modern Science and Anarchy, 1914`): plain
// text plus every URL they link or mention. The citation reading itself is in attribution.ts.
import type { Footnote } from '../model.js';
import type { TextBlock } from './block-text.js';

// gfm turns bare URLs into links already; this catches what it leaves as text (inside code
// spans, or with punctuation gfm does not accept).
const BARE_URL = /\bhttps?:\/\/[^\s<>"'`)\]]+[^\s<>"'`)\].,;:!?]/g;

export function footnoteFrom(id: string, parts: readonly TextBlock[]): Footnote {
  const text = parts
    .map((p) => p.text)
    .filter(Boolean)
    .join(' ');
  const urls: string[] = [];
  const add = (u: string) => {
    if (!urls.includes(u)) urls.push(u);
  };
  for (const p of parts) for (const u of p.urls) add(u);
  for (const m of text.matchAll(BARE_URL)) {
    if (!urls.some((u) => u.includes(m[0]) || m[0].includes(u))) add(m[0]);
  }
  return { id, text, urls };
}
