// One entry of a `links` reply as every chat platform shows it: the title in bold, linked to
// its page or section, then the excerpt (a first sentence, a summary), then the note in
// italics ("Showing Dual power for “dual powr”", "Not in the wiki. Did you mean …?"), within
// a length the platform gives.
import type { ReplyItem } from '../../src/reply.js';
import { oneLine } from '../../src/text/sentences.js';
import type { Link } from './link.js';

export interface EntrySyntax {
  link: Link;
  /** Plain text escaped for the platform, cut to fit in `max` characters. */
  fit(text: string, max: number): string;
  bold(text: string): string;
  italic(text: string): string;
}

/** Longest title shown. */
const TITLE_MAX = 200;
/** Longest note shown. */
const NOTE_MAX = 300;

/** The entry within `max` characters (lines joined by "\n"); the title alone, unlinked, when
 *  the room is too small for its link. */
export function entryText(item: ReplyItem, max: number, syntax: EntrySyntax): string {
  if (max < 10) return '';
  const linked = syntax.bold(syntax.link(item.title, item.url, TITLE_MAX));
  const head = linked.length <= max ? linked : syntax.bold(syntax.fit(oneLine(item.title), Math.max(0, max - 4)));
  let room = max - head.length;
  const lines = [head];
  const note = item.why ? syntax.fit(oneLine(item.why), Math.min(NOTE_MAX, room - 3)) : '';
  const noteLine = note.trim() ? syntax.italic(note) : '';
  if (noteLine && noteLine.length + 1 <= room) room -= noteLine.length + 1;
  const excerpt = item.excerpt && room > 1 ? syntax.fit(oneLine(item.excerpt), room - 1) : '';
  if (excerpt.trim()) lines.push(excerpt);
  if (noteLine && lines.join('\n').length + noteLine.length + 1 <= max) lines.push(noteLine);
  return lines.join('\n');
}
