// Full-text search over every article's lead and sections: the sections that best match some
// text, each with an excerpt around the match.
import type { Article, Section } from '../wiki/model.js';
import { withAnchor } from '../wiki/page-url.js';
import { searchTerms } from '../wiki/parse/search-terms.js';
import { excerpter } from './excerpt.js';
import { searchEncoded, type FlexIndex } from './indexes.js';
import { normalizeKey } from './normalize.js';
import { PageTexts } from './page-text.js';
import { english } from './resolve/language.js';
import { cleanQuery } from './resolve/query.js';
import { wordMatcher } from './resolve/word-match.js';
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
   *  with every word, or when there are none, the best for each word in turn. Question words
   *  are not searched for, and a section is shown only when it holds the words themselves
   *  (the index matches them by sound: "Lingg" and "link" are one term to it). `named`, the
   *  page the text names, comes first. */
  search(text: string, limit = 5, named?: SectionRef): SearchResult {
    const { bare } = cleanQuery(text);
    const words = normalizeKey(bare).split(' ').filter(Boolean);
    // Section texts read while verifying, kept for the excerpts.
    const texts = new Map<SectionRef, string>();
    let refs = this.verifiedSections(bare, limit, texts);
    let allWords = true;
    const missing: string[] = [];
    if (refs.length === 0 && words.length > 1) {
      // One search per word rather than flexsearch's `suggest` (sections ranked by how many of
      // the words they have), which allocates far more per call and so raises /search's p99.
      // Each word's hits are verified only as far as the interleaved list needs them.
      const each = words.slice(0, 8).map((w) => this.verifying(w, limit, texts));
      refs = interleave(each, limit);
      for (const [i, w] of words.slice(0, 8).entries()) if (!each[i]!.any() && !english.stopWords.has(w)) missing.push(w);
      allWords = refs.length === 0;
    } else if (refs.length === 0) {
      missing.push(...words);
    }
    if (named) refs = [named, ...refs.filter((r) => r.article !== named.article || r.section !== named.section)].slice(0, limit);
    const hits: SearchHit[] = [];
    const excerpt = excerpter(bare, 200);
    for (const ref of refs) {
      const body = ref.section ? this.textOf(ref, ref.section, texts) : ref.article.lead || ref.article.summary;
      hits.push({
        article: ref.article,
        section: ref.section,
        url: withAnchor(ref.article.url, ref.section?.anchor),
        excerpt: excerpt(body),
      });
    }
    return { hits, allWords, missing };
  }

  /** The best `limit` sections that hold every word of `text` (see wordMatcher), from up to
   *  twice as many index hits; the texts read are left in `texts`. */
  verifiedSections(text: string, limit: number, texts?: Map<SectionRef, string>): SectionRef[] {
    const found = this.verifying(text, limit, texts);
    const out: SectionRef[] = [];
    for (let ref = found.next(); ref; ref = found.next()) out.push(ref);
    return out;
  }

  /** verifiedSections one at a time: each call verifies index hits until the next that holds
   *  the words (undefined after `limit`, or when the hits run out); `any` says whether some did. */
  private verifying(text: string, limit: number, texts?: Map<SectionRef, string>): Verifying {
    const holds = wordMatcher(text);
    const hits = this.sectionsWith(searchTerms(text), limit * 2);
    let at = 0;
    let found = 0;
    const next = (): SectionRef | undefined => {
      while (found < limit && at < hits.length) {
        const ref = hits[at++]!;
        const { article, section } = ref;
        const ok = section
          ? holds.literally(section.heading, this.pageTexts.sectionBytes(article, section)) ||
            (!holds.surelyAbsent(section.heading, this.pageTexts.sectionSkeleton(article, section)) &&
              holds(section.heading, this.textOf(ref, section, texts)))
          : holds(article.title, article.lead);
        if (ok) {
          found++;
          return ref;
        }
      }
      return undefined;
    };
    return { next, any: () => found > 0 || next() !== undefined };
  }

  /** A section's text (`ref` names it), read once per search. */
  private textOf(ref: SectionRef, section: Section, texts?: Map<SectionRef, string>): string {
    let text = texts?.get(ref);
    if (text === undefined) {
      text = this.pageTexts.section(ref.article, section);
      texts?.set(ref, text);
    }
    return text;
  }

  /** The plain text of one section of an article. */
  sectionText(article: Article, section: Section): string {
    return this.pageTexts.section(article, section);
  }

  /** The best `limit` sections with every one of the encoded search terms, without excerpts. */
  sectionsWith(terms: string, limit: number): SectionRef[] {
    return searchEncoded(this.index, terms, limit, this.marks).map((id) => this.refs[id]!);
  }
}

/** Sections verified one at a time (see SectionSearch.verifying). */
interface Verifying {
  next(): SectionRef | undefined;
  any(): boolean;
}

/** The first of each list, then the second of each, and so on, each item once, up to `limit`;
 *  a list is read only as far as that needs. */
function interleave(lists: readonly Verifying[], limit: number): SectionRef[] {
  const out = new Set<SectionRef>();
  const done = new Set<Verifying>();
  while (out.size < limit && done.size < lists.length) {
    for (const list of lists) {
      if (out.size >= limit || done.has(list)) continue;
      const ref = list.next();
      if (ref) out.add(ref);
      else done.add(list);
    }
  }
  return [...out];
}
