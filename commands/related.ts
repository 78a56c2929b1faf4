import { checkText, echo, matchNote, notFound, privateOption } from './input.js';
import type { Command } from './types.js';

export const related: Command = {
  name: 'related',
  description: 'Concepts related to a term, and why',
  usage: '<term>',
  examples: ['/related counterpower', '/related dual power'],
  options: [
    { name: 'term', description: 'A concept, person or event in the wiki', type: 'string', required: true, autocomplete: 'terms', maxLength: 200 },
    privateOption,
  ],
  parseText: (text) => ({ term: text }),
  run({ library }, input) {
    const checked = checkText(input.term, 'term', '/related counterpower');
    if (!checked.ok) return checked.reply;
    const term = checked.value;
    const result = library.related(term);
    if (!result) {
      const suggestions = library.suggest(term, 5);
      return notFound('Not in the wiki', `Nothing in the wiki is called "${echo(term)}".${suggestions.length ? ' Did you mean one of these?' : ''}`, suggestions);
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
      matched: matchNote(term, result.subject, result.how),
      items: result.items,
      actions: [{ type: 'define', term: result.subject }],
    };
  },
};
