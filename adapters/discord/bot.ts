// One shard of the Discord bot, as spawned by shard.ts (discord.js's ShardingManager passes
// SHARDS and SHARD_COUNT in the environment, which the client reads). Loads the wiki, runs
// startDiscord, and serves /daily from the shared store. Daily posts go out over REST, from any
// shard, so only this machine's first shard runs the scheduler (the store's claims keep several
// machines from posting twice).
import type { CommandDeps } from '../../commands/types.js';
import { loadWiki } from '../../src/boot.js';
import { startDaily } from '../../src/daily/index.js';
import { createLogger } from '../../src/log.js';
import { keepFresh } from '../../src/reload/index.js';
import { configFromEnvironment } from '../env.js';
import { installLastResort } from '../last-resort.js';
import { startDiscord } from './index.js';

const config = configFromEnvironment();
const shard = Number(process.env.SHARDS ?? 0);
const log = createLogger(config.LOG_LEVEL).child({ shard });
// An uncaught exception ends this shard; the ShardingManager starts it again.
installLastResort(log);
try {
  const wiki = await loadWiki(config, log);
  const deps: CommandDeps = { library: wiki.library, config, log };
  // Each shard reloads its own copy of the wiki (the supervisor passes SIGHUP on).
  const fresh = keepFresh({ wiki, config, log, holder: deps });
  deps.freshness = () => fresh.freshness;
  const bot = await startDiscord({ config, deps, log });
  const firstShard = config.SHARD_IDS.length ? Math.min(...config.SHARD_IDS) : 0;
  const daily = await startDaily({
    config,
    library: () => deps.library,
    posters: [bot.poster],
    log,
    instanceId: `discord-shard-${shard}-${process.pid}`,
    schedule: shard === firstShard,
    // A database that cannot be opened never stops the shard: it is retried in the background.
    waitForStore: false,
  });
  deps.daily = daily.service;
  const shutdown = () => void Promise.allSettled([fresh.stop(), bot.stop(), daily.stop()]).finally(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (err) {
  log.fatal({ err }, 'Discord shard failed to start');
  process.exit(1);
}
