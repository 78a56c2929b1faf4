import { readdirSync, readFileSync } from 'node:fs';
import { parsePage } from './build/src/content/parse.js';
const dir = '/work/shared/corpus/libsocwiki/pages';
const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
const texts = files.map((f) => readFileSync(dir + '/' + f, 'utf8'));
const t0 = performance.now();
texts.forEach((t, i) => parsePage(files[i], t, { summaryMaxChars: 600 }));
console.log('parse', Math.round(performance.now() - t0));
