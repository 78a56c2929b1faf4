import { Worker } from 'node:worker_threads';
const t0 = performance.now();
const w = new Worker(new URL('../../../src/content/parse-worker.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
w.on('error', (e) => console.log('error', e));
w.on('exit', (c) => console.log('exit', c, performance.now() - t0));
w.on('online', () => console.log('online', performance.now() - t0));
w.on('message', (m) => { console.log('msg', performance.now() - t0, JSON.stringify(m).slice(0, 200)); w.terminate(); });
w.postMessage({ batch: 1, dir: '/work/main/content', opts: { summaryMaxChars: 600 }, files: [{ index: 0, rel: 'Dual_power.md' }] });
