// Sharding: with SHARD_COUNT set, discord.js's ShardingManager runs the bot (bot.ts, compiled to
// dist/adapters/discord/bot.js) in one child process per shard. SHARD_IDS picks the shards this
// machine runs out of SHARD_COUNT in all, to spread a large bot over several machines:
//   machine A: SHARD_COUNT=4 SHARD_IDS=0,1    machine B: SHARD_COUNT=4 SHARD_IDS=2,3
// `npm run discord:shards` runs it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ShardingManager, type Client, type ShardingManagerOptions } from 'discord.js';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { Metrics } from '../../src/ops/metrics.js';
import { notOk, ok, type CheckResult, type Readiness, type ReadinessReport } from '../../src/ops/readiness.js';
import { ConfigError, requireSettings, type Config } from '../../src/config.js';
import type { Logger } from '../../src/log.js';

export interface ShardPlan {
  /** The bot script each shard runs. */
  file: string;
  options: ShardingManagerOptions & { totalShards: number | 'auto'; shardList: number[] | 'auto' };
}

/** The bot file next to this one: bot.js when compiled, bot.ts (through tsx, found from here
 *  rather than from the working folder) when run from source. */
export function botFile(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return { file: here.replace(/shard\.ts$/, 'bot.ts'), execArgv: ['--import', import.meta.resolve('tsx')] };
  return { file: here.replace(/shard\.js$/, 'bot.js'), execArgv: [] };
}

/** The ShardingManager options from SHARD_COUNT / SHARD_IDS (loadConfig has checked that they agree). */
export function shardPlan(config: Config, bot = botFile()): ShardPlan {
  requireSettings(config, ['DISCORD_TOKEN', 'SHARD_COUNT']);
  const ids = [...new Set(config.SHARD_IDS)].sort((a, b) => a - b);
  const totalShards: number | 'auto' = config.SHARD_COUNT === 'auto' ? 'auto' : Number(config.SHARD_COUNT);
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

/** What each shard process offers its manager (set on its discord.js Client, read through eval). */
export interface ShardOps {
  ready(): Promise<ReadinessReport>;
  metrics(): Promise<MetricObjectWithValues<MetricValue<string>>[]>;
}

/** How long the manager waits for one shard's answer before counting it as not ready. */
const SHARD_ASK_TIMEOUT_MS = 2_000;

/** Asks every shard; a shard that does not answer in time gives `fallback(error)`. */
async function askShards<T>(
  manager: ShardingManager,
  script: (client: Client) => unknown,
  fallback: (error: string) => T,
): Promise<Map<number, T>> {
  const answers = await Promise.all(
    [...manager.shards.values()].map(async (shard) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<T>((resolve) => {
        timer = setTimeout(() => resolve(fallback(`no answer within ${SHARD_ASK_TIMEOUT_MS} ms`)), SHARD_ASK_TIMEOUT_MS);
      });
      const answer = shard.ready
        ? Promise.race([shard.eval(script as (client: Client) => T), timeout]).catch((err: unknown) =>
            fallback(String((err as Error)?.message ?? err)),
          )
        : Promise.resolve(fallback('starting'));
      const result = await answer;
      clearTimeout(timer);
      return [shard.id, (result ?? fallback('not started yet')) as T] as const;
    }),
  );
  return new Map(answers);
}

/** The manager's readiness: its own checks, and every shard's (each shard's wiki, store and gateway). */
export async function shardsReport(manager: ShardingManager, own: Readiness): Promise<ReadinessReport> {
  const mine = await own.report();
  const shards = await askShards<ReadinessReport>(
    manager,
    (c) => (c as Client & { commonplace?: ShardOps }).commonplace?.ready(),
    (error) => ({ ready: false, checks: { shard: notOk(error) } }),
  );
  const checks: Record<string, CheckResult> = { ...mine.checks };
  const expected = manager.shardList === 'auto' ? manager.totalShards : manager.shardList.length;
  for (const [id, r] of shards) {
    const failing = Object.entries(r.checks).filter(([, c]) => !c.ok);
    checks[`shard ${id}`] = r.ready
      ? ok(
          Object.values(r.checks)
            .map((c) => c.detail)
            .join('; '),
        )
      : notOk(failing.map(([n, c]) => `${n}: ${c.detail}`).join('; ') || 'not ready');
  }
  const allThere = typeof expected !== 'number' || shards.size >= expected;
  if (!allThere) checks.shards = notOk(`${shards.size} of ${expected} shards started`);
  const ready =
    !('process' in mine.checks) &&
    Object.entries(mine.checks).every(([, c]) => c.ok) &&
    allThere &&
    [...shards.values()].every((r) => r.ready);
  return { ready, checks };
}

/** The manager's /metrics: its own registry and every shard's, summed by prom-client's aggregator
 *  (per-shard series such as gateway latency keep their shard label). */
export async function shardsMetrics(manager: ShardingManager, own: Metrics): Promise<{ contentType: string; body: string }> {
  const shards = await askShards<MetricObjectWithValues<MetricValue<string>>[]>(
    manager,
    (c) => (c as Client & { commonplace?: ShardOps }).commonplace?.metrics(),
    () => [],
  );
  const merged = AggregatorRegistry.aggregate([await own.registry.getMetricsAsJSON(), ...shards.values()]);
  return { contentType: merged.contentType, body: await merged.metrics() };
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
  const passOnHup = () => {
    for (const s of manager.shards.values()) s.process?.kill('SIGHUP');
  };
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

export const SHARDS_USAGE = `Usage: npm run discord:shards

Runs the Discord bot under discord.js's ShardingManager: one child process per shard, on this
machine SHARD_IDS of SHARD_COUNT (or all of them). Same as npm start with SHARD_COUNT set and
no Slack. Settings come from the environment or .env; HEALTH_PORT serves /healthz, /readyz
and /metrics for all the shards.`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${SHARDS_USAGE}\n`);
    process.exit(0);
  }
  const { configFromEnvironment } = await import('../env.js');
  const { createConsoleLogger } = await import('../../src/log.js');
  const { startBot } = await import('../main.js');
  const config = configFromEnvironment();
  const log = createConsoleLogger(config.LOG_LEVEL, config.LOG_FORMAT);
  try {
    shardPlan(config); // names what is missing before anything starts
    await startBot(config, { discord: true, slack: false }, log);
  } catch (err) {
    process.stderr.write(`commonplace: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof ConfigError ? 2 : 1);
  }
}
