// /healthz, /readyz and /metrics in every way the bot runs: Discord alone, Slack alone (Socket
// Mode on HEALTH_PORT, HTTP mode on Slack's own port), both in one process, and Discord sharded
// (the manager answers for its shard processes). Each run is `npm start` in a child process
// with the real discord.js client and Bolt app against the local doubles; each test asks the
// endpoints, sends commands through the platform, and reads the counts back.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DiscordDouble, IDS, type InteractionPayload, type SentBody } from '../doubles/discord/double.js';
import { autocomplete, slashCommand } from '../doubles/discord/interactions.js';
import { SlackDouble, type ResponseBody } from '../doubles/slack/double.js';
import { formBody, postSigned, slashCommandPayload } from '../doubles/slack/requests.js';
import { startBotProcess, type BotProcess } from '../helpers/bot-process.js';
import { tempDirs } from '../helpers/temp.js';
import { APP_TOKEN, BOT_TOKEN, freePort, SIGNING_SECRET } from '../slack/support.js';

const temp = tempDirs();
let bot: BotProcess | undefined;
let discord: DiscordDouble | undefined;
let slack: SlackDouble | undefined;

afterEach(async () => {
  if (bot) expect(await bot.stop(), `exit code; stderr:\n${bot.stderr()}`).toBe(0);
  bot = undefined;
  await discord?.close();
  await slack?.close();
  discord = slack = undefined;
});
afterAll(() => temp.removeAll());

async function get(port: number, path: string): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

async function readyz(
  port: number,
): Promise<{ status: number; body: { ready: boolean; checks: Record<string, { ok: boolean; detail: string }> } }> {
  const r = await get(port, '/readyz');
  return { status: r.status, body: JSON.parse(r.text) };
}

/** The value of one series in the Prometheus text, e.g. series(text, 'commonplace_commands_total', { command: 'define' }). */
function series(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || line.startsWith('#')) continue;
    const m = /^([a-z_]+)(\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[4]);
  }
  return undefined;
}

/** /metrics once `name{labels}` has reached `value`: an answer is counted just after it is
 *  delivered, so a scrape right after the double saw the answer may come a moment early. */
async function metricsOnce(port: number, name: string, labels: Record<string, string>, value: number): Promise<string> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const text = (await get(port, '/metrics')).text;
    if ((series(text, name, labels) ?? 0) >= value || Date.now() > deadline) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What no scrape may ever show: the words users typed and their ids. */
function expectNothingPersonal(metrics: string, typed: string[], userIds: string[]): void {
  for (const t of [...typed, ...userIds]) expect(metrics).not.toContain(t);
}

async function discordCommand(double: DiscordDouble, payload: InteractionPayload): Promise<SentBody> {
  double.dispatchInteraction(payload);
  return (await double.waitForCallback(payload.id, 10_000)).body;
}

async function slackCommand(double: SlackDouble, eventsUrl: string, text: string): Promise<ResponseBody> {
  const { url, id } = double.responseUrl();
  const res = await postSigned(eventsUrl, formBody(slashCommandPayload({ command: '/define', text, response_url: url })), SIGNING_SECRET);
  expect(res.status).toBe(200);
  return (await double.waitFor(() => double.responsesTo(id)[0], 10_000, 'answer')).body;
}

describe('Discord only, HEALTH_PORT set', () => {
  it('is alive, ready once the wiki, the store and the gateway are, and counts what it answers', async () => {
    discord = await DiscordDouble.start();
    const port = await freePort();
    bot = await startBotProcess(
      temp,
      { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, HEALTH_PORT: String(port) },
      'daily scheduler started',
    );

    expect(await get(port, '/healthz')).toMatchObject({ status: 200, text: 'ok\n' });
    const ready = await readyz(port);
    expect(ready.status).toBe(200);
    expect(ready.body.ready).toBe(true);
    expect(Object.keys(ready.body.checks).sort()).toEqual(['discord', 'library', 'store']);
    expect(ready.body.checks.discord!.detail).toBe('1 shard(s) connected');
    expect(ready.body.checks.store!.detail).toMatch(/^up \(.*daily\.db\)$/);

    expect((await discordCommand(discord, slashCommand('define', { term: 'dual power' }))).data!.embeds![0]!.title).toBe('Dual power');
    await discordCommand(discord, slashCommand('define', { term: 'zzyzx unknowable' }));
    await discordCommand(discord, slashCommand('daily', { time: '25:99' }, { subcommand: 'subscribe' }));
    await discordCommand(discord, autocomplete('define', 'term', 'dual'));

    await metricsOnce(port, 'commonplace_commands_total', { command: 'daily', outcome: 'refused', platform: 'discord' }, 1);
    const m = await get(port, '/metrics');
    expect(m.status).toBe(200);
    expect(m.type).toContain('text/plain');
    expect(series(m.text, 'commonplace_commands_total', { command: 'define', outcome: 'answered', platform: 'discord' })).toBe(1);
    expect(series(m.text, 'commonplace_commands_total', { command: 'define', outcome: 'notfound', platform: 'discord' })).toBe(1);
    expect(series(m.text, 'commonplace_commands_total', { command: 'daily', outcome: 'refused', platform: 'discord' })).toBe(1);
    expect(series(m.text, 'commonplace_answer_seconds_count', { command: 'define', platform: 'discord', via: 'command' })).toBe(2);
    expect(series(m.text, 'commonplace_autocomplete_requests_total', { platform: 'discord' })).toBe(1);
    expect(series(m.text, 'commonplace_discord_shard_ready', { shard: '0' })).toBe(1);
    expect(series(m.text, 'commonplace_pages_loaded')).toBe(1);
    expect(series(m.text, 'commonplace_content_last_load_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 120);
    expect(series(m.text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expectNothingPersonal(m.text, ['dual power', 'zzyzx', '25:99'], [IDS.owner, IDS.member, IDS.admin]);

    // One line per command at info: command, outcome, latency, platform, guild; never the text at info.
    const lines = bot.logs().filter((l) => l.msg === 'command answered');
    expect(lines.map((l) => [l.command, l.outcome, l.platform, l.workspace])).toEqual([
      ['define', 'answered', 'discord', IDS.guild],
      ['define', 'notfound', 'discord', IDS.guild],
      ['daily', 'refused', 'discord', IDS.guild],
    ]);
    for (const l of lines) {
      expect(typeof l.ms).toBe('number');
      expect(l).not.toHaveProperty('text');
    }

    // Discord gone: the process stays alive but is not ready, and says why.
    await discord.close();
    discord = undefined;
    const down = await untilStatus(port, 503);
    expect(down.body.checks.discord).toMatchObject({ ok: false, detail: 'shard(s) 0 not connected' });
    expect((await get(port, '/healthz')).status).toBe(200);
  }, 60_000);
});

async function untilStatus(port: number, status: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await readyz(port);
    if (r.status === status || Date.now() > deadline) return r;
    await new Promise((res) => setTimeout(res, 100));
  }
}

describe('Slack only', () => {
  it('HTTP mode: /slack/events and the endpoints on one port (PORT), acknowledgements timed', async () => {
    slack = await SlackDouble.start({ botToken: BOT_TOKEN });
    const port = await freePort();
    bot = await startBotProcess(
      temp,
      {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        LOG_LEVEL: 'debug',
      },
      'daily scheduler started',
    );

    expect((await get(port, '/healthz')).status).toBe(200);
    const ready = await readyz(port);
    expect(ready.body).toMatchObject({
      ready: true,
      checks: { slack: { ok: true, detail: `HTTP mode on port ${port}` }, library: { ok: true }, store: { ok: true } },
    });
    expect((await get(port, '/elsewhere')).status).toBe(404);

    const answer = await slackCommand(slack, `http://127.0.0.1:${port}/slack/events`, 'dual power');
    expect(JSON.stringify(answer.blocks)).toContain('Dual power');

    const m = await metricsOnce(port, 'commonplace_commands_total', { command: 'define', outcome: 'answered', platform: 'slack' }, 1);
    expect(series(m, 'commonplace_commands_total', { command: 'define', outcome: 'answered', platform: 'slack' })).toBe(1);
    expect(series(m, 'commonplace_slack_ack_seconds_count', { mode: 'http' })).toBe(1);
    expect(series(m, 'commonplace_slack_acks_late_total', { mode: 'http' }) ?? 0).toBe(0);
    expectNothingPersonal(m, ['dual power'], ['U0ASKER', 'U0TEST']);

    // At debug the command's line carries what was typed; the team id is there at any level.
    const line = bot.logs().find((l) => l.msg === 'command answered');
    expect(line).toMatchObject({ command: 'define', outcome: 'answered', platform: 'slack', workspace: 'T0TEST', text: 'dual power' });
  }, 60_000);

  it('Socket Mode: the endpoints on HEALTH_PORT, ready while the socket is connected', async () => {
    slack = await SlackDouble.start({ botToken: BOT_TOKEN, appToken: APP_TOKEN });
    const port = await freePort();
    bot = await startBotProcess(
      temp,
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: slack.apiUrl, HEALTH_PORT: String(port) },
      'daily scheduler started',
    );

    const ready = await readyz(port);
    expect(ready.body).toMatchObject({ ready: true, checks: { slack: { ok: true, detail: 'Socket Mode connected' } } });
    const { url, id } = slack.responseUrl();
    slack.sendEnvelope('slash_commands', slashCommandPayload({ command: '/define', text: 'dual power', response_url: url }));
    await slack.waitFor(() => slack!.responsesTo(id)[0], 10_000, 'answer');
    const m = await metricsOnce(port, 'commonplace_commands_total', { command: 'define', outcome: 'answered', platform: 'slack' }, 1);
    expect(series(m, 'commonplace_commands_total', { command: 'define', outcome: 'answered', platform: 'slack' })).toBe(1);
    expect(series(m, 'commonplace_slack_ack_seconds_count', { mode: 'socket' })).toBe(1);
  }, 60_000);
});

describe('Discord and Slack in one process', () => {
  it('serves the endpoints on Slack HTTP mode port, with every check', async () => {
    discord = await DiscordDouble.start();
    slack = await SlackDouble.start({ botToken: BOT_TOKEN });
    const port = await freePort();
    bot = await startBotProcess(
      temp,
      {
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
      },
      'daily scheduler started',
    );
    const ready = await readyz(port);
    expect(ready.status).toBe(200);
    expect(Object.keys(ready.body.checks).sort()).toEqual(['discord', 'library', 'slack', 'store']);
    await discordCommand(discord, slashCommand('quote', { name: 'Kropotkin' }));
    await slackCommand(slack, `http://127.0.0.1:${port}/slack/events`, 'dual power');
    await metricsOnce(port, 'commonplace_commands_total', { command: 'quote', platform: 'discord' }, 1);
    const m = await metricsOnce(port, 'commonplace_commands_total', { command: 'define', platform: 'slack' }, 1);
    expect(series(m, 'commonplace_commands_total', { command: 'quote', platform: 'discord' })).toBe(1);
    expect(series(m, 'commonplace_commands_total', { command: 'define', platform: 'slack' })).toBe(1);
  }, 60_000);
});

describe('Discord sharded', () => {
  it('the manager reports its shard processes: readiness per shard, their metrics summed', async () => {
    discord = await DiscordDouble.start({ heartbeatInterval: 250 }); // a heartbeat soon, for a latency reading
    const port = await freePort();
    // Shard 1 of 2 on this machine: one child process, whose shard id shows in the labels.
    bot = await startBotProcess(
      temp,
      { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, SHARD_COUNT: '2', SHARD_IDS: '1', HEALTH_PORT: String(port) },
      'Discord: shards running',
      60_000,
    );
    const ready = await untilStatus(port, 200, 20_000);
    expect(ready.status).toBe(200);
    expect(ready.body.checks['shard 1']).toMatchObject({ ok: true });
    expect(ready.body.checks['shard 1']!.detail).toContain('1 shard(s) connected');

    await discordCommand(discord, slashCommand('define', { term: 'dual power' }));
    await new Promise((r) => setTimeout(r, 600)); // a heartbeat or two, for the latency reading
    const m = await metricsOnce(port, 'commonplace_commands_total', { command: 'define', outcome: 'answered', platform: 'discord' }, 1);
    expect(series(m, 'commonplace_commands_total', { command: 'define', outcome: 'answered', platform: 'discord' }), m).toBe(1);
    expect(series(m, 'commonplace_discord_shard_ready', { shard: '1' }), m).toBe(1);
    expect(series(m, 'commonplace_discord_gateway_latency_seconds', { shard: '1' }), m).toBeGreaterThanOrEqual(0);
  }, 90_000);
});
