// `npm run slack:manifest [-- --url https://host/slack/events] [--out FILE]` prints the app
// manifest as JSON, or writes it to FILE (npm prints its own banner on stdout, so a redirected
// `npm run` would not be JSON; --out or `npm run --silent` avoids that). Without --url it
// describes a Socket Mode app (no public URL); with --url, an HTTP mode app whose slash
// commands and interactivity go to that URL. WIKI_NAME and SLACK_COMMAND_PREFIX come from the
// environment (and .env).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { commands } from '../../commands/index.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { buildManifest } from './manifest.js';

export const MANIFEST_USAGE = `Usage: npm run slack:manifest -- [--url https://HOST/slack/events] [--out FILE]

Prints the Slack app manifest (JSON) built from commands/, to paste into
https://api.slack.com/apps → Create New App → From an app manifest.

  --url URL   HTTP mode: Slack sends commands and button clicks to URL (https, ending /slack/events)
  --socket    Socket Mode (the default): no public URL needed
  --out FILE  write the manifest to FILE instead of printing it
  -h, --help  this help

WIKI_NAME (the app's name) and SLACK_COMMAND_PREFIX (cp- gives /cp-define) are read from the
environment or .env.`;

export interface ManifestArgs {
  url?: string;
  socket?: boolean;
  out?: string;
  help?: boolean;
}

export function manifestArgs(argv: string[]): ManifestArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      socket: { type: 'boolean' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.url && values.socket) throw new Error('Use either --url (HTTP mode) or --socket (Socket Mode), not both');
  return values;
}

export function manifestJson(argv: string[], env: Record<string, string | undefined>): string {
  const values = manifestArgs(argv);
  const config = loadConfig(env);
  const manifest = buildManifest(commands, config, values.url ? { socketMode: false, requestUrl: values.url } : { socketMode: true });
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Runs the script; returns the exit code. */
export function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io = { out: (s: string) => void process.stdout.write(s), err: (s: string) => void process.stderr.write(s) },
): number {
  try {
    const args = manifestArgs(argv);
    if (args.help) {
      io.out(`${MANIFEST_USAGE}\n`);
      return 0;
    }
    const json = manifestJson(argv, env);
    if (args.out) {
      writeFileSync(args.out, json);
      io.err(`Wrote the ${args.url ? 'HTTP mode' : 'Socket Mode'} manifest to ${args.out}\n`);
    } else {
      io.out(json);
    }
    return 0;
  } catch (err) {
    io.err(`slack:manifest: ${err instanceof Error ? err.message : String(err)}${err instanceof ConfigError ? '' : '; see --help'}\n`);
    return err instanceof ConfigError ? 2 : 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  dotenv.config({ quiet: true });
  process.exitCode = main(process.argv.slice(2), process.env);
}
