import { wikiExamples } from './examples.js';
import type { Library } from '../src/library/library.js';
import type { QuoteHit, QuoteResult } from '../src/library/types.js';
import { matchedBy, replyQuote, type Reply } from '../src/reply.js';
import { defineCommand, integer, privately, text } from './define-command.js';
import { echo, notFound } from './not-found.js';

export const quote = defineCommand({
  name: 'quote',
  description: 'A quotation from the wiki, by who said it or about a topic',
  usage: '<name or topic>',
  examples: ['/quote Kropotkin', '/quote cooperatives'],
  examplesFor: ({ surname }) => [surname && `/quote ${surname}`],
  options: {
    name: text({
      description: 'Who said it (a surname works), or a topic',
      required: true,
      max: 200,
      autocomplete: 'speakers',
      label: 'name or topic',
    }),
    private: privately(),
    index: integer({
      description: 'Which of the matching quotations (from 0), as "Another quote" asks',
      min: 0,
      max: 100_000,
      hidden: true,
    }),
  },
  parseText: (line) => ({ name: line }),
  run({ name: query, index: requested }, { library }) {
    const { how, total, at } = library.quotes(query);
    if (total === 0) {
      const speakers = library.complete('speakers', query, 5);
      return notFound(
        'No quotation found',
        speakers.length
          ? `No quotation by or about "${echo(query)}". Quoted people with similar names:`
          : `No quotation by or about "${echo(query)}". ${quoteHint(library)}`,
        speakers,
        'quote',
      );
    }
    const index = (requested ?? 0) % total;
    return quoteReply(at(index)!, { query, how, index, total });
  },
});

export function quoteReply(hit: QuoteHit, at: { query: string; how: QuoteResult['how']; index: number; total: number }): Reply {
  const { quote: q, article } = hit;
  const quote = replyQuote(article, q);
  return {
    kind: 'quote',
    title: q.speaker ? `${q.speaker}` : `From ${article.title}`,
    url: quote.sectionUrl ?? article.url,
    quote,
    matched: matchedBy(at.query, q.speaker ?? article.title, at.how),
    total: at.total,
    index: at.index,
    actions: [
      ...(at.total > 1 ? [{ type: 'another-quote' as const, query: at.query, index: (at.index + 1) % at.total }] : []),
      { type: 'related' as const, term: article.title },
    ],
  };
}

/** What to try instead, with a person this wiki quotes when it quotes anyone. */
function quoteHint(library: Library): string {
  const { surname } = wikiExamples(library);
  return surname
    ? `Try a surname (/quote ${surname}) or a topic: a word the quotation holds.`
    : 'This wiki has no quotations with a speaker yet; try a topic: a word the quotation holds.';
}
