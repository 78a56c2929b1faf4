import type { QuoteHit, QuoteResult } from '../src/library/types.js';
import { replyQuote, type Reply } from '../src/reply.js';
import { checkText, echo, matchNote, privateOption } from './input.js';
import type { Command } from './types.js';

export const quote: Command = {
  name: 'quote',
  description: 'A quotation from the wiki, by who said it or about a topic',
  usage: '<name or topic>',
  examples: ['/quote Kropotkin', '/quote cooperatives'],
  options: [
    { name: 'name', description: 'Who said it (a surname works), or a topic', type: 'string', required: true, autocomplete: 'speakers', maxLength: 200 },
    privateOption,
  ],
  parseText: (text) => ({ name: text }),
  run({ library }, input) {
    const checked = checkText(input.name, 'name or topic', '/quote Kropotkin');
    if (!checked.ok) return checked.reply;
    const query = checked.value;
    const { how, total, at } = library.quotes(query);
    if (total === 0) {
      const speakers = library.complete('speakers', query, 5);
      return {
        kind: 'notfound',
        ephemeral: true,
        title: 'No quotation found',
        text: speakers.length
          ? `No quotation by or about "${echo(query)}". Quoted people with similar names:`
          : `No quotation by or about "${echo(query)}". Try a surname (/quote Kropotkin) or a topic (/quote cooperatives).`,
        suggestions: speakers,
      };
    }
    const requested = Number(input.index ?? 0);
    const index = Number.isInteger(requested) && requested >= 0 ? requested % total : 0;
    return quoteReply(at(index)!, { query, how, index, total });
  },
};

export function quoteReply(hit: QuoteHit, at: { query: string; how: QuoteResult['how']; index: number; total: number }): Reply {
  const { quote: q, article } = hit;
  const quote = replyQuote(article, q);
  return {
    kind: 'quote',
    title: q.speaker ? `${q.speaker}` : `From ${article.title}`,
    url: quote.sectionUrl ?? article.url,
    quote,
    matched: matchNote(at.query, q.speaker ?? article.title, at.how),
    total: at.total,
    index: at.index,
    actions: [
      ...(at.total > 1 ? [{ type: 'another-quote' as const, query: at.query, index: (at.index + 1) % at.total }] : []),
      { type: 'related' as const, term: article.title },
    ],
  };
}
