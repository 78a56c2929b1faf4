// Daily posts through chat.postMessage, with the WebClient configured exactly as the adapter
// configures its poster (base URL, retries, rate limits), against the local Slack double.
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { posterClientOptions } from '../../adapters/slack/index.js';
import { boltLogger, makeScrubber } from '../../adapters/slack/logger.js';
import { DAILY_EVENT_TYPE, SlackPoster } from '../../adapters/slack/poster.js';
import { ChannelGoneError } from '../../src/daily/types.js';
import type { Reply } from '../../src/reply.js';
import { SlackDouble } from '../doubles/slack/double.js';
import { headerText } from '../doubles/slack/requests.js';
import { BOT_TOKEN, captureLog, guardNetwork, SECRETS } from './support.js';
import { assertWithinSlackLimits } from './limits.js';

const reply: Reply = {
  kind: 'daily',
  title: 'Dual power',
  url: 'https://anarwiki.org/wiki/Dual_power',
  text: 'Dual power is a strategy <!channel> & more.',
  actions: [{ type: 'related', term: 'Dual power' }],
};

let double: SlackDouble;
let poster: SlackPoster;
let network: ReturnType<typeof guardNetwork>;
const logs = captureLog('debug');

beforeAll(async () => {
  network = guardNetwork();
  double = await SlackDouble.start({ botToken: BOT_TOKEN });
  const scrub = makeScrubber([BOT_TOKEN]);
  const client = new webApi.WebClient(BOT_TOKEN, posterClientOptions({ SLACK_API_URL: double.apiUrl }, boltLogger(logs.log, scrub)));
  poster = new SlackPoster(client, { wikiName: 'AnarWiki' });
});

afterAll(async () => {
  await double.close();
  network.restore();
  expect(network.foreign).toEqual([]);
});

beforeEach(() => double.reset());

describe('SlackPoster', () => {
  it('posts blocks and text with unfurling off and the nonce in metadata', async () => {
    await poster.send('C0DAILY', reply, { nonce: 'slack:C0DAILY:2025-01-02' });
    const [call] = double.callsTo('chat.postMessage');
    expect(call!.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(call!.body.channel).toBe('C0DAILY');
    expect(call!.body.unfurl_links).toBe('false');
    expect(call!.body.unfurl_media).toBe('false');
    expect(call!.body.metadata).toEqual({ event_type: DAILY_EVENT_TYPE, event_payload: { nonce: 'slack:C0DAILY:2025-01-02' } });
    expect(headerText(call!.body.blocks)).toBe('Dual power');
    assertWithinSlackLimits({ text: call!.body.text, blocks: call!.body.blocks });
    expect(call!.body.link_names).toBeUndefined();
    expect(call!.body.parse).toBeUndefined();
    expect(network.urls.every((u) => u.startsWith(double.apiUrl))).toBe(true);
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'channel_is_archived', 'restricted_action'])(
    'maps %s to ChannelGoneError without retrying',
    async (error) => {
      double.fail('chat.postMessage', { kind: 'error', error });
      const err = await poster.send('C0GONE', reply, { nonce: 'n1' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChannelGoneError);
      expect((err as ChannelGoneError).reason).toBe(error);
      expect(double.callsTo('chat.postMessage')).toHaveLength(1);
    },
  );

  it('rethrows other Slack errors as transient', async () => {
    double.fail('chat.postMessage', { kind: 'error', error: 'invalid_auth' });
    const err = await poster.send('C0DAILY', reply, { nonce: 'n2' }).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(ChannelGoneError);
    expect((err as { data?: { error?: string } }).data?.error).toBe('invalid_auth');
  });

  it('fails a rate-limited send at once, as a transient error the scheduler retries later', async () => {
    double.fail('chat.postMessage', { kind: 'ratelimited', retryAfter: 120 });
    const started = Date.now();
    const err = await poster.send('C0DAILY', reply, { nonce: 'n3' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ChannelGoneError);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(double.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429]);
    // The next attempt (the scheduler's retry) goes through once.
    await poster.send('C0DAILY', reply, { nonce: 'n3' });
    expect(double.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it('retries a 500, then posts once', async () => {
    double.fail('chat.postMessage', { kind: 'http', status: 500 });
    await poster.send('C0DAILY', reply, { nonce: 'n4' });
    expect(double.callsTo('chat.postMessage').map((c) => c.status)).toEqual([500, 200]);
  });

  it('never logs the token', () => {
    const text = logs.text();
    expect(text.length).toBeGreaterThan(0); // debug logging was on: the SDK did log
    for (const s of SECRETS) expect(text).not.toContain(s);
  });
});
