import { loadContent } from '../../../src/content/load.js';
const c = await loadContent('/work/shared/corpus/libsocwiki/pages', { baseUrl: 'https://x/', summaryMaxChars: 300, workers: 0 });
const pick = (n: number) => c.articles.filter((_, i) => i % Math.floor(c.articles.length / n) === 0);
const what = process.argv[2];
if (what === 'summary') for (const a of pick(25)) console.log(`${a.title} :: ${a.summary}\n`);
if (what === 'aliases') for (const a of c.articles.filter(a => a.aliases.length)) console.log(`${a.title} :: ${a.aliases.join(' | ')}`);
if (what === 'concepts') for (const a of c.articles) for (const k of a.concepts) console.log(`${a.title} :: ${k.term} :: ${k.description.slice(0, 60)} :: ${k.target ?? '-'}`);
