// The insights as a reply: the most asked pages, the names asked for that the wiki does not
// have (the editors' to-do list), and the commands used, over the last 7 and 30 days. Plain
// text: each renderer escapes it (a page title or a name is never markup). Pure.
import type { Reply } from '../reply.js';
import type { InsightKind, InsightTotal } from '../store/types.js';
import { MAP_VIEW } from './counts.js';

/** Rows per list. */
export const REPORT_ROWS = 10;
export const RECENT_DAYS = 7;
export const WINDOW_DAYS = 30;

interface Row {
  name: string;
  recent: number;
  total: number;
}

/** Sums totals of one kind per term (or per command for 'command'), most asked first. */
export function ranked(totals: readonly InsightTotal[], kind: InsightKind): Row[] {
  const rows = new Map<string, Row>();
  for (const t of totals) {
    if (t.kind !== kind) continue;
    const name = kind === 'command' ? commandLabel(t.command) : t.term;
    const row = rows.get(name) ?? { name, recent: 0, total: 0 };
    row.recent += t.recent;
    row.total += t.total;
    rows.set(name, row);
  }
  return [...rows.values()]
    .filter((r) => r.total > 0)
    .sort((a, b) => b.total - a.total || b.recent - a.recent || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A counted command as members know it: "/define", or the concept map (no command of its own). */
function commandLabel(command: string): string {
  return command === MAP_VIEW ? 'concept map' : `/${command}`;
}

export interface ReportOptions {
  /** Where the figures are from ("this server", "this workspace", "every workspace"). */
  where: string;
  keepDays: number;
  /** 'both': 7 and 30 days (/insights); 'week': the last 7 days (the weekly digest). */
  windows: 'both' | 'week';
}

export function insightsReply(totals: readonly InsightTotal[], opts: ReportOptions): Reply {
  const week = opts.windows === 'week';
  const figure = (r: Row) => (week ? `${r.recent}` : `${r.recent} in 7 days · ${r.total} in 30`);
  const keep = (r: Row) => (week ? r.recent > 0 : true);
  const list = (rows: Row[], empty: string) => {
    const shown = rows.filter(keep).slice(0, REPORT_ROWS);
    if (!shown.length) return [empty];
    const lines = shown.map((r, i) => `${i + 1}. ${r.name} — ${figure(r)}`);
    const more = rows.filter(keep).length - shown.length;
    return more > 0 ? [...lines, `…and ${more} more`] : lines;
  };
  const commands = ranked(totals, 'command').filter(keep);
  const asked = commands.reduce((n, r) => n + (week ? r.recent : r.total), 0);
  const lines = [
    week
      ? `What members asked ${opts.where} in the last 7 days (${plural(asked, 'command')}).`
      : `What members asked ${opts.where}: the last 7 days · the last 30 days (UTC).`,
    '',
    'Most asked pages',
    ...list(ranked(totals, 'page'), 'None yet.'),
    '',
    'Asked for but not in the wiki (a to-do list for the editors)',
    ...list(ranked(totals, 'missing'), 'None: every name asked for was found.'),
    '',
    'Commands',
    commands.length ? commands.map((r) => `${r.name} ${week ? r.recent : `${r.recent} · ${r.total}`}`).join(', ') : 'None yet.',
    '',
    `Only counts per day of each page, name and command are kept, for ${plural(opts.keepDays, 'day')}: no user, no message.`,
  ];
  return {
    kind: 'notice',
    title: week ? 'This week in the wiki: what members asked' : 'Insights for the wiki’s editors',
    text: lines.join('\n'),
  };
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
