import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import { createHash } from 'node:crypto';
const data = JSON.parse(readFileSync('/tmp/corpus.json','utf8'));
const entries = data.map((p,i)=>['f'+i, 'shashashashashashashashashashashashashashash', p]);
for (let r=0;r<3;r++){
let t0=performance.now(); const j = Buffer.from(JSON.stringify(entries)); const js=performance.now()-t0;
t0=performance.now(); JSON.parse(j.toString('utf8')); const jp=performance.now()-t0;
t0=performance.now(); const v = v8.serialize(entries); const vs=performance.now()-t0;
t0=performance.now(); v8.deserialize(v); const vd=performance.now()-t0;
t0=performance.now(); createHash('sha256').update(v).digest('hex'); const h=performance.now()-t0;
console.log({jsonBytes:j.length, js, jp, v8Bytes:v.length, vs, vd, h});
}
