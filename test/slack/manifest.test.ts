// The app manifest generated from the command registry, and the CLI that prints it.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { manifestJson } from '../../adapters/slack/manifest-cli.js';
import { buildManifest, BOT_SCOPES } from '../../adapters/slack/manifest.js';
import { commands } from '../../commands/index.js';
import { repoRoot, testConfig } from '../helpers/library.js';

const run = promisify(execFile);

describe('buildManifest', () => {
  it('describes a Socket Mode app with one slash command per registered command', () => {
    const m = buildManifest(commands, testConfig(), { socketMode: true });
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(
      expect.arrayContaining(['/define', '/quote', '/related', '/search', '/help']),
    );
    for (const [i, c] of m.features.slash_commands.entries()) {
      expect(c.description).toBe(commands[i]!.description);
      expect(c.description.length).toBeLessThanOrEqual(2000);
      expect(c.should_escape).toBe(false);
      expect(c.url).toBeUndefined();
      if (c.usage_hint !== undefined) expect(c.usage_hint.length).toBeLessThanOrEqual(1000);
    }
    expect(m.features.slash_commands.find((c) => c.command === '/define')!.usage_hint).toBe('[private] <term>');
    // files:write shares concept maps (files.getUploadURLExternal / completeUploadExternal).
    expect(m.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'users:read', 'files:write']);
    expect(BOT_SCOPES).toHaveLength(4);
    expect(m.settings).toEqual({
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    });
    expect(m.features.bot_user.display_name).toBe('AnarWiki');
    expect(m.display_information.name.length).toBeLessThanOrEqual(35);
    expect(m.display_information.description.length).toBeLessThanOrEqual(140);
    expect(m.display_information.long_description!.length).toBeGreaterThanOrEqual(175);
    expect(m.display_information.long_description!.length).toBeLessThanOrEqual(4000);
  });

  it('points commands and interactivity at the request URL in HTTP mode', () => {
    const url = 'https://bot.example.org/slack/events';
    const m = buildManifest(commands, testConfig(), { socketMode: false, requestUrl: url });
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    for (const c of m.features.slash_commands) expect(c.url).toBe(url);
  });

  it('refuses HTTP mode without an https request URL', () => {
    expect(() => buildManifest(commands, testConfig(), { socketMode: false })).toThrow(/--url/);
    expect(() => buildManifest(commands, testConfig(), { socketMode: false, requestUrl: 'http://bot.example.org/slack/events' })).toThrow(
      /https/,
    );
  });

  it('offers "Look up in the wiki" as a message shortcut', () => {
    const m = buildManifest(commands, testConfig(), { socketMode: true });
    expect(m.features.shortcuts).toEqual([
      { name: 'Look up in the wiki', type: 'message', callback_id: 'look_up', description: expect.any(String) },
    ]);
    expect(m.features.shortcuts[0]!.description.length).toBeLessThanOrEqual(150);
    expect(m.display_information.long_description).toContain('Look up in the wiki');
  });

  it('with INLINE_LINKS subscribes to message events with their scopes, and without asks for neither', () => {
    const url = 'https://bot.example.org/slack/events';
    const http = buildManifest(commands, testConfig({ INLINE_LINKS: 'true' }), { socketMode: false, requestUrl: url });
    expect(http.settings.event_subscriptions).toEqual({ request_url: url, bot_events: ['message.channels', 'message.groups'] });
    expect(http.oauth_config.scopes.bot).toEqual([...BOT_SCOPES, 'channels:history', 'groups:history']);
    const socket = buildManifest(commands, testConfig({ INLINE_LINKS: 'true' }), { socketMode: true });
    expect(socket.settings.event_subscriptions).toEqual({ bot_events: ['message.channels', 'message.groups'] });
    const off = buildManifest(commands, testConfig({ INLINE_LINKS: 'false' }), { socketMode: false, requestUrl: url });
    expect(off.settings.event_subscriptions).toBeUndefined();
    expect(off.oauth_config.scopes.bot).not.toContain('channels:history');
  });

  it('follows SLACK_COMMAND_PREFIX', () => {
    const m = buildManifest(commands, testConfig({ SLACK_COMMAND_PREFIX: 'cp-' }), { socketMode: true });
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(commands.map((c) => `/cp-${c.name}`));
    expect(m.display_information.long_description).toContain('/cp-define');
  });
});

describe('slack:manifest CLI', () => {
  it('prints the manifest as JSON, HTTP mode with --url', () => {
    const out = manifestJson(['--url', 'https://bot.example.org/slack/events'], { WIKI_NAME: 'LibSoc Wiki', SLACK_COMMAND_PREFIX: 'ls-' });
    const m = JSON.parse(out);
    expect(m.display_information.name).toBe('LibSoc Wiki');
    expect(m.features.slash_commands[0].command).toBe('/ls-define');
    expect(m.features.slash_commands[0].url).toBe('https://bot.example.org/slack/events');
    expect(m.settings.socket_mode_enabled).toBe(false);
  });

  it('runs as a script and writes only JSON to stdout', async () => {
    const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
    const { stdout } = await run(tsx, ['adapters/slack/manifest-cli.ts'], {
      cwd: repoRoot,
      env: { ...process.env, SLACK_COMMAND_PREFIX: 'cp-', WIKI_NAME: 'AnarWiki' },
    });
    const m = JSON.parse(stdout);
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(commands.map((c) => `/cp-${c.name}`));
  }, 20_000);

  it('fails with one line for a bad flag combination', () => {
    expect(() => manifestJson(['--url', 'https://x.example/slack/events', '--socket'], {})).toThrow(/either/);
  });
});
