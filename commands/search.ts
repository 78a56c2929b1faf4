import { SECTION_SEP } from '../src/wiki/model.js';
import { defineCommand, privately, text as textOption } from './define-command.js';
import { echo, notFound } from './not-found.js';

export const search = defineCommand({
  name: 'search',
  description: 'The best-matching sections across the wiki',
  usage: '<text>',
  examples: ['/search soviets', '/search workers councils'],
  examplesFor: ({ word }) => [word && `/search ${word}`],
  options: {
    text: textOption({ description: 'Words to look for', required: true, max: 200, label: 'words', example: '/search workers councils' }),
    private: privately(),
  },
  parseText: (line) => ({ text: line }),
  run({ text }, { library }) {
    const { hits, allWords, missing } = library.search(text, 5);
    if (hits.length === 0) {
      // Close words of the wiki, each a search of its own; else close titles to define.
      const words = library.closeWords(text, 5);
      if (words.length) return notFound('Nothing found', `No section of the wiki mentions "${echo(text)}". Close words:`, words, 'search');
      const suggestions = library.suggest(text, 5);
      return notFound(
        'Nothing found',
        `No section of the wiki mentions "${echo(text)}".${suggestions.length ? ' Close titles:' : ''}`,
        suggestions,
        'define',
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
});
