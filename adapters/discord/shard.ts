// Sharding: with SHARD_COUNT set, discord.js's ShardingManager runs the bot (bot.ts, compiled to
// dist/adapters/discord/bot.js) in one child process per shard. SHARD_IDS picks the shards this
// machine runs out of SHARD_COUNT in all, to spread a large bot over several machines:
//   machine A: SHARD_COUNT=4 SHARD_IDS=0,1    machine B: SHARD_COUNT=4 SHARD_IDS=2,3
// `npm run discord:shards` runs it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ShardingManager, type ShardingManagerOptions } from 'discord.js';
import { ConfigError, type Config } from '../../src/config.js';
import type { Logger } from '../../src/log.js';

export interface ShardPlan {
  /** The bot script each shard runs. */
  file: string;
  options: ShardingManagerOptions & { totalShards: number | 'auto'; shardList: number[] | 'auto' };
}

/** The bot file next to this one: bot.js when compiled, bot.ts (through tsx) when run from source. */
export function botFile(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return { file: here.replace(/shard\.ts$/, 'bot.ts'), execArgv: ['--import', 'tsx'] };
  return { file: here.replace(/shard\.js$/, 'bot.js'), execArgv: [] };
}

/** The ShardingManager options from SHARD_COUNT / SHARD_IDS; throws a one-line ConfigError when they disagree. */
export function shardPlan(config: Config, bot = botFile()): ShardPlan {
  if (!config.DISCORD_TOKEN) throw new ConfigError('DISCORD_TOKEN is not set');
  if (!config.SHARD_COUNT) throw new ConfigError('SHARD_COUNT is not set: give a number of shards or "auto"');
  const ids = [...new Set(config.SHARD_IDS)].sort((a, b) => a - b);
  let totalShards: number | 'auto' = 'auto';
  if (config.SHARD_COUNT !== 'auto') {
    totalShards = Number(config.SHARD_COUNT);
    if (totalShards < 1) throw new ConfigError('Invalid setting SHARD_COUNT: must be at least 1');
  }
  if (ids.length && totalShards === 'auto') {
    throw new ConfigError('Invalid setting SHARD_IDS: needs SHARD_COUNT as a number (every machine must agree on the total)');
  }
  if (ids.length && typeof totalShards === 'number' && ids.some((id) => id >= totalShards)) {
    throw new ConfigError(`Invalid setting SHARD_IDS: shard numbers run from 0 to ${totalShards - 1}`);
  }
  return {
    file: bot.file,
    options: {
      totalShards,
      shardList: ids.length ? ids : 'auto',
      mode: 'process',
      respawn: true,
      token: config.DISCORD_TOKEN,
      execArgv: bot.execArgv,
    },
  };
}

export interface Shards {
  manager: ShardingManager;
  stop(): Promise<void>;
}

/** Spawns this machine's shards and keeps them running (respawning any that exit). */
export async function startShards(opts: { config: Config; log: Logger; plan?: ShardPlan }): Promise<Shards> {
  const plan = opts.plan ?? shardPlan(opts.config);
  const log = opts.log.child({ platform: 'discord' });
  if (!existsSync(plan.file)) throw new Error(`The bot file ${plan.file} is missing: run npm run build first`);
  const manager = new ShardingManager(plan.file, plan.options);
  manager.on('shardCreate', (shard) => {
    log.info({ shard: shard.id, total: manager.totalShards }, 'Discord: shard starting');
    shard.on('death', () => {
      if (manager.respawn) log.warn({ shard: shard.id }, 'Discord: shard exited; respawning');
    });
    shard.on('error', (err) => log.error({ err, shard: shard.id }, 'Discord: shard error'));
  });
  // Loading a large wiki takes a while in each shard: allow two minutes before calling a shard stuck.
  await manager.spawn({ amount: plan.options.totalShards, timeout: 120_000 });
  log.info({ shards: [...manager.shards.keys()], total: manager.totalShards }, 'Discord: shards running');
  // Each shard reloads its own wiki; a SIGHUP to the supervisor reaches every one.
  const passOnHup = () => manager.shards.forEach((s) => s.process?.kill('SIGHUP'));
  process.on('SIGHUP', passOnHup);
  return {
    manager,
    async stop() {
      process.off('SIGHUP', passOnHup);
      manager.respawn = false;
      await Promise.allSettled(manager.shards.map((s) => Promise.resolve(s.kill())));
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { configFromEnvironment } = await import('../env.js');
  const { createLogger } = await import('../../src/log.js');
  const config = configFromEnvironment();
  const log = createLogger(config.LOG_LEVEL);
  try {
    const shards = await startShards({ config, log });
    const shutdown = () => void shards.stop().finally(() => process.exit(0));
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (err) {
    process.stderr.write(`commonplace: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof ConfigError ? 2 : 1);
  }
}
