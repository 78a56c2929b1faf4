// Section text read through the page cache is the section's text, and the cache keeps within
// its byte budget however many pages are read.
import { describe, expect, it } from 'vitest';
import { inflateText, packSections, sectionText, textBytes } from '../../src/wiki/cache/packed-text.js';
import type { Article } from '../../src/wiki/model.js';
import { PageTexts } from '../../src/library/page-text.js';
import { skeleton } from '../../src/library/resolve/word-match.js';

function page(n: number): Article {
  const texts = [`Page ${n} opens — with a dash.`, `Second section of page ${n}: ${'words '.repeat(200)}`, ''];
  const { sections, packedText } = packSections(
    texts.map((text, i) => ({ path: [`H${i}`], heading: `H${i}`, anchor: `H${i}`, level: 2, text })),
  );
  return {
    title: `Page ${n}`,
    slug: `Page_${n}`,
    url: '',
    aliases: [],
    lead: '',
    summary: '',
    sections,
    packedText,
    quotes: [],
    links: [],
    categories: [],
    footnotes: [],
    concepts: [],
    file: `Page_${n}.md`,
  } as unknown as Article;
}

describe('PageTexts', () => {
  const pages = Array.from({ length: 40 }, (_, i) => page(i));

  it("holds a wiki that fits its budget whole from the start, and reads each section's text", () => {
    const texts = new PageTexts(pages);
    const sections = pages.reduce((n, p) => n + p.sections.length, 0);
    expect(texts.held).toEqual({ pages: 40, bytes: pages.reduce((n, p) => n + textBytes(p), 0), skeletons: sections });
    for (const p of pages) for (const s of p.sections) expect(texts.section(p, s)).toBe(sectionText(p, s));
    // The skeletons made at start are the ones a search would make.
    for (const p of pages) for (const s of p.sections) expect(texts.sectionSkeleton(p, s)).toEqual(skeleton(sectionText(p, s)));
  });

  it('holds no more than its byte budget, and still reads evicted pages right', () => {
    const budget = 5_000; // each page is ~1.3 KB inflated: room for three
    const texts = new PageTexts(pages, budget);
    expect(texts.held).toEqual({ pages: 0, bytes: 0, skeletons: 0 });
    for (const p of pages) expect(texts.section(p, p.sections[1]!)).toBe(sectionText(p, p.sections[1]!));
    expect(texts.held.bytes).toBeLessThanOrEqual(budget);
    expect(texts.held.pages).toBe(3);
    expect(texts.section(pages[0]!, pages[0]!.sections[0]!)).toBe('Page 0 opens — with a dash.');
    expect(texts.section(pages[0]!, pages[0]!.sections[2]!)).toBe('');
  });

  it('inflates into a buffer of exactly the text size, not a 16 KB zlib chunk', () => {
    const bytes = inflateText(pages[0]!);
    expect(bytes.length).toBe(textBytes(pages[0]!));
    expect(bytes.buffer.byteLength).toBe(bytes.length);
  });
});
