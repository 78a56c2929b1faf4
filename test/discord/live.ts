// A bot started for real (discord.js through startDiscord) against the local API double, with
// the Library over content/ and its log captured.
import type { CommandDeps } from '../../commands/types.js';
import { startDiscord, type DiscordBot } from '../../adapters/discord/index.js';
import { testDeps } from '../helpers/library.js';
import { captureLog } from '../helpers/log.js';
import { DiscordDouble, IDS, type InteractionPayload } from '../doubles/discord/double.js';

export interface LiveBot {
  double: DiscordDouble;
  bot: DiscordBot;
  deps: CommandDeps;
  /** Everything the bot logged (JSON lines). */
  logText(): string;
  stop(): Promise<void>;
}

/** Starts the double and the real bot against it, with the Library over content/. */
export async function startLiveBot(opts: { deferAfterMs?: number; env?: Record<string, string> } = {}): Promise<LiveBot> {
  const double = await DiscordDouble.start();
  const { log, text } = captureLog('debug');
  const deps = await testDeps({
    DISCORD_TOKEN: double.token,
    DISCORD_APPLICATION_ID: IDS.application,
    DISCORD_API_URL: double.apiUrl,
    WIKI_NAME: 'AnarWiki',
    ...opts.env,
  });
  deps.log = log;
  const bot = await startDiscord({ config: deps.config, deps, log, deferAfterMs: opts.deferAfterMs });
  return {
    double,
    bot,
    deps,
    logText: text,
    async stop() {
      await bot.stop();
      await double.close();
    },
  };
}

/** Dispatches an interaction and waits for the bot's callback; returns the callback request. */
export async function interact(double: DiscordDouble, payload: InteractionPayload, timeoutMs = 5000) {
  double.dispatchInteraction(payload);
  return double.waitForCallback(payload.id, timeoutMs);
}
