import { readFileSync, readdirSync } from 'node:fs';
const dir = process.argv[2];
const f = readdirSync(dir)[0];
const prof = JSON.parse(readFileSync(dir + '/' + f, 'utf8'));
const self = new Map();
const dt = prof.timeDeltas; const samples = prof.samples;
const byId = new Map(prof.nodes.map(n => [n.id, n]));
const counts = new Map();
for (let i = 0; i < samples.length; i++) counts.set(samples[i], (counts.get(samples[i]) ?? 0) + (dt[i] ?? 0));
const agg = new Map();
for (const [id, t] of counts) { const n = byId.get(id); const cf = n.callFrame; const key = cf.functionName + ' ' + cf.url.split('/').slice(-2).join('/') + ':' + cf.lineNumber; agg.set(key, (agg.get(key) ?? 0) + t); }
// by file
const byFile = new Map();
for (const [id, t] of counts) { const n = byId.get(id); const u = n.callFrame.url.split('node_modules/').pop().split('/')[0] || n.callFrame.url; byFile.set(u, (byFile.get(u) ?? 0) + t); }
const total = [...counts.values()].reduce((a,b)=>a+b,0);
console.log([...agg].sort((a,b)=>b[1]-a[1]).slice(0,30).map(([k,v])=>(v/1000).toFixed(0).padStart(6)+' '+k).join('\n'));
console.log('---');
console.log([...byFile].sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,v])=>(v/total*100).toFixed(1).padStart(6)+'% '+k).join('\n'));
console.log('--- ours');
console.log([...agg].filter(([k])=>k.includes('content/')||k.includes('yaml')).sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,v])=>(v/1000).toFixed(0).padStart(6)+' '+k).join('\n'));
