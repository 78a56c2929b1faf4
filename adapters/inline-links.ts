// [[Links]] in conversation for the composition roots (main.ts, discord/shard.ts): the core's
// InlineLinks over the daily posts' store, answering from the Library of the moment.
import { linksReply } from '../commands/links.js';
import type { CommandDeps } from '../commands/types.js';
import { InlineLinks } from '../src/inline/inline-links.js';
import type { Logger } from '../src/log.js';
import type { Store } from '../src/store/types.js';

/** `deps.library` is read at each answer, so a reload is picked up. */
export function inlineLinks(deps: CommandDeps, store: () => Store | undefined, log: Logger): InlineLinks {
  return new InlineLinks({
    store,
    answer: (links) => linksReply(deps.library, links),
    enabled: deps.config.INLINE_LINKS,
    log: log.child({ module: 'inline-links' }),
  });
}
