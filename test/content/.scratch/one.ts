import { readFileSync } from 'node:fs';
import { parsePage } from '../../../src/content/parse.js';
const f = process.argv[2]!;
const p = parsePage(f.split('/').pop()!, readFileSync(f, 'utf8'), { summaryMaxChars: Number(process.argv[3] ?? 600) });
const sel = process.argv[4];
console.log(JSON.stringify(sel ? (p as any).article?.[sel] : p, null, 1).slice(0, Number(process.argv[5] ?? 4000)));
