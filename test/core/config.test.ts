// Settings: every wrong or missing one reported at once, each with what to do; secrets never
// echoed; CACHE_DIR empty means no cache.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reports every invalid setting at once, one a line, with the fix', () => {
    const text = problems({ DISCORD_APPLICATION_ID: '123', PORT: 'eighty', DAILY_DEFAULT_TZ: 'Mars/Base', LOG_LEVEL: 'loud' });
    expect(text.split('\n')).toEqual([
      '4 settings need fixing:',
      '  LOG_LEVEL=loud is wrong: must be one of fatal, error, warn, info, debug, trace, silent',
      expect.stringMatching(/^ {2}DISCORD_APPLICATION_ID=123 is wrong: must be the application id: 17 to 20 digits \(Developer Portal/),
      '  PORT=eighty is wrong: must be a whole number from 1 to 65535',
      '  DAILY_DEFAULT_TZ=Mars/Base is wrong: must be an IANA time zone such as Europe/Paris',
    ]);
  });

  it('names settings that are missing because another one is set', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })).toMatch(/^SLACK_APP_TOKEN is missing: .*SLACK_SIGNING_SECRET \(HTTP mode\)/);
    expect(problems({ SLACK_SIGNING_SECRET: 'abc' })).toMatch(/^SLACK_BOT_TOKEN is missing: /);
    expect(problems({ SHARD_COUNT: '2' })).toMatch(/^DISCORD_TOKEN is missing: /);
  });

  it('never echoes a secret, even a wrong one', () => {
    const text = problems({
      SLACK_BOT_TOKEN: 'not-a-token-s3cr3t',
      SLACK_APP_TOKEN: 'xapp-s3cr3t',
      DATABASE_URL: 'mysql://u:pw-s3cr3t@h/db',
    });
    expect(text).toContain('SLACK_BOT_TOKEN is wrong: must be the Bot User OAuth Token');
    expect(text).toContain('DATABASE_URL is wrong: must be postgres://');
    expect(text).not.toContain('s3cr3t');
  });

  it('takes Discord ids of 17 to 20 digits', () => {
    expect(loadConfig({ DISCORD_APPLICATION_ID: '12345678901234567' }).DISCORD_APPLICATION_ID).toBe('12345678901234567');
    expect(loadConfig({ DISCORD_GUILD_ID: '12345678901234567890' }).DISCORD_GUILD_ID).toBe('12345678901234567890');
    expect(problems({ DISCORD_GUILD_ID: '123456789012345678901' })).toContain('17 to 20 digits');
  });

  it('CACHE_DIR: unset is ./data/cache, empty is no cache', () => {
    expect(loadConfig({}).CACHE_DIR).toBe('./data/cache');
    expect(loadConfig({ CACHE_DIR: '' }).CACHE_DIR).toBeNull();
    expect(loadConfig({ CACHE_DIR: '  ' }).CACHE_DIR).toBeNull();
    expect(loadConfig({ CACHE_DIR: '/var/cache/cp' }).CACHE_DIR).toBe('/var/cache/cp');
  });

  it('HEALTH_PORT is off unless set, and LOG_FORMAT is auto unless set', () => {
    expect(loadConfig({}).HEALTH_PORT).toBeUndefined();
    expect(loadConfig({}).LOG_FORMAT).toBe('auto');
    expect(loadConfig({ HEALTH_PORT: '9090', LOG_FORMAT: 'json' })).toMatchObject({ HEALTH_PORT: 9090, LOG_FORMAT: 'json' });
    expect(problems({ HEALTH_PORT: '0' })).toContain('HEALTH_PORT=0 is wrong: must be a port number from 1 to 65535, or empty (off)');
  });
});
