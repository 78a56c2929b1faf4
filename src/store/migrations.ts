// Schema migrations, run at start by both stores inside one transaction (PostgreSQL also
// under an advisory lock, so instances starting together do not race). Applied versions
// are recorded in schema_migrations. Never edit a released migration: add the next one.
// Instants are milliseconds since the epoch (INTEGER in SQLite, BIGINT in PostgreSQL).

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export type Dialect = 'sqlite' | 'postgres';

function v1(d: Dialect): string {
  const ms = d === 'sqlite' ? 'INTEGER' : 'BIGINT';
  return `
CREATE TABLE daily_subscriptions (
  platform      TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  channel_id    TEXT NOT NULL,
  workspace_id  TEXT,
  post_time     TEXT NOT NULL,
  time_zone     TEXT NOT NULL,
  days          TEXT NOT NULL,
  created_by    TEXT,
  created_at    ${ms} NOT NULL,
  updated_by    TEXT,
  updated_at    ${ms} NOT NULL,
  active_from   ${ms} NOT NULL,
  paused_reason TEXT,
  paused_at     ${ms},
  PRIMARY KEY (platform, channel_id)
);

CREATE TABLE daily_walks (
  platform    TEXT NOT NULL,
  channel_id  TEXT NOT NULL,
  seed        ${ms} NOT NULL,
  round       INTEGER NOT NULL,
  shown       TEXT NOT NULL,
  updated_at  ${ms} NOT NULL,
  PRIMARY KEY (platform, channel_id)
);

CREATE TABLE daily_posts (
  platform    TEXT NOT NULL,
  channel_id  TEXT NOT NULL,
  local_date  TEXT NOT NULL,
  due_at      ${ms} NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
  claimed_by  TEXT,
  lease_until ${ms} NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,
  slug        TEXT,
  sent_at     ${ms},
  last_error  TEXT,
  created_at  ${ms} NOT NULL,
  updated_at  ${ms} NOT NULL,
  CONSTRAINT daily_posts_once_per_day UNIQUE (platform, channel_id, local_date)
);

CREATE INDEX daily_posts_due_at ON daily_posts (due_at);
`;
}

/** Expired rows of seen_requests are removed at most this often (by each instance). */
export const SEEN_REQUESTS_PRUNE_MS = 60_000;

function v2(d: Dialect): string {
  const ms = d === 'sqlite' ? 'INTEGER' : 'BIGINT';
  return `
CREATE TABLE seen_requests (
  key        TEXT PRIMARY KEY,
  expires_at ${ms} NOT NULL
);

CREATE INDEX seen_requests_expires_at ON seen_requests (expires_at);
`;
}

function v3(d: Dialect): string {
  const ms = d === 'sqlite' ? 'INTEGER' : 'BIGINT';
  return `
CREATE TABLE inline_settings (
  platform   TEXT NOT NULL,
  scope      TEXT NOT NULL CHECK (scope IN ('channel', 'workspace')),
  scope_id   TEXT NOT NULL,
  enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  updated_by TEXT,
  updated_at ${ms} NOT NULL,
  PRIMARY KEY (platform, scope, scope_id)
);

CREATE TABLE inline_replies (
  platform    TEXT NOT NULL,
  channel_id  TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'removed', 'gone')),
  reply_id    TEXT,
  signature   TEXT,
  created_at  ${ms} NOT NULL,
  updated_at  ${ms} NOT NULL,
  PRIMARY KEY (platform, channel_id, message_id)
);

CREATE INDEX inline_replies_created_at ON inline_replies (created_at);
`;
}

/** Every feed's subscriptions and posts share the daily tables, keyed by feed too; and the
 *  insights' counts (per UTC day, workspace, kind, command and term: no user, no message). */
function v4(d: Dialect): string {
  const ms = d === 'sqlite' ? 'INTEGER' : 'BIGINT';
  const counts = `
CREATE TABLE insights_counts (
  day          TEXT NOT NULL,
  platform     TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('command', 'page', 'missing')),
  command      TEXT NOT NULL,
  term         TEXT NOT NULL,
  count        ${d === 'sqlite' ? 'INTEGER' : 'BIGINT'} NOT NULL,
  PRIMARY KEY (day, platform, workspace_id, kind, command, term)
);

CREATE INDEX insights_counts_workspace ON insights_counts (platform, workspace_id, day);
`;
  if (d === 'postgres') {
    return `
ALTER TABLE daily_subscriptions ADD COLUMN feed TEXT NOT NULL DEFAULT 'daily' CHECK (feed IN ('daily', 'insights'));
ALTER TABLE daily_subscriptions DROP CONSTRAINT daily_subscriptions_pkey;
ALTER TABLE daily_subscriptions ADD PRIMARY KEY (platform, channel_id, feed);
ALTER TABLE daily_posts ADD COLUMN feed TEXT NOT NULL DEFAULT 'daily' CHECK (feed IN ('daily', 'insights'));
ALTER TABLE daily_posts DROP CONSTRAINT daily_posts_once_per_day;
ALTER TABLE daily_posts ADD CONSTRAINT daily_posts_once_per_day UNIQUE (platform, channel_id, feed, local_date);
${counts}`;
  }
  // SQLite cannot change a key in place: the two tables are rebuilt, rows copied.
  return `
CREATE TABLE daily_subscriptions_v4 (
  platform      TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
  channel_id    TEXT NOT NULL,
  feed          TEXT NOT NULL DEFAULT 'daily' CHECK (feed IN ('daily', 'insights')),
  workspace_id  TEXT,
  post_time     TEXT NOT NULL,
  time_zone     TEXT NOT NULL,
  days          TEXT NOT NULL,
  created_by    TEXT,
  created_at    ${ms} NOT NULL,
  updated_by    TEXT,
  updated_at    ${ms} NOT NULL,
  active_from   ${ms} NOT NULL,
  paused_reason TEXT,
  paused_at     ${ms},
  PRIMARY KEY (platform, channel_id, feed)
);
INSERT INTO daily_subscriptions_v4 (platform, channel_id, workspace_id, post_time, time_zone, days, created_by, created_at, updated_by, updated_at, active_from, paused_reason, paused_at)
  SELECT platform, channel_id, workspace_id, post_time, time_zone, days, created_by, created_at, updated_by, updated_at, active_from, paused_reason, paused_at FROM daily_subscriptions;
DROP TABLE daily_subscriptions;
ALTER TABLE daily_subscriptions_v4 RENAME TO daily_subscriptions;

CREATE TABLE daily_posts_v4 (
  platform    TEXT NOT NULL,
  channel_id  TEXT NOT NULL,
  feed        TEXT NOT NULL DEFAULT 'daily' CHECK (feed IN ('daily', 'insights')),
  local_date  TEXT NOT NULL,
  due_at      ${ms} NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
  claimed_by  TEXT,
  lease_until ${ms} NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,
  slug        TEXT,
  sent_at     ${ms},
  last_error  TEXT,
  created_at  ${ms} NOT NULL,
  updated_at  ${ms} NOT NULL,
  CONSTRAINT daily_posts_once_per_day UNIQUE (platform, channel_id, feed, local_date)
);
INSERT INTO daily_posts_v4 (platform, channel_id, local_date, due_at, status, claimed_by, lease_until, attempts, slug, sent_at, last_error, created_at, updated_at)
  SELECT platform, channel_id, local_date, due_at, status, claimed_by, lease_until, attempts, slug, sent_at, last_error, created_at, updated_at FROM daily_posts;
DROP TABLE daily_posts;
ALTER TABLE daily_posts_v4 RENAME TO daily_posts;
CREATE INDEX daily_posts_due_at ON daily_posts (due_at);
${counts}`;
}

/** Following a live wiki (WIKI_API_URL): per content folder, how far the first pull got and
 *  the last change applied, so a restart or a crash resumes where it stopped. (The wiki's
 *  name and URL base live beside its pages, in `_site.json`, as an import leaves them.) */
function v5(d: Dialect): string {
  const ms = d === 'sqlite' ? 'INTEGER' : 'BIGINT';
  return `
CREATE TABLE wiki_sync (
  source         TEXT PRIMARY KEY,
  api_url        TEXT NOT NULL,
  pull_started   TEXT,
  pull_continue  TEXT,
  pulled_at      ${ms},
  rc_timestamp   TEXT,
  rc_id          ${ms},
  synced_at      ${ms},
  last_error     TEXT,
  updated_at     ${ms} NOT NULL
);
`;
}

/** The longest platform key the database takes. */
export const PLATFORM_KEY_MAX = 32;

/** A platform is a key its adapter chooses: the database no longer lists the platforms a
 *  subscription may name (v1 allowed only 'discord' and 'slack'), it only bounds the key. */
function v6(d: Dialect): string {
  const ms = d === 'sqlite' ? 'INTEGER' : 'BIGINT';
  if (d === 'postgres') {
    // v1's column CHECK got a generated name: drop whichever CHECK on the table names platform.
    return `
DO $$
DECLARE c record;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint
    WHERE conrelid = 'daily_subscriptions'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%platform%'
  LOOP
    EXECUTE format('ALTER TABLE daily_subscriptions DROP CONSTRAINT %I', c.conname);
  END LOOP;
END $$;
ALTER TABLE daily_subscriptions ADD CONSTRAINT daily_subscriptions_platform_key CHECK (length(platform) BETWEEN 1 AND ${PLATFORM_KEY_MAX});
`;
  }
  // SQLite cannot drop a CHECK: the table is rebuilt, rows copied (it has no index besides its key).
  return `
CREATE TABLE daily_subscriptions_v6 (
  platform      TEXT NOT NULL CHECK (length(platform) BETWEEN 1 AND ${PLATFORM_KEY_MAX}),
  channel_id    TEXT NOT NULL,
  feed          TEXT NOT NULL DEFAULT 'daily' CHECK (feed IN ('daily', 'insights')),
  workspace_id  TEXT,
  post_time     TEXT NOT NULL,
  time_zone     TEXT NOT NULL,
  days          TEXT NOT NULL,
  created_by    TEXT,
  created_at    ${ms} NOT NULL,
  updated_by    TEXT,
  updated_at    ${ms} NOT NULL,
  active_from   ${ms} NOT NULL,
  paused_reason TEXT,
  paused_at     ${ms},
  PRIMARY KEY (platform, channel_id, feed)
);
INSERT INTO daily_subscriptions_v6 (platform, channel_id, feed, workspace_id, post_time, time_zone, days, created_by, created_at, updated_by, updated_at, active_from, paused_reason, paused_at)
  SELECT platform, channel_id, feed, workspace_id, post_time, time_zone, days, created_by, created_at, updated_by, updated_at, active_from, paused_reason, paused_at FROM daily_subscriptions;
DROP TABLE daily_subscriptions;
ALTER TABLE daily_subscriptions_v6 RENAME TO daily_subscriptions;
`;
}

/** The migrations a database with these versions applied still needs, in order. Throws when
 *  it was migrated by a newer commonplace than this one (its schema may not be understood). */
export function pendingMigrations(d: Dialect, applied: ReadonlySet<number>): Migration[] {
  const all = migrations(d);
  const known = Math.max(...all.map((m) => m.version));
  const highest = Math.max(0, ...applied);
  if (highest > known) throw new SchemaTooNewError(highest, known);
  return all.filter((m) => !applied.has(m.version));
}

export function migrations(d: Dialect): Migration[] {
  return [
    { version: 1, name: 'daily posts: subscriptions, walks, post log', sql: v1(d) },
    { version: 2, name: 'requests seen: signed platform requests, kept to refuse replays', sql: v2(d) },
    { version: 3, name: 'inline links: settings per channel and workspace, one reply per message', sql: v3(d) },
    { version: 4, name: 'feeds (daily concept, insights digest) share the daily tables; insights counts', sql: v4(d) },
    { version: 5, name: 'live wiki: sync position per content folder', sql: v5(d) },
    { version: 6, name: 'platforms are keys chosen by their adapters: subscriptions accept any short key', sql: v6(d) },
  ];
}

export const SCHEMA_MIGRATIONS_SQL = (d: Dialect) => `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at ${d === 'sqlite' ? 'INTEGER' : 'BIGINT'} NOT NULL
)`;

export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(`The database schema is at version ${found}, newer than this version of the bot knows (${known}). Upgrade the bot.`);
    this.name = 'SchemaTooNewError';
  }
}
