// `npm start` keeps answering through faults, as an operator would meet them: the database file
// is garbage (the bot starts anyway, /daily says so, the store is retried in the background and
// the scheduler starts once the file is moved away), and Discord sends a payload discord.js
// cannot read (logged with an id; the process carries on). Runs adapters/main.ts from source in
// a child process against the Discord double.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnBot, type BotProcess } from '../helpers/bot-process.js';
import { until } from '../helpers/wait.js';
import { freePort } from '../slack/support.js';
import { DiscordDouble, type InteractionPayload } from '../doubles/discord/double.js';
import { buttonClick, buttonLabelled, MANAGER_PERMISSIONS, slashCommand } from '../doubles/discord/interactions.js';

let double: DiscordDouble;
let child: ChildProcess;
let tmp: string;
let dbFile: string;
let bot: BotProcess;
let healthPort: number;
const stderr = () => bot.stderr();

beforeAll(async () => {
  double = await DiscordDouble.start();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cp-faults-'));
  dbFile = path.join(tmp, 'daily.db');
  await writeFile(dbFile, 'not a database at all, just words that fill the first page of the file and more words');
  healthPort = await freePort();
  bot = spawnBot(double, tmp, { DATABASE_URL: dbFile, HEALTH_PORT: String(healthPort) });
  child = bot.child;
  await until(
    () => stderr().includes('signed in as') && stderr().includes('could not open the database'),
    () => `start-up; stderr:\n${stderr()}`,
    20_000,
    50,
  );
}, 30_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await double?.close();
  await rm(tmp, { recursive: true, force: true });
});

async function ask(payload: InteractionPayload) {
  double.dispatchInteraction(payload);
  return double.waitForCallback(payload.id, 10_000);
}

describe('npm start through faults', () => {
  it('starts and answers although its database file is garbage', async () => {
    expect(child.exitCode).toBeNull();
    const callback = await ask(slashCommand('define', { term: 'dual power' }));
    expect(callback.body.data!.embeds![0].title).toBe('Dual power');
  });

  it('is alive but not ready while the store is down, and says why', async () => {
    expect((await fetch(`http://127.0.0.1:${healthPort}/healthz`)).status).toBe(200);
    const res = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.checks.store.ok).toBe(false);
    expect(body.checks.store.detail).toMatch(/^store down: .*file is not a database.*; next try /);
    expect(body.checks.discord.ok).toBe(true);
    expect(body.checks.library.ok).toBe(true);
  });

  it('/daily says plainly that daily posts are unavailable, and why to an admin', async () => {
    const callback = await ask(slashCommand('daily', {}, { subcommand: 'status', permissions: MANAGER_PERMISSIONS }));
    const shown = JSON.stringify(callback.body.data);
    expect(shown).toContain('Daily posts are unavailable right now');
    expect(shown).toContain('file is not a database');
    expect(callback.body.data!.flags).toBe(64);
  });

  it('survives a button discord.js cannot read, logging it with an id', async () => {
    const asked = slashCommand('define', { term: 'dual power' });
    const first = await ask(asked);
    const message = structuredClone(double.messageFor(asked.id)!);
    delete message.interaction_metadata!.authorizing_integration_owners;
    const click = buttonClick(message, buttonLabelled(first.body.data, 'Related')!.custom_id);
    const answer = await ask(click);
    const errorId = /error ([A-Z0-9]{4,})/.exec(JSON.stringify(answer.body.data))?.[1];
    expect(errorId).toBeDefined();
    await until(() => stderr().includes(errorId!), 'the error id in the log');
    expect(child.exitCode).toBeNull();
    expect((await ask(slashCommand('define', { term: 'dual power' }))).body.data!.embeds![0].title).toBe('Dual power');
  });

  it('opens the database once the bad file is moved away, and starts posting', async () => {
    await rm(dbFile);
    await until(
      () => stderr().includes('daily scheduler started'),
      () => `the scheduler; stderr:\n${stderr().slice(-2000)}`,
      20_000,
      50,
    );
    const callback = await ask(slashCommand('daily', {}, { subcommand: 'status' }));
    expect(JSON.stringify(callback.body.data)).toMatch(/no daily posts/i);
    const ready = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
    expect(ready.status).toBe(200);
    expect((await ready.json()).checks.store.detail).toMatch(/^up \(/);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
