// The composition root: loads the wiki, then runs the terminal shell when no platform
// token is configured, or Discord and/or Slack (and daily posts) when they are.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { CommandDeps } from '../commands/types.js';
import type { Config } from '../src/config.js';
import { loadWiki } from '../src/boot.js';
import { startDaily, type DailyPoster, type DailyRuntime } from '../src/daily/index.js';
import { createLogger, type Logger } from '../src/log.js';
import { followLiveWiki, keepFresh } from '../src/reload/index.js';
import { openLiveWiki, type LiveWiki } from '../src/wiki/live/index.js';
import { configFromEnvironment } from './env.js';
import { installLastResort } from './last-resort.js';
import { answerLines, banner, runRepl } from './shell/shell.js';

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
  const { values } = parseArgs({ args: argv, options: { content: { type: 'string' } }, allowPositionals: false });
  const config = configFromEnvironment(values.content ? { CONTENT_DIR: values.content } : {});
  const platforms = platformsConfigured(config);

  if (!platforms.discord && !platforms.slack) {
    const log = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
    const live = process.stdin.isTTY ? await openLive(config, log) : undefined;
    const wiki = await loadWiki(config, log, { progress: true });
    const { library, content } = wiki;
    const deps: CommandDeps = { library, config, log };
    if (process.stdin.isTTY) {
      // Edits to the folder are picked up while the prompt is open (no SIGHUP: a terminal sends
      // it when it closes).
      const fresh = keepFresh({ wiki, config, log, holder: deps, signals: false });
      deps.freshness = () => fresh.freshness;
      if (live) followLiveWiki(live, fresh);
      // Nothing is posted from the terminal, but /daily preview and status work over the store.
      const daily = await startDaily({ config, library: () => deps.library, posters: [], log, schedule: false, waitForStore: false }).catch((err: unknown) => {
        log.warn({ err }, 'daily posts unavailable in the shell: DATABASE_URL names no database');
        return undefined;
      });
      deps.daily = daily?.service;
      process.stdout.write(`${banner(deps, content, config.CONTENT_DIR)}\n\n`);
      await runRepl(deps, process.stdin, process.stdout);
      await live?.stop();
      await fresh.stop();
      await daily?.stop();
    } else {
      process.stderr.write(`${banner(deps, content, config.CONTENT_DIR)}\n`);
      await answerLines(deps, process.stdin, process.stdout, false);
    }
    return;
  }

  const log = createLogger(config.LOG_LEVEL);
  installLastResort(log);
  const stops: (() => Promise<void>)[] = [];
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    for (const stop of stops) await stop().catch((err: unknown) => log.warn({ err }, 'error while shutting down'));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  // One process per machine follows a live wiki into the content folder (the shard supervisor,
  // when sharded); every process that answers reloads from the folder.
  const live = await openLive(config, log);
  if (live) stops.push(live.stop);
  const sharded = platforms.discord && Boolean(config.SHARD_COUNT);
  if (sharded) {
    // Each shard is its own process with its own wiki, Discord client and Discord daily posts.
    const { startShards } = await import('./discord/shard.js');
    const shards = await startShards({ config, log });
    stops.push(shards.stop);
    if (!platforms.slack) {
      live?.start({});
      return; // this process only supervises the shards (and follows the wiki)
    }
  }

  const wiki = await loadWiki(config, log, { progress: process.stderr.isTTY });
  const deps: CommandDeps = { library: wiki.library, config, log };
  const fresh = keepFresh({ wiki, config, log, holder: deps });
  deps.freshness = () => fresh.freshness;
  stops.unshift(fresh.stop);
  if (live) followLiveWiki(live, fresh);
  let daily: DailyRuntime | undefined;
  const posters: DailyPoster[] = [];
  if (platforms.discord && !sharded) {
    const { startDiscord } = await import('./discord/index.js');
    const discord = await startDiscord({ config, deps, log });
    stops.push(discord.stop);
    posters.push(discord.poster);
  }
  if (platforms.slack) {
    const { startSlack } = await import('./slack/index.js');
    // Signatures seen are shared through the daily store once it is open (PostgreSQL only).
    const slack = await startSlack({ config, deps, log, requestStore: () => daily?.store });
    stops.push(slack.stop);
    posters.push(slack.poster);
  }
  // Returns at once: a database that cannot be opened never stops the bot (/daily says so, the
  // store is retried in the background and the scheduler starts when it opens). Readiness can
  // follow daily.storeStatus() / daily.onStoreStatus().
  daily = await startDaily({ config, library: () => deps.library, posters, log, waitForStore: false });
  deps.daily = daily.service;
  // Stop posting before the platforms disconnect, so a post in flight can finish.
  stops.unshift(daily.stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  start(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`commonplace: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
