// A page's full-text search terms, computed where the page is parsed (a worker thread) and
// cached with it. Encoding text for flexsearch (Unicode normalization, splitting, the
// LatinBalance letter mapping) is most of the cost of building the Library, so it is not done
// on the main thread; done here, a warm start only inserts ready terms. The Library encodes queries with
// the same `searchTerms`, so both sides always agree.
import { inflateRawSync } from 'node:zlib';
import flexsearch from 'flexsearch';
import { deflateOwned, sectionTexts } from '../cache/packed-text.js';
import type { Article } from '../model.js';

const encoder = new flexsearch.Encoder(flexsearch.Charset.LatinBalance);

/** Pre-encoded text of a page, in the order the Library indexes it. */
export interface PageTerms {
  /** Title and lead. */
  lead: string;
  /** Heading and text of each section. */
  sections: string[];
  /** Text, speaker and work of each quotation. */
  quotes: string[];
}

const HYPHEN = /[-‐‑]\p{L}/u;
// The lookbehind starts a match only at a word's first letter; without it the engine retries
// from every letter of every word.
const HYPHENATED = /(?<!\p{L})\p{L}+(?:[-‐‑]\p{L}+)+/gu;

/**
 * Text with each hyphenated word also written joined ("co-operatives" adds "cooperatives"):
 * the tokenizer splits at hyphens, and writers spell such words both ways, so either
 * spelling in a query should find the other.
 */
export function withJoinedHyphens(text: string): string {
  if (!HYPHEN.test(text)) return text;
  const joined = text.match(HYPHENATED);
  return joined ? `${text} ${joined.map((w) => w.replace(/[-‐‑]/g, '')).join(' ')}` : text;
}

/** Text → its distinct search terms in order of first appearance, space-separated (the form
 *  flexsearch itself reduces a document to when it has no context index). */
export function searchTerms(text: string): string {
  return [...new Set(encoder.encode(withJoinedHyphens(text)))].join(' ');
}

/** `texts`: each section's plain text, when the caller has it at hand (the parser does, and
 *  would otherwise inflate what it has just deflated). */
export function pageTerms(
  article: Pick<Article, 'title' | 'lead' | 'sections' | 'packedText' | 'quotes'>,
  texts: readonly string[] = sectionTexts(article),
): PageTerms {
  return {
    lead: searchTerms(`${article.title}. ${article.lead}`),
    sections: article.sections.map((s, i) => searchTerms(`${s.heading}. ${texts[i]}`)),
    quotes: article.quotes.map((q) => searchTerms([q.text, q.speaker, q.work].filter(Boolean).join(' '))),
  };
}

/** PageTerms as deflated UTF-8 lines (lead, each section, each quote): how they are cached
 *  and sent from a worker. As bytes they stay off the V8 heap until the Library indexes the
 *  page, and the strings it then decodes die young instead of leaving holes in the old
 *  generation. */
export type PackedTerms = Uint8Array;

export function packTerms(terms: PageTerms): PackedTerms {
  // Encoded terms never contain a line break (they are split on white space). Deflated: a
  // start that builds the indexes holds every page's terms at once, and inflating them back
  // costs far less than that memory.
  return deflateOwned([terms.lead, ...terms.sections, ...terms.quotes].join('\n'));
}

export function unpackTerms(bytes: PackedTerms, sectionCount: number): PageTerms {
  const lines = inflateRawSync(bytes).toString('utf8').split('\n');
  return { lead: lines[0] ?? '', sections: lines.slice(1, 1 + sectionCount), quotes: lines.slice(1 + sectionCount) };
}
