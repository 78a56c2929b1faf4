import { describeFreshness } from '../src/freshness.js';
import type { Command } from './types.js';

export const help: Command = {
  name: 'help',
  description: 'What the bot can do, with examples',
  usage: '',
  examples: ['/help'],
  options: [],
  parseText: () => ({}),
  async run({ config, library, freshness }) {
    // Imported here, not at the top: the registry imports this file.
    const { commands } = await import('./index.js');
    return {
      kind: 'help',
      ephemeral: true,
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
};
