// The scheduler against both stores, on a fake clock: on time in each zone (DST days
// included), never twice, caught up after downtime, never late beyond the window,
// exactly once across racing instances, retried after failures, paused when a channel is gone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/wiki/model.js';
import type { DailyLibrary } from '../../src/daily/post.js';
import { DailyScheduler, type DailySchedulerOptions } from '../../src/daily/scheduler.js';
import { createDailyService } from '../../src/daily/service.js';
import { ChannelGoneError, type Platform } from '../../src/daily/types.js';
import type { Store } from '../../src/store/types.js';
import { createTestDatabase, silentLog, storeCases, type TestDatabase } from '../store/factory.js';
import { until } from '../helpers/wait.js';
import { DUAL_POWER, FakeClock, FakePoster, fixtureLibrary, manyArticles, type Sent } from './fixture.js';
import { CHAT_PLATFORMS } from '../../adapters/platforms.js';

const EVERY = 'mon,tue,wed,thu,fri,sat,sun';
const MIN = 60_000;
const HOUR = 60 * MIN;

describe.each(storeCases())('scheduler on $kind', ({ kind, skip }) => {
  let tdb: TestDatabase;
  let store: Store;
  let clock: FakeClock;
  let poster: FakePoster;
  let library: DailyLibrary;
  const schedulers: DailyScheduler[] = [];

  beforeEach(async () => {
    if (skip) return;
    tdb = await createTestDatabase(kind);
    store = await tdb.open();
    clock = new FakeClock('2026-03-01T00:00:00Z');
    poster = new FakePoster('discord', clock);
    library = fixtureLibrary(manyArticles(5));
  });
  afterEach(async () => {
    if (skip) return;
    // A scheduler stuck in a hanging send must not keep the test database alive.
    const stopped = Promise.all(schedulers.splice(0).map((s) => s.stop()));
    await Promise.race([stopped, new Promise((r) => setTimeout(r, 2000))]);
    await tdb.drop();
  });

  function scheduler(over: Partial<DailySchedulerOptions> = {}): DailyScheduler {
    const s = new DailyScheduler({
      store,
      library: () => library,
      posters: [poster],
      log: silentLog,
      now: clock.now,
      setTimer: clock.setTimer,
      clearTimer: clock.clearTimer,
      instanceId: 'A',
      catchupHours: 12,
      categories: [],
      ...over,
    });
    schedulers.push(s);
    return s;
  }

  async function subscribe(channelId: string, time: string, timeZone: string, at: string, days = EVERY, platform: Platform = 'discord') {
    return store.saveSubscription({ platform, channelId, time, timeZone, days, by: 'u1' }, new Date(at));
  }

  /** Ticks every `stepMin` minutes from `from` to `to` and returns the sends. */
  async function sweep(s: DailyScheduler, from: string, to: string, stepMin = 5): Promise<Sent[]> {
    const start = poster.sent.length;
    for (let t = Date.parse(from); t <= Date.parse(to); t += stepMin * MIN) {
      clock.set(new Date(t).toISOString());
      await s.tick();
    }
    return poster.sent.slice(start);
  }

  const times = (sent: Sent[]) => sent.map((s) => `${s.channelId}@${s.at.toISOString()}`);

  describe.skipIf(skip)('on time', () => {
    it("posts at the channel's local time, once a day", async () => {
      await subscribe('c1', '08:30', 'Europe/Paris', '2026-03-01T12:00:00Z');
      const s = scheduler();
      clock.set('2026-03-02T07:29:59Z');
      await s.tick();
      expect(poster.sent).toHaveLength(0);
      clock.set('2026-03-02T07:30:00Z');
      const r = await s.tick();
      expect(r.sent).toEqual(['discord:c1:2026-03-02']);
      expect(poster.sent[0]).toMatchObject({ channelId: 'c1', nonce: 'discord:c1:2026-03-02' });
      expect(poster.sent[0]!.reply.kind).toBe('daily');
      for (const t of [
        '2026-03-02T07:30:00Z',
        '2026-03-02T07:31:00Z',
        '2026-03-02T12:00:00Z',
        '2026-03-02T22:59:00Z',
        '2026-03-03T07:29:00Z',
      ]) {
        clock.set(t);
        await s.tick();
      }
      expect(poster.sent).toHaveLength(1);
      clock.set('2026-03-03T07:30:00Z');
      await s.tick();
      expect(poster.sent.map((x) => x.nonce)).toEqual(['discord:c1:2026-03-02', 'discord:c1:2026-03-03']);
      expect(await store.getPost({ platform: 'discord', channelId: 'c1', localDate: '2026-03-02' })).toMatchObject({
        status: 'sent',
        attempts: 1,
      });
    });

    it('keeps local time across the spring-forward day in Europe/Paris (2026-03-29)', async () => {
      await subscribe('morning', '08:30', 'Europe/Paris', '2026-03-27T00:00:00Z');
      await subscribe('in-gap', '02:30', 'Europe/Paris', '2026-03-27T00:00:00Z');
      const sent = await sweep(scheduler(), '2026-03-28T00:00:00Z', '2026-03-30T12:00:00Z');
      expect(times(sent)).toEqual([
        'in-gap@2026-03-28T01:30:00.000Z', // 02:30 CET
        'morning@2026-03-28T07:30:00.000Z', // 08:30 CET
        'in-gap@2026-03-29T01:00:00.000Z', // 02:30 does not exist: 03:00 CEST
        'morning@2026-03-29T06:30:00.000Z', // 08:30 CEST
        'in-gap@2026-03-30T00:30:00.000Z',
        'morning@2026-03-30T06:30:00.000Z',
      ]);
      expect(new Set(sent.map((s) => s.nonce)).size).toBe(sent.length);
    });

    it('keeps local time across the fall-back day in America/New_York (2026-11-01)', async () => {
      await subscribe('morning', '09:00', 'America/New_York', '2026-10-31T00:00:00Z');
      await subscribe('twice', '01:30', 'America/New_York', '2026-10-31T00:00:00Z');
      const sent = await sweep(scheduler(), '2026-10-31T00:00:00Z', '2026-11-02T16:00:00Z');
      expect(times(sent)).toEqual([
        'twice@2026-10-31T05:30:00.000Z', // EDT
        'morning@2026-10-31T13:00:00.000Z',
        'twice@2026-11-01T05:30:00.000Z', // the first 01:30 only, not the second (06:30Z)
        'morning@2026-11-01T14:00:00.000Z', // EST
        'twice@2026-11-02T06:30:00.000Z',
        'morning@2026-11-02T14:00:00.000Z',
      ]);
    });

    it('posts only on the chosen days', async () => {
      await subscribe('c1', '09:00', 'UTC', '2026-03-01T00:00:00Z', 'mon,tue,wed,thu,fri');
      await subscribe('c2', '09:00', 'UTC', '2026-03-01T00:00:00Z', 'sat');
      const sent = await sweep(scheduler(), '2026-03-06T00:00:00Z', '2026-03-09T23:55:00Z', 15); // Fri → Mon
      expect(sent.map((s) => s.nonce)).toEqual(['discord:c1:2026-03-06', 'discord:c2:2026-03-07', 'discord:c1:2026-03-09']);
    });

    it('arms its timer for the next due instant, computed in the zone', async () => {
      await subscribe('c1', '08:30', 'Europe/Paris', '2026-03-27T00:00:00Z');
      clock.set('2026-03-28T20:00:00Z'); // after today's post would have been sent (and beyond catch-up)
      const s = scheduler({ resyncMs: 48 * HOUR });
      const r = await s.start();
      expect(r.nextWake?.toISOString()).toBe('2026-03-29T06:30:00.000Z');
      expect(clock.pending().map((d) => d.toISOString())).toEqual(['2026-03-29T06:30:00.000Z']);
      // when the timer fires, the post goes out and the timer moves on to the next day
      clock.set('2026-03-29T06:30:00Z');
      expect(clock.fireDue()).toBe(1);
      await s.tick();
      expect(poster.sent.map((x) => x.nonce)).toEqual(['discord:c1:2026-03-29']);
      expect(clock.pending().map((d) => d.toISOString())).toEqual(['2026-03-30T06:30:00.000Z']);
      await s.stop();
      expect(clock.pending()).toEqual([]);
    });

    it('wakes at least every resync period, to see subscriptions made elsewhere', async () => {
      await subscribe('c1', '08:30', 'Europe/Paris', '2026-03-01T00:00:00Z');
      clock.set('2026-03-02T00:00:00Z');
      await scheduler().start();
      expect(clock.pending().map((d) => d.toISOString())).toEqual(['2026-03-02T00:10:00.000Z']);
    });

    it('does not post for a subscription made after today’s time until tomorrow', async () => {
      await subscribe('c1', '08:30', 'Europe/Paris', '2026-03-02T09:00:00Z');
      const sent = await sweep(scheduler(), '2026-03-02T09:00:00Z', '2026-03-03T08:00:00Z', 10);
      expect(sent.map((s) => s.at.toISOString())).toEqual(['2026-03-03T07:30:00.000Z']);
    });

    it('leaves platforms without a poster here to another instance', async () => {
      await subscribe('C1', '08:30', 'UTC', '2026-03-01T00:00:00Z', EVERY, 'slack');
      clock.set('2026-03-02T08:30:00Z');
      await scheduler().tick();
      expect(await store.getPost({ platform: 'slack', channelId: 'C1', localDate: '2026-03-02' })).toBeUndefined();
    });
  });

  describe.skipIf(skip)('restarts and downtime', () => {
    it('does not post again after a restart the same day', async () => {
      await subscribe('c1', '08:30', 'Europe/Paris', '2026-03-01T00:00:00Z');
      const a = scheduler();
      clock.set('2026-03-02T07:30:00Z');
      await a.start();
      expect(poster.sent).toHaveLength(1);
      await a.stop();
      await store.close();

      // a new process: new store connection, new scheduler, same database
      store = await tdb.open();
      clock.set('2026-03-02T10:00:00Z');
      const b = scheduler({ instanceId: 'B' });
      const r = await b.start();
      expect(r.sent).toEqual([]);
      expect(poster.sent).toHaveLength(1);
    });

    it('catches up a post missed today at start-up, once', async () => {
      await subscribe('c1', '08:30', 'Europe/Paris', '2026-03-01T00:00:00Z');
      clock.set('2026-03-02T12:00:00Z'); // down from before 08:30 until 13:00 Paris
      const s = scheduler();
      const r = await s.start();
      expect(r.sent).toEqual(['discord:c1:2026-03-02']);
      await sweep(s, '2026-03-02T12:05:00Z', '2026-03-03T07:25:00Z', 30);
      expect(poster.sent).toHaveLength(1);
    });

    it('does not send older misses late', async () => {
      await subscribe('c1', '08:30', 'Europe/Paris', '2026-03-01T00:00:00Z');
      // 12 h 30 after today's time: beyond DAILY_CATCHUP_HOURS=12
      clock.set('2026-03-02T20:00:00Z');
      expect((await scheduler().start()).sent).toEqual([]);
      // the next morning, yesterday's miss is not sent either; today's comes on time
      const s2 = scheduler({ instanceId: 'B' });
      clock.set('2026-03-03T07:00:00Z');
      expect((await s2.tick()).sent).toEqual([]);
      clock.set('2026-03-03T07:30:00Z');
      expect((await s2.tick()).sent).toEqual(['discord:c1:2026-03-03']);
      expect(poster.sent).toHaveLength(1);
    });

    it('with DAILY_CATCHUP_HOURS=0 sends only on time', async () => {
      await subscribe('c1', '08:30', 'Europe/Paris', '2026-03-01T00:00:00Z');
      await subscribe('c2', '08:30', 'Europe/Paris', '2026-03-01T00:00:00Z');
      clock.set('2026-03-02T07:50:00Z'); // 20 minutes late: beyond the 15-minute grace
      expect((await scheduler({ catchupHours: 0 }).start()).sent).toEqual([]);
      clock.set('2026-03-03T07:35:00Z'); // 5 minutes late: a slow timer, still on time
      expect((await scheduler({ catchupHours: 0, instanceId: 'B' }).tick()).sent).toHaveLength(2);
    });
  });

  describe.skipIf(skip)('several instances', () => {
    it('two schedulers racing post each (channel, day) exactly once', async () => {
      const channels = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
      const zones = ['Europe/Paris', 'America/New_York', 'UTC', 'Asia/Tokyo', 'Europe/Paris', 'Australia/Sydney'];
      for (const [i, c] of channels.entries()) await subscribe(c, i % 2 ? '09:00' : '08:30', zones[i]!, '2026-03-01T00:00:00Z');
      const log: Sent[] = [];
      const storeB = await tdb.open();
      const pa = new FakePoster('discord', clock, log);
      const pb = new FakePoster('discord', clock, log);
      const a = scheduler({ posters: [pa], instanceId: 'A' });
      const b = scheduler({ store: storeB, posters: [pb], instanceId: 'B' });
      let round = 0;
      for (let t = Date.parse('2026-03-01T00:00:00Z'); t < Date.parse('2026-03-11T00:00:00Z'); t += 30 * MIN) {
        clock.set(new Date(t).toISOString());
        const [x, y] = round++ % 2 ? [a, b] : [b, a];
        await Promise.all([x.tick(), y.tick(), x.tick(), y.tick()]);
      }
      const nonces = log.map((s) => s.nonce);
      expect(new Set(nonces).size).toBe(nonces.length);
      // Sydney's 1 March was due before the subscription, but its 11 March is due on 10 March UTC
      expect(nonces).toHaveLength(channels.length * 10);
      expect(pa.sent.length).toBeGreaterThan(0);
      expect(pb.sent.length).toBeGreaterThan(0);
      expect(pb.sent.length + pa.sent.length).toBe(nonces.length);
    });
  });

  describe.skipIf(skip)('failures', () => {
    it('retries a send that failed after the claim, once its lease expires (the claimer died)', async () => {
      await subscribe('c1', '08:30', 'Europe/Paris', '2026-03-01T00:00:00Z');
      const key = { platform: 'discord' as const, channelId: 'c1', localDate: '2026-03-02' };
      // instance "dead" claimed the post at 08:30 and died before sending
      const claimedAt = new Date('2026-03-02T07:30:00Z');
      await store.claimPost(key, {
        instanceId: 'dead',
        now: claimedAt,
        leaseUntil: new Date(claimedAt.getTime() + 2 * MIN),
        dueAt: claimedAt,
        maxAttempts: 6,
      });
      const s = scheduler({ leaseMs: 2 * MIN });
      clock.set('2026-03-02T07:31:00Z');
      const r1 = await s.tick();
      expect(r1.sent).toEqual([]);
      expect(r1.nextWake?.toISOString()).toBe('2026-03-02T07:32:00.000Z');
      clock.set('2026-03-02T07:32:00Z');
      expect((await s.tick()).sent).toEqual(['discord:c1:2026-03-02']);
      expect(await store.getPost(key)).toMatchObject({ status: 'sent', attempts: 2, claimedBy: 'A' });
    });

    it('retries a transient error with backoff, with the same page and nonce', async () => {
      await subscribe('c1', '08:30', 'Europe/Paris', '2026-03-01T00:00:00Z');
      poster.failWith = (_c, call) => (call === 1 ? new Error('HTTP 503 from the platform') : undefined);
      const s = scheduler({ retry: { baseMs: 30_000 } });
      clock.set('2026-03-02T07:30:00Z');
      const r1 = await s.tick();
      expect(r1.retrying).toEqual(['discord:c1:2026-03-02']);
      expect(r1.nextWake?.toISOString()).toBe('2026-03-02T07:30:30.000Z');
      const key = { platform: 'discord' as const, channelId: 'c1', localDate: '2026-03-02' };
      const pending = await store.getPost(key);
      expect(pending).toMatchObject({ status: 'claimed', lastError: 'HTTP 503 from the platform' });
      clock.set('2026-03-02T07:30:10Z');
      expect((await s.tick()).sent).toEqual([]);
      clock.set('2026-03-02T07:30:30Z');
      expect((await s.tick()).sent).toEqual(['discord:c1:2026-03-02']);
      expect(poster.calls).toBe(2);
      expect(poster.sent[0]!.reply.title).toBe(library.articles.find((a) => a.slug === pending!.slug)!.title);
    });

    it('counts a send that hangs as failed after the send timeout, and retries only after a lease', async () => {
      await subscribe('c1', '08:30', 'Europe/Paris', '2026-03-01T00:00:00Z');
      const send = poster.send.bind(poster);
      let calls = 0;
      poster.send = (channelId, reply, opts) => (++calls === 1 ? new Promise<void>(() => {}) : send(channelId, reply, opts));
      const s = scheduler({ leaseMs: 2 * MIN, sendTimeoutMs: 90_000 });
      clock.set('2026-03-02T07:30:00Z');
      const ticking = s.tick();
      await until(() => clock.pending().length > 0, 'the send timeout to be set', 5000, 5);
      expect(clock.pending().map((d) => d.toISOString())).toEqual(['2026-03-02T07:31:30.000Z']);
      clock.set('2026-03-02T07:31:30Z');
      clock.fireDue();
      const r = await ticking;
      expect(r.retrying).toEqual(['discord:c1:2026-03-02']);
      expect(r.nextWake?.toISOString()).toBe('2026-03-02T07:33:30.000Z');
      expect((await store.getPost({ platform: 'discord', channelId: 'c1', localDate: '2026-03-02' }))?.lastError).toMatch(/timed out/);
      clock.set('2026-03-02T07:33:30Z');
      expect((await s.tick()).sent).toEqual(['discord:c1:2026-03-02']);
      expect(calls).toBe(2);
    });

    it('gives up after the last attempt', async () => {
      await subscribe('c1', '08:30', 'Europe/Paris', '2026-03-01T00:00:00Z');
      poster.failWith = () => new Error('still down');
      const s = scheduler({ retry: { baseMs: 60_000, maxAttempts: 3 } });
      await sweep(s, '2026-03-02T07:30:00Z', '2026-03-02T12:00:00Z', 1);
      expect(poster.calls).toBe(3);
      expect(await store.getPost({ platform: 'discord', channelId: 'c1', localDate: '2026-03-02' })).toMatchObject({
        status: 'failed',
        attempts: 3,
      });
      // the next day is a new post
      poster.failWith = undefined;
      clock.set('2026-03-03T07:30:00Z');
      expect((await s.tick()).sent).toEqual(['discord:c1:2026-03-03']);
    });

    it('marks the post failed when the instance holding its last attempt died', async () => {
      await subscribe('c1', '08:30', 'Europe/Paris', '2026-03-01T00:00:00Z');
      const key = { platform: 'discord' as const, channelId: 'c1', localDate: '2026-03-02' };
      for (const [i, t] of ['07:30', '07:32', '07:34'].entries()) {
        const now = new Date(`2026-03-02T${t}:00Z`);
        await store.claimPost(key, {
          instanceId: `dead${i}`,
          now,
          leaseUntil: new Date(now.getTime() + 2 * MIN),
          dueAt: now,
          maxAttempts: 3,
        });
      }
      clock.set('2026-03-02T07:40:00Z');
      const r = await scheduler({ retry: { maxAttempts: 3 } }).tick();
      expect(r.failed).toEqual(['discord:c1:2026-03-02']);
      expect(poster.calls).toBe(0);
      expect(await store.getPost(key)).toMatchObject({ status: 'failed', attempts: 3 });
    });

    it('pauses a channel that is gone, and /daily status says why', async () => {
      await subscribe('c1', '08:30', 'Europe/Paris', '2026-03-01T00:00:00Z');
      poster.failWith = () => new ChannelGoneError('Unknown Channel: the channel was deleted');
      const s = scheduler();
      clock.set('2026-03-02T07:30:00Z');
      const r = await s.tick();
      expect(r.paused).toEqual(['discord:c1:2026-03-02']);
      expect((await store.getSubscription('discord', 'c1'))?.pausedReason).toBe('Unknown Channel: the channel was deleted');
      await sweep(s, '2026-03-02T07:35:00Z', '2026-03-04T12:00:00Z', 60);
      expect(poster.calls).toBe(1);

      const service = createDailyService({
        store,
        library: () => library,
        platforms: ['discord'],
        profiles: CHAT_PLATFORMS,
        config: { DAILY_DEFAULT_TZ: 'UTC', DAILY_CATEGORIES: [], DAILY_CATCHUP_HOURS: 12 },
        now: clock.now,
      });
      const status = await service.handle({ subcommand: 'status' }, { platform: 'discord', channelId: 'c1' });
      expect(status.private).toBe(true);
      expect(status.text).toMatch(/Paused since .*: Unknown Channel: the channel was deleted/);
      expect(status.text).toMatch(/\/daily subscribe/);

      // subscribing again resumes
      const again = await service.handle(
        { subcommand: 'subscribe', time: '08:30', timezone: 'Europe/Paris' },
        { platform: 'discord', channelId: 'c1', canManageChannel: true },
      );
      expect(again.text).toMatch(/resumed/);
      poster.failWith = undefined;
      clock.set('2026-03-05T07:30:00Z');
      expect((await s.tick()).sent).toEqual(['discord:c1:2026-03-05']);
    });
  });

  describe.skipIf(skip)('which page', () => {
    it('walks every page before repeating, per channel', async () => {
      await subscribe('c1', '09:00', 'UTC', '2026-03-01T00:00:00Z');
      await subscribe('c2', '09:00', 'UTC', '2026-03-01T00:00:00Z');
      const s = scheduler();
      const sent = await sweep(s, '2026-03-01T09:00:00Z', '2026-03-10T09:00:00Z', 24 * 60);
      const titles = (c: string) => sent.filter((x) => x.channelId === c).map((x) => x.reply.title);
      for (const c of ['c1', 'c2']) {
        expect(titles(c)).toHaveLength(10);
        expect(new Set(titles(c).slice(0, 5)).size).toBe(5);
        expect(new Set(titles(c).slice(5, 10)).size).toBe(5);
      }
      expect(titles('c1')).not.toEqual(titles('c2'));
    });

    it('adds new pages to the walk and skips deleted ones', async () => {
      await subscribe('c1', '09:00', 'UTC', '2026-03-01T00:00:00Z');
      const s = scheduler();
      const base = manyArticles(6);
      library = fixtureLibrary(base);
      const first = await sweep(s, '2026-03-01T09:00:00Z', '2026-03-02T09:00:00Z', 24 * 60);
      const shownSlugs = new Set(first.map((x) => x.reply.url!.split('/').pop()!));
      const unseen = base.filter((a) => !shownSlugs.has(a.slug));
      const deleted = unseen[0]!;
      const added: Article[] = manyArticles(8).slice(6); // Concept 07, Concept 08
      library = fixtureLibrary([...base.filter((a) => a !== deleted), ...added]);
      const rest = await sweep(s, '2026-03-03T09:00:00Z', '2026-03-08T09:00:00Z', 24 * 60);
      const titles = [...first, ...rest].map((x) => x.reply.title);
      expect(titles).toHaveLength(8);
      expect(new Set(titles).size).toBe(7); // 5 old + 2 new, then a new round begins
      expect(titles.slice(0, 7)).not.toContain(deleted.title);
      expect(titles.slice(0, 7)).toEqual(expect.arrayContaining(['Concept 07', 'Concept 08']));
    });

    it('posts only pages of DAILY_CATEGORIES when set', async () => {
      library = fixtureLibrary([...manyArticles(4), DUAL_POWER]);
      await subscribe('c1', '09:00', 'UTC', '2026-03-01T00:00:00Z');
      const sent = await sweep(scheduler({ categories: ['strategy'] }), '2026-03-01T09:00:00Z', '2026-03-03T09:00:00Z', 24 * 60);
      expect(sent.map((x) => x.reply.title)).toEqual(['Dual power', 'Dual power', 'Dual power']);
    });

    it('gives the post up when no page can be posted', async () => {
      await subscribe('c1', '09:00', 'UTC', '2026-03-01T00:00:00Z');
      clock.set('2026-03-02T09:00:00Z');
      const r = await scheduler({ categories: ['No such category'] }).tick();
      expect(r.failed).toEqual(['discord:c1:2026-03-02']);
      expect(poster.calls).toBe(0);
      expect((await store.getPost({ platform: 'discord', channelId: 'c1', localDate: '2026-03-02' }))?.lastError).toMatch(
        /DAILY_CATEGORIES/,
      );
    });
  });
});
