// The /daily command: its declared options, its text forms, and what it says without a store.
import { describe, expect, it } from 'vitest';
import { daily, parseDailyText } from '../../commands/daily.js';
import { runCommand } from '../../commands/index.js';
import type { CommandDeps } from '../../commands/types.js';
import { loadConfig } from '../../src/config.js';
import type { DailyService } from '../../src/daily/service.js';

describe('/daily declaration', () => {
  it('has four subcommands and requires managing the channel (each adapter maps it)', () => {
    expect(daily.name).toBe('daily');
    expect(daily.requires).toBe('manage-channel');
    expect(daily.options.map((o) => [o.name, o.type])).toEqual([
      ['subscribe', 'subcommand'],
      ['unsubscribe', 'subcommand'],
      ['status', 'subcommand'],
      ['preview', 'subcommand'],
    ]);
    expect(daily.options[0]!.options!.map((o) => o.name)).toEqual(['time', 'timezone', 'days']);
    for (const o of daily.options) {
      expect(o.description.length).toBeLessThanOrEqual(100); // Discord's limit
      for (const sub of o.options ?? []) expect(sub.description.length).toBeLessThanOrEqual(100);
    }
  });
});

describe('parseText', () => {
  it.each([
    ['subscribe 08:30 Europe/Paris weekdays', { subcommand: 'subscribe', time: '08:30', timezone: 'Europe/Paris', days: 'weekdays' }],
    ['subscribe', { subcommand: 'subscribe' }],
    ['Subscribe weekdays 7:15', { subcommand: 'subscribe', time: '7:15', days: 'weekdays' }],
    ['subscribe UTC mon,wed,fri', { subcommand: 'subscribe', timezone: 'UTC', days: 'mon,wed,fri' }],
    ['subscribe at 9am on mon wed fri', { subcommand: 'subscribe', time: '9am', days: 'on mon wed fri' }],
    [
      'subscribe every day 18:00 America/New_York',
      { subcommand: 'subscribe', time: '18:00', timezone: 'America/New_York', days: 'every day' },
    ],
    [
      'subscribe time=08:30 tz=Asia/Tokyo days=weekends',
      { subcommand: 'subscribe', time: '08:30', timezone: 'Asia/Tokyo', days: 'weekends' },
    ],
    ['subscribe 25:00', { subcommand: 'subscribe', time: '25:00' }],
    ['subscribe Mars/Base', { subcommand: 'subscribe', timezone: 'Mars/Base' }],
    ['subscribe funday', { subcommand: 'subscribe', days: 'funday' }],
    ['status', { subcommand: 'status' }],
    ['', { subcommand: 'status' }],
    ['unsubscribe', { subcommand: 'unsubscribe' }],
    ['stop', { subcommand: 'unsubscribe' }],
    ['preview', { subcommand: 'preview' }],
    ['frobnicate', { subcommand: 'frobnicate' }],
    // Words that name Object.prototype's members are words like any other.
    ['constructor', { subcommand: 'constructor' }],
    ['__proto__', { subcommand: '__proto__' }],
    ['toString', { subcommand: 'tostring' }],
  ])('%j', (text, input) => {
    expect(parseDailyText(text)).toEqual(input);
    expect(daily.parseText(text)).toEqual(input);
  });
});

describe('run', () => {
  const config = loadConfig({ LOG_LEVEL: 'silent' });

  it('explains that daily posts need the bot running with its database when there is no service', async () => {
    const deps = { library: {} as CommandDeps['library'], config } satisfies CommandDeps;
    const reply = await runCommand(deps, 'daily', { subcommand: 'subscribe' }, { platform: 'shell' });
    expect(reply).toMatchObject({ kind: 'notice', private: true });
    expect(reply.text).toMatch(/database/);
  });

  it('delegates to the service, normalizing the subcommand', async () => {
    const seen: unknown[] = [];
    const service: DailyService = {
      async handle(input, ctx) {
        seen.push([input, ctx.channelId]);
        return { kind: 'notice', text: 'ok' };
      },
    };
    const deps = { library: {} as CommandDeps['library'], config, daily: service } satisfies CommandDeps;
    await runCommand(deps, 'daily', { subcommand: ' Subscribe ', time: '08:30' }, { platform: 'discord', channelId: 'c1' });
    await runCommand(deps, 'daily', {}, { platform: 'discord', channelId: 'c1' });
    await runCommand(deps, 'daily', daily.parseText('stop'), { platform: 'slack', channelId: 'C1' });
    expect(seen).toEqual([
      [{ subcommand: 'subscribe', time: '08:30' }, 'c1'],
      [{ subcommand: 'status' }, 'c1'],
      [{ subcommand: 'unsubscribe' }, 'C1'],
    ]);
  });

  it('refuses an option too long for it, with the same friendly reply as every command', async () => {
    const service: DailyService = { handle: async () => ({ kind: 'notice', text: 'ran' }) };
    const deps = { library: {} as CommandDeps['library'], config, daily: service } satisfies CommandDeps;
    const reply = await runCommand(
      deps,
      'daily',
      { subcommand: 'subscribe', time: '08:30'.repeat(5) },
      { platform: 'discord', channelId: 'c1' },
    );
    expect(reply).toMatchObject({ kind: 'notice', private: true, title: 'That is too long' });
    expect(reply.text).toContain('at most 10');
  });
});
