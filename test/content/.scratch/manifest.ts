import { readFileSync } from 'node:fs';
import { loadContent } from '../../../src/content/load.js';
const dir = '/work/shared/corpus/libsocwiki/pages';
const rows = readFileSync('/work/shared/corpus/libsocwiki/MANIFEST.tsv', 'utf8').trim().split(/\r?\n/).map(l => l.split('\t'));
const head = rows.shift()!;
const c = await loadContent(dir, { baseUrl: 'https://x/', summaryMaxChars: 600, workers: 0 });
const byPath = new Map(c.articles.map(a => ['pages/' + a.path, a]));
const red = new Set(c.redirects.map(r => 'pages/' + r.path));
let mism: Record<string, number> = {};
for (const r of rows) {
  const m = Object.fromEntries(head.map((h, i) => [h, r[i]]));
  const a = byPath.get(m.file!);
  if (m.redirect === '1' !== red.has(m.file!)) console.log('redirect mismatch', m.file);
  if (!a) continue;
  const checks: Record<string, [number, number]> = {
    footnote_defs: [Number(m.footnote_defs), a.footnotes.length],
    headings: [Number(m.headings), a.sections.length],
    category_links: [Number(m.category_links), a.categories.length],
  };
  for (const [k, [want, got]] of Object.entries(checks)) if (want !== got) { mism[k] = (mism[k] ?? 0) + 1; if ((mism[k] ?? 0) <= 3) console.log(k, m.file, want, got); }
}
console.log(mism, head);
const bad = c.articles.filter(a => /\[|\]\(|wikilink|Category:|<\/?[a-z]|\[\^/.test(a.summary));
console.log('bad summaries', bad.length, bad.slice(0, 5).map(a => [a.path, a.summary.slice(0, 200)]));
console.log('empty summaries', c.articles.filter(a => !a.summary).map(a => a.path).slice(0, 20), c.articles.filter(a => !a.summary).length);
console.log('quotes', c.articles.reduce((n, a) => n + a.quotes.length, 0), 'with speaker', c.articles.reduce((n, a) => n + a.quotes.filter(q => q.speaker).length, 0));
console.log('concepts', c.articles.reduce((n, a) => n + a.concepts.length, 0));
