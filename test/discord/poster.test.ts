// Daily posts to a Discord channel, against the API double.
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordPoster, shortNonce } from '../../adapters/discord/poster.js';
import { ChannelGoneError, type DailyPoster } from '../../src/daily/types.js';
import type { Reply } from '../../src/reply.js';
import { DiscordDouble, IDS } from '../doubles/discord/double.js';
import { assertWithinDiscordLimits } from './limits.js';

const daily: Reply = {
  kind: 'daily',
  title: 'Dual power',
  url: 'https://anarwiki.org/wiki/Dual_power',
  text: 'Dual power is a strategy @everyone should know <@&123456789012345678>.',
  quote: {
    text: 'The quote.',
    speaker: 'Peter Kropotkin',
    work: 'Modern Science and Anarchy',
    page: 'Dual power',
    pageUrl: 'https://anarwiki.org/wiki/Dual_power',
  },
  items: [{ title: 'Prefiguration', url: 'https://anarwiki.org/wiki/Prefiguration', why: 'listed together under Related Concepts' }],
  actions: [{ type: 'related', term: 'Dual power' }],
};

describe('the Discord daily poster', () => {
  let double: DiscordDouble;
  let poster: DailyPoster;
  beforeAll(async () => {
    double = await DiscordDouble.start();
    poster = createDiscordPoster(new REST({ api: double.apiUrl, retries: 1 }).setToken(double.token), { wikiName: () => 'AnarWiki' });
  });
  afterAll(async () => {
    await double.close();
  });

  const posts = (channel: string) => double.requests.filter((r) => r.method === 'POST' && r.route === `/channels/${channel}/messages`);

  it('posts the rendered reply with a short nonce, enforce_nonce and no mentions', async () => {
    await poster.send(IDS.channel, daily, { nonce: `discord:${IDS.channel}:2025-03-01` });
    const [post] = posts(IDS.channel);
    expect(post!.body.nonce).toBe(shortNonce(`discord:${IDS.channel}:2025-03-01`));
    expect(String(post!.body.nonce).length).toBeLessThanOrEqual(25);
    expect(post!.body.enforce_nonce).toBe(true);
    expect(post!.body.flags).toBeUndefined();
    assertWithinDiscordLimits(post!.body);
    const embed = post!.body.embeds![0]!;
    expect(embed.title).toBe('Dual power');
    expect(embed.url).toBe('https://anarwiki.org/wiki/Dual_power');
    expect(embed.description).toContain('Peter Kropotkin');
    expect(embed.description).toContain('[Prefiguration](https://anarwiki.org/wiki/Prefiguration)');
    expect(embed.footer!.text).toBe('AnarWiki');
  });

  it('sends the same nonce for the same key, so a retried post cannot duplicate', async () => {
    const key = `discord:${IDS.channel}:2025-03-02`;
    await poster.send(IDS.channel, daily, { nonce: key });
    await poster.send(IDS.channel, daily, { nonce: key });
    const [a, b] = posts(IDS.channel).slice(-2);
    expect(a!.body.nonce).toBe(b!.body.nonce);
    expect(shortNonce(key)).not.toBe(shortNonce(`discord:${IDS.channel}:2025-03-03`));
  });

  it.each([
    [10003, 404, 'Unknown Channel'],
    [50001, 403, 'Missing Access'],
    [50013, 403, 'Missing Permissions'],
  ])('turns Discord error %i into ChannelGoneError', async (code, status, message) => {
    const channel = `99900000000000${code}`;
    double.failChannel(channel, { status, code, message });
    const err = await poster.send(channel, daily, { nonce: 'k' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelGoneError);
    expect((err as ChannelGoneError).reason).toContain(message);
  });

  it('rethrows other failures as transient (not ChannelGoneError)', async () => {
    const channel = '999000000000000500';
    double.failChannel(channel, { status: 500, code: 0, message: 'Internal Server Error' });
    const err = await poster.send(channel, daily, { nonce: 'k' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ChannelGoneError);
    double.failChannel('999000000000000429', { status: 400, code: 50035, message: 'Invalid Form Body' });
    const bad = await poster.send('999000000000000429', daily, { nonce: 'k' }).catch((e: unknown) => e);
    expect(bad).not.toBeInstanceOf(ChannelGoneError);
  });

  it('every request went to the double', () => {
    expect(double.requests.length).toBeGreaterThan(0);
    for (const r of double.requests) expect(r.headers.host).toBe(`127.0.0.1:${double.port}`);
  });
});
