import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { parsePage } from '../../../src/content/parse.js';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
const dir = '/work/shared/corpus/libsocwiki/pages';
const files = readdirSync(dir).filter(f => f.endsWith('.md')).sort();
const texts = files.map(f => readFileSync(dir + '/' + f, 'utf8'));
const raw = remark().use(remarkGfm);
const out: any[] = [];
for (let r = 0; r < 2; r++) {
  let t0 = performance.now();
  for (const t of texts) raw.runSync(raw.parse(t));
  const rawMs = performance.now() - t0;
  t0 = performance.now();
  out.length = 0;
  for (let i = 0; i < files.length; i++) {
    try { out.push(parsePage(files[i]!, texts[i]!, { summaryMaxChars: 600 })); } catch (e) { out.push({ error: String(e), file: files[i] }); }
  }
  const ours = performance.now() - t0;
  console.log('raw', Math.round(rawMs), 'ours', Math.round(ours), 'ratio', (ours / rawMs).toFixed(2));
}
writeFileSync('/tmp/corpus.json', JSON.stringify(out));
console.log('errors', out.filter(o => o.error));
console.log('redirects', out.filter(o => o.kind === 'redirect').length);
