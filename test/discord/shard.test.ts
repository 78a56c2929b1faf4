// Sharding options: which shards the ShardingManager spawns, and which a single client runs.
import { describe, expect, it } from 'vitest';
import { clientShardOptions } from '../../adapters/discord/index.js';
import { botFile, shardPlan } from '../../adapters/discord/shard.js';
import { loadConfig } from '../../src/config.js';

const config = (env: Record<string, string>) => loadConfig({ DISCORD_TOKEN: 'tok', ...env });

describe('shardPlan (ShardingManager options)', () => {
  it('spawns all shards of SHARD_COUNT, or the recommended number for auto', () => {
    expect(shardPlan(config({ SHARD_COUNT: '4' })).options).toMatchObject({
      totalShards: 4,
      shardList: 'auto',
      mode: 'process',
      respawn: true,
      token: 'tok',
    });
    expect(shardPlan(config({ SHARD_COUNT: 'auto' })).options).toMatchObject({ totalShards: 'auto', shardList: 'auto' });
  });

  it('runs only SHARD_IDS out of SHARD_COUNT on this machine', () => {
    expect(shardPlan(config({ SHARD_COUNT: '4', SHARD_IDS: '3,2,2' })).options).toMatchObject({ totalShards: 4, shardList: [2, 3] });
  });

  it('refuses SHARD_IDS out of range or without a numeric SHARD_COUNT', () => {
    expect(() => config({ SHARD_COUNT: '2', SHARD_IDS: '2' })).toThrow(/SHARD_IDS=2 is wrong: must name shards from 0 to 1/);
    expect(() => config({ SHARD_COUNT: 'auto', SHARD_IDS: '0' })).toThrow(/SHARD_IDS=0 needs SHARD_COUNT as a number/);
    expect(() => shardPlan(config({}))).toThrow(/SHARD_COUNT is missing/);
  });

  it('spawns the bot file next to shard (bot.ts through tsx here, bot.js when built)', () => {
    const bot = botFile();
    expect(bot.file).toMatch(/adapters\/discord\/bot\.ts$/);
    expect(bot.execArgv).toEqual(['--import', expect.stringMatching(/^file:.*\/node_modules\/tsx\/dist\/loader\.mjs$/)]);
    expect(shardPlan(config({ SHARD_COUNT: '1' }), { file: '/srv/dist/adapters/discord/bot.js', execArgv: [] }).file).toBe(
      '/srv/dist/adapters/discord/bot.js',
    );
  });
});

describe('clientShardOptions (one client)', () => {
  it('runs one shard with no SHARD_COUNT', () => {
    expect(clientShardOptions(config({}), {})).toEqual({ shards: [0], shardCount: 1 });
  });

  it('runs SHARD_IDS (or all shards) of SHARD_COUNT in this process', () => {
    expect(clientShardOptions(config({ SHARD_COUNT: '4', SHARD_IDS: '1,3' }), {})).toEqual({ shards: [1, 3], shardCount: 4 });
    expect(clientShardOptions(config({ SHARD_COUNT: '3' }), {})).toEqual({ shards: [0, 1, 2], shardCount: 3 });
    expect(clientShardOptions(config({ SHARD_COUNT: 'auto' }), {})).toEqual({ shards: 'auto' });
  });

  it('leaves the shard to discord.js inside a ShardingManager child', () => {
    expect(clientShardOptions(config({ SHARD_COUNT: '4' }), { SHARDING_MANAGER: 'true', SHARDS: '2', SHARD_COUNT: '4' })).toEqual({});
  });
});
