import { loadContent } from '../../../src/content/load.js';
import { Library } from '../../../src/library/library.js';
const c = await loadContent('/work/main/content', { baseUrl: 'https://x/', summaryMaxChars: 600, cacheDir: null });
const lib = Library.build(c, { baseUrl: 'https://x/' });
for (const q of ['cooperatives', 'co-operatives', 'property', 'soviets', 'government']) console.log(q, JSON.stringify(lib.quotes(q)).slice(0, 150));
