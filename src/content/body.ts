// A page's section text, stored as UTF-8 bytes instead of strings. The text of the sections
// is most of a wiki's bytes (70 MB of the 105 MB synthetic 10,000-page wiki), yet it is
// read only to cut a search excerpt. As strings it lived on the V8 heap, where a single dash
// or curly quote makes a whole section two bytes per character and every byte is traced by
// the garbage collector and inflates the heap's spare room; as one Uint8Array per page it
// sits outside the heap, at one byte per ASCII character, and is decoded one section at a
// time when a hit needs it.
import type { Article, Section } from './model.js';

const encoder = new TextEncoder();

/** Sections as the walk builds them, text included. */
export type SectionWithText = Omit<Section, 'start' | 'end'> & { text: string };

/** Packs the sections' text into one buffer and gives each section its byte range in it. */
export function packSections(drafts: readonly SectionWithText[]): { sections: Section[]; text: Uint8Array } {
  const sections: Section[] = [];
  let start = 0;
  for (const { text, ...rest } of drafts) {
    const end = start + Buffer.byteLength(text, 'utf8');
    sections.push({ ...rest, start, end });
    start = end;
  }
  // TextEncoder gives a buffer of exactly this page's bytes (Buffer.from may hand out a slice
  // of a shared 8 KB pool, which would travel along in a worker message).
  return { sections, text: encoder.encode(drafts.map((d) => d.text).join('')) };
}

/** The plain text of one section of an article. */
export function sectionText(article: Pick<Article, 'text'>, section: Pick<Section, 'start' | 'end'>): string {
  const bytes = article.text;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', section.start, section.end);
}
