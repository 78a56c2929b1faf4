// Start-up failures: a wrong or missing token stops startDiscord with a clear error that does
// not contain the token, and leaves nothing running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandDeps } from '../../commands/types.js';
import { apiBase, startDiscord } from '../../adapters/discord/index.js';
import { loadConfig } from '../../src/config.js';
import { captureLog } from '../helpers/log.js';
import { DiscordDouble } from '../doubles/discord/double.js';
import { freePort } from '../slack/support.js';

describe('startDiscord', () => {
  let double: DiscordDouble;
  const { log, text: logText } = captureLog('debug');
  beforeAll(async () => {
    double = await DiscordDouble.start();
  });
  afterAll(async () => {
    await double.close();
  });

  it('rejects a wrong token without echoing it, and opens no gateway connection', async () => {
    const wrong = 'wrong-token.abcdefghijklmnopqrstuvwxyz.0123456789';
    const config = loadConfig({ DISCORD_TOKEN: wrong, DISCORD_API_URL: double.apiUrl });
    const deps = { config, library: {} } as unknown as CommandDeps;
    const err = await startDiscord({ config, deps, log }).then(
      () => new Error('startDiscord started instead of failing'),
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/invalid token/i);
    expect(err.message).not.toContain(wrong);
    expect(logText()).not.toContain(wrong);
    expect(double.requests.map((r) => [r.route, r.status])).toEqual([['/gateway/bot', 401]]);
    expect(double.connections).toHaveLength(0);
  });

  it('says what it tried and what to check when Discord cannot be reached', async () => {
    const port = await freePort(); // nothing listens there
    const config = loadConfig({ DISCORD_TOKEN: 'some-token.abc.def', DISCORD_API_URL: `http://127.0.0.1:${port}/api` });
    const deps = { config, library: {} } as unknown as CommandDeps;
    const err = await startDiscord({ config, deps, log, clientOptions: { rest: { retries: 0, timeout: 2_000 } } }).then(
      () => new Error('startDiscord started instead of failing'),
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toContain(`Could not reach Discord: GET http://127.0.0.1:${port}/api/v10/gateway/bot failed (ECONNREFUSED)`);
    expect(err.message).toMatch(/DNS, firewall, proxy/);
    expect(err.message).toContain('DISCORD_API_URL');
    expect(err.message).not.toContain('some-token');
  });

  it('needs DISCORD_TOKEN', async () => {
    const config = loadConfig({});
    await expect(startDiscord({ config, deps: { config } as unknown as CommandDeps, log })).rejects.toThrow('DISCORD_TOKEN is not set');
  });

  it('takes DISCORD_API_URL with or without a trailing slash or version', () => {
    expect(apiBase('https://discord.com/api')).toBe('https://discord.com/api');
    expect(apiBase('https://discord.com/api/')).toBe('https://discord.com/api');
    expect(apiBase('https://discord.com/api/v10/')).toBe('https://discord.com/api');
  });
});
