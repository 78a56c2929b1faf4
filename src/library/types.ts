// What the Library answers: typed results, never formatted for a platform.
import type { Article, Concept, Quote, Section } from '../wiki/model.js';

/** How a term found its page: its exact title, a redirect or alias, a concept's term, another
 *  spelling (or inside a question), a surname, an acronym, a one-letter typo, the words of a
 *  title. */
export type MatchHow = 'exact' | 'alias' | 'concept' | 'variant' | 'surname' | 'acronym' | 'fuzzy' | 'words';

export interface Resolution {
  how: MatchHow;
  /** The article the term names (for a concept: the page the concept's link points at, when it exists). */
  article?: Article;
  /** Set when the term is a concept (a `Term - description` item), with the page that lists it. */
  concept?: ConceptEntry;
  /** The section a redirect leads to, when it names one. */
  section?: Section;
  /** The title or term that matched. */
  matched: string;
}

/** A name of the wiki found in a text (Library.namesIn), and what it resolves to. */
export interface NameFound {
  /** The words as the text has them. */
  text: string;
  start: number;
  end: number;
  resolution: Resolution;
}

/** A `Term - description` item and the page that lists it. */
export interface ConceptEntry {
  concept: Concept;
  listedIn: Article;
}

export interface QuoteHit {
  quote: Quote;
  article: Article;
}

/** Matching quotations, best first. A prolific speaker has thousands and a reply shows one,
 *  so they are read by position rather than handed out as an array. */
export interface QuoteResult {
  /** By a person named exactly ('speaker') or found another way, or about a topic. */
  how: 'speaker' | Exclude<MatchHow, 'exact' | 'concept'> | 'topic';
  total: number;
  at(index: number): QuoteHit | undefined;
}

export interface RelatedItem {
  title: string;
  url?: string;
  why: string;
}

export interface RelatedResult {
  /** What the term resolved to. */
  subject: string;
  url?: string;
  how: MatchHow;
  items: RelatedItem[];
}

export interface SearchHit {
  article: Article;
  /** Undefined when the hit is in the lead. */
  section?: Section;
  url: string;
  excerpt: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** False when no section had every word, and the hits are sections with some of them. */
  allWords: boolean;
  /** Words of the text that no section holds. */
  missing: string[];
}

export type CompletionKind = 'terms' | 'speakers';

export interface LibraryStats {
  articles: number;
  redirects: number;
  sections: number;
  quotes: number;
  concepts: number;
  links: number;
}
