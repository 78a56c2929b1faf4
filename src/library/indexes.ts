// The Library's five flexsearch indexes: what each holds, how it is set up, and how it is
// filled from the content. Each entry's id is its position in the table it indexes (names,
// section refs, quote hits, speakers), which list the content in page order.
import flexsearch from 'flexsearch';
import type { Article } from '../wiki/model.js';
import { pageTerms, unpackTerms, type PackedTerms, type PageTerms } from '../wiki/parse/search-terms.js';
import { carryDisplayPostings, carryPostings } from './carry-postings.js';
import { exportPostings, importPostings, PostingsBuilder, searchAll } from './postings.js';
import type { Scratch } from './scratch.js';
import type { Steps } from './steps.js';

const { Index, Charset } = flexsearch;
export type FlexIndex = InstanceType<typeof Index>;

/** The indexes by name, the names they are saved under. */
export type IndexName = 'words' | 'sounds' | 'sections' | 'quotes' | 'speakers';
export type SearchIndexes = Record<IndexName, FlexIndex>;

/** The indexes whose posting lists postings.ts lays out (the rest are filled by flexsearch). */
export const POSTING_INDEXES = ['sections', 'quotes'] as const;

/** How many entries each index numbers (names, sections with leads, quotes, speakers): saved
 *  indexes fit only tables of the same shape. */
export interface IndexShape {
  names: number;
  sections: number;
  quotes: number;
  speakers: number;
}

export function sameShape(a: IndexShape, b: IndexShape): boolean {
  return a.names === b.names && a.sections === b.sections && a.quotes === b.quotes && a.speakers === b.speakers;
}

/** For text that is already a space-separated list of distinct encoded terms: flexsearch
 *  accepts any object with an `encode` method as the encoder. */
const PRE_ENCODED = { encode: (terms: string): string[] => (terms ? terms.split(' ') : []) } as unknown as InstanceType<
  typeof flexsearch.Encoder
>;

/** flexsearch's default, written out because the posting builders must use the same. */
const RESOLUTION = 9;

/** How each index is set up, for what it answers. */
const SETUP: Record<IndexName, () => FlexIndex> = {
  // Names by word prefix (completion, fuzzy candidates) and by sound (misspellings).
  words: () => new Index({ tokenize: 'forward', encoder: Charset.Normalize }),
  sounds: () => new Index({ tokenize: 'strict', encoder: Charset.LatinSoundex }),
  // Section and quote text arrive already encoded (wiki/parse/search-terms.ts), and queries
  // are encoded the same way before searching, so these indexes only split on spaces.
  sections: () => new Index({ tokenize: 'strict', encoder: PRE_ENCODED, resolution: RESOLUTION }),
  quotes: () => new Index({ tokenize: 'strict', encoder: PRE_ENCODED, resolution: RESOLUTION }),
  // Speakers by sound, for a misspelt name.
  speakers: () => new Index({ tokenize: 'strict', encoder: Charset.LatinSoundex }),
};

/** Empty indexes, set up for what each answers. */
export function createIndexes(): SearchIndexes {
  return {
    words: SETUP.words(),
    sounds: SETUP.sounds(),
    sections: SETUP.sections(),
    quotes: SETUP.quotes(),
    speakers: SETUP.speakers(),
  };
}

/** What the indexes are built from: the tables, and each article's search terms. */
export interface IndexSources {
  articles: readonly Article[];
  names: readonly { display: string }[];
  speakers: readonly { display: string }[];
  /** Each article's packed search terms, in article order, read once; an article without
   *  them (or beyond their end) has its terms computed from the article. */
  terms?: Iterable<PackedTerms | undefined>;
  /** The articles and indexes of the Library being replaced: the section and quote lists are
   *  carried over from them (carry-postings.ts) instead of built from every article's terms. */
  carry?: {
    articles: readonly Article[];
    indexes: SearchIndexes;
    names: readonly { display: string }[];
    speakers: readonly { display: string }[];
  };
}

/** New indexes filled from the content, in steps: a reload's carrying over yields every few
 *  hundred thousand postings it copies (see Library.buildInSteps). Section ids run
 *  through each article's lead, then its sections, article after article; quote ids through
 *  its quotes. */
export function* indexSteps(from: IndexSources): Steps<SearchIndexes> {
  if (from.carry) return yield* carryIndexes(from, from.carry);
  return buildIndexes(from);
}

/** New indexes built from every article's terms, in one go (`from.carry` is indexSteps'). */
function buildIndexes(from: IndexSources): SearchIndexes {
  const indexes = createIndexes();
  from.names.forEach((name, id) => {
    indexes.words.add(id, name.display);
    indexes.sounds.add(id, name.display);
  });
  const sections = new PostingsBuilder(RESOLUTION);
  const quotes = new PostingsBuilder(RESOLUTION);
  const packed = from.terms?.[Symbol.iterator]();
  let section = 0;
  let quote = 0;
  for (const article of from.articles) {
    const bytes = packed?.next().value;
    const terms: PageTerms = bytes ? unpackTerms(bytes, article.sections.length) : pageTerms(article);
    sections.add(section++, terms.lead);
    for (const t of terms.sections) sections.add(section++, t);
    for (const t of terms.quotes) quotes.add(quote++, t);
  }
  importPostings(indexes.sections, sections.finish());
  importPostings(indexes.quotes, quotes.finish());
  for (const [id, s] of from.speakers.entries()) indexes.speakers.add(id, s.display);
  return indexes;
}

/** New indexes for a reload: every list carried over from the replaced Library's indexes
 *  (carry-postings.ts), with only what changed indexed anew; the same lists a build makes. A
 *  name or speaker index over the very same strings is the replaced Library's own (indexes are
 *  never changed once built). */
function* carryIndexes(from: IndexSources, carry: NonNullable<IndexSources['carry']>): Steps<SearchIndexes> {
  const indexes = createIndexes();
  const old = carry.indexes;
  const posts = carryPostings(
    { articles: carry.articles, sections: exportPostings(old.sections), quotes: exportPostings(old.quotes) },
    from,
    RESOLUTION,
  );
  importPostings(indexes.sections, yield* posts.sections());
  importPostings(indexes.quotes, yield* posts.quotes());
  yield;
  const byDisplay = (name: 'words' | 'sounds' | 'speakers', was: readonly { display: string }[], now: readonly { display: string }[]) => {
    const before = was.map((n) => n.display);
    const after = now.map((n) => n.display);
    if (before.length === after.length && before.every((d, i) => d === after[i])) return old[name];
    importPostings(indexes[name], carryDisplayPostings({ displays: before, lists: exportPostings(old[name]) }, after, SETUP[name]()));
    return indexes[name];
  };
  indexes.words = byDisplay('words', carry.names, from.names);
  indexes.sounds = byDisplay('sounds', carry.names, from.names);
  indexes.speakers = byDisplay('speakers', carry.speakers, from.speakers);
  return indexes;
}

/** The ids of the best `limit` entries having every one of the encoded `terms`, by
 *  flexsearch's ranking; `marks` lends searchAll its scratch. */
export function searchEncoded(index: FlexIndex, terms: string, limit: number, marks: Scratch<Uint8Array>): number[] {
  if (!terms) return [];
  if (terms.includes(' ')) {
    const scratch = marks.borrow();
    const ids = searchAll(index, terms.split(' '), limit, scratch);
    marks.giveBack(scratch);
    if (ids) return ids;
  }
  return index.search(terms, { limit }) as number[];
}
