// The Discord adapter: a discord.js gateway client (the Guilds intent; with INLINE_LINKS also
// GuildMessages and the privileged MessageContent, for [[links]]) whose REST base, and so whose
// gateway (GET /gateway/bot), come from DISCORD_API_URL. Interactions go through
// interactions.ts; daily posts through poster.ts; [[links]] through inline.ts. discord.js
// handles rate limits, reconnects and session resumes; this file only listens, logs (never the
// token) and answers.
import { once } from 'node:events';
import { Client, DiscordAPIError, Events, GatewayCloseCodes, GatewayIntentBits, Partials, Status, type ClientOptions } from 'discord.js';
import type { CommandDeps } from '../../commands/types.js';
import type { Config } from '../../src/config.js';
import type { DailyPoster } from '../../src/daily/types.js';
import type { Logger } from '../../src/log.js';
import type { ShardReading } from '../../src/ops/metrics.js';
import type { Observer } from '../../src/ops/observe.js';
import { notOk, ok, type Readiness } from '../../src/ops/readiness.js';
import { apiBase } from './api.js';
import { listenForLinks } from './inline.js';
import { handleInteraction } from './interactions.js';
import { guardPackets } from './packet-guard.js';
import { createDiscordPoster } from './poster.js';

export interface StartDiscordOptions {
  config: Config;
  /** Read on every interaction: a reload may swap `deps.library`. */
  deps: CommandDeps;
  log: Logger;
  /** Extra discord.js client options (tests shorten timeouts). Intents, REST base and mentions are fixed. */
  clientOptions?: Partial<ClientOptions>;
  /** Milliseconds before a slow answer is deferred (default 1500). */
  deferAfterMs?: number;
  /** Logs and counts each answer; its metrics get the shards' gateway latency and state. */
  observer?: Observer;
  /** Gets a "discord" check: every shard connected. */
  readiness?: Readiness;
}

export interface DiscordBot {
  client: Client;
  poster: DailyPoster;
  stop(): Promise<void>;
}

export { apiBase };

/**
 * Which shards this process runs. Under discord.js's ShardingManager (SHARDING_MANAGER set in the
 * environment) discord.js reads SHARDS and SHARD_COUNT itself. Otherwise SHARD_COUNT runs the
 * shards inside this one process (SHARD_IDS: only those), and no SHARD_COUNT means one shard.
 */
export function clientShardOptions(config: Config, env: NodeJS.ProcessEnv = process.env): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (env.SHARDING_MANAGER) return {};
  if (!config.SHARD_COUNT) return { shards: [0], shardCount: 1 };
  if (config.SHARD_COUNT === 'auto') return { shards: 'auto' };
  const count = Math.max(1, Number(config.SHARD_COUNT));
  const ids = config.SHARD_IDS.length ? config.SHARD_IDS.filter((id) => id < count) : [...Array(count).keys()];
  return { shards: ids.length ? ids : [...Array(count).keys()], shardCount: count };
}

/**
 * discord.js's Client reads SHARDS and SHARD_COUNT from the environment when built; outside a
 * ShardingManager child our SHARD_COUNT (which may be "auto") means something else, so hide them.
 */
function buildClient(options: ClientOptions, env: NodeJS.ProcessEnv = process.env): Client {
  if (env.SHARDING_MANAGER) return new Client(options);
  const saved = { SHARDS: env.SHARDS, SHARD_COUNT: env.SHARD_COUNT };
  delete env.SHARDS;
  delete env.SHARD_COUNT;
  try {
    return new Client(options);
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) env[k] = v;
  }
}

/** Why [[links]] do not work when Discord refuses the Message Content intent. */
export const INTENT_REFUSED =
  'Discord refused the Message Content intent this bot needs to read messages. Its operator must turn on "Message Content Intent" in the Developer Portal (Bot → Privileged Gateway Intents) and restart the bot.';

export async function startDiscord(opts: StartDiscordOptions): Promise<DiscordBot> {
  const { config, deps } = opts;
  const log = opts.log.child({ platform: 'discord' });
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set');

  let stopped = false;
  const connected = await connect(opts, log, token, config.INLINE_LINKS, () => stopped);
  let client = connected.client;
  if (connected.outcome === 'intents refused') {
    // Answer everything else: connect again without the privileged intent, and say why [[links]] are off.
    log.error(
      { closeCode: GatewayCloseCodes.DisallowedIntents },
      `${INTENT_REFUSED} Connecting without it: [[links]] in messages are not answered.`,
    );
    deps.inline?.setUnavailable('discord', INTENT_REFUSED);
    client = (await connect(opts, log, token, false, () => stopped)).client;
  }
  const unwatch = opts.observer?.metrics?.watchShards(() => shardReadings(client));
  const unready = opts.readiness?.add('discord', () => discordReadiness(client, stopped));

  log.info(
    {
      bot: client.user?.tag,
      botId: client.user?.id,
      guilds: client.guilds.cache.size,
      shards: client.ws.shards.map((s) => s.id),
      readsMessages: client.options.intents.has(GatewayIntentBits.MessageContent),
    },
    `Discord: signed in as ${client.user?.tag ?? 'the bot'} in ${client.guilds.cache.size} server(s)`,
  );

  const poster = createDiscordPoster(client.rest, { wikiName: () => deps.config.WIKI_NAME });
  return {
    client,
    poster,
    async stop() {
      if (stopped) return;
      stopped = true;
      unwatch?.();
      unready?.();
      await client.destroy();
      log.info('Discord: disconnected');
    },
  };
}

/** Builds a client with its listeners and signs in. With `readMessages`, asks for the message
 *  intents and listens for [[links]]; when Discord refuses the privileged one (close code 4014),
 *  resolves 'intents refused' with the client destroyed. */
async function connect(
  opts: StartDiscordOptions,
  log: Logger,
  token: string,
  readMessages: boolean,
  isStopped: () => boolean,
): Promise<{ client: Client; outcome: 'ready' | 'intents refused' }> {
  const { config, deps } = opts;
  const client = buildClient({
    ...opts.clientOptions,
    ...clientShardOptions(config),
    intents: readMessages
      ? [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent]
      : [GatewayIntentBits.Guilds],
    // Edits and deletions of messages sent before a restart are not in the cache: take them as partials.
    ...(readMessages ? { partials: [Partials.Message, Partials.Channel] } : {}),
    rest: { ...opts.clientOptions?.rest, api: apiBase(config.DISCORD_API_URL) },
    allowedMentions: { parse: [] },
  });

  // Never let a payload or an event crash the process; log without payloads that could carry the token.
  guardPackets(client, deps, log);
  client.on(Events.Error, (err) => log.error({ err }, 'Discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'Discord client warning'));
  client.on(Events.ShardError, (err, shard) => log.warn({ err, shard }, 'Discord gateway connection error'));
  client.on(Events.ShardDisconnect, (event, shard) => {
    if (event.code !== GatewayCloseCodes.DisallowedIntents) log.warn({ code: event.code, shard }, 'Discord gateway closed for good');
  });
  client.on(Events.ShardReconnecting, (shard) => {
    if (!isStopped()) log.info({ shard }, 'Discord gateway reconnecting');
  });
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'Discord gateway resumed'));
  client.on(Events.GuildCreate, (guild) => log.debug({ guild: guild.id, guilds: client.guilds.cache.size }, 'joined a server'));
  client.on(Events.GuildDelete, (guild) => log.info({ guild: guild.id, guilds: client.guilds.cache.size }, 'left a server'));
  client.rest.on('rateLimited', (info) =>
    log.debug({ route: info.route, method: info.method, retryAfter: info.retryAfter }, 'Discord rate limit'),
  );

  const env = { deps, log, deferAfterMs: opts.deferAfterMs, observer: opts.observer };
  client.on(Events.InteractionCreate, (interaction) => {
    handleInteraction(interaction, env).catch((err: unknown) => log.error({ err }, 'interaction handler failed'));
  });
  if (readMessages) listenForLinks(client, deps, log);

  const ready = once(client, Events.ClientReady).then(() => 'ready' as const);
  const refused = new Promise<'intents refused'>((resolve) => {
    client.on(Events.ShardDisconnect, (event) => {
      if (event.code === GatewayCloseCodes.DisallowedIntents) resolve('intents refused');
    });
  });
  try {
    const login = client.login(token).then(() => undefined);
    const outcome = await Promise.race([ready, refused, login.then(() => Promise.race([ready, refused]))]);
    if (outcome === 'intents refused') await client.destroy().catch(() => undefined);
    return { client, outcome };
  } catch (err) {
    await client.destroy().catch(() => undefined);
    if (readMessages && /disallowed intents/i.test(String((err as Error)?.message))) return { client, outcome: 'intents refused' };
    throw unreachable(err, config.DISCORD_API_URL);
  }
}

/** Each shard of this client: connected and ready, and its last heartbeat round trip. */
export function shardReadings(client: Client): ShardReading[] {
  return client.ws.shards.map((s) => ({ shard: s.id, ready: s.status === Status.Ready, pingMs: s.ping }));
}

function discordReadiness(client: Client, stopped: boolean) {
  if (stopped) return notOk('disconnected');
  const shards = shardReadings(client);
  const down = shards.filter((s) => !s.ready).map((s) => s.shard);
  if (!shards.length) return notOk('no gateway connection');
  return down.length ? notOk(`shard(s) ${down.join(', ')} not connected`) : ok(`${shards.length} shard(s) connected`);
}

/**
 * A start-up failure that names what was tried and what to check. A refused token keeps
 * discord.js's own message (it never contains the token); a network failure gets the address
 * tried and the usual causes, instead of a bare "getaddrinfo ENOTFOUND discord.com".
 */
export function unreachable(err: unknown, apiUrl: string): Error {
  if (err instanceof DiscordAPIError || !(err instanceof Error)) return err as Error;
  if (/token/i.test(err.message) || (err as { status?: number }).status === 401) return err;
  const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  const cause = [err.message, (err as { cause?: Error }).cause?.message].filter((m, i, a) => m && a.indexOf(m) === i).join(': ');
  return new Error(
    `Could not reach Discord: GET ${apiBase(apiUrl)}/v10/gateway/bot failed${code ? ` (${code})` : ''}: ${cause}. ` +
      'Check that this machine can resolve and reach discord.com over HTTPS (DNS, firewall, proxy), ' +
      `that DISCORD_API_URL is right (now ${apiUrl}), and https://discordstatus.com for an outage.`,
    { cause: err },
  );
}
