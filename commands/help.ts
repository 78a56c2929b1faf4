import { describeFreshness } from '../src/freshness.js';
import { defineCommand } from './define-command.js';
import { examplesOn } from './examples.js';

export const help = defineCommand({
  name: 'help',
  description: 'What the bot can do, with examples',
  usage: '',
  examples: ['/help'],
  options: {},
  private: true,
  parseText: () => ({}),
  run(_input, { config, commands, library, freshness }) {
    // Where nothing keeps the wiki fresh (a one-shot `ask`), the Library says when it was built.
    const fresh = freshness?.() ?? (library.stats && { pages: library.stats.articles, loadedAt: library.builtAt });
    return {
      kind: 'help',
      title: `${config.WIKI_NAME} in chat`,
      text:
        `Ask the wiki from here. Each command answers from ${config.WIKI_NAME}'s pages, with links to read on.` +
        (fresh ? ` Content: ${describeFreshness(fresh)}.` : ''),
      items: commands.map((c) => ({
        title: `/${c.name}${c.usage ? ` ${c.usage}` : ''}`,
        why: c.description,
        excerpt: `e.g. ${examplesOn(c, library).join(', ')}`,
      })),
    };
  },
});
