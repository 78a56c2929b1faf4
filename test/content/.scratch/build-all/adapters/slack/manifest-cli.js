// `npm run slack:manifest [-- --url https://host/slack/events]` prints the app manifest as
// JSON. Without --url it describes a Socket Mode app (no public URL); with --url, an HTTP
// mode app whose slash commands and interactivity go to that URL. WIKI_NAME and
// SLACK_COMMAND_PREFIX come from the environment (and .env).
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { commands } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import { buildManifest } from './manifest.js';
export function manifestJson(argv, env) {
    const { values } = parseArgs({
        args: argv,
        options: { url: { type: 'string' }, socket: { type: 'boolean' } },
        allowPositionals: false,
    });
    if (values.url && values.socket)
        throw new Error('Use either --url (HTTP mode) or --socket (Socket Mode), not both');
    const config = loadConfig(env);
    const manifest = buildManifest(commands, config, values.url ? { socketMode: false, requestUrl: values.url } : { socketMode: true });
    return `${JSON.stringify(manifest, null, 2)}\n`;
}
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    try {
        dotenv.config({ quiet: true });
        process.stdout.write(manifestJson(process.argv.slice(2), process.env));
    }
    catch (err) {
        process.stderr.write(`slack:manifest: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
    }
}
