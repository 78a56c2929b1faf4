// /insights and the concept map through the real bot (discord.js) and the Discord API double,
// with a real store: who may see the figures, what they show, and the map attached to the
// answer (a file with its description, shown as the embed's image) within Discord's limits,
// for hostile text too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAP_MAX_CONCEPTS } from '../../src/map/concept-map.js';
import { InsightsRecorder } from '../../src/insights/recorder.js';
import { createInsightsService } from '../../src/insights/service.js';
import { digestScheduler } from '../insights/scheduler.js';
import type { Library } from '../../src/library/library.js';
import type { Store } from '../../src/store/types.js';
import { ATTACHMENT_LIMITS, type RecordedRequest, type WireMessage } from '../doubles/discord/double.js';
import { buttonClick, buttonLabelled, MEMBER_PERMISSIONS, slashCommand } from '../doubles/discord/interactions.js';
import { tempDirs } from '../helpers/temp.js';
import { until } from '../helpers/wait.js';
import { hostileLibrary, HOSTILE_TITLE } from '../map/hostile-wiki.js';
import { FakeClock } from '../daily/fixture.js';
import { createTestDatabase, silentLog, type TestDatabase } from '../store/factory.js';
import { assertWithinDiscordLimits, LIVE_MENTION, visibleTexts } from './limits.js';
import { interact, startLiveBot, type LiveBot } from './live.js';
import { CHAT_PLATFORMS } from '../../adapters/platforms.js';

/** A member with Manage Server (and not Manage Channels). */
const SERVER_MANAGER = String(BigInt(MEMBER_PERMISSIONS) | (1n << 5n));
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

let live: LiveBot;
let db: TestDatabase;
let store: Store;
let recorder: InsightsRecorder;
const temp = tempDirs();
const clock = new FakeClock('2026-03-02T10:00:00Z'); // a Monday

beforeAll(async () => {
  live = await startLiveBot({ deferAfterMs: 300 });
  db = await createTestDatabase('sqlite');
  store = await db.open();
  recorder = new InsightsRecorder({ store, log: silentLog, keepDays: 90, now: clock.now });
  live.deps.observe = recorder.record;
  live.deps.insights = createInsightsService({
    store,
    platforms: ['discord'],
    profiles: CHAT_PLATFORMS,
    config: { DAILY_DEFAULT_TZ: 'UTC', INSIGHTS_DAYS: 90 },
    now: clock.now,
  });
});

afterAll(async () => {
  await live?.stop();
  await recorder?.stop();
  await db?.drop();
  await temp.removeAll();
});

async function ask(name: string, values: Record<string, string | boolean | undefined>, asker: Record<string, unknown> = {}) {
  const payload = slashCommand(name, values, asker);
  const callback = await interact(live.double, payload);
  return { payload, body: callback.body };
}

/** The message an interaction ends with, once its answer (maybe deferred) is complete. */
async function finalMessage(interactionId: string, done: (m: WireMessage) => boolean): Promise<WireMessage> {
  await until(
    () => {
      const m = live.double.messageFor(interactionId);
      return Boolean(m && done(m));
    },
    `the answer to ${interactionId}`,
    10_000,
  );
  return live.double.messageFor(interactionId)!;
}

/** The request that carried an interaction's files (its callback, or the edit of a deferred answer). */
function fileRequest(interactionId: string): RecordedRequest | undefined {
  const token = live.double.interactions.get(interactionId)?.payload.token;
  return live.double.requests.find(
    (r) => r.files.length > 0 && (r.route.startsWith(`/interactions/${interactionId}/`) || (token && r.route.includes(token))),
  );
}

describe('/insights', () => {
  it('is registered for those who may manage the server, and refuses a member privately', async () => {
    const { definition } = await import('../../adapters/discord/definitions.js');
    const { insights } = await import('../../commands/insights.js');
    expect(definition(insights).default_member_permissions).toBe(String(1n << 5n));
    const { body } = await ask('insights', {}, { subcommand: 'show' });
    expect(body.type).toBe(4);
    expect(body.data!.flags! & 64).toBe(64);
    expect(body.data!.embeds![0].title).toBe('Not allowed');
  });

  it('refuses in a direct message, where there is no server', async () => {
    const { body } = await ask('insights', {}, { subcommand: 'show', where: 'dm', permissions: SERVER_MANAGER });
    expect(body.data!.embeds![0].description).toContain('not in a direct message');
  });

  it("shows a manager the server's most asked pages and the names the wiki lacks, privately, hostile names harmless", async () => {
    await ask('define', { term: 'dual power' });
    await recorder.flush();
    clock.set('2026-03-12T10:00:00Z'); // ten days on: the first ask is out of the last 7 days
    await ask('related', { term: 'Dual Power' });
    await ask('define', { term: '@everyone <@&42> **zzqx** `unknownword`' });
    await recorder.flush();
    const { body } = await ask('insights', {}, { subcommand: 'show', permissions: SERVER_MANAGER });
    expect(body.data!.flags! & 64).toBe(64);
    assertWithinDiscordLimits(body.data);
    const text = body.data!.embeds![0].description!.replace(/\\/g, '');
    expect(text).toContain('1. Dual power — 1 in 7 days · 2 in 30');
    expect(text).toContain('1. everyone 42 zzqx unknownword — 1 in 7 days · 1 in 30');
    expect(text).toMatch(/\/define 1 · 2\b/);
    expect(text).toMatch(/\/related 1 · 1\b/);
    for (const t of visibleTexts(body.data)) expect(t).not.toMatch(LIVE_MENTION);
  });
});

describe('the weekly digest', () => {
  it('is subscribed by a manager and posted to the channel exactly once by two instances, without pings', async () => {
    const { body } = await ask(
      'insights',
      { days: 'friday', time: '09:00', timezone: 'UTC' },
      { subcommand: 'subscribe', permissions: SERVER_MANAGER },
    );
    expect(body.data!.embeds![0].title).toBe('Weekly insights digest is on');
    const second = await db.open();
    const instance = (s: Store, id: string) => digestScheduler(s, id, clock, live.bot.poster, () => live.deps.library);
    const a = instance(store, 'A');
    const b = instance(second, 'B');
    clock.set('2026-03-13T09:05:00Z'); // Friday, five minutes after the digest's time
    await Promise.all([a.tick(), b.tick(), a.tick()]);
    clock.set('2026-03-13T11:00:00Z');
    await Promise.all([a.tick(), b.tick()]);
    const posts = live.double.requests.filter(
      (r) => r.method === 'POST' && r.route === '/channels/333333333333333333/messages' && r.status === 200,
    );
    const digests = posts.filter((r) => r.body.embeds?.[0]?.title === 'This week in the wiki: what members asked');
    expect(digests).toHaveLength(1);
    assertWithinDiscordLimits(digests[0]!.body);
    const text = digests[0]!.body.embeds![0].description!.replace(/\\/g, '');
    expect(text).toContain('1. everyone 42 zzqx unknownword — 1');
    for (const t of visibleTexts(digests[0]!.body)) expect(t).not.toMatch(LIVE_MENTION);
  });
});

describe('the concept map', () => {
  it('offers Map under /related; a click answers with the map attached and shown as the embed image, within limits', async () => {
    const { payload } = await ask('related', { term: 'dual power' });
    const message = live.double.messageFor(payload.id)!;
    const map = buttonLabelled(message, 'Map');
    expect(map).toBeDefined();
    const click = buttonClick(message, map!.custom_id);
    await interact(live.double, click, 10_000);
    const answer = await finalMessage(click.id, (m) => m.attachments.length > 0);
    expect(answer.flags & 64).toBe(0); // under a public answer, the map is public
    expect(answer.embeds[0]!.image?.url).toBe('attachment://concept-map.png');
    expect(answer.attachments[0]).toMatchObject({ filename: 'concept-map.png', content_type: 'image/png' });
    expect(answer.attachments[0].description).toMatch(/^Concept map of Dual power and \d+ related concepts: /);
    for (const item of live.deps.library.related('dual power')!.items.slice(0, MAP_MAX_CONCEPTS))
      expect(answer.attachments[0].description).toContain(item.title);
    expect(answer.attachments[0].size).toBeLessThan(1024 * 1024);
    const sent = fileRequest(click.id)!;
    expect(sent.files[0]!.data.subarray(0, 4)).toEqual(PNG);
    expect(sent.files[0]!.data.length).toBeLessThanOrEqual(ATTACHMENT_LIMITS.bytes);
    assertWithinDiscordLimits(sent.body.data ?? sent.body);
    // No second Map under the map.
    expect(buttonLabelled(answer, 'Map')).toBeUndefined();
  });

  it('keeps a map of hostile titles harmless: no live mention, the description plain and within 1,024', async () => {
    const real = live.deps.library;
    live.deps.library = (await hostileLibrary(temp)) as Library;
    try {
      const { payload } = await ask('related', { term: 'evil', private: true });
      const message = live.double.messageFor(payload.id);
      expect(message!.flags & 64).toBe(64);
      const click = buttonClick(message!, buttonLabelled(message, 'Map')!.custom_id);
      await interact(live.double, click, 10_000);
      const answer = await finalMessage(click.id, (m) => m.attachments.length > 0);
      expect(answer.flags & 64).toBe(64); // under a private answer, the map is private too
      const description = answer.attachments[0]!.description!;
      expect(description.length).toBeLessThanOrEqual(ATTACHMENT_LIMITS.description);
      expect(description).not.toMatch(LIVE_MENTION);
      expect(description).not.toContain('\u202E');
      expect(description).toContain('Evil');
      const sent = fileRequest(click.id)!;
      for (const t of visibleTexts(sent.body.data ?? sent.body)) expect(t).not.toMatch(LIVE_MENTION);
      expect(HOSTILE_TITLE).toMatch(LIVE_MENTION);
    } finally {
      live.deps.library = real;
    }
  });
});
