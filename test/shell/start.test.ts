// `npm start` with a Discord token, as an operator runs it: the composition root loads the
// wiki, connects the real discord.js client (here to the local API double), opens the daily-post
// store and starts the scheduler, answers commands, never prints the token, and stops cleanly on
// SIGTERM. Runs adapters/main.ts from source in a child process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotProcess, type BotProcess } from '../helpers/bot-process.js';
import { tempDirs } from '../helpers/temp.js';
import { DiscordDouble, IDS } from '../doubles/discord/double.js';
import { slashCommand } from '../doubles/discord/interactions.js';

const temp = tempDirs();
let double: DiscordDouble;
let bot: BotProcess;

beforeAll(async () => {
  double = await DiscordDouble.start();
  bot = await startBotProcess(
    temp,
    { DISCORD_TOKEN: double.token, DISCORD_APPLICATION_ID: IDS.application, DISCORD_API_URL: double.apiUrl },
    'daily scheduler started',
    20_000,
  );
}, 30_000);

afterAll(async () => {
  if (bot?.child.exitCode === null) bot.child.kill('SIGKILL');
  await double?.close();
  await temp.removeAll();
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
    expect(callback.body.data!.embeds![0].title).toBe('Dual power');
    expect(callback.body.data!.allowed_mentions).toEqual({ parse: [] });
  });

  it('serves /daily from its database', async () => {
    const payload = slashCommand('daily', {}, { subcommand: 'status' });
    double.dispatchInteraction(payload);
    const callback = await double.waitForCallback(payload.id, 10_000);
    const text = JSON.stringify(callback.body.data);
    expect(text).not.toContain('not available');
    expect(text).toMatch(/not subscribed|no daily/i);
  });

  it('stops cleanly on SIGTERM: stops the scheduler, disconnects, closes the store', async () => {
    expect(await bot.stop('SIGTERM')).toBe(0);
    const messages = bot.logs().map((l) => l.msg);
    const order = ['shutting down', 'daily scheduler stopped', 'Discord: disconnected', 'store closed', 'stopped'].map((m) =>
      messages.indexOf(m),
    );
    expect(
      order.every((i) => i >= 0),
      `log lines in order; got ${JSON.stringify(messages.slice(-8))}`,
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
