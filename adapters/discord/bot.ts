// One shard of the Discord bot, as spawned by shard.ts (discord.js's ShardingManager passes
// SHARDS and SHARD_COUNT in the environment, which the client reads). Loads the wiki, runs
// startDiscord, and serves /daily from the shared store. Daily posts go out over REST, from any
// shard, so only this machine's first shard runs the scheduler (the store's claims keep several
// machines from posting twice). Its readiness and metrics are read by the manager (shard.ts),
// which serves them on its HTTP endpoints.
import { commands } from '../../commands/index.js';
import { LOOK_UP } from '../../commands/links.js';
import type { CommandDeps } from '../../commands/types.js';
import { loadWiki } from '../../src/boot.js';
import { startDaily } from '../../src/daily/index.js';
import { createConsoleLogger } from '../../src/log.js';
import { Metrics } from '../../src/ops/metrics.js';
import { Observer } from '../../src/ops/observe.js';
import { notOk, ok, Readiness } from '../../src/ops/readiness.js';
import { keepFresh } from '../../src/reload/index.js';
import type { DailyRuntime } from '../../src/daily/index.js';
import { configFromEnvironment } from '../env.js';
import { stopOnSignals, type Stoppable } from '../ops/shutdown.js';
import { inlineLinks } from '../inline-links.js';
import { CHAT_PLATFORMS } from '../platforms.js';
import { installLastResort, lastResortCounts } from '../last-resort.js';
import { startDiscord } from './index.js';
import type { ShardOps } from './shard.js';

const config = configFromEnvironment();
const shard = Number(process.env.SHARDS ?? 0);
const log = createConsoleLogger(config.LOG_LEVEL, config.LOG_FORMAT).child({ shard });
// An uncaught exception ends this shard; the ShardingManager starts it again.
installLastResort(log);
// Process metrics (memory, CPU) per shard too: the manager adds them up with its own, sums the
// counters, and keeps one series per shard where a metric has a shard label.
const metrics = new Metrics({ commands: [...commands.map((c) => c.name), LOOK_UP.callbackId] }).collectProcessMetrics();
metrics.watchLastResort(lastResortCounts);
const readiness = new Readiness();
const observer = new Observer({ log, metrics });
const parts: Stoppable = { readiness, observer, platforms: [], servers: [] };
stopOnSignals(parts, log);
try {
  readiness.add('store', () => notOk('not opened yet'));
  readiness.add('library', () => notOk('loading the wiki'));
  const wiki = await loadWiki(config, log);
  const { library, content } = wiki;
  const deps: CommandDeps = { library, config, log, profiles: CHAT_PLATFORMS };
  // Each shard reloads its own copy of the wiki (the supervisor passes SIGHUP on).
  const fresh = keepFresh({ wiki, config, log, holder: deps });
  deps.freshness = () => fresh.freshness;
  parts.platforms.push(fresh.stop);
  let daily: DailyRuntime | undefined;
  deps.inline = inlineLinks(deps, () => daily?.store, log);
  readiness.add('library', () => ok(`${deps.library.stats.articles} pages`));
  metrics.contentLoaded({ articles: library.stats.articles, warnings: content.warnings.length });
  const bot = await startDiscord({ config, deps, log, observer, readiness });
  parts.platforms.push(bot.stop);
  const ops: ShardOps = { ready: () => readiness.report(), metrics: () => metrics.registry.getMetricsAsJSON() };
  Object.defineProperty(bot.client, 'commonplace', { value: ops });
  const firstShard = config.SHARD_IDS.length ? Math.min(...config.SHARD_IDS) : 0;
  daily = await startDaily({
    config,
    library: () => deps.library,
    posters: [bot.poster],
    profiles: CHAT_PLATFORMS,
    log,
    instanceId: `discord-shard-${shard}-${process.pid}`,
    schedule: shard === firstShard,
    metrics,
    // A database that cannot be opened never stops the shard: it is retried in the background.
    waitForStore: false,
    // Each shard counts its own servers' commands; the counts add up in the shared store.
    recordInsights: true,
  });
  const started = daily;
  deps.daily = started.service;
  deps.insights = started.insights;
  deps.observe = started.recorder.record;
  parts.daily = started;
  readiness.add('store', () => started.health());
} catch (err) {
  log.fatal({ err }, 'Discord shard failed to start');
  process.exit(1);
}
