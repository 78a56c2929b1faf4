// `npm start` as an operator runs it: adapters/main.ts from source in a child process, joined to
// the Discord double, in a temporary folder of its own (no .env there; ./data lands in it).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DiscordDouble } from '../doubles/discord/double.js';
import { IDS } from '../doubles/discord/double.js';
import { contentDir, repoRoot } from './library.js';

export interface BotProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
}

/** Starts the bot in `cwd` against `double`; `env` adds or overrides settings. */
export function spawnBot(double: DiscordDouble, cwd: string, env: Record<string, string> = {}): BotProcess {
  // tsx by path: the child runs in a folder of its own, where the package would not resolve.
  const tsx = pathToFileURL(path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', tsx, path.join(repoRoot, 'adapters', 'main.ts')], {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CONTENT_DIR: contentDir,
      CACHE_DIR: path.join(cwd, 'cache'),
      DATABASE_URL: path.join(cwd, 'daily.db'),
      DISCORD_TOKEN: double.token,
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_API_URL: double.apiUrl,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  return { child, stdout: () => out, stderr: () => err };
}
