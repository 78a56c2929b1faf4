// A page's section text, stored as deflated UTF-8 bytes instead of strings. The text of the
// sections is most of a wiki's bytes, yet it is read only to cut a search excerpt. As strings
// it would live on the V8 heap, where a single dash or curly quote makes a whole section two
// bytes per character and every byte is traced by the garbage collector. As one deflated
// buffer per page it sits outside the heap at a fraction of its size, and inflating a page
// back is paid only for the few pages a search shows (library/page-text.ts keeps the recently
// shown ones inflated). Figures: bench/README.md, "Memory".
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Article, Section } from '../model.js';

/** Sections as the walk builds them, text included. */
export type SectionWithText = Omit<Section, 'start' | 'end'> & { text: string };

/** Packs the sections' text into one buffer and gives each section its byte range in it. */
export function packSections(drafts: readonly SectionWithText[]): { sections: Section[]; packedText: Uint8Array } {
  const sections: Section[] = [];
  let start = 0;
  for (const { text, ...rest } of drafts) {
    const end = start + Buffer.byteLength(text, 'utf8');
    sections.push({ ...rest, start, end });
    start = end;
  }
  return { sections, packedText: deflateOwned(drafts.map((d) => d.text).join('')) };
}

/** Deflated bytes in a buffer of their own: zlib may return a view into a larger one, which
 *  would travel along in a worker message and stay alive with the page. */
export function deflateOwned(data: string | Uint8Array): Uint8Array {
  return new Uint8Array(deflateRawSync(data));
}

/** All of an article's section text, as UTF-8 bytes (sections are byte ranges of it). */
export function inflateText(article: Pick<Article, 'packedText' | 'sections'>): Buffer {
  if (!article.packedText.length) return Buffer.alloc(0);
  // Output chunks of the text's size (64 bytes is zlib's smallest), not the default 16 KB; a
  // result that is still a view into a bigger buffer (Node's shared 8 KB pool serves small
  // ones) is copied out, so that keeping the text does not keep the rest alive.
  const bytes = inflateRawSync(article.packedText, { chunkSize: Math.max(64, textBytes(article)) });
  return bytes.buffer.byteLength === bytes.length ? bytes : Buffer.from(new Uint8Array(bytes).buffer);
}

/** How many bytes an article's section text inflates to (its sections run end to end). */
export function textBytes(article: Pick<Article, 'sections'>): number {
  return article.sections.length ? article.sections[article.sections.length - 1]!.end : 0;
}

/** The plain text of one section of an article. */
export function sectionText(article: Pick<Article, 'packedText' | 'sections'>, section: Pick<Section, 'start' | 'end'>): string {
  return inflateText(article).toString('utf8', section.start, section.end);
}

/** The plain text of every section of an article, in order (one inflate for all). */
export function sectionTexts(article: Pick<Article, 'packedText' | 'sections'>): string[] {
  const bytes = inflateText(article);
  return article.sections.map((s) => bytes.toString('utf8', s.start, s.end));
}
