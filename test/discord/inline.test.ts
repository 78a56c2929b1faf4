// [[Links]] in conversation and "Look up in the wiki" on Discord: the real bot (discord.js
// through startDiscord, INLINE_LINKS=true) against the Discord double, the Library over
// content/, and a real SQLite store whose file outlives a restart of the bot. What a member
// sees: /settings refused or done, the reply to a message's links (and none where it must not
// answer), the reply edited and deleted with the message, at most one reply across a restart,
// the message menu's private answer and its "Post" buttons, hostile text in each.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTENT_REFUSED, startDiscord, type DiscordBot } from '../../adapters/discord/index.js';
import { inlineLinks } from '../../adapters/inline-links.js';
import { LOOK_UP } from '../../commands/links.js';
import type { CommandDeps } from '../../commands/types.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { HOSTILE } from '../fixtures/replies.js';
import { testDeps } from '../helpers/library.js';
import { captureLog } from '../helpers/log.js';
import { eventually, sleep, until } from '../helpers/wait.js';
import { DiscordDouble, IDS, type RecordedRequest, type SentMessage, type WireMessage } from '../doubles/discord/double.js';
import { buttonClick, buttonLabelled, componentsOf, labelOf, MANAGER_PERMISSIONS, slashCommand } from '../doubles/discord/interactions.js';
import { edit, memberMessage, messageMenu, remove, repliesTo, write } from '../doubles/discord/messages.js';
import { assertWithinDiscordLimits, LIVE_MENTION, visibleTexts } from './limits.js';
import { interact } from './live.js';

const DUAL = 'https://anarwiki.org/wiki/Dual_power';
/** Manage Channels and Manage Server. */
const SERVER_MANAGER = String(BigInt(MANAGER_PERMISSIONS) | (1n << 5n));
/** Long enough for the bot to have answered a message it was going to answer. */
const SETTLE_MS = 600;

interface Running {
  bot: DiscordBot;
  deps: CommandDeps;
  store: Store;
  logText(): string;
  stop(): Promise<void>;
}

let double: DiscordDouble;
let dir: string;
let dbFile: string;
let live: Running;

/** Starts the bot as a process would: its own store connection, InlineLinks and client. */
async function startBot(env: Record<string, string> = {}): Promise<Running> {
  const { log, text } = captureLog('debug');
  const store = await openStore(`sqlite:${dbFile}`, log);
  const deps = await testDeps({
    DISCORD_TOKEN: double.token,
    DISCORD_APPLICATION_ID: IDS.application,
    DISCORD_API_URL: double.apiUrl,
    INLINE_LINKS: 'true',
    ...env,
  });
  deps.log = log;
  deps.inline = inlineLinks(deps, () => store, log);
  const bot = await startDiscord({ config: deps.config, deps, log, deferAfterMs: 2000 });
  return {
    bot,
    deps,
    store,
    logText: text,
    async stop() {
      await bot.stop();
      await store.close();
    },
  };
}

async function settings(values: Record<string, string | undefined>, permissions: string) {
  const callback = await interact(double, slashCommand('settings', values, { subcommand: 'inline', permissions }));
  return callback.body.data;
}

/** The bot's reply to a message, once it is posted. */
async function replyTo(message: WireMessage): Promise<RecordedRequest> {
  await until(() => repliesTo(double, message.id).length > 0, `a reply to message ${message.id}`);
  return repliesTo(double, message.id)[0]!;
}

/** The reply's id, from the message the double created for it. */
function replyId(reply: RecordedRequest): string {
  const created = [...double.messages.values()].find((m) => m.message_reference?.message_id === reply.body.message_reference!.message_id);
  return created!.id;
}

const requestsTo = (id: string, method: string) =>
  double.requests.filter((r) => r.method === method && r.route.endsWith(`/messages/${id}`));

/** Checks a reply body: within Discord's limits, no live mention, pinging no one. */
function checkBody(body: SentMessage): void {
  expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  assertWithinDiscordLimits({ ...body, allowed_mentions: { parse: [] } });
  for (const t of visibleTexts(body)) expect(t).not.toMatch(LIVE_MENTION);
}

beforeAll(async () => {
  double = await DiscordDouble.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commonplace-inline-'));
  dbFile = path.join(dir, 'bot.db');
  live = await startBot();
}, 60_000);

afterAll(async () => {
  await live?.stop();
  await double?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('connecting with INLINE_LINKS', () => {
  it('asks for the message intents, Message Content included', () => {
    const intents = Number(double.identifies.at(-1)!.intents);
    expect(intents & 1).toBe(1); // Guilds
    expect(intents & (1 << 9)).toBe(1 << 9); // GuildMessages
    expect(intents & (1 << 15)).toBe(1 << 15); // MessageContent
  });
});

describe('/settings inline', () => {
  it('is off by default: a message with [[links]] gets no reply', async () => {
    const status = await settings({}, MANAGER_PERMISSIONS);
    expect(status!.flags).toBe(64);
    expect(status!.embeds![0].description).toContain('off in this channel (the default)');
    const message = write(double, memberMessage('have you read [[Dual power]]?'));
    await sleep(SETTLE_MS);
    expect(repliesTo(double, message.id)).toEqual([]);
  });

  it('refuses a member who may not manage the channel, and changes nothing', async () => {
    const refused = await settings({ state: 'on' }, '0');
    expect(refused!.flags).toBe(64);
    expect(refused!.embeds![0].title).toBe('Not allowed');
    expect(refused!.embeds![0].description).toContain('Manage Channels');
    expect(await live.store.getInlineSettings('discord', IDS.channel, IDS.guild)).toEqual({});
  });

  it('refuses the whole server to a channel manager who may not manage the server', async () => {
    const refused = await settings({ state: 'on', scope: 'server' }, MANAGER_PERMISSIONS);
    expect(refused!.flags).toBe(64);
    expect(refused!.embeds![0].title).toBe('Not allowed');
    expect(refused!.embeds![0].description).toContain('Manage Server');
    expect(await live.store.getInlineSettings('discord', IDS.channel, IDS.guild)).toEqual({});
  });

  it('refuses a value that is not on or off, with the choices', async () => {
    const refused = await settings({ state: 'maybe' }, MANAGER_PERMISSIONS);
    expect(refused!.flags).toBe(64);
    expect(refused!.embeds![0].description).toContain('"on" or "off"');
  });

  it('turns them on for the server (a server manager) and off for one channel, in the Store', async () => {
    const on = await settings({ state: 'on', scope: 'server' }, SERVER_MANAGER);
    expect(on!.flags ?? 0).toBe(0);
    expect(on!.embeds![0].title).toBe('Wiki links are on');
    const off = await settings({ state: 'off' }, MANAGER_PERMISSIONS);
    expect(off!.embeds![0].title).toBe('Wiki links are off');
    expect(await live.store.getInlineSettings('discord', IDS.channel, IDS.guild)).toEqual({ channel: false, workspace: true });
    const on2 = await settings({ state: 'on' }, MANAGER_PERMISSIONS);
    expect(on2!.embeds![0].title).toBe('Wiki links are on');
    expect(await live.store.getInlineSettings('discord', IDS.channel, IDS.guild)).toEqual({ channel: true, workspace: true });
  });
});

describe('[[links]] in messages', () => {
  it('answers a message with one compact reply: each page linked with its first sentence, "did you mean" for an unknown name', async () => {
    const message = write(
      double,
      memberMessage(
        'Is [[dual power|the idea]] like [[Dual power#Anarchist Criticisms of Leninist Dual Power]]? And [[Zzqx unheard of]], [[dual powr]].',
      ),
    );
    const reply = await replyTo(message);
    checkBody(reply.body);
    expect(reply.body.message_reference).toMatchObject({ message_id: message.id, channel_id: IDS.channel });
    expect(reply.body.enforce_nonce).toBe(true);
    const description = reply.body.embeds![0].description!;
    const summary = live.deps.library.resolve('dual power')!.article!.summary;
    const firstWords = summary.split(/\s+/).slice(0, 5).join(' ');
    expect(description.replace(/\\/g, '')).toContain(firstWords);
    expect(description).toContain(`[Dual power](${DUAL})`);
    expect(description).toMatch(
      /\[Dual power › Anarchist Criticisms of Leninist Dual Power\]\(https:\/\/anarwiki\.org\/wiki\/Dual_power#Anarchist_Criticisms/,
    );
    expect(description).toContain('Zzqx unheard of');
    expect(description).toContain('Not in the wiki');
    // At most three links: the fourth ([[dual powr]]) is not answered.
    expect(description).not.toContain('dual powr');
    await sleep(SETTLE_MS);
    expect(repliesTo(double, message.id)).toHaveLength(1);
  });

  it('says what a misspelled link matched', async () => {
    const message = write(double, memberMessage('see [[dual powr]]'));
    const reply = await replyTo(message);
    expect(reply.body.embeds![0].description).toContain('Showing Dual power for “dual powr”');
  });

  it('ignores bots, its own messages, links in code and quotations, and messages without links', async () => {
    const messages = [
      memberMessage('[[Dual power]] from a bot', { id: '888888888888888888', bot: true }),
      memberMessage('[[Dual power]] from me', { id: IDS.bot, bot: true }),
      memberMessage('[[Dual power]] from a webhook', {}, { webhook_id: '999999999999999999' }),
      memberMessage('write `[[Dual power]]` like this\n> [[Dual power]] said someone'),
      memberMessage('no links here, just dual power'),
    ].map((m) => write(double, m));
    await sleep(SETTLE_MS);
    for (const m of messages) expect(repliesTo(double, m.id), m.content).toEqual([]);
  });

  it('answers a message delivered twice only once', async () => {
    const message = memberMessage('twice: [[Dual power]]');
    write(double, message);
    write(double, message);
    await replyTo(message);
    await sleep(SETTLE_MS);
    expect(repliesTo(double, message.id)).toHaveLength(1);
  });

  it('edits its reply when the author edits the links, leaves it when only a label changes, deletes it when none is left, and answers again when links come back', async () => {
    const message = write(double, memberMessage('first [[Dual power]]'));
    const id = replyId(await replyTo(message));

    edit(double, message, 'now [[Counterpower]] instead');
    await until(() => requestsTo(id, 'PATCH').length === 1, 'the reply edited');
    const patched = requestsTo(id, 'PATCH')[0]!.body;
    checkBody(patched);
    const counter = live.deps.library.resolve('counterpower')!;
    expect(patched.embeds![0].description).toContain(`[${counter.article?.title ?? counter.concept!.concept.term}]`);
    expect(patched.embeds![0].description).not.toContain(`[Dual power](${DUAL})`);

    edit(double, message, 'now [[counterpower|the same page]] with a label');
    await sleep(SETTLE_MS);
    expect(requestsTo(id, 'PATCH')).toHaveLength(1);

    edit(double, message, 'no links any more');
    await until(() => requestsTo(id, 'DELETE').length === 1, 'the reply deleted');
    expect(double.messages.has(id)).toBe(false);

    edit(double, message, 'back: [[Dual power]]');
    await until(() => repliesTo(double, message.id).length === 2, 'a new reply');
    expect(repliesTo(double, message.id)[1]!.body.embeds![0].description).toContain(`[Dual power](${DUAL})`);
  });

  it('answers a message that gets its first link in an edit', async () => {
    const message = write(double, memberMessage('no link yet'));
    await sleep(100);
    edit(double, message, 'now with [[Dual power]]');
    await replyTo(message);
  });

  it('deletes its reply when the author deletes the message', async () => {
    const message = write(double, memberMessage('soon gone: [[Dual power]]'));
    const id = replyId(await replyTo(message));
    remove(double, message);
    await until(() => requestsTo(id, 'DELETE').length === 1, 'the reply deleted');
    expect(double.messages.has(id)).toBe(false);
    await eventually(
      async () =>
        (await live.store.getInlineReply({ platform: 'discord', channelId: IDS.channel, messageId: message.id }))?.status === 'gone',
      'the record marked gone',
    );
  });

  it('stops following a reply someone else deleted', async () => {
    const message = write(double, memberMessage('moderated: [[Dual power]]'));
    const id = replyId(await replyTo(message));
    double.messages.delete(id);
    edit(double, message, 'moderated: [[Counterpower]]');
    await until(() => requestsTo(id, 'PATCH').length === 1, 'an edit tried');
    await sleep(SETTLE_MS);
    expect(repliesTo(double, message.id)).toHaveLength(1);
    await eventually(
      async () =>
        (await live.store.getInlineReply({ platform: 'discord', channelId: IDS.channel, messageId: message.id }))?.status === 'gone',
      'the record marked gone',
    );
  });

  it('keeps to one reply per message across a restart: edits and deletes the reply the previous run posted', async () => {
    const message = write(double, memberMessage('before the restart: [[Dual power]]'));
    const id = replyId(await replyTo(message));
    await live.stop();
    live = await startBot();

    // The same message delivered again (a replay after the restart) is not answered twice.
    write(double, message);
    edit(double, message, 'after the restart: [[Counterpower]]');
    await until(() => requestsTo(id, 'PATCH').length === 1, 'the earlier reply edited after the restart');
    await sleep(SETTLE_MS);
    expect(repliesTo(double, message.id)).toHaveLength(1);
    remove(double, message);
    await until(() => requestsTo(id, 'DELETE').length === 1, 'the earlier reply deleted after the restart');
  });

  it('answers hostile text safely, within limits, and keeps answering', async () => {
    const texts = [
      `${HOSTILE} [[${HOSTILE.replace(/[\n[\]]/g, ' ').slice(0, 150)}]] [[@everyone]] [[<@${IDS.member}>|<@&${IDS.guild}>]]`,
      `[[Dual power#${'<@&1> '.repeat(30)}]] [[ \u202e\u200b ]] [[\ud800x\udfff]]`,
      '[['.repeat(1000) + ']]'.repeat(1000),
      `${`${'`'.repeat(300)}[[x]]`.repeat(10)}[[Dual power]]`,
      `[[${'a'.repeat(190)}]] [[${'🙂'.repeat(90)}]]`,
    ];
    for (const text of texts) {
      const message = write(double, memberMessage(text.slice(0, 4000)));
      await sleep(150);
      for (const reply of repliesTo(double, message.id)) checkBody(reply.body);
    }
    const after = write(double, memberMessage('still here: [[Dual power]]'));
    checkBody((await replyTo(after)).body);
  });
});

describe('"Look up in the wiki" in a message\'s menu', () => {
  it("answers privately with the wiki's names in the message, each with its summary, link and a button that posts it", async () => {
    const target = memberMessage('I keep hearing about dual power and syndicalism, and counterpower.');
    const payload = messageMenu(LOOK_UP.name, target);
    const callback = await interact(double, payload);
    const data = callback.body.data;
    assertWithinDiscordLimits(data);
    expect(data!.flags).toBe(64);
    const description = data!.embeds![0].description!;
    expect(description).toContain(`[Dual power](${DUAL})`);
    const summary = live.deps.library.resolve('dual power')!.article!.summary;
    expect(description.replace(/\\/g, '')).toContain(summary.split(/\s+/).slice(0, 6).join(' '));
    const labels = componentsOf(data).map(labelOf);
    expect(labels).toContain('Post Dual power');
    expect(labels.length).toBeLessThanOrEqual(3);

    const post = buttonLabelled(data, 'Post Dual power');
    const shared = await interact(double, buttonClick(double.messageFor(payload.id)!, post!.custom_id));
    expect(shared.body.type).toBe(4);
    expect(shared.body.data!.flags ?? 0).toBe(0);
    expect(shared.body.data!.embeds![0].title).toBe('Dual power');
    assertWithinDiscordLimits(shared.body.data);
  });

  it('says so, privately, when a message names nothing from the wiki', async () => {
    for (const text of ['see you tomorrow at noon', '', '🙂🙂']) {
      const callback = await interact(double, messageMenu(LOOK_UP.name, memberMessage(text)));
      expect(callback.body.data!.flags).toBe(64);
      expect(callback.body.data!.embeds![0].title).toMatch(/^Nothing/);
      assertWithinDiscordLimits(callback.body.data);
    }
  });

  it('answers hostile messages within limits, without a live mention', async () => {
    for (const text of [
      HOSTILE,
      `${HOSTILE} dual power ${HOSTILE}`,
      'dual power '.repeat(400),
      `@everyone ${'x'.repeat(3900)} counterpower`,
    ]) {
      const callback = await interact(double, messageMenu(LOOK_UP.name, memberMessage(text.slice(0, 4000))));
      assertWithinDiscordLimits(callback.body.data);
      expect(callback.body.data!.flags).toBe(64);
    }
  });
});

describe('without the Message Content intent', () => {
  it('still starts when Discord refuses the intent, says why, and /settings explains', async () => {
    await live.stop();
    double.privilegedIntents = false;
    const identifies = double.identifies.length;
    try {
      live = await startBot();
      expect(double.identifies.length).toBe(identifies + 2);
      expect(Number(double.identifies.at(-1)!.intents)).toBe(1);
      expect(live.logText()).toContain('Message Content intent');
      const status = await settings({}, MANAGER_PERMISSIONS);
      expect(status!.embeds![0].description!.replace(/\\/g, '')).toContain(INTENT_REFUSED.slice(0, 60));
      const on = await settings({ state: 'on' }, MANAGER_PERMISSIONS);
      expect(on!.flags).toBe(64);
      expect(on!.embeds![0].description!.replace(/\\/g, '')).toContain('cannot work yet');
      // Everything else answers.
      const define = await interact(double, slashCommand('define', { term: 'dual power' }));
      expect(define.body.data!.embeds![0].title).toBe('Dual power');
    } finally {
      double.privilegedIntents = true;
    }
  });

  it('without INLINE_LINKS asks for no message intent, and /settings says how to turn it on', async () => {
    await live.stop();
    live = await startBot({ INLINE_LINKS: 'false' });
    expect(Number(double.identifies.at(-1)!.intents)).toBe(1);
    const status = await settings({}, MANAGER_PERMISSIONS);
    expect(status!.embeds![0].description).toContain('INLINE\\_LINKS=true');
    const message = write(double, memberMessage('[[Dual power]]'));
    await sleep(SETTLE_MS);
    expect(repliesTo(double, message.id)).toEqual([]);
  });
});
