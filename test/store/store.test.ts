import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, parseDatabaseUrl } from '../../src/store/index.js';
import { migrations, SCHEMA_MIGRATIONS_SQL } from '../../src/store/migrations.js';
import type { PostKey, Store } from '../../src/store/types.js';
import { LostClaimError } from '../../src/store/types.js';
import { createTestDatabase, rawExec, silentLog, storeCases, type TestDatabase } from './factory.js';

const T0 = new Date('2026-03-02T08:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const key: PostKey = { platform: 'discord', channelId: 'c1', localDate: '2026-03-02' };
const claim = (instanceId: string, now: Date, leaseMin = 2, maxAttempts = 5) => ({
  instanceId,
  now,
  leaseUntil: new Date(now.getTime() + leaseMin * 60_000),
  dueAt: T0,
  maxAttempts,
});

describe('parseDatabaseUrl', () => {
  it('defaults to ./data/commonplace.db', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ kind: 'sqlite', file: './data/commonplace.db' });
    expect(parseDatabaseUrl('  ')).toEqual({ kind: 'sqlite', file: './data/commonplace.db' });
  });
  it('reads sqlite:, file: and paths', () => {
    expect(parseDatabaseUrl('sqlite:./x/y.db')).toEqual({ kind: 'sqlite', file: './x/y.db' });
    expect(parseDatabaseUrl('sqlite:///var/lib/c.db')).toEqual({ kind: 'sqlite', file: '/var/lib/c.db' });
    expect(parseDatabaseUrl('file:data/c.db')).toEqual({ kind: 'sqlite', file: 'data/c.db' });
    expect(parseDatabaseUrl('/tmp/c.db')).toEqual({ kind: 'sqlite', file: '/tmp/c.db' });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', file: ':memory:' });
  });
  it('reads postgres URLs', () => {
    expect(parseDatabaseUrl('postgres://u:p@h:5432/db')).toEqual({ kind: 'postgres', url: 'postgres://u:p@h:5432/db' });
    expect(parseDatabaseUrl('postgresql://h/db').kind).toBe('postgres');
  });
});

describe('SQLite file', () => {
  it('is created with its folder on first run, in WAL mode', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commonplace-sqlite-'));
    const file = path.join(dir, 'deep', 'er', 'c.db');
    try {
      const store = await openStore(file, silentLog);
      expect(fs.existsSync(file)).toBe(true);
      expect(store.kind).toBe('sqlite');
      await store.close();
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(file, { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(storeCases())('store: $kind', ({ kind, skip }) => {
  let tdb: TestDatabase;
  let store: Store;

  beforeEach(async () => {
    if (skip) return;
    tdb = await createTestDatabase(kind);
    store = await tdb.open();
  });
  afterEach(async () => {
    if (skip) return;
    await tdb.drop();
  });

  describe.skipIf(skip)('migrations', () => {
    it('records the schema version and runs again without change', async () => {
      const latest = migrations(kind).length;
      expect(await store.schemaVersion()).toBe(latest);
      const again = await tdb.open();
      expect(await again.schemaVersion()).toBe(latest);
    });

    it('migrate concurrently from several instances', async () => {
      const more = await Promise.all([tdb.open(), tdb.open(), tdb.open()]);
      for (const s of more) expect(await s.schemaVersion()).toBe(migrations(kind).length);
    });
  });

  describe.skipIf(skip)('live wiki sync position', () => {
    it('saves, reads back and replaces one row per content folder', async () => {
      const source = 'https://wiki.example.org/w/api.php#folder-1';
      expect(await store.getWikiSync(source)).toBeUndefined();
      await store.saveWikiSync(
        { source, apiUrl: 'https://wiki.example.org/w/api.php', pullStarted: '2026-01-02T03:04:05Z', pullContinue: '{"gapcontinue":"M"}' },
        at(1),
      );
      expect(await store.getWikiSync(source)).toEqual({
        source,
        apiUrl: 'https://wiki.example.org/w/api.php',
        pullStarted: '2026-01-02T03:04:05Z',
        pullContinue: '{"gapcontinue":"M"}',
        pulledAt: undefined,
        rcTimestamp: undefined,
        rcId: undefined,
        syncedAt: undefined,
        lastError: undefined,
      });
      const done = {
        source,
        apiUrl: 'https://wiki.example.org/w/api.php',
        pullStarted: '2026-01-02T03:04:05Z',
        pulledAt: at(2),
        rcTimestamp: '2026-01-02T04:00:00Z',
        rcId: 9_000_000_001,
        syncedAt: at(3),
        lastError: 'HTTP 503',
      };
      await store.saveWikiSync(done, at(3));
      expect(await store.getWikiSync(source)).toEqual({ ...done, pullContinue: undefined });
      expect(await store.getWikiSync(`${source}-other`)).toBeUndefined();
    });
  });

  describe.skipIf(skip)('requests seen', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 8, 0, s));

    it('says true the first time a key is seen, false for a replay, and true again once it expired', async () => {
      expect(await store.firstSighting('v0=abc', at(300), at(0))).toBe(true);
      expect(await store.firstSighting('v0=abc', at(300), at(1))).toBe(false);
      expect(await store.firstSighting('v0=other', at(300), at(1))).toBe(true);
      expect(await store.firstSighting('v0=abc', at(700), at(301))).toBe(true);
      expect(await store.firstSighting('v0=abc', at(700), at(302))).toBe(false);
    });

    it('lets exactly one of several instances see a key first', async () => {
      const others = await Promise.all([tdb.open(), tdb.open(), tdb.open()]);
      const seen = await Promise.all([store, ...others].map((s) => s.firstSighting('v0=race', at(300), at(0))));
      expect(seen.filter(Boolean)).toHaveLength(1);
    });
  });

  describe.skipIf(skip)('inline links', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 8, 0, s));
    const message = { platform: 'discord', channelId: 'c1', messageId: 'm1' };

    it('keeps a setting per channel and per workspace, each changed in place', async () => {
      expect(await store.getInlineSettings('discord', 'c1', 'g1')).toEqual({});
      await store.saveInlineSetting({ platform: 'discord', scope: 'workspace', scopeId: 'g1', enabled: true, by: 'u1' }, at(0));
      expect(await store.getInlineSettings('discord', 'c1', 'g1')).toEqual({ workspace: true });
      expect(await store.getInlineSettings('discord', 'c1')).toEqual({});
      await store.saveInlineSetting({ platform: 'discord', scope: 'channel', scopeId: 'c1', enabled: false, by: 'u2' }, at(1));
      expect(await store.getInlineSettings('discord', 'c1', 'g1')).toEqual({ channel: false, workspace: true });
      await store.saveInlineSetting({ platform: 'discord', scope: 'channel', scopeId: 'c1', enabled: true }, at(2));
      expect(await store.getInlineSettings('discord', 'c1', 'g1')).toEqual({ channel: true, workspace: true });
      // Another platform's ids are another place.
      expect(await store.getInlineSettings('slack', 'c1', 'g1')).toEqual({});
      // The channel id never matches a workspace setting, nor the reverse.
      expect(await store.getInlineSettings('discord', 'g1', 'c1')).toEqual({});
    });

    it('lets a message be claimed once, records its reply, and takes back only a removed one', async () => {
      expect(await store.getInlineReply(message)).toBeUndefined();
      expect(await store.claimInlineReply(message, at(0))).toBe(true);
      expect(await store.claimInlineReply(message, at(1))).toBe(false);
      expect(await store.getInlineReply(message)).toMatchObject({ ...message, status: 'claimed', replyId: undefined, createdAt: at(0) });

      await store.updateInlineReply(message, { status: 'posted', replyId: 'r1', signature: 'sig-a' }, at(2));
      expect(await store.getInlineReply(message)).toMatchObject({ status: 'posted', replyId: 'r1', signature: 'sig-a', updatedAt: at(2) });
      expect(await store.claimInlineReply(message, at(3))).toBe(false);
      await store.updateInlineReply(message, { status: 'posted', signature: 'sig-b' }, at(4));
      expect(await store.getInlineReply(message)).toMatchObject({ status: 'posted', replyId: 'r1', signature: 'sig-b' });

      await store.updateInlineReply(message, { status: 'removed' }, at(5));
      expect(await store.claimInlineReply(message, at(6))).toBe(true);
      expect(await store.getInlineReply(message)).toMatchObject({
        status: 'claimed',
        replyId: undefined,
        signature: undefined,
        createdAt: at(0),
      });
      await store.updateInlineReply(message, { status: 'gone' }, at(7));
      expect(await store.claimInlineReply(message, at(8))).toBe(false);
      expect(await store.claimInlineReply({ ...message, messageId: 'm2' }, at(8))).toBe(true);
    });

    it('lets exactly one of several instances claim a message', async () => {
      const others = await Promise.all([tdb.open(), tdb.open(), tdb.open()]);
      const claims = await Promise.all([store, ...others].map((s) => s.claimInlineReply({ ...message, messageId: 'race' }, at(0))));
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('prunes the records of messages answered before a date', async () => {
      await store.claimInlineReply({ ...message, messageId: 'old' }, at(0));
      await store.claimInlineReply({ ...message, messageId: 'new' }, at(10));
      expect(await store.pruneInlineReplies(at(5))).toBe(1);
      expect(await store.getInlineReply({ ...message, messageId: 'old' })).toBeUndefined();
      expect(await store.getInlineReply({ ...message, messageId: 'new' })).toBeDefined();
    });
  });

  describe.skipIf(skip)('subscriptions', () => {
    it('creates, reads, updates, pauses, lists and deletes', async () => {
      const input = {
        platform: 'discord' as const,
        channelId: 'c1',
        workspaceId: 'g1',
        time: '08:30',
        timeZone: 'Europe/Paris',
        days: 'mon,tue,wed,thu,fri',
        by: 'u1',
      };
      const first = await store.saveSubscription(input, at(0));
      expect(first.created).toBe(true);
      const { by: _by, ...fields } = input;
      expect(first.subscription).toMatchObject({ ...fields, createdBy: 'u1', pausedReason: undefined });
      expect(first.subscription.activeFrom).toEqual(at(0));

      await store.pauseSubscription('discord', 'c1', 'Missing Access', at(5));
      expect((await store.getSubscription('discord', 'c1'))?.pausedReason).toBe('Missing Access');
      expect(await store.listSubscriptions()).toEqual([]);
      expect(await store.listSubscriptions({ includePaused: true })).toHaveLength(1);

      const second = await store.saveSubscription({ ...input, time: '18:00', workspaceId: undefined, by: 'u2' }, at(10));
      expect(second.created).toBe(false);
      expect(second.subscription).toMatchObject({
        time: '18:00',
        workspaceId: 'g1',
        createdBy: 'u1',
        updatedBy: 'u2',
        pausedReason: undefined,
      });
      expect(second.subscription.createdAt).toEqual(at(0));
      expect(second.subscription.activeFrom).toEqual(at(10));

      await store.saveSubscription({ ...input, platform: 'slack', channelId: 'C9' }, at(11));
      expect((await store.listSubscriptions()).map((s) => `${s.platform}:${s.channelId}`)).toEqual(['discord:c1', 'slack:C9']);

      expect(await store.deleteSubscription('discord', 'c1')).toBe(true);
      expect(await store.deleteSubscription('discord', 'c1')).toBe(false);
      expect(await store.getSubscription('discord', 'c1')).toBeUndefined();
    });
  });

  describe.skipIf(skip)('post log', () => {
    it('claims a (channel, local date) once', async () => {
      const a = await store.claimPost(key, claim('A', at(0)));
      expect(a).toMatchObject({ status: 'claimed', claimedBy: 'A', attempts: 1 });
      expect(await store.claimPost(key, claim('B', at(1)))).toBeUndefined();
      expect(await store.claimPost({ ...key, localDate: '2026-03-03' }, claim('B', at(1)))).toMatchObject({ claimedBy: 'B' });
      expect(await store.claimPost({ ...key, channelId: 'c2' }, claim('B', at(1)))).toMatchObject({ claimedBy: 'B' });
    });

    it('lets another instance take a lapsed claim, within the attempts', async () => {
      await store.claimPost(key, claim('A', at(0), 2, 2));
      expect(await store.claimPost(key, claim('B', at(1), 2, 2))).toBeUndefined();
      const b = await store.claimPost(key, claim('B', at(2), 2, 2));
      expect(b).toMatchObject({ claimedBy: 'B', attempts: 2 });
      // attempts used up: nobody takes it again
      expect(await store.claimPost(key, claim('C', at(10), 2, 2))).toBeUndefined();
    });

    it('never hands out a sent or failed post', async () => {
      await store.claimPost(key, claim('A', at(0)));
      await store.markSent(key, at(0.5));
      expect(await store.claimPost(key, claim('B', at(60)))).toBeUndefined();
      const sent = await store.getPost(key);
      expect(sent).toMatchObject({ status: 'sent', sentAt: at(0.5) });

      const k2 = { ...key, localDate: '2026-03-04' };
      await store.claimPost(k2, claim('A', at(0)));
      await store.failPost(k2, 'Unknown Channel', at(1));
      expect(await store.claimPost(k2, claim('B', at(60)))).toBeUndefined();
      expect(await store.getPost(k2)).toMatchObject({ status: 'failed', lastError: 'Unknown Channel' });
    });

    it('releases a failed try until its retry time', async () => {
      await store.claimPost(key, claim('A', at(0)));
      await store.releasePost(key, 'A', at(5), 'HTTP 503\nbad gateway', at(0.1));
      expect(await store.getPost(key)).toMatchObject({ status: 'claimed', leaseUntil: at(5), lastError: 'HTTP 503 bad gateway' });
      expect(await store.claimPost(key, claim('A', at(4)))).toBeUndefined();
      expect(await store.claimPost(key, claim('A', at(5)))).toMatchObject({ attempts: 2 });
      // a release by an instance that no longer holds the claim changes nothing
      await store.releasePost(key, 'Z', at(99), 'late', at(6));
      expect((await store.getPost(key))?.leaseUntil).toEqual(at(7));
    });

    it('lists posts by due time and finds the last one', async () => {
      for (const [d, due] of [
        ['2026-03-01', at(-24 * 60)],
        ['2026-03-02', at(0)],
      ] as const) {
        await store.claimPost({ ...key, localDate: d }, { ...claim('A', due), dueAt: due });
      }
      await store.markSent({ ...key, localDate: '2026-03-01' }, at(-24 * 60 + 1));
      expect((await store.listPosts({ dueSince: at(-1) })).map((p) => p.localDate)).toEqual(['2026-03-02']);
      expect((await store.listPosts({ dueSince: at(-48 * 60) })).map((p) => p.localDate)).toEqual(['2026-03-01', '2026-03-02']);
      expect((await store.lastPost('discord', 'c1'))?.localDate).toBe('2026-03-02');
      expect((await store.lastPost('discord', 'c1', 'sent'))?.localDate).toBe('2026-03-01');
      expect(await store.lastPost('slack', 'c1')).toBeUndefined();
    });
  });

  describe.skipIf(skip)('walks', () => {
    it('fixes the page of a post together with the walk, once', async () => {
      await store.claimPost(key, claim('A', at(0)));
      expect(await store.getWalk('discord', 'c1')).toBeUndefined();
      const slug = await store.assignArticle(key, 'A', at(0), ({ slug: s, walk }) => {
        expect(s).toBeUndefined();
        expect(walk).toBeUndefined();
        return { slug: 'Dual_power', walk: { seed: 4_000_000_000, round: 0, shown: ['Dual_power'] } };
      });
      expect(slug).toBe('Dual_power');
      expect(await store.getWalk('discord', 'c1')).toEqual({ seed: 4_000_000_000, round: 0, shown: ['Dual_power'] });
      expect((await store.getPost(key))?.slug).toBe('Dual_power');
      // a retry sees the page already fixed
      const again = await store.assignArticle(key, 'A', at(1), ({ slug: s, walk }) => {
        expect(s).toBe('Dual_power');
        expect(walk?.shown).toEqual(['Dual_power']);
        return { slug: s! };
      });
      expect(again).toBe('Dual_power');
    });

    it('refuses an instance that lost the claim', async () => {
      await store.claimPost(key, claim('A', at(0)));
      await store.claimPost(key, claim('B', at(3)));
      await expect(store.assignArticle(key, 'A', at(3), () => ({ slug: 'x' }))).rejects.toBeInstanceOf(LostClaimError);
    });

    it('keeps the walk unchanged when nothing can be chosen', async () => {
      await store.claimPost(key, claim('A', at(0)));
      expect(await store.assignArticle(key, 'A', at(0), () => undefined)).toBeUndefined();
      expect(await store.getWalk('discord', 'c1')).toBeUndefined();
    });
  });

  describe.skipIf(skip)('several instances', () => {
    it('exactly one of many racing claims wins', async () => {
      const others = await Promise.all([tdb.open(), tdb.open(), tdb.open()]);
      const stores = [store, ...others];
      for (let day = 1; day <= 15; day++) {
        const k = { ...key, localDate: `2026-03-${String(day).padStart(2, '0')}` };
        const results = await Promise.all(
          stores.flatMap((s, i) => [s.claimPost(k, claim(`I${i}`, at(0))), s.claimPost(k, claim(`J${i}`, at(0)))]),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        // and exactly one takes it over once the lease lapsed
        const later = await Promise.all(stores.map((s, i) => s.claimPost(k, claim(`K${i}`, at(3)))));
        expect(later.filter(Boolean)).toHaveLength(1);
      }
    });
  });
});

describe.each(storeCases())('platform keys on $kind', ({ kind, skip }) => {
  // A database as the bot left it at schema 5, which allowed only 'discord' and 'slack'.
  let old: TestDatabase;
  beforeEach(async () => {
    if (skip) return;
    old = await createTestDatabase(kind);
    const upTo5 = migrations(kind).filter((m) => m.version <= 5);
    await rawExec(old, [
      SCHEMA_MIGRATIONS_SQL(kind),
      ...upTo5.flatMap((m) => [
        m.sql,
        `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${m.version}, 'v${m.version}', 0)`,
      ]),
      `INSERT INTO daily_subscriptions (platform, channel_id, feed, workspace_id, post_time, time_zone, days, created_by, created_at, updated_by, updated_at, active_from, paused_reason, paused_at)
         VALUES ('discord', 'c1', 'daily', 'g1', '08:30', 'Europe/Paris', 'mon,tue', 'u1', ${at(0).getTime()}, 'u2', ${at(1).getTime()}, ${at(1).getTime()}, NULL, NULL),
                ('slack', 'C9', 'insights', 'T1', '09:00', 'UTC', 'mon', NULL, ${at(2).getTime()}, NULL, ${at(2).getTime()}, ${at(2).getTime()}, 'channel_not_found', ${at(3).getTime()})`,
    ]);
  });
  afterEach(async () => {
    if (skip) return;
    await old.drop();
  });

  it.skipIf(skip)('schema 5 refused a platform other than discord or slack', async () => {
    await expect(
      rawExec(old, [
        `INSERT INTO daily_subscriptions (platform, channel_id, post_time, time_zone, days, created_at, updated_at, active_from) VALUES ('matrix', 'r1', '08:00', 'UTC', 'mon', 0, 0, 0)`,
      ]),
    ).rejects.toThrow(/check/i);
  });

  it.skipIf(skip)('migrating keeps every subscription, then takes any short platform key', async () => {
    const migrated = await old.open();
    expect(await migrated.schemaVersion()).toBe(migrations(kind).length);
    expect(await migrated.getSubscription('discord', 'c1')).toMatchObject({
      platform: 'discord',
      channelId: 'c1',
      feed: 'daily',
      workspaceId: 'g1',
      time: '08:30',
      timeZone: 'Europe/Paris',
      days: 'mon,tue',
      createdBy: 'u1',
      createdAt: at(0),
      updatedBy: 'u2',
      updatedAt: at(1),
      activeFrom: at(1),
      pausedReason: undefined,
    });
    expect(await migrated.getSubscription('slack', 'C9', 'insights')).toMatchObject({
      workspaceId: 'T1',
      days: 'mon',
      pausedReason: 'channel_not_found',
      pausedAt: at(3),
    });

    const matrix = {
      platform: 'matrix',
      channelId: '!room:example.org',
      workspaceId: 'example.org',
      time: '07:15',
      timeZone: 'UTC',
      days: 'sat,sun',
      by: '@ann:example.org',
    };
    expect((await migrated.saveSubscription(matrix, at(4))).created).toBe(true);
    expect(await migrated.getSubscription('matrix', '!room:example.org')).toMatchObject({
      platform: 'matrix',
      channelId: '!room:example.org',
      feed: 'daily',
      time: '07:15',
      days: 'sat,sun',
      createdBy: '@ann:example.org',
    });
    expect((await migrated.listSubscriptions()).map((s) => `${s.platform}:${s.channelId}`).sort()).toEqual([
      'discord:c1',
      'matrix:!room:example.org',
    ]);
    // Still a key, not any text.
    await expect(migrated.saveSubscription({ ...matrix, platform: '' }, at(5))).rejects.toThrow(/check/i);
    await expect(migrated.saveSubscription({ ...matrix, platform: 'x'.repeat(33) }, at(5))).rejects.toThrow(/check/i);
  });
});
