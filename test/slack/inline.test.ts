// [[Links]] in conversation and "Look up in the wiki" on Slack: the real Bolt app in Socket
// Mode (INLINE_LINKS=true) against the Slack double, the Library over content/, and a real
// SQLite store whose file outlives a restart of the app. Message events (written, edited,
// deleted) arrive as Slack sends them; answers are read where Slack would see them: the
// thread reply (chat.postMessage), its edits (chat.update), its deletion (chat.delete), and
// the shortcut's private answer on its response_url.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inlineLinks } from '../../adapters/inline-links.js';
import { LOOK_UP } from '../../commands/links.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { SlackDouble, type ApiCall } from '../doubles/slack/double.js';
import {
  allText,
  blockActionsPayload,
  buttonLabels,
  eventCallback,
  findButton,
  messageChanged,
  messageDeleted,
  messageEvent,
  messageShortcutPayload,
  formBody,
  postSigned,
  slashCommandPayload,
} from '../doubles/slack/requests.js';
import { HOSTILE } from '../fixtures/replies.js';
import { assertWithinSlackLimits } from './limits.js';
import { eventually } from '../helpers/wait.js';
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, sleep, startHarness, type Harness } from './harness.js';

const DUAL = 'https://anarwiki.org/wiki/Dual_power';
const SETTLE_MS = 600;
const ADMIN = 'U0ADMIN';

let double: SlackDouble;
let dir: string;
let dbFile: string;
let h: Harness;
let store: Store;

async function startApp(env: Record<string, string> = {}): Promise<void> {
  h = await startHarness('socket', { INLINE_LINKS: 'true', ...env }, { double });
  store = await openStore(`sqlite:${dbFile}`, h.logs.log);
  h.deps.inline = inlineLinks(h.deps, () => store, h.logs.log);
}

async function stopApp(): Promise<void> {
  await h.stop();
  await store.close();
}

function send(event: Record<string, unknown>): void {
  double.sendEnvelope('events_api', eventCallback(event));
}

async function slash(command: string, text: string, user = 'U0ALICE') {
  const { url, id } = double.responseUrl();
  double.sendEnvelope('slash_commands', slashCommandPayload({ command, text, response_url: url, user_id: user }));
  return (await double.waitFor(() => double.responsesTo(id)[0], 5_000, `an answer to ${command} ${text}`)).body;
}

const posts = (ts: string): ApiCall[] => double.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === ts);
const callsOn = (method: string, ts: string): ApiCall[] => double.callsTo(method).filter((c) => c.body.ts === ts);

/** The bot's thread reply to a message, once posted; its ts. */
async function replyTo(message: Record<string, unknown>): Promise<{ call: ApiCall; ts: string }> {
  const ts = String(message.ts);
  const call = await double.waitFor(() => posts(ts)[0], 5_000, `a reply to ${ts}`);
  const posted = [...double.messages.values()].find((m) => m.thread_ts === ts);
  return { call, ts: posted!.ts };
}

beforeAll(async () => {
  double = await SlackDouble.start({ botToken: BOT_TOKEN, appToken: APP_TOKEN });
  double.users.set(ADMIN, { id: ADMIN, is_admin: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commonplace-slack-inline-'));
  dbFile = path.join(dir, 'bot.db');
  await startApp();
}, 60_000);

afterAll(async () => {
  await stopApp();
  await double.close();
  fs.rmSync(dir, { recursive: true, force: true });
  expect(h.network.foreign).toEqual([]);
});

beforeEach(() => {
  double.calls.length = 0;
});

describe('/settings inline on Slack', () => {
  it('is off by default: a message with [[links]] gets no reply', async () => {
    const status = await slash('/settings', 'inline');
    expect(status.response_type).toBe('ephemeral');
    expect(allText(status.blocks)).toContain('off in this channel (the default)');
    const message = messageEvent('have you read [[Dual power]]?');
    send(message);
    await sleep(SETTLE_MS);
    expect(posts(String(message.ts))).toEqual([]);
  });

  it('refuses a member who is not a workspace admin, and changes nothing', async () => {
    for (const text of ['inline on', 'inline on workspace', 'inline &lt;!channel&gt; @everyone', `inline on ${'x'.repeat(3000)}`]) {
      const refused = await slash('/settings', text);
      assertWithinSlackLimits(refused);
      expect(refused.response_type).toBe('ephemeral');
      expect(allText(refused.blocks)).toMatch(/Not allowed|Which (setting|place)\?|too long/);
    }
    expect(await store.getInlineSettings('slack', 'C0GENERAL', 'T0TEST')).toEqual({});
  });

  it('turns them on for the workspace (an admin), in the Store, and says so in the channel', async () => {
    const on = await slash('/settings', 'inline on workspace', ADMIN);
    assertWithinSlackLimits(on);
    expect(on.response_type).toBe('in_channel');
    expect(allText(on.blocks)).toContain('Wiki links are on');
    expect(await store.getInlineSettings('slack', 'C0GENERAL', 'T0TEST')).toEqual({ workspace: true });
  });
});

describe('[[links]] in Slack messages', () => {
  it("answers in the message's thread with one compact reply, without unfurling", async () => {
    const message = messageEvent('Is [[dual power|the idea]] the same as [[Zzqx unheard of]]? &lt;@U0BOB&gt; [[Counter power]]');
    send(message);
    const { call } = await replyTo(message);
    assertWithinSlackLimits(call.body);
    expect(call.body.channel).toBe('C0GENERAL');
    expect(String(call.body.unfurl_links)).toBe('false');
    const text = allText(call.body.blocks);
    expect(text).toContain(`<${DUAL}|Dual power>`);
    expect(text).toContain('Zzqx unheard of');
    expect(text).toContain('Not in the wiki');
    expect(text).toContain('Showing Counterpower for “Counter power”');
    await sleep(SETTLE_MS);
    expect(posts(String(message.ts))).toHaveLength(1);
  });

  it('answers a message inside a thread in that thread', async () => {
    const message = messageEvent('in a thread: [[Dual power]]', { thread_ts: '1690000000.000100' });
    send(message);
    await double.waitFor(
      () => double.callsTo('chat.postMessage').find((c) => c.body.thread_ts === '1690000000.000100'),
      5_000,
      'a reply in the thread',
    );
  });

  it('ignores bots, links in code and quotations, and messages without links', async () => {
    const messages = [
      messageEvent('[[Dual power]] from a bot', { bot_id: 'B0OTHER', subtype: 'bot_message' }),
      messageEvent('[[Dual power]] from me', { user: 'U0BOT', bot_id: 'B0BOT' }),
      messageEvent('write `[[Dual power]]` like so'),
      messageEvent('&gt; [[Dual power]] said someone'),
      messageEvent('&gt;&gt;&gt; all of this is quoted\n[[Dual power]]'),
      messageEvent('someone joined', { subtype: 'channel_join' }),
      messageEvent('no links, just dual power'),
    ];
    for (const m of messages) send(m);
    await sleep(SETTLE_MS);
    for (const m of messages) expect(posts(String(m.ts)), String(m.text)).toEqual([]);
  });

  it('answers an event delivered twice only once', async () => {
    const message = messageEvent('twice: [[Dual power]]');
    send(message);
    send(message);
    await replyTo(message);
    await sleep(SETTLE_MS);
    expect(posts(String(message.ts))).toHaveLength(1);
  });

  it('edits its reply with the links, leaves it for a label, deletes it when none is left, and answers again when they return', async () => {
    const message = messageEvent('first [[Dual power]]');
    send(message);
    const { ts } = await replyTo(message);

    send(messageChanged(message, 'now [[Counterpower]] instead'));
    const update = await double.waitFor(() => callsOn('chat.update', ts)[0], 5_000, 'the reply updated');
    assertWithinSlackLimits(update.body);
    expect(allText(update.body.blocks)).not.toContain(`<${DUAL}|Dual power>`);

    send(messageChanged(message, 'now [[counterpower|a label]] only'));
    await sleep(SETTLE_MS);
    expect(callsOn('chat.update', ts)).toHaveLength(1);

    send(messageChanged(message, 'no links now'));
    await double.waitFor(() => callsOn('chat.delete', ts)[0], 5_000, 'the reply deleted');
    expect(double.messages.has(`C0GENERAL/${ts}`)).toBe(false);

    send(messageChanged(message, 'back: [[Dual power]]'));
    await double.waitFor(() => (posts(String(message.ts)).length === 2 ? true : undefined), 5_000, 'a new reply');
  });

  it('deletes its reply when the message is deleted', async () => {
    const message = messageEvent('soon gone: [[Dual power]]');
    send(message);
    const { ts } = await replyTo(message);
    send(messageDeleted(message));
    await double.waitFor(() => callsOn('chat.delete', ts)[0], 5_000, 'the reply deleted');
    await eventually(
      async () =>
        (await store.getInlineReply({ platform: 'slack', channelId: 'C0GENERAL', messageId: String(message.ts) }))?.status === 'gone',
      'the record marked gone',
    );
  });

  it('keeps to one reply per message across a restart: edits and deletes the reply the previous run posted', async () => {
    const message = messageEvent('before the restart: [[Dual power]]');
    send(message);
    const { ts } = await replyTo(message);
    await stopApp();
    await startApp();

    send(message);
    send(messageChanged(message, 'after the restart: [[Counterpower]]'));
    await double.waitFor(() => callsOn('chat.update', ts)[0], 10_000, 'the earlier reply updated after the restart');
    await sleep(SETTLE_MS);
    expect(posts(String(message.ts))).toHaveLength(1);
    send(messageDeleted(message));
    await double.waitFor(() => callsOn('chat.delete', ts)[0], 5_000, 'the earlier reply deleted after the restart');
  });

  it('answers hostile text safely, within limits, and keeps answering', async () => {
    const texts = [
      `${HOSTILE} [[${HOSTILE.replace(/[\n[\]]/g, ' ').slice(0, 150)}]] [[&lt;!channel&gt;]] [[&lt;@U0BOB&gt;|&lt;!here&gt;]]`,
      `[[Dual power#${'&lt;!everyone&gt; '.repeat(10)}]] [[ \u202e\u200b ]] [[\ud800x\udfff]]`,
      '[['.repeat(5000) + ']]'.repeat(5000),
      `${`${'`'.repeat(300)}[[x]]`.repeat(30)}[[Dual power]]`,
    ];
    for (const text of texts) {
      const message = messageEvent(text);
      send(message);
      await sleep(150);
      for (const reply of posts(String(message.ts))) assertWithinSlackLimits(reply.body);
    }
    const after = messageEvent('still here: [[Dual power]]');
    send(after);
    assertWithinSlackLimits((await replyTo(after)).call.body);
  });
});

describe('"Look up in the wiki" as a Slack message shortcut', () => {
  async function lookUp(text: string) {
    const { url, id } = double.responseUrl();
    const envelope = double.sendEnvelope(
      'interactive',
      messageShortcutPayload({ callback_id: LOOK_UP.callbackId, message: messageEvent(text), response_url: url }),
    );
    await double.waitFor(() => double.ackFor(envelope), 3_000, 'the shortcut acknowledged');
    return (await double.waitFor(() => double.responsesTo(id)[0], 5_000, 'the shortcut answered')).body;
  }

  it("answers privately with the wiki's names, each with its summary and link, and a button that posts one", async () => {
    const answer = await lookUp('I keep hearing about dual power and counterpower &amp; syndicalism.');
    assertWithinSlackLimits(answer);
    expect(answer.response_type).toBe('ephemeral');
    const text = allText(answer.blocks);
    expect(text).toContain(`<${DUAL}|Dual power>`);
    const labels = buttonLabels(answer.blocks);
    expect(labels).toContain('Post Dual power');

    const { url, id } = double.responseUrl();
    double.sendEnvelope(
      'interactive',
      blockActionsPayload({ button: findButton(answer.blocks, 'Post Dual power')!, response_url: url, ephemeral: true }),
    );
    const posted = await double.waitFor(
      () => double.callsTo('chat.postMessage').find((c) => c.body.channel === 'C0GENERAL' && !c.body.thread_ts),
      5_000,
      'the definition posted',
    );
    assertWithinSlackLimits(posted.body);
    expect(allText(posted.body.blocks)).toContain('Dual power');
    // The private answer stays, so another of its names can be posted too.
    await sleep(200);
    expect(double.responsesTo(id).filter((r) => r.body.delete_original)).toEqual([]);
  });

  it('says so when the message names nothing from the wiki, and stays safe on hostile text', async () => {
    const none = await lookUp('see you at noon');
    expect(none.response_type).toBe('ephemeral');
    expect(allText(none.blocks)).toContain('Nothing from the wiki');
    for (const text of [HOSTILE, `&lt;!channel&gt; dual power ${'x'.repeat(30_000)}`, 'dual power '.repeat(3000)]) {
      const answer = await lookUp(text);
      assertWithinSlackLimits(answer);
      expect(answer.response_type).toBe('ephemeral');
    }
  });
});

describe('over HTTP (signed Events API and interactivity requests)', () => {
  it('answers a message event and the shortcut the same way', async () => {
    const http = await startHarness('http', { INLINE_LINKS: 'true' }, { double });
    http.deps.inline = inlineLinks(http.deps, () => store, http.logs.log);
    try {
      const message = messageEvent('over HTTP: [[Dual power]]');
      const ack = await postSigned(http.eventsUrl, JSON.stringify(eventCallback(message)), SIGNING_SECRET, {
        contentType: 'application/json',
      });
      expect(ack.status).toBe(200);
      const { call } = await replyTo(message);
      expect(allText(call.body.blocks)).toContain(`<${DUAL}|Dual power>`);

      const { url, id } = double.responseUrl();
      const payload = messageShortcutPayload({
        callback_id: LOOK_UP.callbackId,
        message: messageEvent('about dual power'),
        response_url: url,
      });
      const shortcutAck = await postSigned(http.eventsUrl, formBody({ payload: JSON.stringify(payload) }), SIGNING_SECRET);
      expect(shortcutAck.status).toBe(200);
      const answer = (await double.waitFor(() => double.responsesTo(id)[0], 5_000, 'the shortcut answered')).body;
      expect(answer.response_type).toBe('ephemeral');
      expect(buttonLabels(answer.blocks)).toContain('Post Dual power');
    } finally {
      await http.stop();
    }
  });
});
