// How fresh the loaded content is, for /help and the shell's banner: how many pages, when
// they were last loaded or reloaded, and when a live wiki was last synced.

export interface Freshness {
  pages: number;
  /** When the running Library's pages were read (start-up or the last reload that changed any). */
  loadedAt: Date;
  /** Set at start-up or by the reloader: whether the last load was a reload. */
  reloaded?: boolean;
  /** When the live wiki (WIKI_API_URL) was last followed up to date, if it is followed. */
  syncedAt?: Date;
}

/** "969 pages, reloaded 3 minutes ago, synced with the wiki 1 minute ago". */
export function describeFreshness(f: Freshness, now = new Date()): string {
  const parts = [
    `${f.pages.toLocaleString('en-US')} page${f.pages === 1 ? '' : 's'}`,
    `${f.reloaded ? 'reloaded' : 'loaded'} ${ago(f.loadedAt, now)}`,
  ];
  if (f.syncedAt) parts.push(`synced with the wiki ${ago(f.syncedAt, now)}`);
  return parts.join(', ');
}

function ago(then: Date, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? '' : 's'} ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} hour${h === 1 ? '' : 's'} ago`;
  return `on ${then.toISOString().slice(0, 10)}`;
}
