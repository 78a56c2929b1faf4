// `npm start` with a Discord token, as an operator runs it: the composition root loads the
// wiki, connects the real discord.js client (here to the local API double), opens the daily-post
// store and starts the scheduler, answers commands, never prints the token, and stops cleanly on
// SIGTERM. Runs adapters/main.ts from source in a child process.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnBot, type BotProcess } from '../helpers/bot-process.js';
import { until } from '../helpers/wait.js';
import { DiscordDouble } from '../doubles/discord/double.js';
import { slashCommand } from '../doubles/discord/interactions.js';

let double: DiscordDouble;
let child: ChildProcess;
let tmp: string;
let bot: BotProcess;

beforeAll(async () => {
  double = await DiscordDouble.start();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cp-start-'));
  bot = spawnBot(double, tmp);
  child = bot.child;
  await until(() => bot.stderr().includes('daily scheduler started'), () => `the daily scheduler; stderr:\n${bot.stderr()}`, 20_000, 50);
}, 30_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await double?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('npm start with DISCORD_TOKEN', () => {
  it('signs in to Discord and logs the bot and its servers, never the token', () => {
    expect(bot.stderr()).toContain('signed in as');
    expect(bot.stderr()).toContain('content loaded');
    expect(bot.stderr() + bot.stdout()).not.toContain(double.token);
  });

  it('answers /define in a server', async () => {
    const payload = slashCommand('define', { term: 'dual power' });
    double.dispatchInteraction(payload);
    const callback = await double.waitForCallback(payload.id, 10_000);
    expect(callback.body.data.embeds[0].title).toBe('Dual power');
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('serves /daily from its database', async () => {
    const payload = slashCommand('daily', {}, { subcommand: 'status' });
    double.dispatchInteraction(payload);
    const callback = await double.waitForCallback(payload.id, 10_000);
    const text = JSON.stringify(callback.body.data);
    expect(text).not.toContain('not available');
    expect(text).toMatch(/not subscribed|no daily/i);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(bot.stderr()).toContain('shutting down');
  });
});
