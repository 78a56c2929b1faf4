import { readdirSync, readFileSync } from 'node:fs';
import { remark } from 'remark';
import gfm from 'remark-gfm';
import strip from 'strip-markdown';
import wl, { encodeWikiLinks } from './build/src/content/wikilinks.js';
import { splitFrontMatter } from './build/src/content/frontmatter.js';
const dir = '/work/shared/corpus/libsocwiki/pages';
const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
const bodies = files.map((f) => splitFrontMatter(readFileSync(dir + '/' + f, 'utf8')).body);
const enc = bodies.map((b) => encodeWikiLinks(b));
const mode = process.argv[2];
const p0 = remark().use(gfm).freeze();
const p1 = remark().use(gfm).use(wl).freeze();
const p2 = remark().use(gfm).use(wl).use(strip, { keep: ['heading', 'blockquote', 'list', 'listItem', 'link', 'strong', 'emphasis', 'footnoteReference', 'footnoteDefinition', 'table', 'tableCell', 'text'], remove: ['image', 'imageReference'] }).freeze();
const p = mode === 'gfm' ? p0 : mode === 'wl' ? p1 : p2;
const t0 = performance.now();
for (const e of enc) { const f = { value: e.source, data: { wikiLinks: e.links } }; p.runSync(p.parse(f), f); }
console.log(mode, Math.round(performance.now() - t0));
