import { loadContent } from '../../../src/content/load.js';
const dir = process.argv[2] ?? '/work/shared/corpus/libsocwiki/pages';
const workers = process.argv[3] === undefined ? 'auto' : Number(process.argv[3]);
const cacheDir = process.argv[4] ?? null;
const t0 = performance.now();
const c = await loadContent(dir, { baseUrl: 'https://x.org/wiki/', summaryMaxChars: 600, workers: workers as any, cacheDir });
console.log(JSON.stringify({ ms: Math.round(performance.now() - t0), stats: c.stats, articles: c.articles.length, redirects: c.redirects.length, warnings: c.warnings }));
