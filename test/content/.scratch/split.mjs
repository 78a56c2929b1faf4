import { Worker } from 'node:worker_threads';
import { readdirSync } from 'node:fs';
const dir = '/work/shared/corpus/libsocwiki/pages';
const files = readdirSync(dir).filter(f => f.endsWith('.md')).sort();
const n = Number(process.argv[2] ?? 1);
const young = process.argv[3] ? Number(process.argv[3]) : undefined;
const url = new URL('./build/src/content/parse-worker.js', import.meta.url);
const t0 = performance.now();
let done = 0;
for (let k = 0; k < n; k++) {
  const w = new Worker(url, young ? { resourceLimits: { maxYoungGenerationSizeMb: young } } : {});
  const mine = files.filter((_, i) => i % n === k);
  w.on('message', (m) => { console.log('worker', k, Math.round(performance.now() - t0)); w.terminate(); if (++done === n) console.log('total', Math.round(performance.now() - t0)); });
  w.postMessage({ batch: 1, dir, opts: { summaryMaxChars: 600 }, files: mine.map((rel, i) => ({ index: i, rel })) });
}
