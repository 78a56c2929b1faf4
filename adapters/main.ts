// The composition root: loads the wiki, then runs the terminal shell when no platform
// token is configured, or Discord and/or Slack (and daily posts) when they are, with the
// process's health, readiness and metrics endpoints and a graceful shutdown.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { commands } from '../commands/index.js';
import { LOOK_UP } from '../commands/links.js';
import type { CommandDeps } from '../commands/types.js';
import type { Config } from '../src/config.js';
import { loadWiki } from '../src/boot.js';
import { startDaily, type DailyPoster, type DailyRuntime } from '../src/daily/index.js';
import { createConsoleLogger, terminal, type Logger } from '../src/log.js';
import { Metrics } from '../src/ops/metrics.js';
import { Observer } from '../src/ops/observe.js';
import { notOk, ok, Readiness, type ReadinessReport } from '../src/ops/readiness.js';
import { configFromEnvironment } from './env.js';
import { inlineLinks } from './inline-links.js';
import { CHAT_PLATFORMS } from './platforms.js';
import { installLastResort, lastResortCounts } from './last-resort.js';
import { startOpsServer, type OpsServer } from './ops/server.js';
import { stopOnSignals, type Stoppable } from './ops/shutdown.js';
import { followLiveWiki, keepFresh } from '../src/reload/index.js';
import { openLiveWiki, type LiveWiki } from '../src/wiki/live/index.js';
import { answerLines, banner, runRepl } from './shell/shell.js';

export const START_USAGE = `Usage: npm start [-- --content DIR]

Loads the wiki, then answers in this terminal when no Discord or Slack token is set, or joins
Discord (DISCORD_TOKEN) and/or Slack (SLACK_BOT_TOKEN with SLACK_APP_TOKEN or
SLACK_SIGNING_SECRET) when they are. Settings come from the environment or .env (see .env.example).

  --content DIR  read the wiki's pages from DIR instead of CONTENT_DIR
  -h, --help     this help`;

export function platformsConfigured(config: Config): { discord: boolean; slack: boolean } {
  return {
    discord: Boolean(config.DISCORD_TOKEN),
    slack: Boolean(config.SLACK_BOT_TOKEN && (config.SLACK_APP_TOKEN || config.SLACK_SIGNING_SECRET)),
  };
}

/** The live wiki WIKI_API_URL names, if any. */
function openLive(config: Config, log: Logger): Promise<LiveWiki | undefined> {
  return config.WIKI_API_URL ? openLiveWiki({ ...config, WIKI_API_URL: config.WIKI_API_URL }, log) : Promise.resolve(undefined);
}

export async function start(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { content: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${START_USAGE}\n`);
    return;
  }
  const config = configFromEnvironment(values.content ? { CONTENT_DIR: values.content } : {});
  const platforms = platformsConfigured(config);
  if (!platforms.discord && !platforms.slack) return startShell(config);
  await startBot(config, platforms, createConsoleLogger(config.LOG_LEVEL, config.LOG_FORMAT));
}

async function startShell(config: Config): Promise<void> {
  const log = createConsoleLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn', config.LOG_FORMAT);
  const live = process.stdin.isTTY ? await openLive(config, log) : undefined;
  const wiki = await loadWiki(config, log, { progress: true });
  const { library, content } = wiki;
  const deps: CommandDeps = { library, config, log, profiles: CHAT_PLATFORMS };
  if (process.stdin.isTTY) {
    // Edits to the folder are picked up while the prompt is open (no SIGHUP: a terminal sends
    // it when it closes).
    const fresh = keepFresh({ wiki, config, log, holder: deps, signals: false });
    deps.freshness = () => fresh.freshness;
    if (live) followLiveWiki(live, fresh);
    // Nothing is posted from the terminal, but /daily preview and status work over the store.
    const daily = await startDaily({
      config,
      library: () => deps.library,
      posters: [],
      profiles: CHAT_PLATFORMS,
      log,
      schedule: false,
      waitForStore: false,
    }).catch((err: unknown) => {
      log.warn({ err }, 'daily posts unavailable in the shell: DATABASE_URL names no database');
      return undefined;
    });
    deps.daily = daily?.service;
    deps.insights = daily?.insights;
    process.stdout.write(`${banner(deps, content, config.CONTENT_DIR)}\n\n`);
    await runRepl(deps, process.stdin, process.stdout, terminal);
    await live?.stop();
    await fresh.stop();
    await daily?.stop();
  } else {
    process.stderr.write(`${banner(deps, content, config.CONTENT_DIR)}\n`);
    await answerLines(deps, process.stdin, process.stdout, false);
  }
}

export async function startBot(config: Config, platforms: { discord: boolean; slack: boolean }, log: Logger): Promise<void> {
  installLastResort(log);
  const metrics = new Metrics({ commands: [...commands.map((c) => c.name), LOOK_UP.callbackId] }).collectProcessMetrics();
  metrics.watchLastResort(lastResortCounts);
  const readiness = new Readiness();
  const observer = new Observer({ log, metrics });
  const servers: OpsServer[] = [];
  const parts: Stoppable = { readiness, observer, platforms: [], servers };
  stopOnSignals(parts, log);
  const sharded = platforms.discord && Boolean(config.SHARD_COUNT);
  let shardReport: (() => Promise<ReadinessReport>) | undefined;
  let shardMetrics: (() => Promise<{ contentType: string; body: string }>) | undefined;

  // The HTTP server comes up first, so /healthz answers while the wiki loads (and /readyz says
  // so). In Slack's HTTP mode it is Slack's port too.
  const slackHttp = platforms.slack && !config.SLACK_APP_TOKEN;
  const ports = new Set<number>();
  if (slackHttp) ports.add(config.PORT);
  if (config.HEALTH_PORT) ports.add(config.HEALTH_PORT);
  const gathered = () => (shardMetrics ? shardMetrics() : metrics.exposition());
  const report = () => (shardReport ? shardReport() : readiness.report());
  for (const port of ports) servers.push(await startOpsServer({ port, readiness, metrics: gathered, report, log }));
  // Until Slack is up, its endpoint says so (Slack shows the user an error either way; a 503 tells the operator why).
  if (slackHttp)
    servers[0]!.mount('/slack/events', (_req, res) => void res.writeHead(503, { 'content-type': 'text/plain' }).end('starting\n'));

  // One process per machine follows a live wiki into the content folder (the shard supervisor,
  // when sharded); every process that answers reloads from the folder.
  const live = await openLive(config, log);
  if (live) parts.platforms.push(live.stop);
  if (sharded) {
    // Each shard is its own process with its own wiki, Discord client, daily posts and metrics;
    // this one supervises them and answers for them on its endpoints.
    const { startShards, shardsReport, shardsMetrics } = await import('./discord/shard.js');
    const shards = await startShards({ config, log });
    parts.platforms.push(shards.stop);
    shardReport = () => shardsReport(shards.manager, readiness);
    shardMetrics = () => shardsMetrics(shards.manager, metrics);
    if (!platforms.slack) {
      live?.start({});
      return;
    }
  }

  let loaded = false;
  readiness.add('store', () => notOk('not opened yet'));
  readiness.add('library', () => (loaded ? ok(`${deps.library.stats.articles} pages`) : notOk('loading the wiki')));
  const wiki = await loadWiki(config, log, { progress: process.stderr.isTTY });
  const deps: CommandDeps = { library: wiki.library, config, log, profiles: CHAT_PLATFORMS };
  loaded = true;
  metrics.contentLoaded({ articles: wiki.library.stats.articles, warnings: wiki.content.warnings.length });
  const fresh = keepFresh({ wiki, config, log, holder: deps });
  deps.freshness = () => fresh.freshness;
  parts.platforms.unshift(fresh.stop);
  if (live) followLiveWiki(live, fresh);

  let daily: DailyRuntime | undefined;
  deps.inline = inlineLinks(deps, () => daily?.store, log);
  const posters: DailyPoster[] = [];
  if (platforms.discord && !sharded) {
    const { startDiscord } = await import('./discord/index.js');
    const discord = await startDiscord({ config, deps, log, observer, readiness });
    parts.platforms.push(discord.stop);
    posters.push(discord.poster);
  }
  if (platforms.slack) {
    const { startSlack } = await import('./slack/index.js');
    // Signatures seen are shared through the daily store once it is open (PostgreSQL only).
    const slack = await startSlack({
      config,
      deps,
      log,
      observer,
      readiness,
      server: slackHttp ? servers[0] : undefined,
      requestStore: () => daily?.store,
    });
    parts.platforms.push(slack.stop);
    posters.push(slack.poster);
  }
  // Returns at once: a database that cannot be opened never stops the bot (/daily says so, the
  // store is retried in the background, the scheduler starts when it opens, and /readyz says
  // "store down" meanwhile).
  const started = await startDaily({
    config,
    library: () => deps.library,
    posters,
    profiles: CHAT_PLATFORMS,
    log,
    metrics,
    waitForStore: false,
    recordInsights: true,
  });
  daily = started;
  deps.daily = started.service;
  deps.insights = started.insights;
  deps.observe = started.recorder.record;
  parts.daily = started;
  readiness.add('store', () => started.health());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  start(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`commonplace: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
