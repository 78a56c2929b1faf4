// The daily post itself: a neutral Reply (kind 'daily') that each adapter renders like any
// other answer, and which pages may be posted.
import type { Article, Quote } from '../wiki/model.js';
import { categoryName } from '../wiki/page-names.js';
import { cutAtSentence } from '../text/sentences.js';
import { normalizeKey } from '../library/normalize.js';
import type { RelatedResult } from '../library/types.js';
import { replyQuote, type Reply, type ReplyQuote } from '../reply.js';

/** What the daily posts need from the Library (the real `Library` has all of it). */
export interface DailyLibrary {
  readonly articles: readonly Article[];
  related(term: string, limit?: number): RelatedResult | undefined;
}

const RELATED_MAX = 3;
const QUOTE_MAX_CHARS = 700;
const TEXT_MAX_CHARS = 1200;

/** Title linking to the page, summary, one quotation when the page has one, up to three related concepts. */
export function dailyReply(library: DailyLibrary, article: Article): Reply {
  const q = bestQuote(article.quotes);
  const quote: ReplyQuote | undefined = q ? replyQuote(article, q) : undefined;
  let related: RelatedResult | undefined;
  try {
    related = library.related(article.title, RELATED_MAX + 2);
  } catch {
    related = undefined; // a post without related concepts beats no post
  }
  const items = (related?.items ?? [])
    .filter((i) => i.title.toLowerCase() !== article.title.toLowerCase())
    .slice(0, RELATED_MAX)
    .map((i) => ({ title: i.title, url: i.url, why: i.why }));
  return {
    kind: 'daily',
    title: article.title,
    url: article.url,
    text: summaryOf(article),
    ...(quote ? { quote } : {}),
    ...(items.length ? { items } : {}),
    actions: [{ type: 'related', term: article.title }],
  };
}

function summaryOf(article: Article): string {
  return cutAtSentence(article.summary || article.lead, TEXT_MAX_CHARS);
}

/** The quotation that stands best on its own: attributed, sourced, not too long. */
function bestQuote(quotes: readonly Quote[]): Quote | undefined {
  let best: Quote | undefined;
  let bestScore = -Infinity;
  for (const q of quotes) {
    if (!q.text.trim()) continue;
    const score =
      (q.speaker ? 8 : 0) +
      (q.source ? 4 : 0) +
      (q.work ? 2 : 0) +
      (q.kind === 'blockquote' ? 1 : 0) -
      (q.text.length > QUOTE_MAX_CHARS ? 20 : 0);
    if (score > bestScore) {
      best = q;
      bestScore = score;
    }
  }
  return best;
}

/** Matched the way the Library matches names: "Category:Anarchist_Concepts" is "anarchist concepts". */
function categoryKey(name: string): string {
  return normalizeKey(categoryName(name) ?? name);
}

/** Why there is nothing to post, for /daily and (naming the setting) the log. */
export function nothingToPost(categories: readonly string[], which = 'the configured categories'): string {
  return categories.length ? `no page is in ${which} (${categories.join(', ')}) with a summary` : 'the wiki has no page with a summary';
}

const eligibleCache = new WeakMap<object, Map<string, Article[]>>();
const slugCache = new WeakMap<object, Map<string, Article>>();

function eligibility(library: DailyLibrary, categories: readonly string[]): Article[] {
  const key = categories.map(categoryKey).sort().join('|');
  let byKey = eligibleCache.get(library);
  if (!byKey) eligibleCache.set(library, (byKey = new Map()));
  let articles = byKey.get(key);
  if (!articles) {
    const wanted = new Set(categories.map(categoryKey).filter(Boolean));
    articles = library.articles.filter(
      (a) => (a.summary || a.lead).trim() !== '' && (wanted.size === 0 || a.categories.some((c) => wanted.has(categoryKey(c)))),
    );
    byKey.set(key, articles);
  }
  return articles;
}

/** Pages that may be posted: every page with a summary, or those in one of `categories` (DAILY_CATEGORIES) when it is not empty. */
export function eligibleArticles(library: DailyLibrary, categories: readonly string[]): readonly Article[] {
  return eligibility(library, categories);
}

export function eligibleSlugs(library: DailyLibrary, categories: readonly string[]): string[] {
  return eligibility(library, categories).map((a) => a.slug);
}

export function articleBySlug(library: DailyLibrary, slug: string): Article | undefined {
  let bySlug = slugCache.get(library);
  if (!bySlug) {
    bySlug = new Map();
    for (const a of library.articles) if (!bySlug.has(a.slug)) bySlug.set(a.slug, a);
    slugCache.set(library, bySlug);
  }
  return bySlug.get(slug);
}
