import { loadWiki } from './src/boot.ts';
import { loadConfig } from './src/config.ts';
import { createLogger } from './src/log.ts';
import { Library } from './src/library/library.ts';
const config = loadConfig({ CONTENT_DIR: '/tmp/af/wiki10k', CACHE_DIR: '/tmp/af/cache', LOG_LEVEL: 'silent' });
const w = await loadWiki(config, createLogger('silent'));
const arts = [...w.content.articles];
for (let k = 0; k < 4; k++) { const t = performance.now(); const c = process.cpuUsage();
Library.build({ articles: arts, redirects: w.content.redirects, terms: [] }, { baseUrl: config.WIKI_BASE_URL, previous: w.library });
console.log(Math.round(performance.now() - t), "wall", Math.round(process.cpuUsage(c).user/1000), "cpu"); }
