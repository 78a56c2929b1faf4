// The neutral reply model, and the policy every renderer follows: which replies are answers,
// which can be posted in the channel, which stay private, and how a resolution is noted
// ("Showing Dual power for “dual powr”"). Commands return a Reply; each adapter renders it
// within its platform's limits (Discord embeds, Slack Block Kit, terminal text). Nothing here
// knows about a platform: text is plain (no Markdown), and URLs are absolute.
import type { Action } from './actions.js';
import type { MatchHow as NameMatch } from './library/types.js';
import { normalizeKey } from './library/normalize.js';
import { ellipsize } from './text/graphemes.js';
import { oneLine } from './text/sentences.js';
import type { Article, Quote } from './wiki/model.js';
import { withAnchor } from './wiki/page-url.js';

export type ReplyKind =
  | 'definition'
  | 'quote'
  | 'related'
  | 'search'
  | 'help'
  | 'daily'
  /** A compact list of pages: the answer to [[links]] in a message, or to "Look up in the wiki". */
  | 'links'
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

/** What a button under the answer does (src/actions.ts): the state travels in the action. */
export type ReplyAction = Action;

/** How a query found its answer: how a name resolved (library/types.ts), or for a quotation,
 *  by the speaker's own name or by a topic. */
export type MatchHow = NameMatch | 'speaker' | 'topic';

/** A picture that goes with an answer (a concept map): attached where the platform can show
 *  it, described by `alt` where it cannot. */
export interface ReplyImage {
  /** PNG bytes. */
  png: Uint8Array;
  /** The name it is attached under: ASCII, ending in .png. */
  fileName: string;
  /** What the picture shows, in words, at most 1,000 characters (screen readers, and any
   *  platform or answer that cannot show a picture). */
  alt: string;
  width: number;
  height: number;
}

export interface Reply {
  kind: ReplyKind;
  title?: string;
  url?: string;
  /** Body: a summary, a notice, an error message. Plain text. */
  text?: string;
  /** What the query matched, when it was not an exact title ("dual powr" → "Dual power",
   *  "kropotkin" → "Peter Kropotkin"). */
  matched?: { query: string; title: string; how: MatchHow };
  quote?: ReplyQuote;
  items?: ReplyItem[];
  citations?: Citation[];
  /** Titles the user may have meant (notfound), best first. */
  suggestions?: string[];
  actions?: ReplyAction[];
  /** For quotes: how many matched, and which one this is (0-based). */
  total?: number;
  index?: number;
  /** Shown only to the asker (a private ask, /help, notices); see isPrivate. */
  private?: boolean;
  /** Short id of a logged failure, shown to the user so they can report it. */
  errorId?: string;
  /** A picture to attach (the concept map of /related). */
  image?: ReplyImage;
  /** The page or concept an answer is about (its title), when it is about one: what the
   *  editors' insights count as asked. Not shown. */
  subject?: string;
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

// ---------------------------------------------------------------------------------------------
// Answer policy: decided here once, for every platform.

const ANSWERS: ReadonlySet<ReplyKind> = new Set(['definition', 'quote', 'related', 'search', 'daily']);

/** An answer from the wiki (not help, a notice, "not found" or an error): it links to its page. */
export function isAnswer(reply: Reply): boolean {
  return ANSWERS.has(reply.kind);
}

/** A private answer of this kind may be posted in the channel ("Post in channel"). A daily
 *  post has its own schedule, and help is about the bot, not the wiki. */
export function canShare(reply: Reply): boolean {
  return isAnswer(reply) && reply.kind !== 'daily';
}

/** Only the asker sees it: asked privately, private by nature, "not found" and errors. */
export function isPrivate(reply: Reply): boolean {
  return reply.private === true || reply.kind === 'notfound' || reply.kind === 'error';
}

/** What an answer matched, for its note; none when the user typed the name itself (only
 *  case, accents or punctuation differ), where a note is noise. */
export function matchedBy(query: string, title: string, how: MatchHow): Reply['matched'] {
  if (how === 'exact' || normalizeKey(query) === normalizeKey(title)) return undefined;
  return { query, title, how };
}

/** The note that says what a query resolved to ("Showing Dual power for “dual powr”",
 *  "Showing Peter Kropotkin for “kropotkin”"), in plain text for a renderer to escape and
 *  style; none for exact names, and none for a quotation by the speaker named or about the
 *  topic typed, which the answer shows anyway. */
export function matchedNote(reply: Reply): string | undefined {
  return noteFor(reply.matched);
}

/** The note for one resolution (matchedNote's wording), e.g. for each item of a list. */
export function noteFor(m: Reply['matched']): string | undefined {
  if (!m || m.how === 'exact' || m.how === 'speaker' || m.how === 'topic') return undefined;
  const query = oneLine(m.query);
  const title = oneLine(m.title);
  if (!query || !title || normalizeKey(query) === normalizeKey(title)) return undefined;
  return `Showing ${ellipsize(title, 150)} for “${ellipsize(query, 100)}”`;
}
