// The default store: one SQLite file (./data/commonplace.db unless DATABASE_URL says
// otherwise) through better-sqlite3, in WAL mode. Claims run in IMMEDIATE transactions, so
// even two processes sharing the file cannot both claim one post; for several instances on
// several machines, use PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../log.js';
import { pendingMigrations, SCHEMA_MIGRATIONS_SQL, SEEN_REQUESTS_PRUNE_MS } from './migrations.js';
import {
  errorText,
  keyFeed,
  toInlineReply,
  toInlineSettings,
  toInsightTotal,
  toPost,
  toSubscription,
  toWalk,
  toWikiSync,
  upsertWikiSyncSql,
  wikiSyncValues,
  type Row,
} from './rows.js';
import {
  LostClaimError,
  type ChooseArticle,
  type ClaimOptions,
  DAILY_FEED,
  type Feed,
  type InsightCount,
  type InsightQuery,
  type InsightTotal,
  type InlineReplyRecord,
  type InlineReplyStatus,
  type InlineSettingInput,
  type InlineSettings,
  type MessageKey,
  type Platform,
  type PostKey,
  type PostRecord,
  type PostStatus,
  type Store,
  type Subscription,
  type SubscriptionInput,
  type WalkState,
  type WikiSyncState,
} from './types.js';

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private closed = false;

  private constructor(
    readonly location: string,
    private readonly log: Logger | undefined,
    busyTimeoutMs: number,
  ) {
    if (location !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(location)), { recursive: true });
    this.db = new Database(location);
    try {
      this.db.pragma('journal_mode = WAL');
      // How long a statement waits for another process's lock. better-sqlite3 is synchronous,
      // so this is also how long the event loop can stand still: keep it short.
      this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
      this.db.pragma('synchronous = NORMAL');
    } catch (err) {
      this.db.close();
      throw err;
    }
  }

  /** Opens (creating the file and its folder when needed) and migrates. */
  static open(file: string, log?: Logger, opts: { busyTimeoutMs?: number } = {}): SqliteStore {
    const store = new SqliteStore(file, log, opts.busyTimeoutMs ?? 5000);
    try {
      store.migrate();
    } catch (err) {
      store.db.close();
      throw err;
    }
    return store;
  }

  private migrate(): void {
    const run = this.db.transaction(() => {
      this.db.exec(SCHEMA_MIGRATIONS_SQL('sqlite'));
      const applied = new Set(
        (this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => Number(r.version)),
      );
      for (const m of pendingMigrations('sqlite', applied)) {
        this.db.exec(m.sql);
        this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
        this.log?.info({ version: m.version, name: m.name }, 'database migrated');
      }
    });
    run.immediate();
  }

  async schemaVersion(): Promise<number> {
    const r = this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
    return Number(r.v ?? 0);
  }

  async saveSubscription(input: SubscriptionInput, now: Date): Promise<{ subscription: Subscription; created: boolean }> {
    const t = now.getTime();
    const feed = input.feed ?? DAILY_FEED;
    const run = this.db.transaction(() => {
      const existing = this.db
        .prepare('SELECT 1 FROM daily_subscriptions WHERE platform = ? AND channel_id = ? AND feed = ?')
        .get(input.platform, input.channelId, feed);
      if (existing) {
        this.db
          .prepare(
            `UPDATE daily_subscriptions
                SET workspace_id = COALESCE(?, workspace_id), post_time = ?, time_zone = ?, days = ?,
                    updated_by = ?, updated_at = ?, active_from = ?, paused_reason = NULL, paused_at = NULL
              WHERE platform = ? AND channel_id = ? AND feed = ?`,
          )
          .run(
            input.workspaceId ?? null,
            input.time,
            input.timeZone,
            input.days,
            input.by ?? null,
            t,
            t,
            input.platform,
            input.channelId,
            feed,
          );
      } else {
        this.db
          .prepare(
            `INSERT INTO daily_subscriptions
               (platform, channel_id, feed, workspace_id, post_time, time_zone, days, created_by, created_at, updated_by, updated_at, active_from)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            input.platform,
            input.channelId,
            feed,
            input.workspaceId ?? null,
            input.time,
            input.timeZone,
            input.days,
            input.by ?? null,
            t,
            input.by ?? null,
            t,
            t,
          );
      }
      const row = this.db
        .prepare('SELECT * FROM daily_subscriptions WHERE platform = ? AND channel_id = ? AND feed = ?')
        .get(input.platform, input.channelId, feed) as Row;
      return { subscription: toSubscription(row), created: !existing };
    });
    return run.immediate();
  }

  async getSubscription(platform: Platform, channelId: string, feed: Feed = DAILY_FEED): Promise<Subscription | undefined> {
    const row = this.db
      .prepare('SELECT * FROM daily_subscriptions WHERE platform = ? AND channel_id = ? AND feed = ?')
      .get(platform, channelId, feed) as Row | undefined;
    return row ? toSubscription(row) : undefined;
  }

  async deleteSubscription(platform: Platform, channelId: string, feed: Feed = DAILY_FEED): Promise<boolean> {
    return (
      this.db.prepare('DELETE FROM daily_subscriptions WHERE platform = ? AND channel_id = ? AND feed = ?').run(platform, channelId, feed)
        .changes > 0
    );
  }

  async listSubscriptions(opts: { includePaused?: boolean } = {}): Promise<Subscription[]> {
    const sql = opts.includePaused
      ? 'SELECT * FROM daily_subscriptions ORDER BY platform, channel_id, feed'
      : 'SELECT * FROM daily_subscriptions WHERE paused_reason IS NULL ORDER BY platform, channel_id, feed';
    return (this.db.prepare(sql).all() as Row[]).map(toSubscription);
  }

  async pauseSubscription(platform: Platform, channelId: string, reason: string, now: Date, feed: Feed = DAILY_FEED): Promise<void> {
    this.db
      .prepare(
        'UPDATE daily_subscriptions SET paused_reason = ?, paused_at = ?, updated_at = ? WHERE platform = ? AND channel_id = ? AND feed = ?',
      )
      .run(errorText(reason) || 'paused', now.getTime(), now.getTime(), platform, channelId, feed);
  }

  async claimPost(key: PostKey, o: ClaimOptions): Promise<PostRecord | undefined> {
    const now = o.now.getTime();
    const run = this.db.transaction(() => {
      const inserted = this.db
        .prepare(
          `INSERT INTO daily_posts (platform, channel_id, feed, local_date, due_at, status, claimed_by, lease_until, attempts, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'claimed', ?, ?, 1, ?, ?)
           ON CONFLICT (platform, channel_id, feed, local_date) DO NOTHING
           RETURNING *`,
        )
        .get(key.platform, key.channelId, keyFeed(key), key.localDate, o.dueAt.getTime(), o.instanceId, o.leaseUntil.getTime(), now, now) as
        | Row
        | undefined;
      if (inserted) return toPost(inserted);
      const taken = this.db
        .prepare(
          `UPDATE daily_posts
              SET claimed_by = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
            WHERE platform = ? AND channel_id = ? AND feed = ? AND local_date = ?
              AND status = 'claimed' AND lease_until <= ? AND attempts < ?
            RETURNING *`,
        )
        .get(o.instanceId, o.leaseUntil.getTime(), now, key.platform, key.channelId, keyFeed(key), key.localDate, now, o.maxAttempts) as
        | Row
        | undefined;
      return taken ? toPost(taken) : undefined;
    });
    return run.immediate();
  }

  async assignArticle(key: PostKey, instanceId: string, at: Date, choose: ChooseArticle): Promise<string | undefined> {
    const run = this.db.transaction(() => {
      const post = this.db
        .prepare('SELECT * FROM daily_posts WHERE platform = ? AND channel_id = ? AND feed = ? AND local_date = ?')
        .get(key.platform, key.channelId, keyFeed(key), key.localDate) as Row | undefined;
      if (post?.status !== 'claimed' || post.claimed_by !== instanceId) throw new LostClaimError(key);
      const walkRow = this.db.prepare('SELECT * FROM daily_walks WHERE platform = ? AND channel_id = ?').get(key.platform, key.channelId) as
        | Row
        | undefined;
      const chosen = choose({ slug: post.slug === null ? undefined : String(post.slug), walk: walkRow ? toWalk(walkRow) : undefined });
      if (!chosen) return undefined;
      const now = at.getTime();
      if (chosen.walk) this.saveWalk(key.platform, key.channelId, chosen.walk, now);
      if (chosen.slug !== post.slug) {
        this.db
          .prepare('UPDATE daily_posts SET slug = ?, updated_at = ? WHERE platform = ? AND channel_id = ? AND feed = ? AND local_date = ?')
          .run(chosen.slug, now, key.platform, key.channelId, keyFeed(key), key.localDate);
      }
      return chosen.slug;
    });
    return run.immediate();
  }

  private saveWalk(platform: Platform, channelId: string, walk: WalkState, now: number): void {
    this.db
      .prepare(
        `INSERT INTO daily_walks (platform, channel_id, seed, round, shown, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, channel_id) DO UPDATE SET seed = excluded.seed, round = excluded.round, shown = excluded.shown, updated_at = excluded.updated_at`,
      )
      .run(platform, channelId, walk.seed >>> 0, walk.round, JSON.stringify(walk.shown), now);
  }

  async markSent(key: PostKey, now: Date): Promise<void> {
    this.db
      .prepare(
        `UPDATE daily_posts SET status = 'sent', sent_at = ?, updated_at = ?, lease_until = ?, last_error = NULL
          WHERE platform = ? AND channel_id = ? AND feed = ? AND local_date = ? AND status = 'claimed'`,
      )
      .run(now.getTime(), now.getTime(), now.getTime(), key.platform, key.channelId, keyFeed(key), key.localDate);
  }

  async releasePost(key: PostKey, instanceId: string, retryAt: Date, error: string, now: Date): Promise<void> {
    this.db
      .prepare(
        `UPDATE daily_posts SET lease_until = ?, last_error = ?, updated_at = ?
          WHERE platform = ? AND channel_id = ? AND feed = ? AND local_date = ? AND status = 'claimed' AND claimed_by = ?`,
      )
      .run(retryAt.getTime(), errorText(error), now.getTime(), key.platform, key.channelId, keyFeed(key), key.localDate, instanceId);
  }

  async failPost(key: PostKey, error: string, now: Date): Promise<void> {
    this.db
      .prepare(
        `UPDATE daily_posts SET status = 'failed', last_error = ?, updated_at = ?
          WHERE platform = ? AND channel_id = ? AND feed = ? AND local_date = ? AND status = 'claimed'`,
      )
      .run(errorText(error), now.getTime(), key.platform, key.channelId, keyFeed(key), key.localDate);
  }

  async getPost(key: PostKey): Promise<PostRecord | undefined> {
    const row = this.db
      .prepare('SELECT * FROM daily_posts WHERE platform = ? AND channel_id = ? AND feed = ? AND local_date = ?')
      .get(key.platform, key.channelId, keyFeed(key), key.localDate) as Row | undefined;
    return row ? toPost(row) : undefined;
  }

  async listPosts(opts: { dueSince: Date }): Promise<PostRecord[]> {
    return (this.db.prepare('SELECT * FROM daily_posts WHERE due_at >= ? ORDER BY due_at').all(opts.dueSince.getTime()) as Row[]).map(
      toPost,
    );
  }

  async lastPost(platform: Platform, channelId: string, status?: PostStatus, feed: Feed = DAILY_FEED): Promise<PostRecord | undefined> {
    const row = (
      status
        ? this.db
            .prepare(
              'SELECT * FROM daily_posts WHERE platform = ? AND channel_id = ? AND feed = ? AND status = ? ORDER BY local_date DESC LIMIT 1',
            )
            .get(platform, channelId, feed, status)
        : this.db
            .prepare('SELECT * FROM daily_posts WHERE platform = ? AND channel_id = ? AND feed = ? ORDER BY local_date DESC LIMIT 1')
            .get(platform, channelId, feed)
    ) as Row | undefined;
    return row ? toPost(row) : undefined;
  }

  async getWalk(platform: Platform, channelId: string): Promise<WalkState | undefined> {
    const row = this.db.prepare('SELECT * FROM daily_walks WHERE platform = ? AND channel_id = ?').get(platform, channelId) as
      | Row
      | undefined;
    return row ? toWalk(row) : undefined;
  }

  async getWikiSync(source: string): Promise<WikiSyncState | undefined> {
    const row = this.db.prepare('SELECT * FROM wiki_sync WHERE source = ?').get(source) as Row | undefined;
    return row ? toWikiSync(row) : undefined;
  }

  async saveWikiSync(state: WikiSyncState, now: Date): Promise<void> {
    this.db.prepare(upsertWikiSyncSql(() => '?')).run(...wikiSyncValues(state, now));
  }

  private lastPrune = 0;

  async firstSighting(key: string, expiresAt: Date, now: Date): Promise<boolean> {
    const t = now.getTime();
    if (t - this.lastPrune > SEEN_REQUESTS_PRUNE_MS) {
      this.lastPrune = t;
      this.db.prepare('DELETE FROM seen_requests WHERE expires_at <= ?').run(t);
    }
    const row = this.db
      .prepare(
        `INSERT INTO seen_requests (key, expires_at) VALUES (?, ?)
         ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_requests.expires_at <= ?
         RETURNING key`,
      )
      .get(key, expiresAt.getTime(), t);
    return row !== undefined;
  }

  async addInsightCounts(counts: readonly InsightCount[]): Promise<void> {
    if (!counts.length) return;
    const add = this.db.prepare(
      `INSERT INTO insights_counts (day, platform, workspace_id, kind, command, term, count) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (day, platform, workspace_id, kind, command, term) DO UPDATE SET count = insights_counts.count + excluded.count`,
    );
    this.db
      .transaction(() => {
        for (const c of counts) add.run(c.day, c.platform, c.workspaceId, c.kind, c.command, c.term, c.count);
      })
      .immediate();
  }

  async insightTotals(q: InsightQuery): Promise<InsightTotal[]> {
    const scoped = q.platform !== undefined;
    const rows = this.db
      .prepare(
        `SELECT kind, command, term, SUM(CASE WHEN day >= ? THEN count ELSE 0 END) AS recent, SUM(count) AS total
           FROM insights_counts WHERE day >= ?${scoped ? ' AND platform = ? AND workspace_id = ?' : ''}
          GROUP BY kind, command, term`,
      )
      .all(q.recentSince, q.since, ...(scoped ? [q.platform, q.workspaceId ?? ''] : [])) as Row[];
    return rows.map(toInsightTotal);
  }

  async pruneHistory(opts: { insightsBefore: string; postsDueBefore: Date }): Promise<{ counts: number; posts: number }> {
    return this.db
      .transaction(() => ({
        counts: this.db.prepare('DELETE FROM insights_counts WHERE day < ?').run(opts.insightsBefore).changes,
        posts: this.db.prepare("DELETE FROM daily_posts WHERE due_at < ? AND status <> 'claimed'").run(opts.postsDueBefore.getTime())
          .changes,
      }))
      .immediate();
  }

  async saveInlineSetting(input: InlineSettingInput, now: Date): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO inline_settings (platform, scope, scope_id, enabled, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, scope, scope_id) DO UPDATE SET enabled = excluded.enabled, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .run(input.platform, input.scope, input.scopeId, input.enabled ? 1 : 0, input.by ?? null, now.getTime());
  }

  async getInlineSettings(platform: Platform, channelId: string, workspaceId?: string): Promise<InlineSettings> {
    const rows = this.db
      .prepare(
        `SELECT scope, enabled FROM inline_settings
          WHERE platform = ? AND ((scope = 'channel' AND scope_id = ?) OR (scope = 'workspace' AND scope_id = ?))`,
      )
      .all(platform, channelId, workspaceId ?? null) as Row[];
    return toInlineSettings(rows);
  }

  async claimInlineReply(key: MessageKey, now: Date): Promise<boolean> {
    const t = now.getTime();
    const row = this.db
      .prepare(
        `INSERT INTO inline_replies (platform, channel_id, message_id, status, created_at, updated_at) VALUES (?, ?, ?, 'claimed', ?, ?)
         ON CONFLICT (platform, channel_id, message_id) DO UPDATE SET status = 'claimed', reply_id = NULL, signature = NULL, updated_at = excluded.updated_at
           WHERE inline_replies.status = 'removed'
         RETURNING message_id`,
      )
      .get(key.platform, key.channelId, key.messageId, t, t);
    return row !== undefined;
  }

  async getInlineReply(key: MessageKey): Promise<InlineReplyRecord | undefined> {
    const row = this.db
      .prepare('SELECT * FROM inline_replies WHERE platform = ? AND channel_id = ? AND message_id = ?')
      .get(key.platform, key.channelId, key.messageId) as Row | undefined;
    return row ? toInlineReply(row) : undefined;
  }

  async updateInlineReply(
    key: MessageKey,
    change: { status: InlineReplyStatus; replyId?: string; signature?: string },
    now: Date,
  ): Promise<void> {
    this.db
      .prepare(
        `UPDATE inline_replies SET status = ?, reply_id = COALESCE(?, reply_id), signature = COALESCE(?, signature), updated_at = ?
          WHERE platform = ? AND channel_id = ? AND message_id = ?`,
      )
      .run(change.status, change.replyId ?? null, change.signature ?? null, now.getTime(), key.platform, key.channelId, key.messageId);
  }

  async pruneInlineReplies(before: Date): Promise<number> {
    return this.db.prepare('DELETE FROM inline_replies WHERE created_at < ?').run(before.getTime()).changes;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
