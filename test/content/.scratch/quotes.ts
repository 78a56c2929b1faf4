import { loadContent } from '../../../src/content/load.js';
const c = await loadContent('/work/shared/corpus/libsocwiki/pages', { baseUrl: 'https://x/', summaryMaxChars: 600, workers: 0 });
for (const a of c.articles) for (const q of a.quotes) console.log(`${a.path} | ${q.kind} | ${q.speaker ?? '-'} | ${q.work ?? '-'} | ${q.year ?? '-'} | ${q.text.slice(0, 60).replace(/\n/g, ' ')}`);
