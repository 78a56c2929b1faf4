// The content model: what one wiki page becomes. Plain data only (it is cached with v8's
// serializer and sent between worker threads), so no classes and no functions here.
import type { PackedTerms } from './parse/search-terms.js';

/** Joins a heading path into Quote.section / Concept.section, and for display. */
export const SECTION_SEP = ' › ';

/** A wiki link out of a page. `target` is the page name the link points at, with spaces
 *  (not `_`), entities decoded and no `.md`; `label` is the text the reader saw. */
export interface Link {
  target: string;
  label: string;
}

/** A footnote definition (`[^3]: text <url>`). */
export interface Footnote {
  id: string;
  text: string;
  urls: string[];
}

/** One heading and the plain text under it (up to the next heading of any level). */
export interface Section {
  /** Heading path from the top, e.g. ["Anarchist Criticisms of Leninist Dual Power", "Centralization and Party Control"]. */
  path: string[];
  heading: string;
  /** GitHub/MediaWiki-style anchor of the heading: spaces as `_`, e.g. "Historical_Origins". */
  anchor: string;
  level: number;
  /** Byte range of the section's plain text in its article's text once inflated (read it
   *  with `sectionText(article, section)` from cache/packed-text.ts). */
  start: number;
  end: number;
}

export interface Quote {
  text: string;
  speaker?: string;
  work?: string;
  year?: string;
  /** The source URL from the quote's footnote, when it has one. */
  source?: string;
  /** The footnote id the quote carries, e.g. "6". */
  footnote?: string;
  /** Heading path joined with " › ", when the quote stands under a heading. */
  section?: string;
  /** Anchor of that section. */
  anchor?: string;
  kind: 'blockquote' | 'inline';
}

/** A `Term - description` list item: a concept that may have no page of its own. */
export interface Concept {
  term: string;
  description: string;
  /** Page the term's link points at, when the item is a link. */
  target?: string;
  /** Heading path (joined " › ") of the list the item stands in, e.g. "Related Concepts". */
  section?: string;
}

export interface Article {
  title: string;
  /** Page name as it appears in the wiki's URLs, e.g. "Dual_power". */
  slug: string;
  /** Public address: WIKI_BASE_URL + slug. Set by the loader, not the parser (the cache does not depend on config). */
  url: string;
  aliases: string[];
  lead: string;
  /** The lead's first whole sentences, within the configured length: never a hatnote, an
   *  epigraph, or a sentence without what it introduces. */
  summary: string;
  /** A hatnote at the top of the page ("Not to be confused with …", "Main article: …"), set
   *  apart from the summary. */
  hatnote?: string;
  sections: Section[];
  /** The plain text of every section, UTF-8, one after another, deflated: read it with
   *  sectionText() or sectionTexts() from cache/packed-text.ts (which says why it is kept this way). */
  packedText: Uint8Array;
  quotes: Quote[];
  links: Link[];
  categories: string[];
  footnotes: Footnote[];
  concepts: Concept[];
  /** Source file, relative to the content folder. */
  path: string;
}

/** A redirect page: `from` becomes an alias of `to`, or of its section `anchor` (a heading's
 *  anchor, as Section.anchor) when the redirect names one. */
export interface Redirect {
  from: string;
  to: string;
  anchor?: string;
  path: string;
}

/** `warnings`: what the parser (and the decoder) noticed but read anyway (YAML warnings,
 *  flattened nesting, bytes that were not UTF-8). */
export type ParsedPage =
  | { kind: 'article'; article: Article; terms?: PackedTerms; warnings?: string[] }
  | { kind: 'redirect'; redirect: Redirect; warnings?: string[] };

/** A file that could not be read or parsed, reported and skipped; or, with `kept`, one that
 *  was loaded but has something its author should know (a duplicate title, a YAML warning). */
export interface ContentWarning {
  path: string;
  reason: string;
  kept?: boolean;
}

export interface Content {
  articles: Article[];
  /** Search terms of each article, same order as `articles`, kept apart from the articles so
   *  that nothing need hold them once the Library is built (boot.ts lets each go as it is
   *  indexed). */
  terms?: (PackedTerms | undefined)[];
  redirects: Redirect[];
  warnings: ContentWarning[];
  /** The sha256 of each page file's bytes as read for this content (absent: unreadable), so a
   *  reload can tell which files changed since. */
  shas?: ReadonlyMap<string, string>;
  /** Identifies these pages (paths and bytes) as parsed by this parser. */
  fingerprint: string;
  stats: {
    files: number;
    parsed: number;
    fromCache: number;
    ms: number;
    /** Worker threads used for parsing this run (0 or absent: parsed on the main thread). */
    workers?: number;
  };
}
