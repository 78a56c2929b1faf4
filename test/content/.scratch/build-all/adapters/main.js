// The composition root: loads the wiki, then runs the terminal shell when no platform
// token is configured, or Discord and/or Slack (and daily posts) when they are.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadWiki } from '../src/boot.js';
import { createLogger } from '../src/log.js';
import { configFromEnvironment } from './env.js';
import { answerLines, banner, runRepl } from './shell/shell.js';
export function platformsConfigured(config) {
    return {
        discord: Boolean(config.DISCORD_TOKEN),
        slack: Boolean(config.SLACK_BOT_TOKEN && (config.SLACK_APP_TOKEN || config.SLACK_SIGNING_SECRET)),
    };
}
export async function start(argv) {
    const { values } = parseArgs({ args: argv, options: { content: { type: 'string' } }, allowPositionals: false });
    const config = configFromEnvironment(values.content ? { CONTENT_DIR: values.content } : {});
    const platforms = platformsConfigured(config);
    if (!platforms.discord && !platforms.slack) {
        const log = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
        const { library, content } = await loadWiki(config, log, { progress: true });
        const deps = { library, config, log };
        if (process.stdin.isTTY) {
            process.stdout.write(`${banner(deps, content, config.CONTENT_DIR)}\n\n`);
            await runRepl(deps, process.stdin, process.stdout);
        }
        else {
            process.stderr.write(`${banner(deps, content, config.CONTENT_DIR)}\n`);
            await answerLines(deps, process.stdin, process.stdout, false);
        }
        return;
    }
    const log = createLogger(config.LOG_LEVEL);
    const { library } = await loadWiki(config, log, { progress: process.stderr.isTTY });
    const deps = { library, config, log };
    const stops = [];
    if (platforms.discord) {
        const { startDiscord } = await import('./discord/index.js');
        const discord = await startDiscord({ config, deps, log });
        stops.push(discord.stop);
    }
    if (platforms.slack) {
        const { startSlack } = await import('./slack/index.js');
        const slack = await startSlack({ config, deps, log });
        stops.push(slack.stop);
    }
    const shutdown = async (signal) => {
        log.info({ signal }, 'shutting down');
        await Promise.allSettled(stops.map((s) => s()));
        process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    start(process.argv.slice(2)).catch((err) => {
        process.stderr.write(`commonplace: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
    });
}
