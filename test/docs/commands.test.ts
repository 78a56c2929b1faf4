// The commands the READMEs tell people to type, run as typed (through npm and npx, from the
// repository's root, on the built dist/), so a copy-paste from the docs works. Each command is
// first found verbatim in the README that documents it; outputs go to a temporary folder and
// CACHE_DIR= (empty, which turns the caches off) keeps the repository clean.
import { exec as execCb } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { repoRoot } from '../helpers/library.js';
import { tempDirs } from '../helpers/temp.js';

const exec = promisify(execCb);
const built = existsSync(path.join(repoRoot, 'dist', 'adapters', 'main.js'));
if (!built) console.warn('test/docs/commands.test.ts: skipped, dist/ is missing (npm ci or npm run build makes it)');

const temp = tempDirs();
let tmp: string;
let readme: string;
let contentReadme: string;

beforeAll(async () => {
  tmp = await temp.make('cp-docs-');
  readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
  contentReadme = await readFile(path.join(repoRoot, 'content', 'README.md'), 'utf8');
});
afterAll(() => temp.removeAll());

/** Runs a documented command line in the repository's root, with a clean environment. */
async function run(line: string, env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  return exec(line, {
    cwd: repoRoot,
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CACHE_DIR: '',
      LOG_LEVEL: 'warn',
      WIKI_NAME: 'AnarWiki',
      SLACK_COMMAND_PREFIX: '',
      ...env,
    },
  });
}

describe.skipIf(!built)('the README commands, as typed', () => {
  it('npm run slack:manifest -- --out FILE writes a manifest Slack accepts (JSON only), for both modes', async () => {
    for (const documented of [
      'npm run slack:manifest -- --out slack-manifest.json',
      'npm run slack:manifest -- --url https://bot.example.org/slack/events --out slack-manifest.json',
    ]) {
      expect(readme).toContain(documented);
      const file = path.join(tmp, `${documented.includes('--url') ? 'http' : 'socket'}.json`);
      await run(documented.replace('slack-manifest.json', file));
      const manifest = JSON.parse(await readFile(file, 'utf8'));
      expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
      expect(manifest.settings.socket_mode_enabled).toBe(!documented.includes('--url'));
    }
  }, 120_000);

  it('npm run --silent slack:manifest > file: the redirect the README allows is JSON only', async () => {
    expect(readme).toContain('npm run --silent slack:manifest > file');
    const { stdout } = await run('npm run --silent slack:manifest');
    expect(() => JSON.parse(stdout)).not.toThrow();
  }, 60_000);

  it('npx commonplace ask answers as text, as JSON, and a line at a time', async () => {
    const lines = [
      'npx commonplace ask "/define dual power"',
      'npx commonplace ask --json "/quote Kropotkin"',
      "printf '/define dual power\\n/quote Kropotkin\\n' | npx commonplace ask",
    ];
    for (const l of lines) expect(readme).toContain(l);
    expect((await run(lines[0]!)).stdout).toMatch(/^Dual power\n/);
    expect(JSON.parse((await run(lines[1]!)).stdout)).toMatchObject({ kind: 'quote' });
    expect((await run(lines[2]!)).stdout.trim().split('\n')).toHaveLength(2);
  }, 120_000);

  it('content/README: npx commonplace ask --content DIR reads another folder', async () => {
    const documented = 'npx commonplace ask --content /path/to/export "/define dual power"';
    expect(contentReadme).toContain(documented);
    const { stdout } = await run(documented.replace('/path/to/export', path.join(repoRoot, 'content')));
    expect(stdout).toMatch(/^Dual power\n/);
  }, 60_000);

  it('npm run eval -- --content DIR prints the share answered right, by kind and overall', async () => {
    expect(readme).toContain('npm run eval -- --content DIR');
    const { stdout } = await run('npm run eval -- --content content --per-kind 5');
    expect(stdout).toMatch(/^commonplace eval: content \(1 pages\)$/m);
    expect(stdout).toMatch(/^exact title\s+1\s+100\.0%$/m);
    expect(stdout).toMatch(/^overall\s+\d+\s+\d+\.\d%$/m);
  }, 120_000);

  it('every script prints its usage with --help and exits 0', async () => {
    for (const [line, usage] of [
      ['npm start -- --help', /^Usage: npm start/m],
      ['npm run discord:register -- --help', /^Usage: npm run discord:register/m],
      ['npm run discord:shards -- --help', /^Usage: npm run discord:shards/m],
      ['npm run slack:manifest -- --help', /^Usage: npm run slack:manifest/m],
      ['npx commonplace ask --help', /^Usage:\n {2}commonplace ask/m],
      ['npx commonplace import --help', /^Usage: commonplace import/m],
      ['npm run bench -- --help', /^Usage: npm run bench/m],
      ['npm run bench:map -- --help', /^Usage: npm run bench:map/m],
      ['npm run clean-replies -- --help', /^Usage: npm run clean-replies/m],
      ['npm run eval -- --help', /^Usage: npm run eval/m],
    ] as const) {
      const { stdout } = await run(line);
      expect(stdout, line).toMatch(usage);
    }
  }, 180_000);
});
