// Database rows ↔ store records, shared by both stores. PostgreSQL returns BIGINT as a
// string, SQLite as a number: `ms` reads either.
import { oneLine } from '../text/sentences.js';
import type {
  Feed,
  InlineReplyRecord,
  InlineReplyStatus,
  InlineSettings,
  InsightKind,
  InsightTotal,
  Platform,
  PostRecord,
  PostStatus,
  Subscription,
  WalkState,
  WikiSyncState,
} from './types.js';

export type Row = Record<string, unknown>;

export function ms(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}

function date(v: unknown): Date {
  return new Date(ms(v));
}

function optDate(v: unknown): Date | undefined {
  return v === null || v === undefined ? undefined : date(v);
}

function optString(v: unknown): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}

export function toSubscription(r: Row): Subscription {
  return {
    platform: r.platform as Platform,
    channelId: String(r.channel_id),
    feed: feedOf(r.feed),
    workspaceId: optString(r.workspace_id),
    time: String(r.post_time),
    timeZone: String(r.time_zone),
    days: String(r.days),
    createdBy: optString(r.created_by),
    createdAt: date(r.created_at),
    updatedBy: optString(r.updated_by),
    updatedAt: date(r.updated_at),
    activeFrom: date(r.active_from),
    pausedReason: optString(r.paused_reason),
    pausedAt: optDate(r.paused_at),
  };
}

export function toPost(r: Row): PostRecord {
  return {
    platform: r.platform as Platform,
    channelId: String(r.channel_id),
    feed: feedOf(r.feed),
    localDate: String(r.local_date),
    dueAt: date(r.due_at),
    status: r.status as PostStatus,
    claimedBy: optString(r.claimed_by),
    leaseUntil: date(r.lease_until),
    attempts: Number(r.attempts),
    slug: optString(r.slug),
    sentAt: optDate(r.sent_at),
    lastError: optString(r.last_error),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

function feedOf(v: unknown): Feed {
  return v === 'insights' ? 'insights' : 'daily';
}

/** A key's feed, as stored ('daily' when the key names none). */
export function keyFeed(key: { feed?: Feed }): Feed {
  return key.feed ?? 'daily';
}

export function toInsightTotal(r: Row): InsightTotal {
  return {
    kind: r.kind as InsightKind,
    command: String(r.command),
    term: String(r.term),
    recent: Number(r.recent),
    total: Number(r.total),
  };
}

export function toWalk(r: Row): WalkState {
  let shown: unknown;
  try {
    shown = JSON.parse(String(r.shown));
  } catch {
    shown = [];
  }
  return {
    seed: ms(r.seed) >>> 0,
    round: Number(r.round),
    shown: Array.isArray(shown) ? shown.filter((s): s is string => typeof s === 'string') : [],
  };
}

export function toInlineReply(r: Row): InlineReplyRecord {
  return {
    platform: r.platform as Platform,
    channelId: String(r.channel_id),
    messageId: String(r.message_id),
    status: r.status as InlineReplyStatus,
    replyId: optString(r.reply_id),
    signature: optString(r.signature),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

/** Rows of inline_settings (scope, enabled) → the channel's and the workspace's setting. */
export function toInlineSettings(rows: readonly Row[]): InlineSettings {
  const out: InlineSettings = {};
  for (const r of rows) out[r.scope === 'channel' ? 'channel' : 'workspace'] = Number(r.enabled) === 1;
  return out;
}

/** Error text as stored: one line, bounded. */
export function errorText(error: string): string {
  return oneLine(error).slice(0, 500);
}

/** A wiki_sync row as read back (BIGINT columns may arrive as strings from PostgreSQL). */
export function toWikiSync(r: Row): WikiSyncState {
  return {
    source: String(r.source),
    apiUrl: String(r.api_url),
    pullStarted: optString(r.pull_started),
    pullContinue: optString(r.pull_continue),
    pulledAt: optDate(r.pulled_at),
    rcTimestamp: optString(r.rc_timestamp),
    rcId: r.rc_id === null || r.rc_id === undefined ? undefined : ms(r.rc_id),
    syncedAt: optDate(r.synced_at),
    lastError: optString(r.last_error),
  };
}

/** The columns of a wiki_sync row, in WIKI_SYNC_COLUMNS order. */
export function wikiSyncValues(s: WikiSyncState, now: Date): unknown[] {
  return [
    s.source,
    s.apiUrl,
    s.pullStarted ?? null,
    s.pullContinue ?? null,
    s.pulledAt?.getTime() ?? null,
    s.rcTimestamp ?? null,
    s.rcId ?? null,
    s.syncedAt?.getTime() ?? null,
    s.lastError ? errorText(s.lastError) : null,
    now.getTime(),
  ];
}

export const WIKI_SYNC_COLUMNS =
  'source, api_url, pull_started, pull_continue, pulled_at, rc_timestamp, rc_id, synced_at, last_error, updated_at';

/** INSERT … ON CONFLICT (source) DO UPDATE over every column, with `param(i)` placeholders. */
export function upsertWikiSyncSql(param: (i: number) => string): string {
  const cols = WIKI_SYNC_COLUMNS.split(', ');
  return `INSERT INTO wiki_sync (${WIKI_SYNC_COLUMNS}) VALUES (${cols.map((_, i) => param(i + 1)).join(', ')})
  ON CONFLICT (source) DO UPDATE SET ${cols
    .slice(1)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;
}
