import { readFileSync, readdirSync } from 'node:fs';
import { parsePage } from '../../../src/content/parse.js';
const dir = '/work/shared/corpus/libsocwiki/pages';
const files = readdirSync(dir).filter(f => f.endsWith('.md')).sort();
const texts = files.map(f => readFileSync(dir + '/' + f, 'utf8'));
for (let r = 0; r < 2; r++) {
  const t0 = performance.now();
  for (let i = 0; i < files.length; i++) { try { parsePage(files[i]!, texts[i]!, { summaryMaxChars: 600 }); } catch {} }
  console.log('ours', Math.round(performance.now() - t0));
}
