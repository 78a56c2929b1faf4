import { conceptMapImage } from '../src/map/concept-map.js';
import type { RelatedResult } from '../src/library/types.js';
import { MAP_VIEW } from '../src/insights/counts.js';
import { matchedBy, type Reply } from '../src/reply.js';
import { defineCommand, flag, privately, text } from './define-command.js';
import { echo, notFound } from './not-found.js';
import type { RunContext } from './types.js';

/** The option that asks for the concept map (the "Map" button, the terminal's --png). */
export const PICTURE_OPTION = 'map';

export const related = defineCommand({
  name: 'related',
  description: 'Concepts related to a term, and why',
  usage: '<term>',
  examples: ['/related counterpower', '/related dual power'],
  examplesFor: ({ page }) => [page && `/related ${page}`],
  options: {
    term: text({ description: 'A concept, person or event in the wiki', required: true, max: 200, autocomplete: 'terms' }),
    private: privately(),
    map: flag('With a concept map of the related concepts, as "Map" asks', { hidden: true }),
  },
  parseText: (line) => ({ term: line }),
  countedAs: ({ map }) => (map ? MAP_VIEW : undefined),
  async run({ term, map }, ctx) {
    const { library } = ctx;
    const result = library.related(term);
    if (!result) {
      const suggestions = library.suggest(term, 5);
      return notFound(
        'Not in the wiki',
        `Nothing in the wiki is called "${echo(term)}".${suggestions.length ? ' Did you mean one of these?' : ''}`,
        suggestions,
        'define',
      );
    }
    if (result.items.length === 0) {
      return {
        kind: 'related',
        title: `Related to ${result.subject}`,
        subject: result.subject,
        url: result.url,
        text: `The wiki does not connect ${result.subject} to anything else yet.`,
        items: [],
      };
    }
    const reply: Reply = {
      kind: 'related',
      title: `Related to ${result.subject}`,
      subject: result.subject,
      url: result.url,
      matched: matchedBy(term, result.subject, result.how),
      items: result.items,
      actions: [{ type: 'define', term: result.subject }, ...(map ? [] : [{ type: 'map' as const, term: result.subject }])],
    };
    return map ? withMap(reply, result, ctx) : reply;
  },
});

/** The answer with its concept map attached; without it (and saying so) if it cannot be drawn. */
async function withMap(reply: Reply, result: RelatedResult, ctx: RunContext): Promise<Reply> {
  try {
    return { ...reply, image: await conceptMapImage(result) };
  } catch (err) {
    ctx.log?.error({ err, subject: result.subject }, 'concept map could not be drawn');
    return { ...reply, text: 'The concept map could not be drawn this time; here are the related concepts.' };
  }
}
