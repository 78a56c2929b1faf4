// /daily on Discord while the database does not answer: the member is answered within Discord's
// window (the answer is deferred before 3 s), then told plainly that daily posts are unavailable,
// privately, and the admin sees why. The real bot against the Discord double; the store behind a
// TCP server that accepts and never answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDaily, type DailyRuntime } from '../../src/daily/index.js';
import { MANAGER_PERMISSIONS, slashCommand } from '../doubles/discord/interactions.js';
import { blackHole } from '../doubles/tcp/network.js';
import { until } from '../helpers/wait.js';
import { startLiveBot, type LiveBot } from './live.js';
import { CHAT_PLATFORMS } from '../../adapters/platforms.js';

let live: LiveBot;
let daily: DailyRuntime;
let hole: Awaited<ReturnType<typeof blackHole>>;

beforeAll(async () => {
  hole = await blackHole();
  live = await startLiveBot();
  daily = await startDaily({
    config: {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${hole.port}/commonplace`,
      DATABASE_CONNECT_TIMEOUT_MS: 2500,
      DATABASE_QUERY_TIMEOUT_MS: 500,
      DAILY_DEFAULT_TZ: 'UTC',
      DAILY_CATEGORIES: [],
      DAILY_CATCHUP_HOURS: 12,
    },
    library: () => live.deps.library,
    posters: [live.bot.poster],
    profiles: CHAT_PLATFORMS,
    log: live.deps.log!,
    waitForStore: false,
  });
  live.deps.daily = daily.service;
});

afterAll(async () => {
  await daily?.stop();
  await live?.stop();
  await hole?.close();
});

describe('/daily with a database that does not answer', () => {
  it('defers within the window, then says plainly that daily posts are unavailable, with the reason for an admin', async () => {
    const payload = slashCommand('daily', {}, { subcommand: 'status', permissions: MANAGER_PERMISSIONS });
    const sent = Date.now();
    live.double.dispatchInteraction(payload);
    const callback = await live.double.waitForCallback(payload.id, 3_000);
    expect(Date.now() - sent).toBeLessThan(3_000);
    expect(callback.body.type).toBe(5); // "thinking…" while the database is waited for
    const answered = () =>
      live.double.webhookRequests(payload.id).find((r) => (r.method === 'POST' || r.method === 'PATCH') && r.body?.embeds);
    await until(() => Boolean(answered()), 'the answer after the deferral', 10_000);
    const edit = answered()!;
    expect(edit.body.flags).toBe(64); // only the member who asked sees it
    const shown = JSON.stringify(edit.body);
    expect(shown).toMatch(/The database did not answer|Daily posts are unavailable right now/);
    expect(shown).toContain('For admins');
    expect(shown).not.toMatch(/something went wrong/i);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers every other command as usual', async () => {
    const payload = slashCommand('define', { term: 'dual power' });
    live.double.dispatchInteraction(payload);
    const callback = await live.double.waitForCallback(payload.id, 3_000);
    expect(callback.body.data!.embeds![0].title).toBe('Dual power');
  });
});
