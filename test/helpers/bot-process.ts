// `npm start` as an operator runs it: adapters/main.ts from source in a child process, in a
// temporary working folder of its own (no .env there; ./data lands in it), with the cache and
// database in that folder too. The test reads its output and stops it with a signal.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { IDS, type DiscordDouble } from '../doubles/discord/double.js';
import { contentDir, repoRoot } from './library.js';
import type { TempDirs } from './temp.js';
import { until } from './wait.js';

export interface BotProcess {
  child: ChildProcess;
  cwd: string;
  stdout(): string;
  stderr(): string;
  /** The JSON log lines so far. */
  logs(): Record<string, unknown>[];
  /** Waits until stderr contains `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

// tsx by path: the child runs in a folder of its own, where the package would not resolve.
const tsx = pathToFileURL(path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** Starts the bot in `cwd`; `env` adds or overrides settings. */
export function launchBot(cwd: string, env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ['--import', tsx, path.join(repoRoot, 'adapters', 'main.ts')], {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CONTENT_DIR: contentDir,
      CACHE_DIR: path.join(cwd, 'cache'),
      DATABASE_URL: path.join(cwd, 'daily.db'),
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    cwd,
    stdout: () => stdout,
    stderr: () => stderr,
    logs: () =>
      stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    waitFor: (text, ms = 30_000) =>
      until(
        () => stderr.includes(text) || child.exitCode !== null,
        () => `"${text}"; stderr:\n${stderr}`,
        ms,
        50,
      ).then(() => {
        if (!stderr.includes(text)) throw new Error(`the bot exited (${child.exitCode}) before "${text}"; stderr:\n${stderr}`);
      }),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Starts the bot in `cwd` joined to the Discord double; `env` adds or overrides settings. */
export function spawnBot(double: DiscordDouble, cwd: string, env: Record<string, string> = {}): BotProcess {
  return launchBot(cwd, { DISCORD_TOKEN: double.token, DISCORD_APPLICATION_ID: IDS.application, DISCORD_API_URL: double.apiUrl, ...env });
}

/** Starts the bot in a new temporary folder and waits until its log says `ready`. */
export async function startBotProcess(temp: TempDirs, env: Record<string, string>, ready: string, timeoutMs = 30_000): Promise<BotProcess> {
  const proc = launchBot(await temp.make('cp-bot-'), env);
  try {
    await proc.waitFor(ready, timeoutMs);
  } catch (err) {
    proc.child.kill('SIGKILL');
    throw err;
  }
  return proc;
}
