// The PostgreSQL store, for several instances sharing one database. Exactly-once posting
// rests on the unique (platform, channel_id, local_date) row: a claim is an
// `INSERT … ON CONFLICT DO NOTHING RETURNING`, or an `UPDATE … WHERE lease_until <= now
// RETURNING` that only one of several racing instances can win (PostgreSQL re-checks the
// WHERE clause on the row a concurrent update left behind).
import pg from 'pg';
import { migrations, SCHEMA_MIGRATIONS_SQL, SchemaTooNewError } from './migrations.js';
import { errorText, toPost, toSubscription, toWalk } from './rows.js';
import { LostClaimError, } from './types.js';
/** Key of the advisory lock that serializes migrations across instances ("cmnplace"). */
const MIGRATION_LOCK = 0x636d6e70;
export class PostgresStore {
    pool;
    location;
    log;
    kind = 'postgres';
    closed = false;
    constructor(pool, location, log) {
        this.pool = pool;
        this.location = location;
        this.log = log;
    }
    /** Connects, migrates, and returns the store. */
    static async open(connectionString, log, opts = {}) {
        const pool = new pg.Pool({ connectionString, max: opts.max ?? 5, application_name: 'commonplace' });
        // An idle client that loses its connection emits here; without a listener it would crash the process.
        pool.on('error', (err) => log?.error({ err: { message: err.message } }, 'database connection lost'));
        const store = new PostgresStore(pool, redact(connectionString), log);
        try {
            await store.migrate();
        }
        catch (err) {
            await pool.end().catch(() => { });
            throw err;
        }
        return store;
    }
    async tx(fn) {
        const client = await this.pool.connect();
        try {
            await client.query('BEGIN');
            const out = await fn(client);
            await client.query('COMMIT');
            return out;
        }
        catch (err) {
            await client.query('ROLLBACK').catch(() => { });
            throw err;
        }
        finally {
            client.release();
        }
    }
    async migrate() {
        const all = migrations('postgres');
        const known = Math.max(...all.map((m) => m.version));
        await this.tx(async (c) => {
            await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
            await c.query(SCHEMA_MIGRATIONS_SQL('postgres'));
            const { rows } = await c.query('SELECT version FROM schema_migrations');
            const applied = new Set(rows.map((r) => Number(r.version)));
            const highest = Math.max(0, ...applied);
            if (highest > known)
                throw new SchemaTooNewError(highest, known);
            for (const m of all) {
                if (applied.has(m.version))
                    continue;
                await c.query(m.sql);
                await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
                this.log?.info({ version: m.version, name: m.name }, 'database migrated');
            }
        });
    }
    async schemaVersion() {
        const { rows } = await this.pool.query('SELECT MAX(version) AS v FROM schema_migrations');
        return Number(rows[0]?.v ?? 0);
    }
    async saveSubscription(input, now) {
        const t = now.getTime();
        const { rows } = await this.pool.query(`INSERT INTO daily_subscriptions
         (platform, channel_id, workspace_id, post_time, time_zone, days, created_by, created_at, updated_by, updated_at, active_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8, $8)
       ON CONFLICT (platform, channel_id) DO UPDATE SET
         workspace_id = COALESCE(EXCLUDED.workspace_id, daily_subscriptions.workspace_id),
         post_time = EXCLUDED.post_time, time_zone = EXCLUDED.time_zone, days = EXCLUDED.days,
         updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at, active_from = EXCLUDED.active_from,
         paused_reason = NULL, paused_at = NULL
       RETURNING *, (xmax = 0) AS inserted`, [input.platform, input.channelId, input.workspaceId ?? null, input.time, input.timeZone, input.days, input.by ?? null, t]);
        const row = rows[0];
        return { subscription: toSubscription(row), created: row.inserted === true };
    }
    async getSubscription(platform, channelId) {
        const { rows } = await this.pool.query('SELECT * FROM daily_subscriptions WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
        return rows[0] ? toSubscription(rows[0]) : undefined;
    }
    async deleteSubscription(platform, channelId) {
        const r = await this.pool.query('DELETE FROM daily_subscriptions WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
        return (r.rowCount ?? 0) > 0;
    }
    async listSubscriptions(opts = {}) {
        const sql = opts.includePaused
            ? 'SELECT * FROM daily_subscriptions ORDER BY platform, channel_id'
            : 'SELECT * FROM daily_subscriptions WHERE paused_reason IS NULL ORDER BY platform, channel_id';
        const { rows } = await this.pool.query(sql);
        return rows.map(toSubscription);
    }
    async pauseSubscription(platform, channelId, reason, now) {
        await this.pool.query('UPDATE daily_subscriptions SET paused_reason = $1, paused_at = $2, updated_at = $2 WHERE platform = $3 AND channel_id = $4', [errorText(reason) || 'paused', now.getTime(), platform, channelId]);
    }
    async claimPost(key, o) {
        const now = o.now.getTime();
        const inserted = await this.pool.query(`INSERT INTO daily_posts (platform, channel_id, local_date, due_at, status, claimed_by, lease_until, attempts, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'claimed', $5, $6, 1, $7, $7)
       ON CONFLICT (platform, channel_id, local_date) DO NOTHING
       RETURNING *`, [key.platform, key.channelId, key.localDate, o.dueAt.getTime(), o.instanceId, o.leaseUntil.getTime(), now]);
        if (inserted.rows[0])
            return toPost(inserted.rows[0]);
        const taken = await this.pool.query(`UPDATE daily_posts
          SET claimed_by = $4, lease_until = $5, attempts = attempts + 1, updated_at = $6
        WHERE platform = $1 AND channel_id = $2 AND local_date = $3
          AND status = 'claimed' AND lease_until <= $6 AND attempts < $7
        RETURNING *`, [key.platform, key.channelId, key.localDate, o.instanceId, o.leaseUntil.getTime(), now, o.maxAttempts]);
        return taken.rows[0] ? toPost(taken.rows[0]) : undefined;
    }
    async assignArticle(key, instanceId, at, choose) {
        return this.tx(async (c) => {
            const { rows } = await c.query('SELECT * FROM daily_posts WHERE platform = $1 AND channel_id = $2 AND local_date = $3 FOR UPDATE', [key.platform, key.channelId, key.localDate]);
            const post = rows[0];
            if (!post || post.status !== 'claimed' || post.claimed_by !== instanceId)
                throw new LostClaimError(key);
            // The walk row may not exist yet: lock what there is; only the post's claimer gets here.
            const walkRes = await c.query('SELECT * FROM daily_walks WHERE platform = $1 AND channel_id = $2 FOR UPDATE', [key.platform, key.channelId]);
            const walkRow = walkRes.rows[0];
            const chosen = choose({ slug: post.slug === null ? undefined : String(post.slug), walk: walkRow ? toWalk(walkRow) : undefined });
            if (!chosen)
                return undefined;
            const now = at.getTime();
            if (chosen.walk)
                await this.saveWalk(c, key.platform, key.channelId, chosen.walk, now);
            if (chosen.slug !== post.slug) {
                await c.query('UPDATE daily_posts SET slug = $4, updated_at = $5 WHERE platform = $1 AND channel_id = $2 AND local_date = $3', [
                    key.platform,
                    key.channelId,
                    key.localDate,
                    chosen.slug,
                    now,
                ]);
            }
            return chosen.slug;
        });
    }
    async saveWalk(c, platform, channelId, walk, now) {
        await c.query(`INSERT INTO daily_walks (platform, channel_id, seed, round, shown, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (platform, channel_id) DO UPDATE SET seed = EXCLUDED.seed, round = EXCLUDED.round, shown = EXCLUDED.shown, updated_at = EXCLUDED.updated_at`, [platform, channelId, walk.seed >>> 0, walk.round, JSON.stringify(walk.shown), now]);
    }
    async markSent(key, now) {
        await this.pool.query(`UPDATE daily_posts SET status = 'sent', sent_at = $4, updated_at = $4, lease_until = $4, last_error = NULL
        WHERE platform = $1 AND channel_id = $2 AND local_date = $3 AND status = 'claimed'`, [key.platform, key.channelId, key.localDate, now.getTime()]);
    }
    async releasePost(key, instanceId, retryAt, error, now) {
        await this.pool.query(`UPDATE daily_posts SET lease_until = $5, last_error = $6, updated_at = $7
        WHERE platform = $1 AND channel_id = $2 AND local_date = $3 AND status = 'claimed' AND claimed_by = $4`, [key.platform, key.channelId, key.localDate, instanceId, retryAt.getTime(), errorText(error), now.getTime()]);
    }
    async failPost(key, error, now) {
        await this.pool.query(`UPDATE daily_posts SET status = 'failed', last_error = $4, updated_at = $5
        WHERE platform = $1 AND channel_id = $2 AND local_date = $3 AND status = 'claimed'`, [key.platform, key.channelId, key.localDate, errorText(error), now.getTime()]);
    }
    async getPost(key) {
        const { rows } = await this.pool.query('SELECT * FROM daily_posts WHERE platform = $1 AND channel_id = $2 AND local_date = $3', [
            key.platform,
            key.channelId,
            key.localDate,
        ]);
        return rows[0] ? toPost(rows[0]) : undefined;
    }
    async listPosts(opts) {
        const { rows } = await this.pool.query('SELECT * FROM daily_posts WHERE due_at >= $1 ORDER BY due_at', [opts.dueSince.getTime()]);
        return rows.map(toPost);
    }
    async lastPost(platform, channelId, status) {
        const { rows } = status
            ? await this.pool.query('SELECT * FROM daily_posts WHERE platform = $1 AND channel_id = $2 AND status = $3 ORDER BY local_date DESC LIMIT 1', [platform, channelId, status])
            : await this.pool.query('SELECT * FROM daily_posts WHERE platform = $1 AND channel_id = $2 ORDER BY local_date DESC LIMIT 1', [
                platform,
                channelId,
            ]);
        return rows[0] ? toPost(rows[0]) : undefined;
    }
    async getWalk(platform, channelId) {
        const { rows } = await this.pool.query('SELECT * FROM daily_walks WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
        return rows[0] ? toWalk(rows[0]) : undefined;
    }
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        await this.pool.end();
    }
}
/** postgres://user:secret@host/db → postgres://user:***@host/db */
export function redact(url) {
    try {
        const u = new URL(url);
        if (u.password)
            u.password = '***';
        return u.toString();
    }
    catch {
        return 'postgres://(unparsable URL)';
    }
}
