import { Worker } from 'node:worker_threads';
const t0 = performance.now();
const target = new URL('../../../src/content/parse-worker.ts', import.meta.url).href;
const code = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
const w = new Worker(code, { eval: true });
w.on('error', (e) => console.log('error', String(e)));
w.on('message', (m) => { console.log('msg', performance.now() - t0); w.terminate(); });
w.postMessage({ batch: 1, dir: '/work/main/content', opts: { summaryMaxChars: 600 }, files: [{ index: 0, rel: 'Dual_power.md' }] });
