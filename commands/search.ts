import { SECTION_SEP } from '../src/wiki/model.js';
import { checkText, echo, notFound, privateOption } from './input.js';
import type { Command } from './types.js';

export const search: Command = {
  name: 'search',
  description: 'The best-matching sections across the wiki',
  usage: '<text>',
  examples: ['/search soviets', '/search workers councils'],
  options: [
    { name: 'text', description: 'Words to look for', type: 'string', required: true, maxLength: 200 },
    privateOption,
  ],
  parseText: (text) => ({ text }),
  run({ library }, input) {
    const checked = checkText(input.text, 'words', '/search workers councils');
    if (!checked.ok) return checked.reply;
    const text = checked.value;
    const { hits, allWords, missing } = library.search(text, 5);
    if (hits.length === 0) {
      const words = library.closeWords(text, 5);
      const suggestions = words.length ? words : library.suggest(text, 5);
      return notFound(
        'Nothing found',
        `No section of the wiki mentions "${echo(text)}".${words.length ? ' Close words:' : suggestions.length ? ' Close titles:' : ''}`,
        suggestions,
      );
    }
    const absent = missing.length ? ` Nothing mentions ${missing.map((w) => `"${echo(w, 40)}"`).join(' or ')}.` : '';
    return {
      kind: 'search',
      title: `Search: ${echo(text, 60)}`,
      ...(allWords ? {} : { text: `No section mentions all of "${echo(text)}"; these mention some of the words.${absent}` }),
      items: hits.map((h) => ({
        title: h.section ? [h.article.title, ...h.section.path].join(SECTION_SEP) : h.article.title,
        url: h.url,
        excerpt: h.excerpt,
      })),
    };
  },
};
