// `npm start` following a live wiki, as an operator runs it: the composition root pulls the
// wiki (the local MediaWiki double) into ./data/wiki, takes the wiki's name and link base from
// its site info, answers on Discord (the local double) from the pulled pages, and reloads a page
// written into the folder when it gets SIGHUP (the watcher is off here, so the signal is what
// reloads). Runs adapters/main.ts from source in a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIEmbed } from 'discord.js';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordDouble, IDS } from '../doubles/discord/double.js';
import { slashCommand } from '../doubles/discord/interactions.js';
import { MediaWikiDouble } from '../doubles/mediawiki/double.js';
import { FIXTURE_PAGES } from '../doubles/mediawiki/fixtures.js';
import { repoRoot } from '../helpers/library.js';
import { tempDirs } from '../helpers/temp.js';
import { until } from '../helpers/wait.js';

const temp = tempDirs();
let discord: DiscordDouble;
let wiki: MediaWikiDouble;
let child: ChildProcess;
let tmp: string;
let stderr = '';

beforeAll(async () => {
  discord = await DiscordDouble.start();
  wiki = await MediaWikiDouble.start(FIXTURE_PAGES);
  tmp = await temp.make('cp-live-start-');
  const tsx = pathToFileURL(path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  child = spawn(process.execPath, ['--import', tsx, path.join(repoRoot, 'adapters', 'main.ts')], {
    cwd: tmp,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CACHE_DIR: path.join(tmp, 'cache'),
      DATABASE_URL: path.join(tmp, 'bot.db'),
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_API_URL: discord.apiUrl,
      WIKI_API_URL: wiki.url,
      WIKI_CONTACT: 'ops@quokka.example.org',
      WATCH_CONTENT: 'false',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d) => (stderr += d));
  await until(
    () => stderr.includes('reloaded 5 pages (+5 ~0 -0)') && stderr.includes('daily scheduler started'),
    () => `the first pull and its reload; stderr:\n${stderr}`,
    30_000,
    50,
  );
}, 40_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await discord?.close();
  await wiki?.close();
  await temp.removeAll();
});

async function define(term: string): Promise<APIEmbed> {
  const payload = slashCommand('define', { term });
  discord.dispatchInteraction(payload);
  const callback = await discord.waitForCallback(payload.id, 10_000);
  return callback.body.data!.embeds![0]!;
}

describe('npm start with WIKI_API_URL', () => {
  it("pulls the wiki into ./data/wiki and answers from it, under the wiki's own name and links", async () => {
    expect(stderr).toContain('wiki sync: pulled 5 pages');
    const embed = await define('quokka federation');
    expect(embed.title).toBe('Quokka federation');
    expect(embed.url).toBe('http://quokka.example.org/wiki/Quokka_federation');
    expect(embed.footer?.text).toContain('Quokka Wiki');
    expect(stderr).not.toContain('still have their defaults');
  });

  it('reloads on SIGHUP', async () => {
    await writeFile(path.join(tmp, 'data', 'wiki', 'Zebra_commune.md'), '# Zebra commune\n\nA **zebra commune** is striped.\n');
    child.kill('SIGHUP');
    await until(
      () => stderr.includes('reloaded 1 page (+1 ~0 -0)'),
      () => `the reload; stderr:\n${stderr}`,
      10_000,
      50,
    );
    expect((await define('zebra commune')).title).toBe('Zebra commune');
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
