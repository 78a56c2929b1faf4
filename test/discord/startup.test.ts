// Start-up failures: a wrong or missing token stops startDiscord with a clear error that does
// not contain the token, and leaves nothing running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandDeps } from '../../commands/types.js';
import { apiBase, startDiscord } from '../../adapters/discord/index.js';
import { loadConfig } from '../../src/config.js';
import { captureLog } from '../helpers/log.js';
import { DiscordDouble } from '../doubles/discord/double.js';

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
    const err = await startDiscord({ config, deps, log }).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/invalid token/i);
    expect(err.message).not.toContain(wrong);
    expect(logText()).not.toContain(wrong);
    expect(double.requests.map((r) => [r.route, r.status])).toEqual([['/gateway/bot', 401]]);
    expect(double.connections).toHaveLength(0);
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
