// The neutral reply model. Commands return it; each adapter renders it within its
// platform's limits (Discord embeds, Slack Block Kit, terminal text). Nothing here knows
// about a platform: text is plain (no Markdown), and URLs are absolute.
import type { MatchHow } from './library/types.js';
import type { Article, Quote } from './wiki/model.js';
import { withAnchor } from './wiki/page-url.js';

export type ReplyKind =
  | 'definition'
  | 'quote'
  | 'related'
  | 'search'
  | 'help'
  | 'daily'
  | 'notice'
  | 'notfound'
  | 'error';

export interface ReplyQuote {
  text: string;
  speaker?: string;
  work?: string;
  year?: string;
  /** Source URL from the quote's footnote. */
  source?: string;
  /** Title of the page the quote stands in, and its URL. */
  page: string;
  pageUrl?: string;
  /** Section heading path (" › ") and its URL with the anchor. */
  section?: string;
  sectionUrl?: string;
}

export interface ReplyItem {
  title: string;
  url?: string;
  /** Why this item is here: "listed together under Related Concepts", "links here", ... */
  why?: string;
  excerpt?: string;
}

export interface Citation {
  label: string;
  url?: string;
}

/** What a button under the answer does. State is carried in the action itself so an
 *  adapter can encode it in a custom_id / button value and survive restarts. */
export type ReplyAction =
  | { type: 'another-quote'; query: string; index: number }
  | { type: 'related'; term: string }
  | { type: 'define'; term: string }
  | { type: 'share' };

export interface Reply {
  kind: ReplyKind;
  title?: string;
  url?: string;
  /** Body: a summary, a notice, an error message. Plain text. */
  text?: string;
  /** What the query matched, when it was not an exact title ("dual powr" → "Dual power",
   *  "kropotkin" → "Peter Kropotkin"); 'speaker' and 'topic' say how a quotation was found. */
  matched?: { query: string; title: string; how: MatchHow | 'speaker' | 'topic' };
  quote?: ReplyQuote;
  items?: ReplyItem[];
  citations?: Citation[];
  /** Titles the user may have meant (notfound), best first. */
  suggestions?: string[];
  actions?: ReplyAction[];
  /** For quotes: how many matched, and which one this is (0-based). */
  total?: number;
  index?: number;
  /** The answer should be shown only to the asker (notfound, errors, or a private ask). */
  ephemeral?: boolean;
  /** Short id of a logged failure, shown to the user so they can report it. */
  errorId?: string;
}

/** A quotation of the wiki as replies show it, with links to its page and section. */
export function replyQuote(article: Article, q: Quote): ReplyQuote {
  return {
    text: q.text,
    speaker: q.speaker,
    work: q.work,
    year: q.year,
    source: q.source,
    page: article.title,
    pageUrl: article.url,
    section: q.section,
    sectionUrl: q.anchor ? withAnchor(article.url, q.anchor) : undefined,
  };
}
