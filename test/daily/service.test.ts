// /daily subscribe | unsubscribe | status | preview, against both stores.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandContext } from '../../commands/types.js';
import type { DailyLibrary } from '../../src/daily/post.js';
import { DailyScheduler } from '../../src/daily/scheduler.js';
import { createDailyService, type DailyService } from '../../src/daily/service.js';
import type { Store } from '../../src/store/types.js';
import { createTestDatabase, silentLog, storeCases, type TestDatabase } from '../store/factory.js';
import { FakeClock, FakePoster, fixtureLibrary, manyArticles } from './fixture.js';
import { CHAT_PLATFORMS } from '../../adapters/platforms.js';

/** The platforms with posters here; a command from any other (the terminal) only previews. */
const PLATFORMS = ['discord', 'slack'];
const config = { DAILY_DEFAULT_TZ: 'Europe/Paris', DAILY_CATEGORIES: [] as string[], DAILY_CATCHUP_HOURS: 12 };
const admin: CommandContext = { platform: 'discord', channelId: 'c1', workspaceId: 'g1', userId: 'u1', canManageChannel: true };
const member: CommandContext = { platform: 'discord', channelId: 'c1', workspaceId: 'g1', userId: 'u2', canManageChannel: false };

describe.each(storeCases())('/daily service on $kind', ({ kind, skip }) => {
  let tdb: TestDatabase;
  let store: Store;
  let clock: FakeClock;
  let library: DailyLibrary;
  let refresh: ReturnType<typeof vi.fn<() => void>>;
  let service: DailyService;

  beforeEach(async () => {
    if (skip) return;
    tdb = await createTestDatabase(kind);
    store = await tdb.open();
    clock = new FakeClock('2026-03-02T06:00:00Z'); // Monday, 07:00 in Paris
    library = fixtureLibrary(manyArticles(6));
    refresh = vi.fn<() => void>();
    service = createDailyService({
      store,
      scheduler: { refresh },
      library: () => library,
      platforms: PLATFORMS,
      profiles: CHAT_PLATFORMS,
      config,
      now: clock.now,
      log: silentLog,
    });
  });
  afterEach(async () => {
    if (!skip) await tdb.drop();
  });

  describe.skipIf(skip)('subscribe', () => {
    it('subscribes with the defaults: 09:00, the workspace zone, every day', async () => {
      const reply = await service.handle({ subcommand: 'subscribe' }, { ...admin, timeZone: 'America/New_York' });
      expect(reply.kind).toBe('notice');
      expect(reply.private).toBeFalsy(); // the channel sees that it is subscribed
      expect(reply.text).toMatch(/every day at 09:00 \(America\/New_York\)/);
      expect(reply.text).toMatch(/First post: Mon, 2 Mar 2026, 09:00 \(America\/New_York\)/);
      expect(await store.getSubscription('discord', 'c1')).toMatchObject({
        time: '09:00',
        timeZone: 'America/New_York',
        days: 'mon,tue,wed,thu,fri,sat,sun',
        workspaceId: 'g1',
        createdBy: 'u1',
      });
      expect(refresh).toHaveBeenCalledTimes(1);
    });

    it('falls back to DAILY_DEFAULT_TZ when the workspace has no (valid) zone', async () => {
      await service.handle({ subcommand: 'subscribe' }, admin);
      expect((await store.getSubscription('discord', 'c1'))?.timeZone).toBe('Europe/Paris');
      await service.handle({ subcommand: 'subscribe' }, { ...admin, timeZone: 'Not/AZone' });
      expect((await store.getSubscription('discord', 'c1'))?.timeZone).toBe('Europe/Paris');
    });

    it('takes time, zone and days, and changes an existing subscription', async () => {
      const first = await service.handle({ subcommand: 'subscribe', time: '8:30', timezone: 'asia/tokyo', days: 'mon,wed,fri' }, admin);
      expect(first.title).toBe('Daily posts are on');
      expect(first.text).toMatch(/Mon, Wed and Fri at 08:30 \(Asia\/Tokyo\)/);
      expect(first.text).toMatch(/First post: Wed, 4 Mar 2026, 08:30 \(Asia\/Tokyo\)/);
      const second = await service.handle({ subcommand: 'subscribe', time: '18:00', timezone: 'Europe/Paris', days: 'weekdays' }, admin);
      expect(second.title).toBe('Daily posts updated');
      expect(second.text).toMatch(/weekdays at 18:00 \(Europe\/Paris\)/);
      expect(second.text).toMatch(/Next post: Mon, 2 Mar 2026, 18:00/);
      expect(await store.listSubscriptions()).toHaveLength(1);
    });

    it.each([
      [{ time: '25:00' }, /"25:00" is not a time of day/],
      [{ timezone: 'Mars/Base' }, /"Mars\/Base" is not a time zone I know/],
      [{ days: 'funday' }, /"funday" is not a day of the week/],
      [{ time: 'noon', timezone: 'Mars/Base', days: 'mon,xyz' }, /noon[\s\S]*Mars\/Base[\s\S]*xyz/],
    ])('refuses bad input %j privately, with an example', async (input, message) => {
      const reply = await service.handle({ subcommand: 'subscribe', ...input }, admin);
      expect(reply).toMatchObject({ kind: 'error', private: true });
      expect(reply.text).toMatch(message);
      expect(reply.text).toMatch(/\/daily subscribe 08:30 Europe\/Paris weekdays/);
      expect(await store.getSubscription('discord', 'c1')).toBeUndefined();
      expect(refresh).not.toHaveBeenCalled();
    });

    it('warns when DAILY_CATEGORIES matches no page', async () => {
      const s = createDailyService({
        store,
        library: () => library,
        platforms: PLATFORMS,
        profiles: CHAT_PLATFORMS,
        config: { ...config, DAILY_CATEGORIES: ['Nothing'] },
        now: clock.now,
      });
      const reply = await s.handle({ subcommand: 'subscribe' }, admin);
      expect(reply.text).toMatch(/no page is in the configured categories \(Nothing\)/);
    });
  });

  describe.skipIf(skip)('permissions', () => {
    it.each(['subscribe', 'unsubscribe'])('refuses %s to people who cannot manage the channel, saying why', async (sub) => {
      if (sub === 'unsubscribe') await service.handle({ subcommand: 'subscribe' }, admin);
      const reply = await service.handle({ subcommand: sub, time: '10:00' }, member);
      expect(reply).toMatchObject({ kind: 'error', private: true, title: 'Not allowed' });
      expect(reply.text).toMatch(/Manage Channels/);
      expect(reply.text).toMatch(/admins/);
      const saved = await store.getSubscription('discord', 'c1');
      if (sub === 'subscribe') expect(saved).toBeUndefined();
      else expect(saved?.time).toBe('09:00');
    });

    it('refuses when the adapter did not say (canManageChannel unset)', async () => {
      const reply = await service.handle({ subcommand: 'subscribe' }, { platform: 'slack', channelId: 'C1' });
      expect(reply.title).toBe('Not allowed');
    });

    it('lets anyone see status and preview', async () => {
      await service.handle({ subcommand: 'subscribe' }, admin);
      expect((await service.handle({ subcommand: 'status' }, member)).kind).toBe('notice');
      expect((await service.handle({ subcommand: 'preview' }, member)).kind).toBe('daily');
    });
  });

  describe.skipIf(skip)('status, preview, unsubscribe', () => {
    it('status shows the schedule, next post in the channel zone, and the last post', async () => {
      expect((await service.handle({ subcommand: 'status' }, admin)).text).toMatch(/gets no daily posts/);
      await service.handle({ subcommand: 'subscribe', time: '09:00', timezone: 'America/New_York' }, admin);
      let status = await service.handle({ subcommand: 'status' }, admin);
      expect(status.private).toBe(true);
      expect(status.text).toMatch(/Schedule: every day at 09:00 \(America\/New_York\)/);
      expect(status.text).toMatch(/Next post: Mon, 2 Mar 2026, 09:00 \(America\/New_York\)/);
      expect(status.text).toMatch(/No post yet/);

      const poster = new FakePoster('discord', clock);
      const scheduler = new DailyScheduler({
        store,
        library: () => library,
        posters: [poster],
        log: silentLog,
        now: clock.now,
        catchupHours: 12,
        categories: [],
      });
      clock.set('2026-03-02T14:00:00Z');
      await scheduler.tick();
      expect(poster.sent).toHaveLength(1);
      clock.set('2026-03-02T15:00:00Z');
      status = await service.handle({ subcommand: 'status' }, admin);
      expect(status.text).toMatch(/Next post: Tue, 3 Mar 2026, 09:00 \(America\/New_York\)/);
      expect(status.text).toContain(`Last post: ${poster.sent[0]!.reply.title}, Mon, 2 Mar 2026, 09:00 (America/New_York)`);
    });

    it('status after changing the time on a day already posted: next post is tomorrow', async () => {
      await service.handle({ subcommand: 'subscribe', time: '08:00', timezone: 'UTC' }, admin);
      const scheduler = new DailyScheduler({
        store,
        library: () => library,
        posters: [new FakePoster('discord', clock)],
        log: silentLog,
        now: clock.now,
        catchupHours: 12,
        categories: [],
      });
      clock.set('2026-03-02T08:00:00Z');
      await scheduler.tick();
      clock.set('2026-03-02T09:00:00Z');
      const changed = await service.handle({ subcommand: 'subscribe', time: '18:00', timezone: 'UTC' }, admin);
      expect(changed.text).toMatch(/Next post: Tue, 3 Mar 2026, 18:00 \(UTC\)/);
      clock.set('2026-03-02T18:00:00Z');
      expect((await scheduler.tick()).sent).toEqual([]); // one post a day, even after a change
    });

    it('preview shows privately what the next post will be', async () => {
      await service.handle({ subcommand: 'subscribe', time: '09:00', timezone: 'UTC' }, admin);
      const preview = await service.handle({ subcommand: 'preview' }, admin);
      expect(preview).toMatchObject({ kind: 'daily', private: true });
      expect(preview.text).toMatch(/^Preview of this channel's next daily post \(Mon, 2 Mar 2026, 09:00 \(UTC\)\):/);
      const poster = new FakePoster('discord', clock);
      const scheduler = new DailyScheduler({
        store,
        library: () => library,
        posters: [poster],
        log: silentLog,
        now: clock.now,
        catchupHours: 12,
        categories: [],
      });
      for (const day of ['02', '03', '04']) {
        const next = await service.handle({ subcommand: 'preview' }, admin);
        clock.set(`2026-03-${day}T09:00:00Z`);
        await scheduler.tick();
        expect(poster.sent.at(-1)!.reply.title).toBe(next.title);
        expect(poster.sent.at(-1)!.reply.url).toBe(next.url);
      }
    });

    it('preview works before subscribing, and in the terminal', async () => {
      const before = await service.handle({ subcommand: 'preview' }, admin);
      expect(before.kind).toBe('daily');
      expect(before.text).toMatch(/no daily posts yet/);
      const shell = await service.handle({ subcommand: 'preview' }, { platform: 'shell' });
      expect(shell).toMatchObject({ kind: 'daily', private: true });
      expect(shell.title).toMatch(/^Concept \d\d$/);
    });

    it('unsubscribe confirms, and says so when there was nothing', async () => {
      await service.handle({ subcommand: 'subscribe' }, admin);
      const reply = await service.handle({ subcommand: 'unsubscribe' }, admin);
      expect(reply).toMatchObject({ kind: 'notice', title: 'Daily posts stopped' });
      expect(reply.private).toBeFalsy();
      expect(await store.getSubscription('discord', 'c1')).toBeUndefined();
      expect(refresh).toHaveBeenCalledTimes(2);
      const again = await service.handle({ subcommand: 'unsubscribe' }, admin);
      expect(again).toMatchObject({ private: true, title: 'No daily posts here' });
    });
  });

  describe.skipIf(skip)('where daily posts do not apply', () => {
    it.each(['subscribe', 'unsubscribe', 'status'])('explains in the terminal that %s is for Discord and Slack channels', async (sub) => {
      const reply = await service.handle({ subcommand: sub }, { platform: 'shell', canManageChannel: true });
      expect(reply).toMatchObject({ kind: 'notice', private: true });
      expect(reply.text).toMatch(/Discord and Slack channels/);
      expect(reply.text).toMatch(/\/daily preview/);
    });

    it('refuses an unknown subcommand', async () => {
      const reply = await service.handle({ subcommand: 'explode' }, admin);
      expect(reply).toMatchObject({ kind: 'error', private: true });
      expect(reply.text).toMatch(/\/daily subscribe, \/daily unsubscribe, \/daily status or \/daily preview/);
    });

    it('shows the status when no subcommand is given', async () => {
      expect((await service.handle({}, admin)).title).toBe('No daily posts here');
    });
  });
});
