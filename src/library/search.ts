// Full-text search over every article's lead and sections: the sections that best match some
// text, each with an excerpt around the match.
import type { Article, Section } from '../wiki/model.js';
import { withAnchor } from '../wiki/page-url.js';
import { searchTerms } from '../wiki/parse/search-terms.js';
import { excerpter } from './excerpt.js';
import { searchEncoded, type FlexIndex } from './indexes.js';
import { PageTexts } from './page-text.js';
import { Scratch } from './scratch.js';
import type { SearchHit, SearchResult } from './types.js';

/** An article's lead (no section) or one of its sections. */
export interface SectionRef {
  article: Article;
  section?: Section;
}

/** Every article's lead, then its sections, article after article: a ref's position is its id
 *  in the section index. */
export function sectionRefs(articles: readonly Article[]): SectionRef[] {
  const refs: SectionRef[] = [];
  for (const article of articles) {
    refs.push({ article });
    for (const section of article.sections) refs.push({ article, section });
  }
  return refs;
}

export class SectionSearch {
  /** Section text for excerpts, with pages kept inflated. */
  private readonly pageTexts: PageTexts;
  /** searchAll's scratch over the section index, one byte per section. */
  private readonly marks: Scratch<Uint8Array>;

  constructor(
    articles: readonly Article[],
    private readonly refs: readonly SectionRef[],
    private readonly index: FlexIndex,
  ) {
    this.pageTexts = new PageTexts(articles);
    this.marks = new Scratch(() => new Uint8Array(refs.length));
  }

  /** Sections across the wiki that best match the text, one hit per section, best first: those
   *  with every word, or when there are none, the best for each word in turn. */
  search(text: string, limit = 5): SearchResult {
    const terms = searchTerms(text);
    let refs = this.sectionsWith(terms, limit);
    const allWords = refs.length > 0 || !terms.includes(' ');
    // One search per word rather than flexsearch's `suggest` (sections ranked by how many of
    // the words they have), which allocates far more per call and so raises /search's p99.
    if (!allWords) refs = interleave(terms.split(' ').slice(0, 8).map((term) => this.sectionsWith(term, limit)), limit);
    const hits: SearchHit[] = [];
    const excerpt = excerpter(text, 200);
    for (const ref of refs) {
      const body = ref.section ? this.pageTexts.section(ref.article, ref.section) : ref.article.lead || ref.article.summary;
      hits.push({
        article: ref.article,
        section: ref.section,
        url: withAnchor(ref.article.url, ref.section?.anchor),
        excerpt: excerpt(body),
      });
    }
    return { hits, allWords };
  }

  /** The best `limit` sections with every one of the encoded search terms, without excerpts. */
  sectionsWith(terms: string, limit: number): SectionRef[] {
    return searchEncoded(this.index, terms, limit, this.marks).map((id) => this.refs[id]!);
  }
}

/** The first of each list, then the second of each, and so on, each item once, up to `limit`. */
function interleave<T>(lists: readonly T[][], limit: number): T[] {
  const out = new Set<T>();
  for (let i = 0; out.size < limit && lists.some((l) => i < l.length); i++) {
    for (const list of lists) if (i < list.length && out.size < limit) out.add(list[i]!);
  }
  return [...out];
}
