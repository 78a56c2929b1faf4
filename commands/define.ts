import { summarize } from '../src/text/sentences.js';
import { withAnchor } from '../src/wiki/page-url.js';
import { SECTION_SEP, type Article, type Footnote } from '../src/wiki/model.js';
import { matchedBy, type Citation } from '../src/reply.js';
import { ellipsize } from '../src/text/graphemes.js';
import { defineCommand, privately, text } from './define-command.js';
import { echo, notFound } from './not-found.js';

const MAX_CITATIONS = 3;

export const define = defineCommand({
  name: 'define',
  description: "A wiki term's summary, with a link to its page",
  usage: '<term>',
  examples: ['/define dual power', '/define counterpower'],
  examplesFor: ({ page }) => [page && `/define ${page}`],
  options: {
    term: text({ description: 'A concept, person or event in the wiki', required: true, max: 200, autocomplete: 'terms' }),
    private: privately(),
  },
  parseText: (line) => ({ term: line }),
  run({ term }, { library, config }) {
    const found = library.resolve(term);
    if (!found) {
      const loop = library.redirectLoop(term);
      if (loop)
        return notFound(
          'Not in the wiki',
          `"${echo(term)}" redirects in a loop (${loop.map((n) => echo(n, 60)).join(' → ')}) and leads to no page.`,
          [],
          'define',
        );
      const suggestions = library.suggest(term, 5);
      return notFound(
        'Not in the wiki',
        suggestions.length
          ? `Nothing in the wiki is called "${echo(term)}". Did you mean one of these?`
          : `Nothing in the wiki is called "${echo(term)}". Try /search ${echo(term, 40)} to look through the text.`,
        suggestions,
        'define',
      );
    }
    const matched = matchedBy(term, found.matched, found.how);
    if (found.article) {
      // A redirect to a section answers with that section.
      const section = found.section;
      const summary = section ? summarize(library.sectionText(found.article, section), config.SUMMARY_MAX_CHARS) : found.article.summary;
      return {
        kind: 'definition',
        title: section ? [found.article.title, ...section.path].join(SECTION_SEP) : found.article.title,
        subject: found.article.title,
        url: withAnchor(found.article.url, section?.anchor),
        text: summary || 'This page has no summary yet; follow the link to read it.',
        matched,
        citations: citationsOf(found.article),
        actions: [{ type: 'related', term: found.article.title }],
      };
    }
    const { concept, listedIn } = found.concept!;
    const section = listedIn.sections.find((s) => s.path.join(SECTION_SEP) === concept.section);
    return {
      kind: 'definition',
      title: concept.term,
      subject: concept.term,
      url: withAnchor(listedIn.url, section?.anchor),
      text: sentence(concept.description),
      matched,
      items: [
        { title: listedIn.title, url: listedIn.url, why: `lists ${concept.term}${concept.section ? ` under "${concept.section}"` : ''}` },
      ],
      actions: [{ type: 'related', term: concept.term }],
    };
  },
});

/** The page's first footnotes, as the sources a reader would check first. */
export function citationsOf(article: Article, max = MAX_CITATIONS): Citation[] {
  return article.footnotes.slice(0, max).map(citation);
}

export function citation(note: Footnote): Citation {
  const url = note.urls[0];
  const text = note.text
    .replace(/<?https?:\/\/\S+>?/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text) return { label: ellipsize(text, 150), url };
  return { label: url ? hostOf(url) : `Note ${note.id}`, url };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** "a term sometimes used…" → "A term sometimes used…." */
export function sentence(text: string): string {
  const t = text.trim();
  const first = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?…"”]$/.test(first) ? first : `${first}.`;
}
