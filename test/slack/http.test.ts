// HTTP mode, end to end: signed slash commands and button clicks POSTed to the real Bolt
// app's /slack/events, answers read where Slack would see them (the response_url and the
// Web API double), over the real Library and commands built from content/.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../../src/library/library.js';
import type { DailyService } from '../../src/daily/service.js';
import type { CommandContext, CommandInput } from '../../commands/types.js';
import {
  blockActionsPayload,
  blocksOf,
  buttonLabels,
  allText,
  findButton,
  formBody,
  headerText,
  postSigned,
  signature,
  slashCommandPayload,
} from '../doubles/slack/requests.js';
import type { ResponseBody } from '../doubles/slack/double.js';
import { withBrokenDep } from '../helpers/library.js';
import { assertWithinSlackLimits } from './limits.js';
import { SECRETS, SIGNING_SECRET, sleep, startHarness, type Harness } from './harness.js';

const DUAL = 'https://anarwiki.org/wiki/Dual_power';
let h: Harness;

beforeAll(async () => {
  h = await startHarness('http');
}, 30_000);

afterAll(async () => {
  await h?.stop();
  // Nothing left the machine: every request went to the double or to the app itself.
  expect(h.network.foreign).toEqual([]);
  const app = h.eventsUrl.replace('/slack/events', '/');
  for (const url of h.network.urls) expect(url.startsWith(h.double.baseUrl) || url.startsWith(app)).toBe(true);
  expect(h.network.urls.some((u) => u.startsWith(h.double.apiUrl))).toBe(true);
});

beforeEach(() => h.double.reset());

/** Sends a signed slash command; returns the HTTP acknowledgement and the response_url posts. */
async function slash(command: string, text: string, extra: { user_id?: string } = {}) {
  const { url, id } = h.double.responseUrl();
  const ack = await postSigned(h.eventsUrl, formBody(slashCommandPayload({ command, text, response_url: url, ...extra })), SIGNING_SECRET);
  const answer = await h.double.waitFor(() => h.double.responsesTo(id)[0], 5_000, `an answer to ${command} ${text.slice(0, 40)}`);
  return { ack, answer: answer.body, id };
}

/** Clicks a button (signed form field `payload`); returns the ack and the response_url id. */
async function click(button: { action_id: string; value: string; text: { text: string } }, opts: { ephemeral?: boolean } = {}) {
  const { url, id } = h.double.responseUrl();
  const payload = blockActionsPayload({ button, response_url: url, ephemeral: opts.ephemeral });
  const ack = await postSigned(h.eventsUrl, formBody({ payload: JSON.stringify(payload) }), SIGNING_SECRET);
  return { ack, id };
}

describe('slash commands over HTTP', () => {
  it('/define dual power: acknowledged at once, answered in the channel with the page link', async () => {
    const { ack, answer } = await slash('/define', 'dual power');
    expect(ack.status).toBe(200);
    expect(ack.body).toBe('');
    expect(ack.ms).toBeLessThan(2_000);
    assertWithinSlackLimits(answer);
    expect(answer.response_type).toBe('in_channel');
    expect(headerText(answer.blocks)).toBe('Dual power');
    expect(allText(answer.blocks)).toContain(`<${DUAL}|Dual power>`);
    expect(answer.text).toMatch(/^Dual power: /);
    expect(buttonLabels(answer.blocks)).toContain('Related');
    expect(answer.unfurl_links).toBe(false);
    // Answered through the response_url only: no Web API call was needed.
    expect(h.double.calls).toEqual([]);
  });

  it('/define private dual power: only the asker sees it, with "Post in channel"', async () => {
    const { answer } = await slash('/define', 'private dual power');
    assertWithinSlackLimits(answer);
    expect(answer.response_type).toBe('ephemeral');
    expect(headerText(answer.blocks)).toBe('Dual power');
    expect(buttonLabels(answer.blocks)).toContain('Post in channel');
  });

  it('/quote Kropotkin: the quotation with its speaker and source', async () => {
    const { answer } = await slash('/quote', 'Kropotkin');
    assertWithinSlackLimits(answer);
    expect(answer.response_type).toBe('in_channel');
    const text = allText(answer.blocks);
    expect(headerText(answer.blocks)).toContain('Peter Kropotkin');
    expect(text).toContain('*Peter Kropotkin*');
    expect(text).toContain('Modern Science and Anarchy');
    expect(text).toMatch(/^> /m);
  });

  it('/related counterpower: the related pages, linked', async () => {
    const { answer } = await slash('/related', 'counterpower');
    assertWithinSlackLimits(answer);
    const text = allText(answer.blocks);
    for (const title of ['Dual power', 'Prefiguration', 'Syndicalism']) expect(text).toContain(`|${title}>`);
  });

  it('/define dual powr: the closest match, in the channel, saying what it matched', async () => {
    const { answer } = await slash('/define', 'dual powr');
    assertWithinSlackLimits(answer);
    expect(answer.response_type).toBe('in_channel');
    expect(headerText(answer.blocks)).toBe('Dual power');
    expect(allText(answer.blocks)).toContain('Showing Dual power for “dual powr”');
  });

  it('/define with no match: privately, with suggestion buttons that define', async () => {
    const { answer } = await slash('/define', 'syndicat');
    assertWithinSlackLimits(answer);
    expect(answer.response_type).toBe('ephemeral');
    expect(buttonLabels(answer.blocks)).toEqual(['Syndicalism']);
    const { id } = await click(findButton(answer.blocks, 'Syndicalism')!, { ephemeral: true });
    const defined = (await h.double.waitFor(() => h.double.responsesTo(id)[0], 5_000, 'suggested definition')).body;
    assertWithinSlackLimits(defined);
    expect(headerText(defined.blocks)).toBe('Syndicalism');
    expect(defined.response_type).toBe('ephemeral');
    expect(buttonLabels(defined.blocks)).toContain('Post in channel');

    const { answer: none } = await slash('/define', 'qwxz zzkv');
    assertWithinSlackLimits(none);
    expect(none.response_type).toBe('ephemeral');
    expect(headerText(none.blocks)).toBe('Not in the wiki');
    expect(buttonLabels(none.blocks)).toEqual([]);
  });

  it('/help lists every command, privately, and cannot be posted in the channel', async () => {
    const { answer } = await slash('/help', '');
    assertWithinSlackLimits(answer);
    expect(answer.response_type).toBe('ephemeral');
    expect(buttonLabels(answer.blocks)).not.toContain('Post in channel');
    for (const name of ['/define', '/quote', '/related', '/search', '/help']) expect(allText(answer.blocks)).toContain(name);
  });

  it('answers through the Web API when the response_url refuses the answer', async () => {
    h.double.failResponses(1);
    const { url, id } = h.double.responseUrl();
    const ack = await postSigned(
      h.eventsUrl,
      formBody(slashCommandPayload({ command: '/define', text: 'dual power', response_url: url })),
      SIGNING_SECRET,
    );
    expect(ack.status).toBe(200);
    const post = await h.double.waitFor(() => h.double.callsTo('chat.postMessage')[0], 5_000, 'chat.postMessage fallback');
    expect(h.double.responsesTo(id).map((r) => r.status)).toEqual([404]);
    expect(post.body.channel).toBe('C0GENERAL');
    expect(headerText(post.body.blocks)).toBe('Dual power');
    assertWithinSlackLimits({ text: post.body.text, blocks: post.body.blocks });
  });
});

describe('request verification', () => {
  it('refuses a bad signature with 401 and runs nothing', async () => {
    const { url, id } = h.double.responseUrl();
    const body = formBody(slashCommandPayload({ command: '/define', text: 'dual power', response_url: url }));
    const res = await postSigned(h.eventsUrl, body, SIGNING_SECRET, {
      signature: signature('not-the-secret', Math.floor(Date.now() / 1000), body),
    });
    expect(res.status).toBe(401);
    await sleep(300);
    expect(h.double.responsesTo(id)).toEqual([]);
    expect(h.double.calls).toEqual([]);
  });

  it('refuses a request signed more than five minutes ago with 401 and runs nothing', async () => {
    const { url, id } = h.double.responseUrl();
    const body = formBody(slashCommandPayload({ command: '/define', text: 'dual power', response_url: url }));
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await postSigned(h.eventsUrl, body, SIGNING_SECRET, { timestamp: old });
    expect(res.status).toBe(401);
    await sleep(300);
    expect(h.double.responsesTo(id)).toEqual([]);
    expect(h.double.calls).toEqual([]);
  });

  it('refuses a body changed after signing', async () => {
    const { url, id } = h.double.responseUrl();
    const body = formBody(slashCommandPayload({ command: '/define', text: 'dual power', response_url: url }));
    const ts = Math.floor(Date.now() / 1000);
    const res = await postSigned(h.eventsUrl, body.replace('dual', 'evil'), SIGNING_SECRET, {
      timestamp: ts,
      signature: signature(SIGNING_SECRET, ts, body),
    });
    expect(res.status).toBe(401);
    await sleep(200);
    expect(h.double.responsesTo(id)).toEqual([]);
    expect(h.double.calls).toEqual([]);
  });

  it('serves a health check for load balancers, and nothing else', async () => {
    const base = h.eventsUrl.replace('/slack/events', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/other`)).status).toBe(404);
  });
});

describe('buttons', () => {
  it('Another quote: the next quotation, as a new message', async () => {
    // Several quotations in content/ are about dual power.
    const { answer: first } = await slash('/quote', 'dual power');
    expect(allText(first.blocks)).toMatch(/Quotation 1 of [2-9]/);
    const another = findButton(first.blocks, 'Another quote')!;
    expect(another).toBeDefined();
    const { ack, id } = await click(another);
    expect(ack.status).toBe(200);
    const next = (await h.double.waitFor(() => h.double.responsesTo(id)[0], 5_000, 'another quote')).body;
    assertWithinSlackLimits(next);
    expect(next.replace_original).toBe(false);
    expect(next.response_type).toBe('in_channel');
    expect(allText(next.blocks)).toMatch(/Quotation 2 of \d+/);
    const quoted = (m: ResponseBody) => blocksOf(m.blocks).flatMap((b) => (b.type === 'section' ? [b.text.text] : []))[0]!;
    expect(quoted(next)).toMatch(/^> /);
    expect(quoted(next)).not.toBe(quoted(first));
  });

  it('Related: the related pages of the answer', async () => {
    const { answer } = await slash('/define', 'dual power');
    const { ack, id } = await click(findButton(answer.blocks, 'Related')!);
    expect(ack.status).toBe(200);
    const related = (await h.double.waitFor(() => h.double.responsesTo(id)[0], 5_000, 'related')).body;
    assertWithinSlackLimits(related);
    expect(related.replace_original).toBe(false);
    expect(related.response_type).toBe('in_channel');
    expect(allText(related.blocks)).toMatch(/\|(Counterpower|Prefiguration|Syndicalism)>/);
  });

  it('a button under a private answer answers privately, and offers "Post in channel"', async () => {
    const { answer } = await slash('/define', 'private dual power');
    const { id } = await click(findButton(answer.blocks, 'Related')!, { ephemeral: true });
    const related = (await h.double.waitFor(() => h.double.responsesTo(id)[0], 5_000, 'related')).body;
    expect(related.response_type).toBe('ephemeral');
    expect(buttonLabels(related.blocks)).toContain('Post in channel');
  });

  it('Post in channel: recomputes the answer publicly, posts it, removes the private copy', async () => {
    const { answer } = await slash('/define', 'private dual power');
    h.double.reset();
    const { ack, id } = await click(findButton(answer.blocks, 'Post in channel')!, { ephemeral: true });
    expect(ack.status).toBe(200);
    const post = await h.double.waitFor(() => h.double.callsTo('chat.postMessage')[0], 5_000, 'chat.postMessage');
    expect(post.body.channel).toBe('C0GENERAL');
    expect(post.body.unfurl_links).toBe('false');
    expect(headerText(post.body.blocks)).toBe('Dual power');
    expect(buttonLabels(post.body.blocks)).not.toContain('Post in channel');
    assertWithinSlackLimits({ text: post.body.text, blocks: post.body.blocks });
    const removed = await h.double.waitFor(
      () => h.double.responsesTo(id).find((r) => r.body.delete_original === true),
      5_000,
      'delete_original',
    );
    expect(removed).toBeDefined();
  });

  it('Post in channel where the bot is not a member: posts through the response_url instead', async () => {
    const { answer } = await slash('/define', 'private dual power');
    h.double.reset();
    h.double.fail('chat.postMessage', { kind: 'error', error: 'not_in_channel' });
    const { id } = await click(findButton(answer.blocks, 'Post in channel')!, { ephemeral: true });
    const shared = await h.double.waitFor(
      () => h.double.responsesTo(id).find((r) => r.body.response_type === 'in_channel'),
      5_000,
      'in_channel response',
    );
    expect(headerText(shared.body.blocks)).toBe('Dual power');
    expect(shared.body.replace_original).toBe(false);
    assertWithinSlackLimits(shared.body);
  });

  it('a button made before the current codec (a JSON value) still works', async () => {
    const legacy = { action_id: 'commonplace:related:0', value: '{"type":"related","term":"Dual power"}', text: { text: 'Related' } };
    const { id } = await click(legacy);
    const related = (await h.double.waitFor(() => h.double.responsesTo(id)[0], 5_000, 'related')).body;
    expect(headerText(related.blocks)).toBe('Related to Dual power');
  });

  it('a forged or stale button value gets a private notice, not a crash', async () => {
    const { id } = await click({ action_id: 'commonplace:related:0', value: '{"type":"related"', text: { text: 'Related' } });
    const notice = (await h.double.waitFor(() => h.double.responsesTo(id)[0], 5_000, 'notice')).body;
    expect(notice.response_type).toBe('ephemeral');
    expect(headerText(notice.blocks)).toBe('That button no longer works');
  });
});

describe('hostile input', () => {
  // Every command's answer to hostile text, rendered, is checked by the renderer contract
  // (test/contract). Here: that such an answer reaches the response_url escaped, through Bolt.
  const inputs = [
    '<!channel> <!here> <@U123> hi <#C0GENERAL|general> @everyone &<>&amp; <https://evil.example|dual power>',
    'x'.repeat(10_000),
    'private <!channel>',
  ];
  for (const command of ['/define', '/quote', '/related', '/search']) {
    it(`${command} answers hostile text with escaped, mention-free blocks within every limit`, async () => {
      for (const text of inputs) {
        const { ack, answer } = await slash(command, text);
        expect(ack.status).toBe(200);
        assertWithinSlackLimits(answer);
        const raw = JSON.stringify(answer);
        expect(raw).not.toContain('<!');
        expect(raw).not.toContain('<@');
        expect(raw).not.toContain('<#');
      }
    }, 30_000);
  }
});

describe('failures and permissions', () => {
  it('a failing library gives a private error with an id, logged with that id', async () => {
    const broken: ProxyHandler<Library> = {
      get() {
        throw new Error('index corrupted');
      },
    };
    await withBrokenDep(h.deps, 'library', broken, async () => {
      const { ack, answer } = await slash('/define', 'dual power');
      expect(ack.status).toBe(200);
      assertWithinSlackLimits(answer);
      expect(answer.response_type).toBe('ephemeral');
      const id = /error ([A-Z0-9]{6})/.exec(allText(answer.blocks))?.[1];
      expect(id).toBeDefined();
      const logged = h.logs.entries().find((e) => e.errorId === id);
      expect(logged).toBeDefined();
      expect(logged!.msg).toBe('command failed');
    });
    // The app is still answering, from the library read on this request.
    const { answer } = await slash('/define', 'dual power');
    expect(headerText(answer.blocks)).toBe('Dual power');
  });

  it('/daily: admins per users.info (cached) and ADMIN_USER_IDS may manage the channel', async () => {
    const seen: CommandContext[] = [];
    const daily: DailyService = {
      async handle(_input: CommandInput, ctx: CommandContext) {
        seen.push(ctx);
        return { kind: 'notice', private: true, title: 'Daily', text: ctx.canManageChannel ? 'ALLOWED' : 'DENIED' };
      },
    } as DailyService;
    h.deps.daily = daily;
    h.double.users.set('U0ADMIN', { id: 'U0ADMIN', is_admin: true, tz: 'Europe/Paris' });
    h.double.users.set('U0ALICE', { id: 'U0ALICE', tz: 'America/Chicago' });
    try {
      h.config.ADMIN_USER_IDS.push('U0BOSS'); // listed, and unknown to users.info
      const a1 = await slash('/daily', 'status', { user_id: 'U0ADMIN' });
      const a2 = await slash('/daily', 'status', { user_id: 'U0ADMIN' });
      const b = await slash('/daily', 'status', { user_id: 'U0ALICE' });
      const c = await slash('/daily', 'subscribe 08:30', { user_id: 'U0BOSS' });
      expect(allText(a1.answer.blocks)).toContain('ALLOWED');
      expect(allText(a2.answer.blocks)).toContain('ALLOWED');
      expect(allText(b.answer.blocks)).toContain('DENIED');
      expect(allText(c.answer.blocks)).toContain('ALLOWED');
      expect(seen[0]).toMatchObject({
        platform: 'slack',
        userId: 'U0ADMIN',
        channelId: 'C0GENERAL',
        workspaceId: 'T0TEST',
        canManageChannel: true,
        timeZone: 'Europe/Paris',
      });
      expect(seen[2]).toMatchObject({ userId: 'U0ALICE', canManageChannel: false, timeZone: 'America/Chicago' });
      expect(seen[3]).toMatchObject({ userId: 'U0BOSS', canManageChannel: true });
      // One lookup per user, then the cache.
      expect(h.double.callsTo('users.info').map((c) => c.body.user)).toEqual(['U0ADMIN', 'U0ALICE', 'U0BOSS']);
      // Other commands never ask.
      h.double.reset();
      await slash('/define', 'dual power', { user_id: 'U0NEW' });
      expect(h.double.callsTo('users.info')).toEqual([]);
    } finally {
      h.deps.daily = undefined;
      h.config.ADMIN_USER_IDS.pop();
    }
  });

  it('an answer that cannot be delivered at all is logged once, with an id', async () => {
    const before = h.logs.entries().length;
    h.double.failResponses(1);
    h.double.fail('chat.postMessage', { kind: 'error', error: 'channel_not_found' });
    const { url, id } = h.double.responseUrl();
    const ack = await postSigned(
      h.eventsUrl,
      formBody(slashCommandPayload({ command: '/define', text: 'dual power', response_url: url })),
      SIGNING_SECRET,
    );
    expect(ack.status).toBe(200);
    await h.double.waitFor(() => h.double.callsTo('chat.postMessage')[0], 5_000, 'fallback attempt');
    await sleep(100);
    expect(h.double.responsesTo(id).map((r) => r.status)).toEqual([404]);
    const errors = h.logs
      .entries()
      .slice(before)
      .filter((e) => (e.level as number) >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toBe('could not deliver a Slack answer');
    expect(errors[0]!.errorId).toMatch(/^[A-Z0-9]{6}$/);
  });

  it('the poster from startSlack posts through the same double', async () => {
    await h.slack.poster.send('C0DAILY', { kind: 'daily', title: 'Dual power', url: DUAL, text: 'Today.' }, { nonce: 'n-http' });
    const [post] = h.double.callsTo('chat.postMessage');
    expect(post!.body.channel).toBe('C0DAILY');
    expect(h.slack.poster.platform).toBe('slack');
  });

  it('logged its start-up (mode, bot name) and never a token or the signing secret', () => {
    const started = h.logs.entries().find((e) => e.mode === 'http' && e.bot === 'commonplace');
    expect(started).toBeDefined();
    const text = h.logs.text();
    for (const s of SECRETS) expect(text).not.toContain(s);
  });
});
