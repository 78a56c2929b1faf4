import { Worker } from 'node:worker_threads';
import { readdirSync } from 'node:fs';
const dir = '/work/shared/corpus/libsocwiki/pages';
const files = readdirSync(dir).filter(f => f.endsWith('.md')).sort();
const target = new URL('../../../src/content/parse-worker.ts', import.meta.url).href;
const api = import.meta.resolve('tsx/esm/api');
const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); });`;
const n = Number(process.argv[2] ?? 1);
const limits = process.argv[3] === 'nolimit' ? undefined : { maxYoungGenerationSizeMb: 48 };
const t0 = performance.now();
let done = 0;
for (let k = 0; k < n; k++) {
  const w = new Worker(code, { eval: true, resourceLimits: limits });
  const mine = files.filter((_, i) => i % n === k);
  const tw = performance.now();
  w.on('message', (m) => { console.log('worker', k, 'done', Math.round(performance.now() - tw), 'files', m.results.length); w.terminate(); if (++done === n) console.log('total', Math.round(performance.now() - t0)); });
  w.postMessage({ batch: 1, dir, opts: { summaryMaxChars: 600 }, files: mine.map((rel, i) => ({ index: i, rel })) });
}
