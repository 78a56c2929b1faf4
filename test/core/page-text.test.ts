// Section text read through the page cache is the section's text, and the cache keeps within
// its byte budget however many pages are read.
import { describe, expect, it } from 'vitest';
import { packSections, sectionText } from '../../src/content/body.js';
import type { Article } from '../../src/content/model.js';
import { PageTexts } from '../../src/library/page-text.js';

function page(n: number): Article {
  const texts = [`Page ${n} opens — with a dash.`, `Second section of page ${n}: ${'words '.repeat(200)}`, ''];
  const { sections, packedText } = packSections(texts.map((text, i) => ({ path: [`H${i}`], heading: `H${i}`, anchor: `H${i}`, level: 2, text })));
  return { title: `Page ${n}`, slug: `Page_${n}`, url: '', aliases: [], lead: '', summary: '', sections, packedText, quotes: [], links: [], categories: [], footnotes: [], concepts: [], file: `Page_${n}.md` } as unknown as Article;
}

describe('PageTexts', () => {
  const pages = Array.from({ length: 40 }, (_, i) => page(i));

  it("reads each section's text, on first reading and from the cache", () => {
    const texts = new PageTexts(pages.length);
    for (let round = 0; round < 2; round++) {
      for (const p of pages) for (const s of p.sections) expect(texts.section(p, s)).toBe(sectionText(p, s));
    }
    expect(texts.held.pages).toBe(40);
  });

  it('holds no more than its byte budget, and still reads evicted pages right', () => {
    const budget = 5_000; // each page is ~1.3 KB inflated: room for three
    const texts = new PageTexts(pages.length, budget);
    for (const p of pages) texts.section(p, p.sections[1]!);
    expect(texts.held.bytes).toBeLessThanOrEqual(budget);
    expect(texts.held.pages).toBe(3);
    expect(texts.section(pages[0]!, pages[0]!.sections[0]!)).toBe('Page 0 opens — with a dash.');
    expect(texts.section(pages[0]!, pages[0]!.sections[2]!)).toBe('');
  });
});
