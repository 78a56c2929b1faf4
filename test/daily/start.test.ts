// startDaily, as the composition root calls it: store from DATABASE_URL, scheduler with the
// platforms' posters, and the service for `deps.daily`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDaily, type DailyRuntime } from '../../src/daily/index.js';
import { createTestDatabase, silentLog, storeCases, type TestDatabase } from '../store/factory.js';
import { FakeClock, FakePoster, fixtureLibrary, manyArticles } from './fixture.js';
import { CHAT_PLATFORMS } from '../../adapters/platforms.js';

describe.each(storeCases())('startDaily with $kind', ({ kind, skip }) => {
  let tdb: TestDatabase;
  let runtime: DailyRuntime | undefined;

  beforeEach(async () => {
    if (!skip) tdb = await createTestDatabase(kind);
  });
  afterEach(async () => {
    if (skip) return;
    await runtime?.stop();
    runtime = undefined;
    await tdb.drop();
  });

  it.skipIf(skip)('subscribes through the service, posts on time, catches up after a restart, and stops cleanly', async () => {
    const clock = new FakeClock('2026-03-02T07:00:00Z');
    const library = fixtureLibrary(manyArticles(3));
    const config = { DATABASE_URL: tdb.url, DAILY_DEFAULT_TZ: 'UTC', DAILY_CATEGORIES: [], DAILY_CATCHUP_HOURS: 12 };
    const poster = new FakePoster('slack', clock);
    const timers = { now: clock.now, setTimer: clock.setTimer, clearTimer: clock.clearTimer, resyncMs: 24 * 3_600_000 };
    runtime = await startDaily({
      config,
      library: () => library,
      posters: [poster],
      profiles: CHAT_PLATFORMS,
      log: silentLog,
      instanceId: 'one',
      scheduler: timers,
    });

    const reply = await runtime.service.handle(
      { subcommand: 'subscribe', time: '08:00' },
      { platform: 'slack', channelId: 'C1', workspaceId: 'T1', userId: 'U1', canManageChannel: true },
    );
    expect(reply.text).toMatch(/First post: Mon, 2 Mar 2026, 08:00 \(UTC\)/);
    // the service told the scheduler, which re-armed its timer for 08:00
    await runtime.scheduler.tick();
    expect(clock.pending().map((d) => d.toISOString())).toEqual(['2026-03-02T08:00:00.000Z']);
    clock.set('2026-03-02T08:00:00Z');
    clock.fireDue();
    await runtime.scheduler.tick();
    expect(poster.sent.map((s) => s.nonce)).toEqual(['slack:C1:2026-03-02']);
    await runtime.stop();

    // down over the next 08:00; back at 10:00: the missed post goes out at start-up, once
    clock.set('2026-03-03T10:00:00Z');
    runtime = await startDaily({
      config,
      library: () => library,
      posters: [poster],
      profiles: CHAT_PLATFORMS,
      log: silentLog,
      instanceId: 'two',
      scheduler: timers,
    });
    expect(poster.sent.map((s) => s.nonce)).toEqual(['slack:C1:2026-03-02', 'slack:C1:2026-03-03']);
    await runtime.scheduler.tick();
    expect(poster.sent).toHaveLength(2);
  });

  it.skipIf(skip)('without posters (the terminal) opens the store for /daily preview but posts nothing', async () => {
    const clock = new FakeClock('2026-03-02T07:00:00Z');
    const library = fixtureLibrary(manyArticles(3));
    runtime = await startDaily({
      config: { DATABASE_URL: tdb.url, DAILY_DEFAULT_TZ: 'UTC', DAILY_CATEGORIES: [], DAILY_CATCHUP_HOURS: 12 },
      library: () => library,
      posters: [],
      profiles: CHAT_PLATFORMS,
      log: silentLog,
      scheduler: { now: clock.now, setTimer: clock.setTimer, clearTimer: clock.clearTimer },
    });
    expect(clock.pending()).toEqual([]);
    const preview = await runtime.service.handle({ subcommand: 'preview' }, { platform: 'shell' });
    expect(preview.kind).toBe('daily');
  });
});
