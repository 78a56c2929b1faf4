// What the commands say when nothing matches, and how they echo a query back.
import type { Reply } from '../src/reply.js';
import { ellipsize } from '../src/text/graphemes.js';

/** A private "not found" answer whose suggestions are also actions: each runs `command` for it. */
export function notFound(title: string, text: string, suggestions: string[], command: string): Reply {
  return {
    kind: 'notfound',
    private: true,
    title,
    text,
    suggestions,
    actions: suggestions.map((term) => ({ type: 'suggest' as const, command, term })),
  };
}

/** How a query is echoed back inside a sentence: short, on one line. */
export function echo(value: string, max = 80): string {
  return ellipsize(value, max);
}
