// Words users type are looked up in tables; a word that names a member of Object.prototype
// ("__proto__", "constructor") must be as unknown as any other. On plain objects they found
// Object.prototype's members: `/daily subscribe days:__proto__` answered "something went
// wrong", and `days:mon-constructor` never answered at all (the day range looped forever).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, runText } from '../../commands/index.js';
import type { CommandContext, CommandDeps } from '../../commands/types.js';
import { loadConfig } from '../../src/config.js';
import { parseDays } from '../../src/daily/schedule.js';
import { createDailyService } from '../../src/daily/service.js';
import { createTestDatabase, silentLog, type TestDatabase } from '../store/factory.js';
import { fixtureLibrary, manyArticles } from './fixture.js';
import { CHAT_PLATFORMS } from '../../adapters/platforms.js';

const WORDS = [
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'mon-constructor',
  'constructor-fri',
  '__proto__-mon',
  'mon,__proto__',
];

describe('parseDays', () => {
  it.each(WORDS)('refuses %j as days, with the usual explanation', (word) => {
    const parsed = parseDays(word);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/is not (a day of the week|a range of days)/);
  });
});

describe('/daily subscribe with such words', () => {
  let db: TestDatabase;
  let deps: CommandDeps;
  const admin: CommandContext = { platform: 'discord', channelId: 'c1', workspaceId: 'g1', userId: 'u1', canManageChannel: true };

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const store = await db.open();
    const library = fixtureLibrary(manyArticles(3));
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    deps = {
      library,
      config,
      log: silentLog,
      daily: createDailyService({
        store,
        library: () => library,
        platforms: ['discord'],
        profiles: CHAT_PLATFORMS,
        config,
        log: silentLog,
      }),
    };
  });
  afterAll(async () => {
    await db?.drop();
  });

  it.each(WORDS)('days:%j says which days it does not know, privately', async (days) => {
    const reply = await runCommand(deps, 'daily', { subcommand: 'subscribe', days }, admin);
    expect(reply).toMatchObject({ kind: 'error', private: true, title: 'That schedule does not work' });
  });

  it.each(['__proto__', 'constructor'])('as typed text: /daily subscribe 08:30 %s', async (word) => {
    const reply = await runText(deps, `/daily subscribe 08:30 ${word}`, admin);
    expect(reply).toMatchObject({ kind: 'error', title: 'That schedule does not work' });
  });

  it.each(['__proto__', 'constructor'])('as a subcommand: /daily %s', async (word) => {
    const reply = await runText(deps, `/daily ${word}`, admin);
    expect(reply).toMatchObject({ kind: 'error', title: 'Unknown /daily command' });
    expect(reply.text).toContain(`/daily ${word}`);
  });
});
