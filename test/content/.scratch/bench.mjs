// node bench.mjs raw|parse|cold|coldcache|warm [workers]
import { readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
const dir = '/work/shared/corpus/libsocwiki/pages';
const phase = process.argv[2];
const workers = process.argv[3] === undefined ? 'auto' : Number(process.argv[3]);
const cacheDir = '/tmp/cp-bench-cache';
if (phase === 'raw' || phase === 'parse') {
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  const texts = files.map((f) => readFileSync(dir + '/' + f, 'utf8'));
  let fn;
  if (phase === 'raw') {
    const { remark } = await import('remark');
    const { default: gfm } = await import('remark-gfm');
    const p = remark().use(gfm);
    fn = (t) => p.runSync(p.parse(t));
  } else {
    const { parsePage } = await import('./build/src/content/parse.js');
    fn = (t, i) => parsePage(files[i], t, { summaryMaxChars: 600 });
  }
  const t0 = performance.now();
  texts.forEach(fn);
  console.log(phase, Math.round(performance.now() - t0));
} else {
  const { loadContent } = await import('./build/src/content/load.js');
  if (phase === 'coldcache') rmSync(cacheDir, { recursive: true, force: true });
  const t0 = performance.now();
  const c = await loadContent(dir, { baseUrl: 'https://x/', summaryMaxChars: 600, workers, cacheDir: phase === 'cold' ? null : cacheDir });
  console.log(phase, Math.round(performance.now() - t0), JSON.stringify(c.stats));
}
