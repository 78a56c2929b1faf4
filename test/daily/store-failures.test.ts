// The database must never take the answers down. Real failure modes, against the real stores:
// PostgreSQL at a closed port, behind a server that accepts and never answers, partitioned after
// it opened, its connections terminated, a row locked by someone else; SQLite files that are
// garbage or read-only. In each, startDaily comes back, /daily says plainly what is wrong (and
// why, to admins), the store is retried in the background, and the scheduler starts once it opens.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startDaily, type StartDailyOptions } from '../../src/daily/index.js';
import type { CommandContext } from '../../src/request.js';
import type { Reply } from '../../src/reply.js';
import { closedPort, blackHole, partitionableProxy } from '../doubles/tcp/network.js';
import { captureLog } from '../helpers/log.js';
import { makeReadOnly } from '../helpers/read-only.js';
import { until } from '../helpers/wait.js';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../store/factory.js';
import { DailyScheduler } from '../../src/daily/scheduler.js';
import { FakePoster, fixtureLibrary, manyArticles } from './fixture.js';
import { CHAT_PLATFORMS } from '../../adapters/platforms.js';

if (!TEST_DATABASE_URL) console.warn('[daily] PostgreSQL failure tests SKIPPED: TEST_DATABASE_URL is not set');

const admin: CommandContext = { platform: 'slack', channelId: 'C1', workspaceId: 'T1', userId: 'U1', canManageChannel: true };
const member: CommandContext = { ...admin, userId: 'U2', canManageChannel: false };
const library = fixtureLibrary(manyArticles(5));
const timeouts = { DATABASE_CONNECT_TIMEOUT_MS: 500, DATABASE_QUERY_TIMEOUT_MS: 500 };
/** A call may take at most connect + query timeout; this much more is scheduling slack. */
const callBoundMs = timeouts.DATABASE_CONNECT_TIMEOUT_MS + timeouts.DATABASE_QUERY_TIMEOUT_MS + 1500;

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function start(databaseUrl: string, extra: Partial<StartDailyOptions> = {}) {
  const captured = captureLog('debug');
  const poster = new FakePoster('slack');
  const runtime = await startDaily({
    config: { DATABASE_URL: databaseUrl, DAILY_DEFAULT_TZ: 'UTC', DAILY_CATEGORIES: [], DAILY_CATCHUP_HOURS: 12, ...timeouts },
    library: () => library,
    posters: [poster],
    log: captured.log,
    storeRetry: { firstMs: 50, maxMs: 200 },
    ...extra,
    profiles: extra.profiles ?? CHAT_PLATFORMS,
  });
  cleanups.push(() => runtime.stop());
  return { runtime, poster, ...captured };
}

async function timed(p: Promise<Reply>): Promise<{ reply: Reply; ms: number }> {
  const t = Date.now();
  const reply = await p;
  return { reply, ms: Date.now() - t };
}

function expectUnavailable(reply: Reply, reason: RegExp): void {
  expect(reply).toMatchObject({ kind: 'error', private: true, title: 'Daily posts are unavailable right now' });
  expect(reply.text).toContain('Try again in a minute');
  expect(reply.text).toMatch(reason);
  expect(reply.text).toContain(`Error ${reply.errorId} in the bot's log`);
  expect(reply.text).not.toMatch(/something went wrong/i);
}

async function tmpDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'commonplace-store-fail-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('a store that cannot be opened at start-up', () => {
  it('PostgreSQL at a closed port: the bot starts, /daily says so plainly, the reason goes to admins only', async () => {
    const port = await closedPort();
    const { runtime, text } = await start(`postgres://commonplace:hunter2@127.0.0.1:${port}/commonplace`);
    expect(runtime.storeStatus()).toMatchObject({ state: 'down', reason: expect.stringContaining('ECONNREFUSED') });
    const forAdmin = await runtime.service.handle({ subcommand: 'status' }, admin);
    expectUnavailable(
      forAdmin,
      new RegExp(
        `For admins: Could not open the PostgreSQL database postgres://commonplace:\\*\\*\\*@127\\.0\\.0\\.1:${port}/commonplace: connect ECONNREFUSED`,
      ),
    );
    const forMember = await runtime.service.handle({ subcommand: 'status' }, member);
    expect(forMember.title).toBe('Daily posts are unavailable right now');
    expect(forMember.text).not.toContain('ECONNREFUSED');
    expect(forMember.text).not.toContain('For admins');
    expect(text()).toContain('could not open the database; daily posts are unavailable until it answers');
    expect(text()).not.toContain('hunter2');
    expect(JSON.stringify([forAdmin, forMember])).not.toContain('hunter2');
  });

  it('PostgreSQL behind a server that never answers: start-up and /daily each come back within the time limits', async () => {
    const hole = await blackHole();
    cleanups.push(() => hole.close());
    const t = Date.now();
    const { runtime } = await start(`postgres://postgres@127.0.0.1:${hole.port}/commonplace`);
    expect(Date.now() - t).toBeLessThan(callBoundMs);
    expect(runtime.storeStatus().state).toBe('down');
    const { reply, ms } = await timed(runtime.service.handle({ subcommand: 'subscribe', time: '08:00' }, admin));
    expect(ms).toBeLessThan(callBoundMs);
    expect(reply.kind).toBe('error');
    expect(reply.text).toContain('For admins');
  });

  it('a garbage SQLite file: reported, retried in the background, and the scheduler starts once it can be opened', async () => {
    const file = path.join(await tmpDir(), 'bot.db');
    await writeFile(file, 'this is not a database, it is a shopping list: eggs, milk, bread, and more words to fill a page');
    const { runtime, text } = await start(`sqlite:${file}`);
    expect(runtime.storeStatus()).toMatchObject({ state: 'down', reason: expect.stringMatching(/file is not a database/) });
    expectUnavailable(await runtime.service.handle({ subcommand: 'status' }, admin), /file is not a database/);
    expect(text()).not.toContain('daily scheduler started');

    await rm(file); // the admin moves the bad file away
    await until(
      () => runtime.storeStatus().state === 'up',
      () => `the store to open; status ${JSON.stringify(runtime.storeStatus())}`,
    );
    await until(() => text().includes('daily scheduler started'), 'the scheduler to start');
    const reply = await runtime.service.handle({ subcommand: 'status' }, admin);
    expect(reply).toMatchObject({ kind: 'notice', title: 'No daily posts here' });
  });

  it('a read-only SQLite file: reported plainly, the bot keeps answering', async (ctx) => {
    const dir = await tmpDir();
    const file = path.join(dir, 'bot.db');
    await writeFile(file, '');
    const undo = await makeReadOnly(file);
    if (!undo) {
      console.warn('[daily] skipping the read-only SQLite test: cannot make a file read-only here (root without chattr)');
      ctx.skip();
      return;
    }
    cleanups.push(undo);
    const { runtime } = await start(`sqlite:${file}`);
    expect(runtime.storeStatus()).toMatchObject({
      state: 'down',
      reason: expect.stringMatching(/readonly|read-only|permission|not permitted/i),
    });
    expectUnavailable(await runtime.service.handle({ subcommand: 'preview' }, admin), /Could not open the SQLite database/);
  });

  it('answers at once while waiting for nothing: startDaily can return before the store opens', async () => {
    const port = await closedPort();
    const { runtime } = await start(`postgres://postgres@127.0.0.1:${port}/x`, { waitForStore: false });
    const { reply, ms } = await timed(runtime.service.handle({ subcommand: 'status' }, admin));
    expect(reply.title).toBe('Daily posts are unavailable right now');
    expect(ms).toBeLessThan(callBoundMs);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL failing after it opened', () => {
  async function database(): Promise<TestDatabase> {
    const tdb = await createTestDatabase('postgres');
    cleanups.push(() => tdb.drop());
    return tdb;
  }

  it('a partition: /daily answers "the database did not answer" within the limit, it is logged, and it recovers once healed', async () => {
    const tdb = await database();
    const u = new URL(tdb.url);
    const proxy = await partitionableProxy({ host: u.hostname, port: Number(u.port || 5432) });
    cleanups.push(() => proxy.close());
    u.host = `127.0.0.1:${proxy.port}`;
    const { runtime, text } = await start(u.toString());
    expect(runtime.storeStatus().state).toBe('up');
    expect((await runtime.service.handle({ subcommand: 'subscribe', time: '08:00' }, admin)).title).toBe('Daily posts are on');

    proxy.partition();
    const { reply, ms } = await timed(runtime.service.handle({ subcommand: 'status' }, admin));
    expect(ms).toBeLessThan(callBoundMs);
    expect(reply).toMatchObject({ kind: 'error', private: true, title: 'The database did not answer' });
    expect(reply.text).toContain('Try again in a minute');
    expect(reply.text).toMatch(/For admins: .*(did not answer|timeout)/i);
    expect(runtime.storeStatus().state).toBe('down');
    expect(text()).toContain('/daily status: the database failed');
    expect(text()).toContain('the database stopped answering');
    // The scheduler's round ends too, instead of hanging every channel behind it.
    const tick = await Promise.race([
      runtime.scheduler.tick().then(() => 'done'),
      new Promise((r) => setTimeout(() => r('hung'), callBoundMs)),
    ]);
    expect(tick).toBe('done');

    proxy.heal();
    await until(
      () => runtime.storeStatus().state === 'up',
      () => `the store to answer again; ${JSON.stringify(runtime.storeStatus())}`,
      10_000,
    );
    expect((await runtime.service.handle({ subcommand: 'status' }, admin)).title).toBe('Daily posts in this channel');
  });

  it('connections terminated by the server (pg_terminate_backend): the next /daily is answered', async () => {
    const tdb = await database();
    const { runtime } = await start(tdb.url);
    expect((await runtime.service.handle({ subcommand: 'subscribe', time: '08:00' }, admin)).title).toBe('Daily posts are on');
    const dbName = new URL(tdb.url).pathname.slice(1);
    const killer = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await killer.connect();
    try {
      const { rows } = await killer.query(
        'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [dbName],
      );
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await killer.end();
    }
    // The pool drops the dead connections and opens new ones; at worst one answer says the
    // database failed (a specific message), never "something went wrong".
    let reply = await runtime.service.handle({ subcommand: 'status' }, admin);
    if (reply.kind === 'error') {
      expect(reply.title).toMatch(/Daily posts are unavailable right now|The database did not answer/);
      reply = await runtime.service.handle({ subcommand: 'status' }, admin);
    }
    expect(reply.title).toBe('Daily posts in this channel');
  });

  it("one channel's post stuck behind a lock does not hold up the other channels", async () => {
    const tdb = await database();
    const { runtime, poster } = await start(tdb.url, { schedule: false });
    const store = runtime.store;
    const at = new Date('2026-03-02T07:00:00Z');
    for (const channelId of ['C1', 'C2', 'C3']) {
      await store.saveSubscription(
        { platform: 'slack', channelId, time: '08:00', timeZone: 'UTC', days: 'mon,tue,wed,thu,fri,sat,sun' },
        at,
      );
    }
    // C2 posted once before, so its walk exists; someone else holds that row.
    const clock = { now: () => new Date('2026-03-02T08:00:05Z') };
    const scheduler = new DailyScheduler({
      store,
      library: () => library,
      posters: [poster],
      log: captureLog().log,
      catchupHours: 12,
      categories: [],
      now: clock.now,
      instanceId: 'one',
    });
    await store.claimPost(
      { platform: 'slack', channelId: 'C2', localDate: '2026-03-01' },
      { instanceId: 'one', now: at, leaseUntil: at, dueAt: at, maxAttempts: 6 },
    );
    await store.assignArticle({ platform: 'slack', channelId: 'C2', localDate: '2026-03-01' }, 'one', at, () => ({
      slug: 'Concept_01',
      walk: { seed: 1, round: 0, shown: ['Concept_01'] },
    }));
    const locker = new pg.Client({ connectionString: tdb.url });
    await locker.connect();
    cleanups.push(() => locker.end());
    await locker.query('BEGIN');
    await locker.query("SELECT * FROM daily_walks WHERE platform = 'slack' AND channel_id = 'C2' FOR UPDATE");

    const result = await Promise.race([scheduler.tick(), new Promise<'hung'>((r) => setTimeout(() => r('hung'), callBoundMs * 2))]);
    expect(result).not.toBe('hung');
    if (result === 'hung') return;
    expect(result.sent.sort()).toEqual(['slack:C1:2026-03-02', 'slack:C3:2026-03-02']);
    expect(result.retrying).toEqual(['slack:C2:2026-03-02']);
    await locker.query('ROLLBACK');
  });
});
