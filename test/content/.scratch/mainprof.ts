import { readdirSync } from 'node:fs';
import { runJob } from '../../../src/content/parse-job.js';
const dir = '/work/shared/corpus/libsocwiki/pages';
const files = readdirSync(dir).filter(f => f.endsWith('.md')).sort();
const t0 = performance.now();
files.forEach((rel, i) => runJob(dir, rel, i, { summaryMaxChars: 600 }));
console.log('main', Math.round(performance.now() - t0));
