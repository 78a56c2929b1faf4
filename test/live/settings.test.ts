// The live wiki's and the reload's settings: a wrong value is one clear line naming it, and a
// followed wiki gets a folder of its own.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('live wiki settings', () => {
  it('are read and checked', () => {
    const c = loadConfig({
      WIKI_API_URL: 'https://wiki.example.org/w/api.php',
      WIKI_SYNC_MINUTES: '5',
      WIKI_CONTACT: 'ops@example.org',
      WATCH_CONTENT: 'false',
    });
    expect(c).toMatchObject({
      WIKI_API_URL: 'https://wiki.example.org/w/api.php',
      WIKI_SYNC_MINUTES: 5,
      WIKI_CONTACT: 'ops@example.org',
      WATCH_CONTENT: false,
    });
    expect(loadConfig({})).toMatchObject({ WIKI_SYNC_MINUTES: 10, WATCH_CONTENT: true });
    expect(loadConfig({}).WIKI_API_URL).toBeUndefined();
    expect(() => loadConfig({ WIKI_API_URL: 'wiki.example.org' })).toThrow(ConfigError);
    expect(() => loadConfig({ WIKI_API_URL: 'wiki.example.org' })).toThrow(
      'WIKI_API_URL=wiki.example.org is wrong: must be the URL of api.php, like https://wiki.example.org/w/api.php',
    );
    expect(() => loadConfig({ WIKI_SYNC_MINUTES: '0' })).toThrow('WIKI_SYNC_MINUTES=0 is wrong: must be at least 1');
    expect(() => loadConfig({ WATCH_CONTENT: 'sometimes' })).toThrow('WATCH_CONTENT=sometimes is wrong: must be true or false');
  });

  it('give a followed wiki its own folder unless one is named', () => {
    expect(loadConfig({ WIKI_API_URL: 'https://wiki.example.org/w/api.php' }).CONTENT_DIR).toBe('./data/wiki');
    expect(loadConfig({ WIKI_API_URL: 'https://wiki.example.org/w/api.php', CONTENT_DIR: '/srv/wiki' }).CONTENT_DIR).toBe('/srv/wiki');
    expect(loadConfig({}).CONTENT_DIR).toBe('./content');
  });
});
