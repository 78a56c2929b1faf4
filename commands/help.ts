import { describeFreshness } from '../src/freshness.js';
import { defineCommand } from './define-command.js';

export const help = defineCommand({
  name: 'help',
  description: 'What the bot can do, with examples',
  usage: '',
  examples: ['/help'],
  options: {},
  private: true,
  parseText: () => ({}),
  run(_input, { config, commands, library, freshness }) {
    return {
      kind: 'help',
      title: `${config.WIKI_NAME} in chat`,
      text:
        `Ask the wiki from here. Each command answers from ${config.WIKI_NAME}'s pages, with links to read on. ` +
        `Content: ${describeFreshness(freshness?.() ?? { pages: library.stats.articles, loadedAt: library.builtAt })}.`,
      items: commands.map((c) => ({
        title: `/${c.name}${c.usage ? ` ${c.usage}` : ''}`,
        why: c.description,
        excerpt: `e.g. ${c.examples.join(', ')}`,
      })),
    };
  },
});
