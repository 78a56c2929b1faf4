// The PostgreSQL store, for several instances sharing one database. Exactly-once posting
// rests on the unique (platform, channel_id, local_date) row: a claim is an
// `INSERT … ON CONFLICT DO NOTHING RETURNING`, or an `UPDATE … WHERE lease_until <= now
// RETURNING` that only one of several racing instances can win (PostgreSQL re-checks the
// WHERE clause on the row a concurrent update left behind).
import pg from 'pg';
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

export interface PostgresTimeouts {
  /** DATABASE_CONNECT_TIMEOUT_MS: opening a connection, or waiting for a free one. */
  connectTimeoutMs: number;
  /** DATABASE_QUERY_TIMEOUT_MS: one statement, on the server and on the client. */
  queryTimeoutMs: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
export const DEFAULT_QUERY_TIMEOUT_MS = 5000;

/** Key of the advisory lock that serializes migrations across instances ("cmnplace"). */
const MIGRATION_LOCK = 0x636d6e70;

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    readonly location: string,
    private readonly log?: Logger,
  ) {}

  /** Connects, migrates, and returns the store. Every wait is bounded (see PostgresTimeouts):
   *  behind a network partition a call fails within seconds instead of hanging. */
  static async open(
    connectionString: string,
    log?: Logger,
    opts: { max?: number } & Partial<PostgresTimeouts> = {},
  ): Promise<PostgresStore> {
    const connectMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const queryMs = opts.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
    const pool = new pg.Pool({
      connectionString,
      max: opts.max ?? 5,
      application_name: 'commonplace',
      // Opening a connection, and waiting for a free one from the pool.
      connectionTimeoutMillis: connectMs,
      // The server cancels a statement that runs longer (a lock wait, a slow disk)...
      statement_timeout: queryMs,
      // ...and a transaction left open by a client it can no longer hear, so its locks go.
      idle_in_transaction_session_timeout: Math.max(10_000, 2 * queryMs),
      // The client gives up on an answer that never comes (a partition: the server cannot say
      // anything), a little after the server's own limit so that one speaks first when it can.
      query_timeout: queryMs + 1000,
      keepAlive: true,
    });
    // An idle client that loses its connection emits here; without a listener it would crash the process.
    pool.on('error', (err) => log?.error({ err: { message: err.message } }, 'database connection lost'));
    const store = new PostgresStore(pool, redact(connectionString), log);
    try {
      await store.migrate();
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
    return store;
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A connection that breaks between two statements reports it here; unheard, it would end the process.
    const onError = (err: Error) => this.log?.warn({ err: { message: err.message } }, 'database connection lost during a transaction');
    client.on('error', onError);
    let failed: Error | undefined;
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      failed = err as Error;
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.off('error', onError);
      // After a failure the connection may be broken or stuck behind a timed-out statement:
      // close it rather than hand it to the next caller.
      client.release(failed && !(failed instanceof LostClaimError) ? failed : undefined);
    }
  }

  private async migrate(): Promise<void> {
    await this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query(SCHEMA_MIGRATIONS_SQL('postgres'));
      const { rows } = await c.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((r) => Number(r.version)));
      for (const m of pendingMigrations('postgres', applied)) {
        await c.query(m.sql);
        await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
        this.log?.info({ version: m.version, name: m.name }, 'database migrated');
      }
    });
  }

  async schemaVersion(): Promise<number> {
    const { rows } = await this.pool.query('SELECT MAX(version) AS v FROM schema_migrations');
    return Number(rows[0]?.v ?? 0);
  }

  async saveSubscription(input: SubscriptionInput, now: Date): Promise<{ subscription: Subscription; created: boolean }> {
    const t = now.getTime();
    const { rows } = await this.pool.query(
      `INSERT INTO daily_subscriptions
         (platform, channel_id, workspace_id, post_time, time_zone, days, created_by, created_at, updated_by, updated_at, active_from, feed)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8, $8, $9)
       ON CONFLICT (platform, channel_id, feed) DO UPDATE SET
         workspace_id = COALESCE(EXCLUDED.workspace_id, daily_subscriptions.workspace_id),
         post_time = EXCLUDED.post_time, time_zone = EXCLUDED.time_zone, days = EXCLUDED.days,
         updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at, active_from = EXCLUDED.active_from,
         paused_reason = NULL, paused_at = NULL
       RETURNING *, (xmax = 0) AS inserted`,
      [
        input.platform,
        input.channelId,
        input.workspaceId ?? null,
        input.time,
        input.timeZone,
        input.days,
        input.by ?? null,
        t,
        input.feed ?? DAILY_FEED,
      ],
    );
    const row = rows[0] as Row;
    return { subscription: toSubscription(row), created: row.inserted === true };
  }

  async getSubscription(platform: Platform, channelId: string, feed: Feed = DAILY_FEED): Promise<Subscription | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM daily_subscriptions WHERE platform = $1 AND channel_id = $2 AND feed = $3', [
      platform,
      channelId,
      feed,
    ]);
    return rows[0] ? toSubscription(rows[0]) : undefined;
  }

  async deleteSubscription(platform: Platform, channelId: string, feed: Feed = DAILY_FEED): Promise<boolean> {
    const r = await this.pool.query('DELETE FROM daily_subscriptions WHERE platform = $1 AND channel_id = $2 AND feed = $3', [
      platform,
      channelId,
      feed,
    ]);
    return (r.rowCount ?? 0) > 0;
  }

  async listSubscriptions(opts: { includePaused?: boolean } = {}): Promise<Subscription[]> {
    const sql = opts.includePaused
      ? 'SELECT * FROM daily_subscriptions ORDER BY platform, channel_id, feed'
      : 'SELECT * FROM daily_subscriptions WHERE paused_reason IS NULL ORDER BY platform, channel_id, feed';
    const { rows } = await this.pool.query(sql);
    return rows.map(toSubscription);
  }

  async pauseSubscription(platform: Platform, channelId: string, reason: string, now: Date, feed: Feed = DAILY_FEED): Promise<void> {
    await this.pool.query(
      'UPDATE daily_subscriptions SET paused_reason = $1, paused_at = $2, updated_at = $2 WHERE platform = $3 AND channel_id = $4 AND feed = $5',
      [errorText(reason) || 'paused', now.getTime(), platform, channelId, feed],
    );
  }

  async claimPost(key: PostKey, o: ClaimOptions): Promise<PostRecord | undefined> {
    const now = o.now.getTime();
    const inserted = await this.pool.query(
      `INSERT INTO daily_posts (platform, channel_id, local_date, due_at, status, claimed_by, lease_until, attempts, created_at, updated_at, feed)
       VALUES ($1, $2, $3, $4, 'claimed', $5, $6, 1, $7, $7, $8)
       ON CONFLICT (platform, channel_id, feed, local_date) DO NOTHING
       RETURNING *`,
      [key.platform, key.channelId, key.localDate, o.dueAt.getTime(), o.instanceId, o.leaseUntil.getTime(), now, keyFeed(key)],
    );
    if (inserted.rows[0]) return toPost(inserted.rows[0]);
    const taken = await this.pool.query(
      `UPDATE daily_posts
          SET claimed_by = $4, lease_until = $5, attempts = attempts + 1, updated_at = $6
        WHERE platform = $1 AND channel_id = $2 AND local_date = $3 AND feed = $8
          AND status = 'claimed' AND lease_until <= $6 AND attempts < $7
        RETURNING *`,
      [key.platform, key.channelId, key.localDate, o.instanceId, o.leaseUntil.getTime(), now, o.maxAttempts, keyFeed(key)],
    );
    return taken.rows[0] ? toPost(taken.rows[0]) : undefined;
  }

  async assignArticle(key: PostKey, instanceId: string, at: Date, choose: ChooseArticle): Promise<string | undefined> {
    return this.tx(async (c) => {
      const { rows } = await c.query(
        'SELECT * FROM daily_posts WHERE platform = $1 AND channel_id = $2 AND local_date = $3 AND feed = $4 FOR UPDATE',
        [key.platform, key.channelId, key.localDate, keyFeed(key)],
      );
      const post = rows[0] as Row | undefined;
      if (post?.status !== 'claimed' || post.claimed_by !== instanceId) throw new LostClaimError(key);
      // The walk row may not exist yet: lock what there is; only the post's claimer gets here.
      const walkRes = await c.query('SELECT * FROM daily_walks WHERE platform = $1 AND channel_id = $2 FOR UPDATE', [
        key.platform,
        key.channelId,
      ]);
      const walkRow = walkRes.rows[0] as Row | undefined;
      const chosen = choose({ slug: post.slug === null ? undefined : String(post.slug), walk: walkRow ? toWalk(walkRow) : undefined });
      if (!chosen) return undefined;
      const now = at.getTime();
      if (chosen.walk) await this.saveWalk(c, key.platform, key.channelId, chosen.walk, now);
      if (chosen.slug !== post.slug) {
        await c.query(
          'UPDATE daily_posts SET slug = $4, updated_at = $5 WHERE platform = $1 AND channel_id = $2 AND local_date = $3 AND feed = $6',
          [key.platform, key.channelId, key.localDate, chosen.slug, now, keyFeed(key)],
        );
      }
      return chosen.slug;
    });
  }

  private async saveWalk(c: pg.PoolClient, platform: Platform, channelId: string, walk: WalkState, now: number): Promise<void> {
    await c.query(
      `INSERT INTO daily_walks (platform, channel_id, seed, round, shown, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (platform, channel_id) DO UPDATE SET seed = EXCLUDED.seed, round = EXCLUDED.round, shown = EXCLUDED.shown, updated_at = EXCLUDED.updated_at`,
      [platform, channelId, walk.seed >>> 0, walk.round, JSON.stringify(walk.shown), now],
    );
  }

  async markSent(key: PostKey, now: Date): Promise<void> {
    await this.pool.query(
      `UPDATE daily_posts SET status = 'sent', sent_at = $4, updated_at = $4, lease_until = $4, last_error = NULL
        WHERE platform = $1 AND channel_id = $2 AND local_date = $3 AND feed = $5 AND status = 'claimed'`,
      [key.platform, key.channelId, key.localDate, now.getTime(), keyFeed(key)],
    );
  }

  async releasePost(key: PostKey, instanceId: string, retryAt: Date, error: string, now: Date): Promise<void> {
    await this.pool.query(
      `UPDATE daily_posts SET lease_until = $5, last_error = $6, updated_at = $7
        WHERE platform = $1 AND channel_id = $2 AND local_date = $3 AND feed = $8 AND status = 'claimed' AND claimed_by = $4`,
      [key.platform, key.channelId, key.localDate, instanceId, retryAt.getTime(), errorText(error), now.getTime(), keyFeed(key)],
    );
  }

  async failPost(key: PostKey, error: string, now: Date): Promise<void> {
    await this.pool.query(
      `UPDATE daily_posts SET status = 'failed', last_error = $4, updated_at = $5
        WHERE platform = $1 AND channel_id = $2 AND local_date = $3 AND feed = $6 AND status = 'claimed'`,
      [key.platform, key.channelId, key.localDate, errorText(error), now.getTime(), keyFeed(key)],
    );
  }

  async getPost(key: PostKey): Promise<PostRecord | undefined> {
    const { rows } = await this.pool.query(
      'SELECT * FROM daily_posts WHERE platform = $1 AND channel_id = $2 AND local_date = $3 AND feed = $4',
      [key.platform, key.channelId, key.localDate, keyFeed(key)],
    );
    return rows[0] ? toPost(rows[0]) : undefined;
  }

  async listPosts(opts: { dueSince: Date }): Promise<PostRecord[]> {
    const { rows } = await this.pool.query('SELECT * FROM daily_posts WHERE due_at >= $1 ORDER BY due_at', [opts.dueSince.getTime()]);
    return rows.map(toPost);
  }

  async lastPost(platform: Platform, channelId: string, status?: PostStatus, feed: Feed = DAILY_FEED): Promise<PostRecord | undefined> {
    const { rows } = status
      ? await this.pool.query(
          'SELECT * FROM daily_posts WHERE platform = $1 AND channel_id = $2 AND feed = $3 AND status = $4 ORDER BY local_date DESC LIMIT 1',
          [platform, channelId, feed, status],
        )
      : await this.pool.query(
          'SELECT * FROM daily_posts WHERE platform = $1 AND channel_id = $2 AND feed = $3 ORDER BY local_date DESC LIMIT 1',
          [platform, channelId, feed],
        );
    return rows[0] ? toPost(rows[0]) : undefined;
  }

  async getWalk(platform: Platform, channelId: string): Promise<WalkState | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM daily_walks WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
    return rows[0] ? toWalk(rows[0]) : undefined;
  }

  async getWikiSync(source: string): Promise<WikiSyncState | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM wiki_sync WHERE source = $1', [source]);
    return rows[0] ? toWikiSync(rows[0]) : undefined;
  }

  async saveWikiSync(state: WikiSyncState, now: Date): Promise<void> {
    await this.pool.query(
      upsertWikiSyncSql((i) => `$${i}`),
      wikiSyncValues(state, now),
    );
  }

  private lastPrune = 0;

  async firstSighting(key: string, expiresAt: Date, now: Date): Promise<boolean> {
    const t = now.getTime();
    if (t - this.lastPrune > SEEN_REQUESTS_PRUNE_MS) {
      this.lastPrune = t;
      await this.pool.query('DELETE FROM seen_requests WHERE expires_at <= $1', [t]);
    }
    const { rows } = await this.pool.query(
      `INSERT INTO seen_requests (key, expires_at) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE seen_requests.expires_at <= $3
       RETURNING key`,
      [key, expiresAt.getTime(), t],
    );
    return rows.length > 0;
  }

  async addInsightCounts(counts: readonly InsightCount[]): Promise<void> {
    if (!counts.length) return;
    // One statement for the batch: arrays of each column, unnested into rows.
    const cols = (f: (c: InsightCount) => string | number) => counts.map(f);
    await this.pool.query(
      `INSERT INTO insights_counts (day, platform, workspace_id, kind, command, term, count)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
       ON CONFLICT (day, platform, workspace_id, kind, command, term) DO UPDATE SET count = insights_counts.count + EXCLUDED.count`,
      [
        cols((c) => c.day),
        cols((c) => c.platform),
        cols((c) => c.workspaceId),
        cols((c) => c.kind),
        cols((c) => c.command),
        cols((c) => c.term),
        cols((c) => c.count),
      ],
    );
  }

  async insightTotals(q: InsightQuery): Promise<InsightTotal[]> {
    const scoped = q.platform !== undefined;
    const { rows } = await this.pool.query(
      `SELECT kind, command, term, SUM(CASE WHEN day >= $1 THEN count ELSE 0 END) AS recent, SUM(count) AS total
         FROM insights_counts WHERE day >= $2${scoped ? ' AND platform = $3 AND workspace_id = $4' : ''}
        GROUP BY kind, command, term`,
      [q.recentSince, q.since, ...(scoped ? [q.platform, q.workspaceId ?? ''] : [])],
    );
    return rows.map(toInsightTotal);
  }

  async pruneHistory(opts: { insightsBefore: string; postsDueBefore: Date }): Promise<{ counts: number; posts: number }> {
    return this.tx(async (c) => {
      const counts = await c.query('DELETE FROM insights_counts WHERE day < $1', [opts.insightsBefore]);
      const posts = await c.query("DELETE FROM daily_posts WHERE due_at < $1 AND status <> 'claimed'", [opts.postsDueBefore.getTime()]);
      return { counts: counts.rowCount ?? 0, posts: posts.rowCount ?? 0 };
    });
  }

  async saveInlineSetting(input: InlineSettingInput, now: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO inline_settings (platform, scope, scope_id, enabled, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (platform, scope, scope_id) DO UPDATE SET enabled = EXCLUDED.enabled, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [input.platform, input.scope, input.scopeId, input.enabled ? 1 : 0, input.by ?? null, now.getTime()],
    );
  }

  async getInlineSettings(platform: Platform, channelId: string, workspaceId?: string): Promise<InlineSettings> {
    const { rows } = await this.pool.query(
      `SELECT scope, enabled FROM inline_settings
        WHERE platform = $1 AND ((scope = 'channel' AND scope_id = $2) OR (scope = 'workspace' AND scope_id = $3))`,
      [platform, channelId, workspaceId ?? null],
    );
    return toInlineSettings(rows);
  }

  async claimInlineReply(key: MessageKey, now: Date): Promise<boolean> {
    // Racing claims: the loser's INSERT waits for the winner's row, then finds it (DO UPDATE's
    // WHERE is re-checked against it) and returns nothing.
    const { rows } = await this.pool.query(
      `INSERT INTO inline_replies (platform, channel_id, message_id, status, created_at, updated_at) VALUES ($1, $2, $3, 'claimed', $4, $4)
       ON CONFLICT (platform, channel_id, message_id) DO UPDATE SET status = 'claimed', reply_id = NULL, signature = NULL, updated_at = EXCLUDED.updated_at
         WHERE inline_replies.status = 'removed'
       RETURNING message_id`,
      [key.platform, key.channelId, key.messageId, now.getTime()],
    );
    return rows.length > 0;
  }

  async getInlineReply(key: MessageKey): Promise<InlineReplyRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM inline_replies WHERE platform = $1 AND channel_id = $2 AND message_id = $3', [
      key.platform,
      key.channelId,
      key.messageId,
    ]);
    return rows[0] ? toInlineReply(rows[0]) : undefined;
  }

  async updateInlineReply(
    key: MessageKey,
    change: { status: InlineReplyStatus; replyId?: string; signature?: string },
    now: Date,
  ): Promise<void> {
    await this.pool.query(
      `UPDATE inline_replies SET status = $4, reply_id = COALESCE($5, reply_id), signature = COALESCE($6, signature), updated_at = $7
        WHERE platform = $1 AND channel_id = $2 AND message_id = $3`,
      [key.platform, key.channelId, key.messageId, change.status, change.replyId ?? null, change.signature ?? null, now.getTime()],
    );
  }

  async pruneInlineReplies(before: Date): Promise<number> {
    const r = await this.pool.query('DELETE FROM inline_replies WHERE created_at < $1', [before.getTime()]);
    return r.rowCount ?? 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** postgres://user:secret@host/db → postgres://user:***@host/db */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
