// The real bot — discord.js through startDiscord, the real Library and commands over content/ —
// against the local Discord API double: what a member sees for each command, button, private
// answer, hostile input and failure, and that every message is safe and within Discord's limits.
import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext, CommandInput } from '../../commands/types.js';
import type { Library } from '../../src/library/library.js';
import { withBrokenDep } from '../helpers/library.js';
import { until } from '../helpers/wait.js';
import { IDS } from '../doubles/discord/double.js';
import {
  autocomplete,
  buttonClick,
  buttonLabelled,
  MANAGER_PERMISSIONS,
  selectChoice,
  slashCommand,
} from '../doubles/discord/interactions.js';
import { assertWithinDiscordLimits } from './limits.js';
import { interact, startLiveBot, type LiveBot } from './live.js';

let live: LiveBot;
const DEFER_AFTER_MS = 300;

beforeAll(async () => {
  live = await startLiveBot({ deferAfterMs: DEFER_AFTER_MS });
});

afterAll(async () => {
  await live?.stop();
});

/** Runs a slash command; returns the callback body (`{ type, data }`). */
async function ask(name: string, values: Record<string, string | number | boolean | undefined>, asker = {}) {
  const payload = slashCommand(name, values, asker);
  const callback = await interact(live.double, payload);
  return { payload, body: callback.body, callback };
}

/** The first embed of a message (sent or stored); a test fails on a message without one. */
const embedOf = (data: { embeds?: APIEmbed[] } | undefined): APIEmbed => data!.embeds![0]!;

describe('connecting', () => {
  it('connects through the double with the Guilds intent only, and no compression', () => {
    const { double } = live;
    expect(double.requests[0]).toMatchObject({ method: 'GET', route: '/gateway/bot' });
    expect(double.connections[0]!.get('v')).toBe('10');
    expect(double.connections[0]!.get('encoding')).toBe('json');
    expect(double.connections[0]!.has('compress')).toBe(false);
    expect(double.identifies[0]).toMatchObject({ intents: 1, compress: false, shard: [0, 1] });
  });

  it("logs the bot's name and server count, never the token", () => {
    const log = live.logText();
    expect(log).toContain('signed in as Commonplace in 1 server(s)');
    expect(log).not.toContain(live.double.token);
  });
});

describe('/define', () => {
  it('answers /define dual power with the page title, link, summary and the wiki in the footer', async () => {
    const { body } = await ask('define', { term: 'dual power' });
    expect(body.type).toBe(4);
    const e = embedOf(body.data);
    expect(e.title).toBe('Dual power');
    expect(e.url).toBe('https://anarwiki.org/wiki/Dual_power');
    const summary = (live.deps.library as Library).resolve('dual power')!.article!.summary;
    expect(summary.length).toBeGreaterThan(40);
    // The summary's first words, as the member reads them (Markdown-escaped text renders as is).
    const firstWords = summary.split(/\s+/).slice(0, 6).join(' ');
    expect(e.description!.replace(/\\/g, '')).toContain(firstWords);
    expect(e.footer!.text).toBe('AnarWiki');
    expect(body.data!.flags ?? 0).toBe(0);
    expect(body.data!.allowed_mentions).toEqual({ parse: [] });
    assertWithinDiscordLimits(body.data);
    expect(buttonLabelled(body.data, 'Related')).toBeDefined();
  });

  it('answers in a DM with the bot too', async () => {
    const { body } = await ask('define', { term: 'dual power' }, { where: 'dm' });
    expect(body.type).toBe(4);
    expect(embedOf(body.data).title).toBe('Dual power');
    assertWithinDiscordLimits(body.data);
  });

  it('answers privately with private:true, and "Post in channel" posts it publicly', async () => {
    const { payload, body } = await ask('define', { term: 'dual power', private: true });
    expect(body.data!.flags).toBe(64);
    expect(embedOf(body.data).title).toBe('Dual power');
    const message = live.double.messageFor(payload.id);
    const post = buttonLabelled(message, 'Post in channel');
    expect(post, 'a private answer offers "Post in channel"').toBeDefined();

    const click = buttonClick(message!, post!.custom_id);
    const shared = await interact(live.double, click);
    expect(shared.body.type).toBe(4);
    expect(shared.body.data!.flags ?? 0).toBe(0);
    expect(embedOf(shared.body.data).title).toBe('Dual power');
    expect(embedOf(shared.body.data).description).toBe(embedOf(body.data).description);
    expect(buttonLabelled(shared.body.data, 'Post in channel')).toBeUndefined();
    assertWithinDiscordLimits(shared.body.data);
  });

  it('suggests titles privately for an unknown term; a suggestion runs /define in place', async () => {
    const library = live.deps.library as Library;
    const candidates = ['dual powers theory', 'counter power', 'prefigurative', 'syndicalist', 'soviet council', 'dual pwer'];
    const term = candidates.find((t) => !library.resolve(t) && library.suggest(t, 5).length > 0);
    expect(term, 'a term the wiki does not know but can suggest for').toBeDefined();
    const { payload, body } = await ask('define', { term: term! });
    expect(body.data!.flags).toBe(64);
    const suggestions = library.suggest(term!, 5);
    const first = buttonLabelled(body.data, suggestions[0]!);
    expect(first, 'the first suggestion is a button').toBeDefined();

    const click = buttonClick(live.double.messageFor(payload.id)!, first!.custom_id);
    const answer = await interact(live.double, click);
    expect(answer.body.type).toBe(7); // the suggestion list is replaced by the definition
    expect(embedOf(answer.body.data).title).toBeTruthy();
    expect(embedOf(answer.body.data).title).not.toBe('Not in the wiki');
    // The page the first suggestion resolves to is the one shown.
    const page = library.resolve(suggestions[0]!);
    expect(page, 'the first suggestion resolves').toBeDefined();
    expect(embedOf(answer.body.data).title).toBe(page!.article?.title ?? page!.concept!.concept.term);
    assertWithinDiscordLimits(answer.body.data);
  });

  it('runs a choice from the suggestion menu, also from a menu made before the current codec', async () => {
    for (const customId of ['cp2:m:define', 'cp1:sm:d']) {
      const { payload } = await ask('define', { term: 'zzqx unknown thing' });
      const choice = selectChoice(live.double.messageFor(payload.id)!, customId, ['Dual power']);
      const answer = await interact(live.double, choice);
      expect(answer.body.type).toBe(7);
      expect(embedOf(answer.body.data).title).toBe('Dual power');
    }
  });
});

describe('/quote', () => {
  it('answers /quote Kropotkin with the quotation, speaker, work and a link to where it stands', async () => {
    const { body } = await ask('quote', { name: 'Kropotkin' });
    const e = embedOf(body.data);
    const hit = (live.deps.library as Library).quotes('Kropotkin').at(0)!;
    expect(e.title).toBe('Peter Kropotkin');
    expect(e.description).toMatch(/^> \S/m);
    expect(e.description!.replace(/\\/g, '')).toContain(hit.quote.text.split(/\s+/).slice(0, 8).join(' '));
    expect(e.description).toContain('— **Peter Kropotkin**, ');
    // The footnote names the work but gives no URL: the work is linked when it has one.
    const work = hit.quote.source ? `[*Modern Science and Anarchy*](${hit.quote.source})` : '*Modern Science and Anarchy*';
    expect(e.description).toContain(`${work} (1914)`);
    expect(e.url).toMatch(/^https:\/\/anarwiki\.org\/wiki\/Dual_power#\S+$/);
    expect(e.description).toContain(`In [Dual power › `);
    expect(e.description).toContain(`](${e.url})`);
    assertWithinDiscordLimits(body.data);
  });

  it('"Another quote" rotates to the next match in place for the asker', async () => {
    const library = live.deps.library as Library;
    const query = ['power', 'state', 'cooperatives', 'revolution', 'Lenin', 'workers'].find((q) => library.quotes(q).total >= 2);
    expect(query, 'a query with several quotations').toBeDefined();
    const { payload, body } = await ask('quote', { name: query! });
    expect(embedOf(body.data).footer!.text).toMatch(/^AnarWiki · Quote 1 of \d+$/);
    const another = buttonLabelled(body.data, 'Another quote');
    expect(another!.custom_id).toBe(`cp2:q:1:${query}`);

    const click = buttonClick(live.double.messageFor(payload.id)!, another!.custom_id);
    const next = await interact(live.double, click);
    expect(next.body.type).toBe(7);
    expect(embedOf(next.body.data).footer!.text).toMatch(/^AnarWiki · Quote 2 of \d+$/);
    expect(embedOf(next.body.data).description).not.toBe(embedOf(body.data).description);
    assertWithinDiscordLimits(next.body.data);

    // Someone else clicking the public answer gets the next quote privately, leaving it as is.
    const other = buttonClick(live.double.messageFor(payload.id)!, another!.custom_id, { userId: '888888888888888888' });
    const theirs = await interact(live.double, other);
    expect(theirs.body.type).toBe(4);
    expect(theirs.body.data!.flags).toBe(64);
  });

  it('never replaces a public answer with a private "not found" (e.g. after the wiki changed)', async () => {
    const { payload } = await ask('quote', { name: 'Kropotkin' });
    const stale = buttonClick(live.double.messageFor(payload.id)!, 'cp2:q:1:zzqx no such speaker');
    const { body } = await interact(live.double, stale);
    expect(body.type).toBe(4);
    expect(body.data!.flags).toBe(64);
    expect(embedOf(live.double.messageFor(payload.id)).title).toBe('Peter Kropotkin');
  });

  it('"Related" under an answer lists related concepts', async () => {
    const { payload, body } = await ask('define', { term: 'dual power' });
    const click = buttonClick(live.double.messageFor(payload.id)!, buttonLabelled(body.data, 'Related')!.custom_id);
    const related = await interact(live.double, click);
    expect(related.body.type).toBe(4);
    expect(embedOf(related.body.data).title).toBe('Related to Dual power');
    expect(embedOf(related.body.data).description).toMatch(/^• \[/);
    assertWithinDiscordLimits(related.body.data);
  });
});

describe('/related and /search', () => {
  it('lists Dual power, Prefiguration and Syndicalism for /related counterpower', async () => {
    const { body } = await ask('related', { term: 'counterpower' });
    const d = embedOf(body.data).description!;
    for (const title of ['Dual power', 'Prefiguration', 'Syndicalism']) expect(d).toContain(`[${title}](`);
    expect(d).toMatch(/\) — \S/); // each item says why
    assertWithinDiscordLimits(body.data);
  });

  it('shows search hits as fields with excerpts and links', async () => {
    const { body } = await ask('search', { text: 'cooperatives' });
    const e = embedOf(body.data);
    expect(e.fields!.length).toBeGreaterThan(0);
    expect(e.fields![0].value).toMatch(/\[Open\]\(https:\/\/anarwiki\.org\/wiki\/Dual_power/);
    assertWithinDiscordLimits(body.data);
  });

  it('/help answers privately with every command, and cannot be posted in the channel', async () => {
    const { body } = await ask('help', {});
    expect(body.data!.flags).toBe(64);
    expect(buttonLabelled(body.data, 'Post in channel')).toBeUndefined();
    const names = embedOf(body.data).fields!.map((f) => f.name);
    for (const c of ['/define', '/quote', '/related', '/search']) expect(names.some((n) => n.startsWith(c))).toBe(true);
  });
});

describe('autocomplete', () => {
  it('offers Dual power first for "dual", at most 25 choices of at most 100 characters', async () => {
    const payload = autocomplete('define', 'term', 'dual');
    const { body } = await interact(live.double, payload);
    expect(body.type).toBe(8);
    const choices = body.data!.choices as { name: string; value: string }[];
    expect(choices[0]).toEqual({ name: 'Dual power', value: 'Dual power' });
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('completes speakers for /quote, and answers an empty list for an option without completions', async () => {
    const speakers = await interact(live.double, autocomplete('quote', 'name', 'krop'));
    expect(speakers.body.data!.choices![0].value).toBe('Peter Kropotkin');
    const none = await interact(live.double, autocomplete('search', 'text', 'dual'));
    expect(none.body.data!.choices).toEqual([]);
  });

  it('answers quickly', async () => {
    const started = performance.now();
    await interact(live.double, autocomplete('define', 'term', 'p'));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('hostile input', () => {
  // Every command's answer to hostile text, rendered, is checked by the renderer contract
  // (test/contract). Here: that such an answer reaches Discord as an answer, through discord.js.
  const hostile = [
    '@everyone <@123456789012345678> <@&123456789012345678> <#123456789012345678> **bold** [link](https://evil.example) # heading',
    'x'.repeat(6000),
    'dual\u200b\u200bpower\u2060',
  ];
  it('is answered through discord.js, within limits, for every command', async () => {
    for (const input of hostile) {
      for (const [name, option] of [
        ['define', 'term'],
        ['quote', 'name'],
        ['related', 'term'],
        ['search', 'text'],
      ] as const) {
        const { body } = await ask(name, { [option]: input });
        expect(body.type).toBe(4);
        assertWithinDiscordLimits(body.data);
      }
    }
  });

  it('autocomplete survives hostile prefixes', async () => {
    for (const input of [...hostile, '@here look', '\u200b\u200b', '<@123456789012345678>']) {
      const { body } = await interact(live.double, autocomplete('define', 'term', input.slice(0, 100)));
      expect(body.type).toBe(8);
      expect(body.data!.choices!.length).toBeLessThanOrEqual(25);
    }
  });
});

describe('failures', () => {
  it('a failing handler gives a private "something went wrong" with an error id, logged', async () => {
    const broken: ProxyHandler<Library> = {
      get(target, prop, receiver) {
        if (prop === 'resolve' || prop === 'quotes')
          return () => {
            throw new Error('index exploded');
          };
        return Reflect.get(target, prop, receiver);
      },
    };
    await withBrokenDep(live.deps, 'library', broken, async () => {
      const { body } = await ask('define', { term: 'dual power' });
      expect(body.data!.flags).toBe(64);
      const e = embedOf(body.data);
      expect(e.title).toBe('Something went wrong');
      const id = /Error ([A-Z0-9]{4,})/.exec(e.footer!.text)?.[1];
      expect(id, 'the footer shows the error id').toBeDefined();
      expect(e.description).toContain(id);
      expect(live.logText()).toContain(id);
      expect(live.logText()).toContain('index exploded');
    });
    // The swap is read on every interaction: the real library answers again.
    const { body } = await ask('define', { term: 'dual power' });
    expect(embedOf(body.data).title).toBe('Dual power');
  });

  it("a failure in the adapter's own code also gives a private error with an id, and the bot carries on", async () => {
    const broken: ProxyHandler<typeof live.deps.config> = {
      get(target, prop, receiver) {
        if (prop === 'WIKI_NAME') throw new Error('settings exploded');
        return Reflect.get(target, prop, receiver);
      },
    };
    await withBrokenDep(live.deps, 'config', broken, async () => {
      const { body } = await ask('define', { term: 'dual power' });
      expect(body.data!.flags).toBe(64);
      const e = embedOf(body.data);
      expect(e.title).toBe('Something went wrong');
      const id = /Error ([A-Z0-9]{4,})/.exec(e.footer!.text)![1]!;
      expect(live.logText()).toMatch(new RegExp(`"errorId":"${id}".*"msg":"interaction failed"`));
      expect(live.logText()).toContain('settings exploded');
    });
    const { body } = await ask('define', { term: 'dual power' });
    expect(embedOf(body.data).title).toBe('Dual power');
  });

  it('an unknown, expired or garbled button gets a polite private notice', async () => {
    const message = live.double.messageFor([...live.double.interactions.keys()][0]!);
    // cp1 ids are those made before the current codec: their "Post in channel" reads as expired.
    const ids = [
      'cp0:q:1:Kropotkin',
      'cp1:q:x:Kropotkin',
      'garbage',
      'cp1:p:zz:thing',
      'cp1:sm:d',
      'cp1:p:d:dual power',
      'cp2:m:define',
      'cp2:p:help:',
      'cp2:p:daily:subcommand=unsubscribe',
      'cp2:s:daily:unsubscribe',
    ];
    for (const id of ids) {
      const { body } = await interact(live.double, buttonClick(message!, id));
      expect(body.type).toBe(4);
      expect(body.data!.flags).toBe(64);
      expect(embedOf(body.data).title).toBe('This button has expired');
      assertWithinDiscordLimits(body.data);
    }
  });
});

describe('/daily permissions and slow answers', () => {
  const seen: { input: CommandInput; ctx: CommandContext }[] = [];
  let delayMs = 0;
  beforeAll(() => {
    live.deps.daily = {
      async handle(input, ctx) {
        seen.push({ input, ctx });
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
        if (input.subcommand === 'preview') throw new Error('preview failed');
        return ctx.canManageChannel
          ? { kind: 'notice', title: 'Subscribed', text: `Daily posts at ${String(input.time)} @everyone.` }
          : { kind: 'notice', private: true, title: 'Not allowed', text: 'You need Manage Channels.' };
      },
    };
  });
  afterAll(() => {
    delete live.deps.daily;
    delayMs = 0;
  });

  it('passes the subcommand, its options, and who may manage the channel', async () => {
    await ask('daily', { time: '08:30', timezone: 'Europe/Paris' }, { subcommand: 'subscribe' });
    await ask('daily', { time: '09:00' }, { subcommand: 'subscribe', permissions: MANAGER_PERMISSIONS, userId: IDS.admin });
    await ask('daily', {}, { subcommand: 'status', where: 'dm' });
    expect(seen[0]!.input).toMatchObject({ subcommand: 'subscribe', time: '08:30', timezone: 'Europe/Paris' });
    expect(seen[0]!.ctx).toMatchObject({
      platform: 'discord',
      canManageChannel: false,
      workspaceId: IDS.guild,
      channelId: IDS.channel,
      userId: IDS.member,
    });
    expect(seen[1]!.ctx).toMatchObject({ canManageChannel: true, userId: IDS.admin });
    expect(seen[2]!.input.subcommand).toBe('status');
    expect(seen[2]!.ctx).toMatchObject({ canManageChannel: true, channelId: IDS.dmChannel });
    expect(seen[2]!.ctx.workspaceId).toBeUndefined();
  });

  it('defers a slow answer within the 3 s window, then edits it in', async () => {
    delayMs = DEFER_AFTER_MS * 3;
    const { payload, body } = await ask('daily', { time: '07:00' }, { subcommand: 'subscribe', permissions: MANAGER_PERMISSIONS });
    expect(body.type).toBe(5);
    const edit = await live.double.waitForRequest((r) => r.method === 'PATCH' && live.double.webhookRequests(payload.id).includes(r));
    expect(edit.route).toMatch(/\/messages\/@original$/);
    expect(embedOf(edit.body).title).toBe('Subscribed');
    expect(embedOf(edit.body).description).toContain('@\u200beveryone');
    assertWithinDiscordLimits(edit.body);
  });

  it('a slow private answer after a public deferral is sent privately and the placeholder removed', async () => {
    delayMs = DEFER_AFTER_MS * 3;
    const { payload, body } = await ask('daily', { time: '07:00' }, { subcommand: 'subscribe' });
    expect(body.type).toBe(5);
    const follow = await live.double.waitForRequest((r) => r.method === 'POST' && live.double.webhookRequests(payload.id).includes(r));
    expect(follow.body.flags).toBe(64);
    expect(embedOf(follow.body).title).toBe('Not allowed');
    assertWithinDiscordLimits(follow.body);
    await live.double.waitForRequest((r) => r.method === 'DELETE' && live.double.webhookRequests(payload.id).includes(r));
  });

  it('a slow failure still reaches the user privately with an error id', async () => {
    delayMs = DEFER_AFTER_MS * 3;
    const { payload, body } = await ask('daily', {}, { subcommand: 'preview', permissions: MANAGER_PERMISSIONS });
    expect(body.type).toBe(5);
    const follow = await live.double.waitForRequest((r) => r.method === 'POST' && live.double.webhookRequests(payload.id).includes(r));
    expect(follow.body.flags).toBe(64);
    expect(embedOf(follow.body).footer!.text).toMatch(/Error [A-Z0-9]+/);
  });
});

describe('the connection', () => {
  it('resumes the session after losing the gateway, and keeps answering', async () => {
    const before = live.double.resumes.length;
    live.double.dropConnections(4000);
    const deadline = Date.now() + 8000;
    await until(() => live.double.resumes.length > before, 'a RESUME from the bot', deadline - Date.now());
    expect(live.double.resumes.length).toBe(before + 1);
    expect(live.double.resumes.at(-1)!.session_id).toMatch(/^session-/);
    await until(() => live.double.liveSessions > 0, 'the resumed session to be live', Math.max(0, deadline - Date.now()));
    const { body } = await ask('define', { term: 'dual power' });
    expect(embedOf(body.data).title).toBe('Dual power');
    expect(live.double.identifies).toHaveLength(1); // resumed, not re-identified
  });

  it('heartbeats are acknowledged', () => {
    expect(live.double.frames.some((f) => f.direction === 'in' && f.op === 1)).toBe(true);
    expect(live.double.frames.some((f) => f.direction === 'out' && f.op === 11)).toBe(true);
  });
});

describe('safety across everything sent', () => {
  it('every message and response carried allowed_mentions.parse = [] and stayed within limits', () => {
    const sent = live.double.sentMessages();
    expect(sent.length).toBeGreaterThan(20);
    for (const { body } of sent) {
      if (body.choices) continue; // autocomplete
      assertWithinDiscordLimits(body);
    }
  });

  it('no request left the machine, and the token never reached the log', () => {
    expect(live.bot.client.rest.options.api).toBe(live.double.apiUrl);
    expect(live.bot.client.ws.gateway).toBe(`${live.double.gatewayUrl}/`);
    for (const r of live.double.requests) expect(r.headers.host).toBe(`127.0.0.1:${live.double.port}`);
    expect(live.logText()).not.toContain(live.double.token);
  });
});
