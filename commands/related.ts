import { matchedBy } from '../src/reply.js';
import { defineCommand, privately, text } from './define-command.js';
import { echo, notFound } from './not-found.js';

export const related = defineCommand({
  name: 'related',
  description: 'Concepts related to a term, and why',
  usage: '<term>',
  examples: ['/related counterpower', '/related dual power'],
  options: {
    term: text({ description: 'A concept, person or event in the wiki', required: true, max: 200, autocomplete: 'terms' }),
    private: privately(),
  },
  parseText: (line) => ({ term: line }),
  run({ term }, { library }) {
    const result = library.related(term);
    if (!result) {
      const suggestions = library.suggest(term, 5);
      return notFound('Not in the wiki', `Nothing in the wiki is called "${echo(term)}".${suggestions.length ? ' Did you mean one of these?' : ''}`, suggestions, 'define');
    }
    if (result.items.length === 0) {
      return {
        kind: 'related',
        title: `Related to ${result.subject}`,
        url: result.url,
        text: `The wiki does not connect ${result.subject} to anything else yet.`,
        items: [],
      };
    }
    return {
      kind: 'related',
      title: `Related to ${result.subject}`,
      url: result.url,
      matched: matchedBy(term, result.subject, result.how),
      items: result.items,
      actions: [{ type: 'define', term: result.subject }],
    };
  },
});
