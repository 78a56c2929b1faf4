// The core knows no platform: a platform it has never heard of ("matrix", with its own words)
// gets daily posts, insights and their texts from its adapter's profile alone, on both stores;
// and the texts built from Discord's and Slack's profiles read as they always did.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHAT_PLATFORMS } from '../../adapters/platforms.js';
import { runCommand } from '../../commands/index.js';
import type { CommandContext, CommandDeps } from '../../commands/types.js';
import { createDailyService, type DailyService } from '../../src/daily/service.js';
import { InsightsRecorder } from '../../src/insights/recorder.js';
import { createInsightsService, insightsDigest, type InsightsService } from '../../src/insights/service.js';
import { inviteHints, type PlatformProfile, platformNames, whoManages, workspaceWord } from '../../src/platform.js';
import type { Store } from '../../src/store/types.js';
import { FakeClock, fixtureLibrary, manyArticles } from '../daily/fixture.js';
import { testDeps } from '../helpers/library.js';
import { createTestDatabase, silentLog, storeCases, type TestDatabase } from '../store/factory.js';

const MATRIX: PlatformProfile = {
  key: 'matrix',
  name: 'Matrix',
  workspace: 'space',
  channelManagers: 'power level 50 in the room',
  workspaceManagers: 'power level 100 in the space',
};
const PROFILES = [...CHAT_PLATFORMS, MATRIX];
const room: CommandContext = {
  platform: 'matrix',
  channelId: '!room:example.org',
  workspaceId: '!space:example.org',
  userId: '@ann:example.org',
};
const terminal: CommandContext = { platform: 'shell', channelId: 'shell', canManageChannel: true, canManageWorkspace: true };

describe('texts built from the profiles', () => {
  it('read on Discord and Slack as they always did', () => {
    expect(platformNames(CHAT_PLATFORMS, 'and')).toBe('Discord and Slack');
    expect(platformNames(CHAT_PLATFORMS, 'or')).toBe('Discord or Slack');
    expect(whoManages(CHAT_PLATFORMS, 'channel', "the bot's admins")).toBe(
      "on Discord: the Manage Channels permission; on Slack: workspace admins and owners; or the bot's admins",
    );
    expect(whoManages(CHAT_PLATFORMS, 'workspace', 'the bot’s admins')).toBe(
      'on Discord: the Manage Server permission; on Slack: workspace admins and owners; or the bot’s admins',
    );
    expect(workspaceWord(CHAT_PLATFORMS, 'discord')).toBe('server');
    expect(workspaceWord(CHAT_PLATFORMS, 'slack')).toBe('workspace');
    expect(inviteHints(CHAT_PLATFORMS)).toBe('on Slack, /invite it to the channel');
  });

  it('name a third platform, and none when there is none', () => {
    expect(platformNames(PROFILES, 'or')).toBe('Discord, Slack or Matrix');
    expect(whoManages(PROFILES, 'channel', 'the admins')).toMatch(/; on Matrix: power level 50 in the room; or the admins$/);
    expect(platformNames([], 'and')).toBe('chat');
    expect(whoManages([], 'channel', 'the admins')).toBe('the admins');
    expect(workspaceWord([], 'matrix')).toBe('workspace');
    expect(inviteHints([MATRIX])).toBeUndefined();
  });
});

describe.each(storeCases())('a platform the core never heard of, on $kind', ({ kind, skip }) => {
  let tdb: TestDatabase;
  let store: Store;
  let clock: FakeClock;
  let daily: DailyService;
  let insights: InsightsService;

  beforeEach(async () => {
    if (skip) return;
    tdb = await createTestDatabase(kind);
    store = await tdb.open();
    clock = new FakeClock('2026-03-02T06:00:00Z');
    const library = fixtureLibrary(manyArticles(4));
    const config = { DAILY_DEFAULT_TZ: 'UTC', DAILY_CATEGORIES: [] as string[], DAILY_CATCHUP_HOURS: 12, INSIGHTS_DAYS: 90 };
    daily = createDailyService({
      store,
      library: () => library,
      platforms: ['matrix'],
      profiles: PROFILES,
      config,
      now: clock.now,
      log: silentLog,
    });
    insights = createInsightsService({ store, platforms: ['matrix'], profiles: PROFILES, config, now: clock.now });
  });
  afterEach(async () => {
    if (!skip) await tdb.drop();
  });

  it.skipIf(skip)('subscribes a room to daily posts, and says who may when one may not', async () => {
    const refused = await daily.handle({ subcommand: 'subscribe' }, { ...room, canManageChannel: false });
    expect(refused.text).toContain(
      "(on Discord: the Manage Channels permission; on Slack: workspace admins and owners; on Matrix: power level 50 in the room; or the bot's admins)",
    );
    const reply = await daily.handle({ subcommand: 'subscribe', time: '08:00' }, { ...room, canManageChannel: true });
    expect(reply.title).toMatch(/daily posts/i);
    expect(await store.getSubscription('matrix', '!room:example.org')).toMatchObject({ time: '08:00', workspaceId: '!space:example.org' });
    expect((await daily.handle({ subcommand: 'status' }, room)).text).toMatch(/08:00 \(UTC\)/);

    const elsewhere = await daily.handle({ subcommand: 'subscribe' }, terminal);
    expect(elsewhere.text).toMatch(/^Daily posts go to Discord, Slack and Matrix channels: /);
  });

  it.skipIf(skip)('shows its insights and digest in its own word for a workspace', async () => {
    const recorder = new InsightsRecorder({ store, log: silentLog, keepDays: 90, now: clock.now });
    const deps: CommandDeps = { ...(await testDeps()), profiles: PROFILES, insights, observe: recorder.record };
    await runCommand(deps, 'define', { term: 'dual power' }, room);
    await recorder.stop();

    const refused = await insights.handle({}, room);
    expect(refused.text).toContain('on Matrix: power level 100 in the space; or the bot’s admins');
    const shown = await insights.handle({}, { ...room, canManageWorkspace: true });
    expect(shown.text).toMatch(/^What members asked in this space: /);
    expect(shown.text).toMatch(/Commands\n\/define 1 · 1/);

    const subscribed = await insights.handle({ subcommand: 'subscribe' }, { ...room, canManageWorkspace: true });
    expect(subscribed.title).toBe('Weekly insights digest is on');
    const sub = (await store.getSubscription('matrix', '!room:example.org', 'insights'))!;
    const digest = await insightsDigest(store, 90, PROFILES)(sub, clock.now());
    expect(digest.text).toMatch(/^What members asked in this space in the last 7 days \(1 command\)\./);

    const settings = await runCommand(deps, 'settings', { subcommand: 'inline' }, terminal);
    expect(settings.title).toBe('Settings are for Discord, Slack and Matrix channels');
  });
});
