// What the bot says about wiki names in a message: the compact reply to [[links]] written in
// conversation (each link's page or section, linked, with its first sentence; "did you mean"
// for what the wiki does not have), and the private answer to "Look up in the wiki" on any
// message (the names the Library finds in it, each with its summary, link and a button that
// posts it). Both are `links` replies; nothing here knows a platform.
import type { Library } from '../src/library/library.js';
import { normalizeKey } from '../src/library/normalize.js';
import type { Resolution } from '../src/library/types.js';
import type { WikiLink } from '../src/links/wiki-links.js';
import { matchedBy, noteFor, type Reply, type ReplyItem } from '../src/reply.js';
import { ellipsize } from '../src/text/graphemes.js';
import { oneLine, splitSentences } from '../src/text/sentences.js';
import { sectionText } from '../src/wiki/cache/packed-text.js';
import { SECTION_SEP, type Article, type Section } from '../src/wiki/model.js';
import { withAnchor } from '../src/wiki/page-url.js';
import { define, sentence } from './define.js';
import { echo } from './not-found.js';

/** The message shortcut, as each platform registers it (Discord: a message command; Slack: a
 *  message shortcut with this callback id). */
export const LOOK_UP = {
  name: 'Look up in the wiki',
  callbackId: 'look_up',
  description: 'The wiki pages named in this message, only for you',
} as const;

/** How many names "Look up in the wiki" answers. */
export const LOOK_UP_MAX = 3;
/** A first sentence longer than this is cut. */
const FIRST_SENTENCE_MAX = 300;

/** The reply to a message's [[links]] (see findWikiLinks), or undefined when there are none;
 *  links that reach the same page or section ([[dual powr]] beside [[Dual power]]) once. */
export function linksReply(library: Library, links: readonly WikiLink[]): Reply | undefined {
  if (!links.length) return undefined;
  const items: ReplyItem[] = [];
  const seen = new Set<string>();
  for (const link of links) {
    const item = linkItem(library, link);
    const key = item.url ?? `?${item.title}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return { kind: 'links', items };
}

function linkItem(library: Library, link: WikiLink): ReplyItem {
  const found = library.resolve(link.target);
  if (!found) {
    const suggestions = library.suggest(link.target, 3);
    return {
      title: echo(link.target, 100),
      why: suggestions.length ? `Not in the wiki. Did you mean ${listed(suggestions)}?` : 'Not in the wiki.',
    };
  }
  const notes: string[] = [];
  const note = noteFor(matchedBy(link.target, found.matched, found.how));
  if (note) notes.push(note);
  if (found.article) {
    const article = found.article;
    const section = link.section ? findSection(article, link.section) : undefined;
    if (link.section && !section) notes.push(`No section “${echo(link.section, 80)}” on this page`);
    return {
      title: section ? `${article.title}${SECTION_SEP}${section.heading}` : article.title,
      url: withAnchor(article.url, section?.anchor),
      excerpt: firstSentence(section ? sectionText(article, section) : article.summary || article.lead) || 'This page has no summary yet.',
      ...(notes.length ? { why: notes.join('. ') } : {}),
    };
  }
  return { ...conceptItem(found), ...(notes.length ? { why: notes.join('. ') } : {}) };
}

/** A concept without a page: its term, linked to where it is listed, and its description. */
function conceptItem(found: Resolution): ReplyItem {
  const { concept, listedIn } = found.concept!;
  const section = listedIn.sections.find((s) => s.path.join(SECTION_SEP) === concept.section);
  return { title: concept.term, url: withAnchor(listedIn.url, section?.anchor), excerpt: firstSentence(sentence(concept.description)) };
}

/** The section a link names: the heading itself, else the first heading that starts so. */
function findSection(article: Article, name: string): Section | undefined {
  const key = normalizeKey(name);
  if (!key) return undefined;
  const anchorKey = normalizeKey(name.replace(/_/g, ' '));
  return (
    article.sections.find((s) => normalizeKey(s.heading) === key || normalizeKey(s.anchor) === anchorKey) ??
    article.sections.find((s) => normalizeKey(s.heading).startsWith(`${key} `))
  );
}

function firstSentence(text: string): string {
  const first = splitSentences(oneLine(text))[0] ?? '';
  return ellipsize(first, FIRST_SENTENCE_MAX);
}

/** "A", "A or B", "A, B or C". */
function listed(names: readonly string[]): string {
  const shown = names.map((n) => ellipsize(oneLine(n), 80));
  return shown.length < 2 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

/**
 * The private answer to "Look up in the wiki" on a message: the names the Library finds in its
 * text (at most LOOK_UP_MAX, the longest first), each with its summary and link, and for each a
 * button that posts its definition in the channel.
 */
export function lookUpReply(library: Library, text: string): Reply {
  if (!/[\p{L}\p{N}]/u.test(text ?? '')) {
    return { kind: 'notice', private: true, title: 'Nothing to look up', text: 'That message has no words to look up in the wiki.' };
  }
  const found = library.namesIn(text, LOOK_UP_MAX);
  if (!found.length) {
    return {
      kind: 'notice',
      private: true,
      title: 'Nothing from the wiki',
      text: 'That message names no page or concept of the wiki. /search finds pages about its words.',
    };
  }
  const items = found.map(({ text: written, resolution }): ReplyItem => {
    const note = noteFor(matchedBy(written, resolution.matched, resolution.how));
    const base = resolution.article
      ? {
          title: resolution.article.title,
          url: resolution.article.url,
          excerpt: resolution.article.summary || 'This page has no summary yet; follow the link to read it.',
        }
      : { ...conceptItem(resolution), excerpt: sentence(resolution.concept!.concept.description) };
    return { ...base, ...(note ? { why: note } : {}) };
  });
  return {
    kind: 'links',
    private: true,
    title: found.length === 1 ? 'In the wiki' : `${found.length} names from the wiki`,
    items,
    actions: items.map((item) => ({ type: 'share', command: define.name, term: item.title })),
  };
}
