import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import { readdirSync, readFileSync } from 'node:fs';
const dir = '/work/shared/corpus/libsocwiki/pages';
const texts = readdirSync(dir).filter(f=>f.endsWith('.md')).map(f=>readFileSync(dir+'/'+f,'utf8'));
const p = remark().use(remarkGfm);
for (let r=0;r<3;r++){
const t0 = performance.now();
for (const t of texts) p.runSync(p.parse(t));
console.log('raw', Math.round(performance.now()-t0));
}
