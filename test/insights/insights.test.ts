// The editors' insights on both stores: what a command run counts (through runCommand's
// observer, as the adapters run commands), the 7- and 30-day figures on a fake clock, pruning
// past INSIGHTS_DAYS with the daily post log, batching, a store that is down (answers go on,
// counts are lost, said once), who may see them, and the weekly digest posted exactly once
// by two scheduler instances through the daily scheduler's claims.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand, runText } from '../../commands/index.js';
import type { CommandContext, CommandDeps } from '../../commands/types.js';
import { InsightsRecorder } from '../../src/insights/recorder.js';
import { createInsightsService } from '../../src/insights/service.js';
import { digestScheduler } from './scheduler.js';
import type { InsightCount, Store } from '../../src/store/types.js';
import { StoreError } from '../../src/store/errors.js';
import { captureLog } from '../helpers/log.js';
import { testDeps } from '../helpers/library.js';
import { FakeClock, FakePoster } from '../daily/fixture.js';
import { createTestDatabase, silentLog, storeCases, type TestDatabase } from '../store/factory.js';
import { CHAT_PLATFORMS } from '../../adapters/platforms.js';

const GUILD = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'u1' } as const;
const manager: CommandContext = { ...GUILD, canManageWorkspace: true };

for (const { kind, skip } of storeCases()) {
  describe.skipIf(skip)(`insights on ${kind}`, () => {
    let db: TestDatabase;
    let store: Store;
    let clock: FakeClock;
    let deps: CommandDeps;
    let recorder: InsightsRecorder;

    beforeEach(async () => {
      db = await createTestDatabase(kind);
      store = await db.open();
      clock = new FakeClock('2026-03-02T10:00:00Z'); // a Monday
      deps = await testDeps();
      recorder = new InsightsRecorder({ store, log: silentLog, keepDays: 90, now: clock.now });
      deps.observe = recorder.record;
      deps.insights = createInsightsService({
        store,
        platforms: ['discord', 'slack'],
        profiles: CHAT_PLATFORMS,
        config: { DAILY_DEFAULT_TZ: 'UTC', INSIGHTS_DAYS: 90 },
        now: clock.now,
      });
    });

    afterEach(async () => {
      await recorder.stop();
      await db.drop();
    });

    const ask = (line: string, ctx: CommandContext = GUILD) => runText(deps, line, ctx);
    const report = async (ctx: CommandContext = manager) => (await runText(deps, '/insights', ctx)).text ?? '';

    it('counts answered pages, names the wiki lacks, and commands, per workspace, with 7- and 30-day figures', async () => {
      await ask('/define dual power');
      await ask('/define Dual  Power!');
      await ask('/related dual power');
      await ask('/define zzqx unknownword');
      await ask('/related zzqx unknownword');
      await ask('/search soviets');
      await ask('/define dual power', { ...GUILD, workspaceId: 'other-guild' });
      await recorder.flush();
      clock.set('2026-03-20T10:00:00Z'); // 18 days on: outside the 7 days, inside the 30
      await ask('/define dual power');
      await recorder.flush();

      const text = await report();
      expect(text).toContain('Most asked pages\n1. Dual power — 1 in 7 days · 4 in 30');
      expect(text).toContain('1. zzqx unknownword — 0 in 7 days · 2 in 30');
      expect(text).toMatch(/Commands\n\/define 1 · 4, \/related 0 · 2, \/search 0 · 1/);
      // The other server's ask is not in this one's figures.
      expect((await report({ ...manager, workspaceId: 'other-guild' })).split('Most asked pages\n')[1]).toMatch(
        /^1\. Dual power — 0 in 7 days · 1 in 30/,
      );
    });

    it('counts a concept map asked with the Map button as a map view, not as /related', async () => {
      const { runAction } = await import('../../commands/index.js');
      const related = await ask('/related dual power');
      const map = related.actions!.find((a) => a.type === 'map')!;
      await runAction(deps, map, GUILD);
      await runAction(deps, map, GUILD);
      await recorder.flush();

      const text = await report();
      expect(text).toMatch(/Commands\nconcept map 2 · 2, \/related 1 · 1\n/);
      // The map shows the same page: it is asked three times.
      expect(text).toContain('Most asked pages\n1. Dual power — 3 in 7 days · 3 in 30');
    });

    it('keeps no user id and no text beyond the normalised term', async () => {
      await ask('/define   ZZQX   Unknownword?! ', { ...GUILD, userId: 'U-SECRET-USER' });
      await ask('/search some private sentence about me');
      await recorder.flush();
      const rows = await store.insightTotals({ since: '2026-01-01', recentSince: '2026-01-01' });
      const everything = JSON.stringify(rows);
      expect(everything).not.toContain('U-SECRET-USER');
      expect(everything).not.toContain('private sentence');
      expect(rows.find((r) => r.kind === 'missing')?.term).toBe('zzqx unknownword');
    });

    it('writes a burst of commands in one batch, and a "Post in channel" re-run is not counted again', async () => {
      const writes: InsightCount[][] = [];
      const spy = {
        ...store,
        addInsightCounts: async (c: readonly InsightCount[]) => void writes.push([...c]),
        pruneHistory: store.pruneHistory.bind(store),
      };
      const batching = new InsightsRecorder({ store: spy, log: silentLog, keepDays: 90, now: clock.now });
      deps.observe = batching.record;
      for (let i = 0; i < 50; i++) await ask('/define dual power');
      const privately = await runCommand(deps, 'define', { term: 'dual power' }, { ...GUILD, private: true });
      const post = privately.actions!.find((a) => a.type === 'post')!;
      const { runAction } = await import('../../commands/index.js');
      await runAction(deps, post, GUILD);
      expect(writes).toHaveLength(0); // nothing written while answering
      await batching.flush();
      expect(writes).toHaveLength(1);
      expect(writes[0]!.find((c) => c.kind === 'command')!.count).toBe(51);
    });

    it('prunes counts and daily posts older than INSIGHTS_DAYS, once a day', async () => {
      const short = new InsightsRecorder({ store, log: silentLog, keepDays: 10, now: clock.now });
      deps.observe = short.record;
      await ask('/define dual power');
      await store.claimPost(
        { platform: 'discord', channelId: 'c1', localDate: '2026-03-02' },
        { instanceId: 'A', now: clock.now(), leaseUntil: clock.now(), dueAt: clock.now(), maxAttempts: 3 },
      );
      await store.markSent({ platform: 'discord', channelId: 'c1', localDate: '2026-03-02' }, clock.now());
      await short.flush();
      clock.set('2026-03-11T10:00:00Z'); // 9 days on: kept
      await ask('/related dual power');
      await short.flush();
      expect(await store.getPost({ platform: 'discord', channelId: 'c1', localDate: '2026-03-02' })).toBeDefined();
      clock.set('2026-03-13T10:00:00Z'); // 11 days on: the first day's counts and the post go
      await short.flush();
      expect(await store.getPost({ platform: 'discord', channelId: 'c1', localDate: '2026-03-02' })).toBeUndefined();
      const rows = await store.insightTotals({ since: '2026-01-01', recentSince: '2026-01-01' });
      expect(rows.filter((r) => r.kind === 'command').map((r) => `${r.command}:${r.total}`)).toEqual(['related:1']);
      await short.stop();
    });

    it('answers as usual when the store is down, loses the counts, and says so once', async () => {
      const logs = captureLog('info');
      let down = true;
      const flaky = {
        addInsightCounts: async (c: readonly InsightCount[]) => {
          if (down) throw new StoreError('down', 'the database is down');
          await store.addInsightCounts(c);
        },
        pruneHistory: store.pruneHistory.bind(store),
      };
      const r = new InsightsRecorder({ store: flaky, log: logs.log, keepDays: 90, now: clock.now });
      deps.observe = r.record;
      for (let i = 0; i < 3; i++) {
        const reply = await ask('/define dual power');
        expect(reply.kind).toBe('definition');
        await r.flush();
      }
      const warnings = logs.entries().filter((e) => String(e.msg).startsWith('insights: could not write'));
      expect(warnings).toHaveLength(1);
      down = false;
      await ask('/related dual power');
      await r.flush();
      expect(logs.text()).toContain('counting resumed');
      const rows = await store.insightTotals({ since: '2026-01-01', recentSince: '2026-01-01' });
      expect(rows.filter((x) => x.kind === 'command').map((x) => `${x.command}:${x.total}`)).toEqual(['related:1']);
    });

    it('refuses those who cannot manage the workspace, and direct messages', async () => {
      const member = await runText(deps, '/insights', GUILD);
      expect(member).toMatchObject({ kind: 'error', private: true, title: 'Not allowed' });
      const dm = await runText(deps, '/insights', { platform: 'discord', userId: 'u1', channelId: 'dm', canManageWorkspace: true });
      expect(dm.text).toContain('not in a direct message');
      const sub = await runText(deps, '/insights subscribe', GUILD);
      expect(sub.title).toBe('Not allowed');
      expect(await store.getSubscription('discord', 'c1', 'insights')).toBeUndefined();
      const odd = await runText(deps, '/insights <@everyone>', manager);
      expect(odd.title).toBe('Unknown /insights command');
    });

    it('subscribes a weekly digest beside the daily posts of the same channel, and posts it exactly once from two instances', async () => {
      const on = await runText(deps, '/insights subscribe monday 09:30 Europe/Paris', manager);
      expect(on).toMatchObject({ kind: 'notice', private: true, title: 'Weekly insights digest is on' });
      expect(on.text).toContain('digest Mondays at 09:30 (Europe/Paris)');
      await store.saveSubscription(
        { platform: 'discord', channelId: 'c1', time: '09:30', timeZone: 'Europe/Paris', days: 'mon,tue,wed,thu,fri,sat,sun' },
        clock.now(),
      );
      expect((await store.listSubscriptions()).map((s) => s.feed).sort()).toEqual(['daily', 'insights']);
      clock.set('2026-03-06T10:00:00Z'); // in the week before the digest
      await ask('/define dual power');
      await recorder.flush();

      const second = await db.open();
      const make = (s: Store, id: string, poster: FakePoster) => digestScheduler(s, id, clock, poster, () => deps.library);
      const pa = new FakePoster('discord', clock);
      const pb = new FakePoster('discord', clock);
      const a = make(store, 'A', pa);
      const b = make(second, 'B', pb);
      clock.set('2026-03-09T08:31:00Z'); // Monday 09:31 in Paris
      await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      const sent = [...pa.sent, ...pb.sent];
      const digests = sent.filter((s) => s.nonce.includes(':insights:'));
      expect(digests).toHaveLength(1);
      expect(digests[0]!.reply.title).toBe('This week in the wiki: what members asked');
      expect(digests[0]!.reply.text).toContain('1. Dual power — 1');
      expect(sent.filter((s) => !s.nonce.includes(':insights:'))).toHaveLength(1); // the daily post, its own
      clock.set('2026-03-09T09:00:00Z');
      await Promise.all([a.tick(), b.tick()]);
      expect([...pa.sent, ...pb.sent]).toHaveLength(2);
      expect((await runText(deps, '/insights status', manager)).text).toMatch(/Last sent: /);
      expect((await runText(deps, '/insights unsubscribe', manager)).title).toBe('Insights digest stopped');
      expect(await store.getSubscription('discord', 'c1')).toBeDefined(); // the daily posts stay
    });
  });
}
