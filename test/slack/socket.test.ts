// Socket Mode, end to end, with SLACK_COMMAND_PREFIX=cp-: the real Bolt app opens its
// connection through apps.connections.open on the Web API double, receives envelopes on
// the double's WebSocket, acks them over the socket, and answers via the response_url.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildManifest } from '../../adapters/slack/manifest.js';
import { commands } from '../../commands/index.js';
import { blockActionsPayload, findButton, headerText, allText, slashCommandPayload } from '../doubles/slack/requests.js';
import { assertWithinSlackLimits } from './limits.js';
import { APP_TOKEN, BOT_TOKEN, SECRETS, sleep, startHarness, type Harness } from './harness.js';

let h: Harness;
let startup: { method: string; authorization?: string }[] = [];

beforeAll(async () => {
  h = await startHarness('socket', { SLACK_COMMAND_PREFIX: 'cp-' });
  startup = h.double.calls.map((c) => ({ method: c.method, authorization: c.headers.authorization }));
}, 30_000);

afterAll(async () => {
  await h?.stop();
  expect(h.double.openSockets).toBe(0);
  expect(h.network.foreign).toEqual([]);
  for (const url of h.network.urls) expect(url.startsWith(h.double.baseUrl)).toBe(true);
});

beforeEach(() => h.double.reset());

function sendSlash(command: string, text: string) {
  const { url, id } = h.double.responseUrl();
  const envelope = h.double.sendEnvelope('slash_commands', slashCommandPayload({ command, text, response_url: url }));
  return { envelope, id };
}

describe('Socket Mode', () => {
  it('connected through apps.connections.open with the app token, on the double', async () => {
    expect(startup).toEqual([
      { method: 'auth.test', authorization: `Bearer ${BOT_TOKEN}` },
      { method: 'apps.connections.open', authorization: `Bearer ${APP_TOKEN}` },
    ]);
    expect(h.double.openSockets).toBe(1);
    expect(h.slack.mode).toBe('socket');
    const started = h.logs.entries().find((e) => e.mode === 'socket' && e.bot === 'commonplace');
    expect(started).toBeDefined();
  });

  it('/cp-define dual power: acked over the socket, answered in the channel', async () => {
    const sent = Date.now();
    const { envelope, id } = sendSlash('/cp-define', 'dual power');
    const ack = await h.double.waitFor(() => h.double.ackFor(envelope), 3_000, 'socket ack');
    expect(ack.at - sent).toBeLessThan(2_000);
    expect(ack.payload ?? {}).toEqual({});
    const answer = (await h.double.waitFor(() => h.double.responsesTo(id)[0], 5_000, 'answer')).body;
    assertWithinSlackLimits(answer);
    expect(answer.response_type).toBe('in_channel');
    expect(headerText(answer.blocks)).toBe('Dual power');
    expect(allText(answer.blocks)).toContain('<https://anarwiki.org/wiki/Dual_power|Dual power>');
  });

  it('/define is not handled when the prefix is cp-', async () => {
    const { envelope, id } = sendSlash('/define', 'dual power');
    await sleep(600);
    expect(h.double.ackFor(envelope)).toBeUndefined();
    expect(h.double.responsesTo(id)).toEqual([]);
    // …while the prefixed command still is.
    const again = sendSlash('/cp-define', 'dual power');
    await h.double.waitFor(() => h.double.responsesTo(again.id)[0], 5_000, 'answer');
  });

  it('hints name the prefixed commands', async () => {
    const { id } = sendSlash('/cp-help', '');
    const help = (await h.double.waitFor(() => h.double.responsesTo(id)[0], 5_000, 'help')).body;
    assertWithinSlackLimits(help);
    const text = allText(help.blocks);
    expect(text).toContain('/cp-define');
    expect(text).not.toMatch(/(^|\s|\*)\/define\b/);
  });

  it('every command in the manifest has a handler, and only those', async () => {
    const manifest = buildManifest(commands, h.config, { socketMode: true });
    const names = manifest.features.slash_commands.map((c) => c.command);
    expect(names).toEqual(h.slack.commands);
    expect(names.every((n) => n.startsWith('/cp-'))).toBe(true);
    for (const name of names) {
      const { envelope, id } = sendSlash(name, '');
      await h.double.waitFor(() => h.double.ackFor(envelope), 3_000, `ack for ${name}`);
      const answer = (await h.double.waitFor(() => h.double.responsesTo(id)[0], 5_000, `answer for ${name}`)).body;
      assertWithinSlackLimits(answer);
    }
  });

  it('an interactive envelope (Related button) is acked and answered', async () => {
    const { id: first } = sendSlash('/cp-define', 'dual power');
    const answer = (await h.double.waitFor(() => h.double.responsesTo(first)[0], 5_000, 'answer')).body;
    const { url, id } = h.double.responseUrl();
    const envelope = h.double.sendEnvelope(
      'interactive',
      blockActionsPayload({ button: findButton(answer.blocks, 'Related')!, response_url: url }),
    );
    await h.double.waitFor(() => h.double.ackFor(envelope), 3_000, 'interactive ack');
    const related = (await h.double.waitFor(() => h.double.responsesTo(id)[0], 5_000, 'related')).body;
    assertWithinSlackLimits(related);
    expect(related.replace_original).toBe(false);
    expect(allText(related.blocks)).toMatch(/\|(Counterpower|Prefiguration|Syndicalism)>/);
  });

  it('/cp-define private dual power is ephemeral', async () => {
    const { id } = sendSlash('/cp-define', 'private dual power');
    const answer = (await h.double.waitFor(() => h.double.responsesTo(id)[0], 5_000, 'answer')).body;
    expect(answer.response_type).toBe('ephemeral');
    expect(headerText(answer.blocks)).toBe('Dual power');
  });

  it('never logs the app token, bot token or signing secret, even at debug level', () => {
    const text = h.logs.text();
    expect(text).toContain('"level":20'); // debug lines were written
    for (const s of [...SECRETS, APP_TOKEN]) expect(text).not.toContain(s);
  });
});
