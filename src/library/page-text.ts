// Section text for search excerpts, with pages kept inflated: inflating a page has a fixed cost
// however small the page (zlib setting up), and a /search reads several pages. A wiki whose
// text fits the budget is kept inflated whole from the start; a bigger one keeps the pages read
// most recently, which for a community's searches keep coming back. The bound keeps it a small
// part of a big wiki's memory, and the buffers live outside the V8 heap.
import { LRUCache } from 'lru-cache';
import { inflateText, textBytes } from '../wiki/cache/packed-text.js';
import type { Article, Section } from '../wiki/model.js';

/** Inflated bytes kept at most: a wiki of about a thousand pages fits whole. */
export const PAGE_TEXT_CACHE_BYTES = 16 * 1024 * 1024;

export class PageTexts {
  private readonly cache: LRUCache<Article, Buffer>;

  constructor(articles: readonly Article[], maxBytes = PAGE_TEXT_CACHE_BYTES) {
    this.cache = new LRUCache<Article, Buffer>({ max: Math.max(1, articles.length), maxSize: maxBytes, sizeCalculation: (b) => Math.max(1, b.length) });
    let total = 0;
    for (const a of articles) total += Math.max(1, textBytes(a));
    if (total <= maxBytes) for (const a of articles) this.cache.set(a, inflateText(a));
  }

  /** The plain text of one section of an article. */
  section(article: Article, section: Pick<Section, 'start' | 'end'>): string {
    let bytes = this.cache.get(article);
    if (!bytes) this.cache.set(article, (bytes = inflateText(article)));
    return bytes.toString('utf8', section.start, section.end);
  }

  /** How many pages and bytes are held, for tests and diagnostics. */
  get held(): { pages: number; bytes: number } {
    return { pages: this.cache.size, bytes: this.cache.calculatedSize };
  }
}
