// What one command run adds to the insights: a count for the command, and one for the page it
// answered with or for the name the wiki does not have. Only the page's title or the name,
// normalised (case, accents and punctuation gone), is kept: no user id, no other text. Pure.
import { normalizeKey } from '../library/normalize.js';
import { isAnswer } from '../reply.js';
import type { CommandRun } from '../request.js';
import type { InsightCount } from '../store/types.js';
import { ellipsize } from '../text/graphemes.js';
import { oneLine } from '../text/sentences.js';

/** The count of concept maps asked for (the Map button, the terminal's --png): a view of its
 *  own, counted beside the commands rather than as /related. */
export const MAP_VIEW = 'map';

/** Longest term kept. */
export const TERM_MAX = 100;

export function countsOf(run: CommandRun, day: string): InsightCount[] {
  const where = { day, platform: run.ctx.platform, workspaceId: run.ctx.workspaceId ?? '', command: run.command, count: 1 };
  const out: InsightCount[] = [{ ...where, kind: 'command', term: '' }];
  const { reply } = run;
  if (isAnswer(reply) && reply.subject) {
    const page = ellipsize(oneLine(reply.subject), TERM_MAX);
    if (page) out.push({ ...where, kind: 'page', term: page });
  } else if (reply.kind === 'notfound' && run.term?.names) {
    const name = ellipsize(normalizeKey(run.term.text), TERM_MAX);
    if (name) out.push({ ...where, kind: 'missing', term: name });
  }
  return out;
}
