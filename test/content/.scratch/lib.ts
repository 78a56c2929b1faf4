import { loadContent } from '../../../src/content/load.js';
import { Library } from '../../../src/library/library.js';
const c = await loadContent('/work/shared/corpus/libsocwiki/pages', { baseUrl: 'https://x/', summaryMaxChars: 600, cacheDir: '/tmp/cp-lib-cache' });
const t0 = performance.now();
const lib = Library.build(c, { baseUrl: 'https://x/' });
console.log('load', Math.round(c.stats.ms), JSON.stringify(c.stats), 'index', Math.round(performance.now() - t0));
