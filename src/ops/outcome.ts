// How a command ended, as metrics and logs count it. Decided from the Reply alone, in one place.
import type { Reply } from '../reply.js';

/**
 * answered: the user got what they asked for (an answer, help, a notice);
 * notfound: nothing in the wiki matched (with suggestions, maybe);
 * refused: the bot declined: bad input, no permission, an unknown command or an expired button;
 * error: our failure, logged with the id shown to the user.
 */
export type Outcome = 'answered' | 'notfound' | 'refused' | 'error';

export const OUTCOMES: readonly Outcome[] = ['answered', 'notfound', 'refused', 'error'];

export function replyOutcome(reply: Pick<Reply, 'kind' | 'errorId'>): Outcome {
  if (reply.kind === 'notfound') return 'notfound';
  if (reply.kind === 'error') return reply.errorId ? 'error' : 'refused';
  return 'answered';
}
