// Section text for search excerpts, with pages kept inflated: inflating a page has a fixed cost
// however small the page (zlib setting up), and a /search reads several pages. A wiki whose
// text fits the budget is kept inflated whole from the start; a bigger one keeps the pages read
// most recently, which for a community's searches keep coming back. The bound keeps it a small
// part of a big wiki's memory, and the buffers live outside the V8 heap.
import { LRUCache } from 'lru-cache';
import { inflateText, textBytes } from '../wiki/cache/packed-text.js';
import type { Article, Section } from '../wiki/model.js';
import { skeleton } from './resolve/word-match.js';

/** Inflated bytes kept at most: a wiki of about a thousand pages fits whole. */
export const PAGE_TEXT_CACHE_BYTES = 16 * 1024 * 1024;

export class PageTexts {
  private readonly cache: LRUCache<Article, Buffer>;
  /** Sections' skeletons (see word-match.ts), made when a search first verifies them. */
  private readonly skeletons: LRUCache<Section, Buffer>;
  /** A wiki held whole: every page and skeleton, read without an LRU's bookkeeping. */
  private readonly whole?: { pages: Map<Article, Buffer>; skeletons: Map<Section, Buffer> };

  constructor(articles: readonly Article[], maxBytes = PAGE_TEXT_CACHE_BYTES) {
    this.cache = new LRUCache<Article, Buffer>({
      max: Math.max(1, articles.length),
      maxSize: maxBytes,
      sizeCalculation: (b) => Math.max(1, b.length),
    });
    this.skeletons = new LRUCache<Section, Buffer>({ maxSize: Math.max(1, maxBytes), sizeCalculation: (b) => Math.max(1, b.length) });
    let total = 0;
    for (const a of articles) total += Math.max(1, textBytes(a));
    // A wiki whose text fits is held whole, with its sections' skeletons: a search then never
    // makes one while someone waits for the answer.
    if (total > maxBytes) return;
    const whole = { pages: new Map<Article, Buffer>(), skeletons: new Map<Section, Buffer>() };
    for (const a of articles) {
      const bytes = inflateText(a);
      whole.pages.set(a, bytes);
      for (const section of a.sections) whole.skeletons.set(section, skeleton(bytes.toString('utf8', section.start, section.end)));
    }
    this.whole = whole;
  }

  /** The plain text of one section of an article. */
  section(article: Article, section: Pick<Section, 'start' | 'end'>): string {
    return this.page(article).toString('utf8', section.start, section.end);
  }

  /** The UTF-8 bytes of one section of an article (a view, not a copy). */
  sectionBytes(article: Article, section: Pick<Section, 'start' | 'end'>): Buffer {
    return this.page(article).subarray(section.start, section.end);
  }

  /** The skeleton of one section's text (see word-match.ts), kept for the next search. */
  sectionSkeleton(article: Article, section: Section): Buffer {
    let bones = this.whole?.skeletons.get(section) ?? this.skeletons.get(section);
    if (!bones) this.skeletons.set(section, (bones = skeleton(this.section(article, section))));
    return bones;
  }

  private page(article: Article): Buffer {
    let bytes = this.whole?.pages.get(article) ?? this.cache.get(article);
    if (!bytes) this.cache.set(article, (bytes = inflateText(article)));
    return bytes;
  }

  /** How many pages and bytes are held, for tests and diagnostics. */
  get held(): { pages: number; bytes: number; skeletons: number } {
    let bytes = this.cache.calculatedSize;
    for (const b of this.whole?.pages.values() ?? []) bytes += Math.max(1, b.length);
    return {
      pages: this.cache.size + (this.whole?.pages.size ?? 0),
      bytes,
      skeletons: this.skeletons.size + (this.whole?.skeletons.size ?? 0),
    };
  }
}
