// The terminal, as a user runs it: `commonplace ask`, stdin streams, and `npm start` with
// no tokens. Runs the CLI from source through tsx in a child process.
import { execFile } from 'node:child_process';
import { mkdir, writeFile, copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { contentDir } from '../helpers/library.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp.js';

const exec = promisify(execFile);
const temp = tempDirs();
afterAll(() => temp.removeAll());
// No tokens, no .env surprises: a clean environment with a private cache folder.
async function env(): Promise<NodeJS.ProcessEnv> {
  const cache = await temp.make('cp-cli-');
  return { PATH: process.env.PATH, HOME: process.env.HOME, CACHE_DIR: path.join(cache, 'cache'), CONTENT_DIR: contentDir };
}

describe('commonplace ask', () => {
  it('answers one command as JSON with the Reply fields', async () => {
    const { stdout, code } = await runCli(['ask', '--json', '/define dual power'], { env: await env() });
    expect(code).toBe(0);
    const reply = JSON.parse(stdout);
    expect(reply).toMatchObject({ kind: 'definition', title: 'Dual power', url: 'https://anarwiki.org/wiki/Dual_power' });
    expect(reply.text).toMatch(/^Dual power refers to a situation/);
    expect(reply.citations[0].url).toBe('https://www.panarchy.org/proudhon/economy.html');
  });

  it('answers one command as readable text', async () => {
    const { stdout } = await runCli(['ask', '/quote Kropotkin'], { env: await env() });
    expect(stdout).toContain('Peter Kropotkin');
    expect(stdout).toContain('Modern Science and Anarchy');
    expect(stdout).toContain('“Work for us, poor creature');
  });

  it('saves the concept map of /related with --png, and says so when an answer has no picture', async () => {
    const dir = await temp.make('cp-png-');
    const file = path.join(dir, 'map.png');
    const { stdout, stderr, code } = await runCli(['ask', '--png', file, '/related dual power'], { env: await env() });
    expect(code).toBe(0);
    expect(stdout).toContain('Related to Dual power');
    expect(stdout).toMatch(
      /Concept map \(\d+×\d+ PNG; save it with: commonplace ask --png FILE "…"\): Concept map of Dual power and \d+ related concepts: \S/,
    );
    expect(stderr).toMatch(/Saved the concept map \(\d+×\d+, [\d,]+ bytes\) to /);
    const png = await readFile(file);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeLessThan(1024 * 1024);
    const json = await runCli(['ask', '--json', '--png', path.join(dir, 'again.png'), '/related dual power'], { env: await env() });
    expect(JSON.parse(json.stdout).image).toMatchObject({ fileName: 'concept-map.png', png: { bytes: png.length } });

    const none = await runCli(['ask', '--png', path.join(dir, 'none.png'), '/define dual power'], { env: await env() });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('this answer has no picture: --png works with /related <term>');
  }, 60_000);

  it('answers each line of stdin on one line, in order', async () => {
    const input = '/define dual power\n\n/quote Lenin\n/related counterpower\n/nonsense\n';
    const { stdout, code } = await runCli(['ask', '--json'], { env: await env(), input });
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((r) => r.kind)).toEqual(['definition', 'quote', 'related', 'error']);
    expect(lines[1].quote.speaker).toBe('Vladimir Lenin');
    expect(lines[2].items[0].title).toBe('Dual power');
  });

  it('answers a line with [[links]] as a chat message with them would be, and hostile ones safely', async () => {
    const input = 'what about [[dual power]] and [[Zzqx unheard of]]?\n[[\u0007\u001bcdual power]] `[[Counterpower]]`\nno links here\n';
    const { stdout, code } = await runCli(['ask', '--json'], { env: await env(), input });
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((r) => r.kind)).toEqual(['links', 'links', 'error']);
    expect(lines[0].items.map((i: { title: string }) => i.title)).toEqual(['Dual power', 'Zzqx unheard of']);
    expect(lines[0].items[0].url).toBe('https://anarwiki.org/wiki/Dual_power');
    // Control characters are dropped from a link; a link in code is not read.
    expect(lines[1].items).toHaveLength(1);
    expect(JSON.stringify(lines[1])).not.toMatch(/\\u001b|\\u0007/);
    const text = await runCli(['ask', 'see [[Dual power#Anarchist Criticisms]]'], { env: await env() });
    expect(text.stdout).toContain(
      'Dual power › Anarchist Criticisms of Leninist Dual Power <https://anarwiki.org/wiki/Dual_power#Anarchist_Criticisms_of_Leninist_Dual_Power>',
    );
    const hostile = await runCli(['ask', 'a [[\u001bc@everyone\u0007]] b'], { env: await env() });
    expect(hostile.stdout).toContain('@everyone');
    expect(hostile.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it('reads another content folder with --content, and reports a broken file with its path', async () => {
    const dir = await temp.make('cp-content-');
    await copyFile(path.join(contentDir, 'Dual_power.md'), path.join(dir, 'Dual_power.md'));
    await mkdir(path.join(dir, 'Broken.md')); // a directory with a page's name cannot be read
    await writeFile(path.join(dir, 'Mutual_aid.md'), '**Mutual aid** is voluntary reciprocal exchange of resources.\n');
    const { stdout, stderr, code } = await runCli(['ask', '--content', dir, '/define mutual aid'], { env: await env() });
    expect(code).toBe(0);
    expect(stdout).toContain('Mutual aid is voluntary reciprocal exchange of resources.');
    expect(stderr).toContain('Broken.md');
  });

  it('logs JSON lines where stderr is not a terminal, readable lines with LOG_FORMAT=pretty', async () => {
    const json = await runCli(['ask', '/help'], { env: { ...(await env()), LOG_LEVEL: 'info' } });
    const loaded = json.stderr.split('\n').find((l) => l.includes('content loaded'))!;
    expect(JSON.parse(loaded)).toMatchObject({ level: 30, msg: 'content loaded' });
    const pretty = await runCli(['ask', '/help'], { env: { ...(await env()), LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' } });
    expect(pretty.stderr).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: content loaded \{/m);
    expect(pretty.stderr).not.toContain('"level"');
  });

  it('stops with one clear line naming a wrong setting', async () => {
    const { stderr, code } = await runCli(['ask', '/help'], { env: { ...(await env()), SUMMARY_MAX_CHARS: 'lots' } });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('SUMMARY_MAX_CHARS');
  });
});

describe('site settings and the banner on another wiki', () => {
  it("warns when another wiki keeps the sample's WIKI_BASE_URL and WIKI_NAME, and not when they are set", async () => {
    const dir = await temp.make('cp-other-wiki-');
    await writeFile(path.join(dir, 'Mutual_aid.md'), '**Mutual aid** is voluntary reciprocal exchange.\n');
    const other = await runCli(['ask', '--content', dir, '/help'], { env: await env() });
    expect(other.stderr).toContain('WIKI_BASE_URL and WIKI_NAME still have their defaults');
    expect(other.stderr).toContain(dir);
    const named = await runCli(['ask', '--content', dir, '/help'], {
      env: { ...(await env()), WIKI_BASE_URL: 'https://mutual.example.org/wiki/' },
    });
    expect(named.stderr).toContain('WIKI_NAME still has its default');
    expect(named.stderr).not.toContain('WIKI_BASE_URL');
    const sample = await runCli(['ask', '/help'], { env: await env() });
    expect(sample.stderr).not.toContain('default');
    // /help says how fresh the content is.
    expect(sample.stdout).toContain('Content: 1 page, loaded just now.');
  });

  it('offers example commands from the loaded wiki, not the sample page', async () => {
    const dir = await temp.make('cp-other-banner-');
    await writeFile(
      path.join(dir, 'Mutual_aid.md'),
      '**Mutual aid** is voluntary reciprocal exchange.\n\n> Mutual aid is a factor of evolution.\n>\n> — Ada Lovelock\n\n> Aid is mutual or it is not.\n>\n> — Ada Lovelock\n',
    );
    const { stderr } = await runCli(['start', '--content', dir], { env: await env(), input: '' });
    expect(stderr).toContain(
      'Try /define Mutual aid, /quote Ada Lovelock, /related Mutual aid, /search Mutual, /help, or a line with [[Mutual aid]].',
    );
    expect(stderr).not.toMatch(/dual power|Kropotkin/i);
  });
});

describe('npm start without tokens', () => {
  it('says what it loaded and how to connect, then answers in the terminal', async () => {
    const { stdout, stderr, code } = await runCli(['start'], { env: await env(), input: '/define dual power\n' });
    expect(code).toBe(0);
    expect(stderr).toMatch(/Loaded 1 pages?, .* quotes, .* concepts/);
    expect(stderr).toContain('DISCORD_TOKEN');
    expect(stdout).toContain('Dual power refers to a situation');
  });
});

it('never prints a token, even when one is set and the start fails', async () => {
  const secret = 'xoxb-not-a-real-secret-123456';
  const { stdout, stderr } = await runCli(['ask', '/help'], { env: { ...(await env()), SLACK_BOT_TOKEN: secret, PORT: 'x' } });
  expect(stdout + stderr).not.toContain(secret);
  void exec;
});
