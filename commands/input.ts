// Input checks shared by the commands: what counts as empty, too long or garbage, and the
// friendly reply for each. Adapters escape for their platform; this only cleans and bounds.
import { normalizeKey, stripInvisible } from '../src/library/normalize.js';
import type { Reply } from '../src/reply.js';

export const MAX_TERM_CHARS = 200;

export type Checked = { ok: true; value: string } | { ok: false; reply: Reply };

/** What the answer matched, for a "showing X for y" note; none when the user typed the name
 *  itself (only case, accents or punctuation differ), where such a note is noise. */
export function matchNote(query: string, title: string, how: NonNullable<Reply['matched']>['how']): Reply['matched'] {
  if (how === 'exact' || normalizeKey(query) === normalizeKey(title)) return undefined;
  return { query, title, how };
}

/** A private "not found" answer whose suggestions are also buttons that define them. */
export function notFound(title: string, text: string, suggestions: string[]): Reply {
  return { kind: 'notfound', ephemeral: true, title, text, suggestions, actions: suggestions.map((s) => ({ type: 'define' as const, term: s })) };
}

/** Cleans a free-text option; `example` is shown when it is empty. */
export function checkText(raw: unknown, what: string, example: string): Checked {
  const value = stripInvisible(typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw))
    .replace(/\s+/g, ' ')
    .trim();
  if (!value || !/[\p{L}\p{N}]/u.test(value)) {
    return {
      ok: false,
      reply: { kind: 'notice', ephemeral: true, title: `Which ${what}?`, text: `Tell me which ${what} you mean, for example: ${example}` },
    };
  }
  if (value.length > MAX_TERM_CHARS) {
    return {
      ok: false,
      reply: {
        kind: 'notice',
        ephemeral: true,
        title: 'That is too long',
        text: `That ${what} is ${value.length.toLocaleString('en-US')} characters long; please use at most ${MAX_TERM_CHARS}, for example: ${example}`,
      },
    };
  }
  return { ok: true, value };
}

/** How a query is echoed back inside a sentence: short, on one line. */
export function echo(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** The `private` option every command has. */
export const privateOption = {
  name: 'private',
  description: 'Only you see the answer',
  type: 'boolean' as const,
};
