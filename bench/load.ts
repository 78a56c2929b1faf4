// `npm run bench -- --load`: how many commands one bot process answers, and how fast, through
// the platforms' own paths. The bot runs as `npm start` would (a child process, the real Bolt
// app in Slack's HTTP mode and the real discord.js client) against the local API doubles of
// test/doubles; this process is the load generator: signed Slack slash commands POSTed to
// /slack/events, and Discord INTERACTION_CREATE events sent down the double's gateway, at a
// fixed rate with at most `concurrency` in flight. For each step it reports the achieved rate,
// p50/p99/max of the acknowledgement (Slack: the HTTP response to its POST; Discord: the
// interaction callback, which must come within 3 s) and of the delivered answer, how many
// missed Slack's 3 s, and the bot's memory. The bot is measured after a warm start (its parse
// cache filled by a first start). The generator shares the machine with the bot.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiscordDouble } from '../test/doubles/discord/double.js';
import { slashCommand } from '../test/doubles/discord/interactions.js';
import { SlackDouble } from '../test/doubles/slack/double.js';
import { formBody, signature, slashCommandPayload } from '../test/doubles/slack/requests.js';

export interface LoadOptions {
  /** The wiki the bot loads. */
  content: string;
  /** A folder for the bot's cache and database. */
  work: string;
  platforms: ('slack' | 'discord')[];
  /** Commands per second, one step each. */
  rates: number[];
  /** Most requests in flight at once, from the generator. */
  concurrency: number;
  /** Seconds per step. */
  seconds: number;
}

export interface StepResult {
  platform: 'slack' | 'discord';
  rate: number;
  achieved: number;
  sent: number;
  /** Acknowledged (Slack: HTTP 200; Discord: the interaction callback arrived). */
  acked: number;
  answered: number;
  ack: Percentiles;
  answer: Percentiles;
  /** Acknowledged after 3 s, or never. */
  late: number;
  rssMb: number;
  /** The bot's CPU time (user + system) per command during the step: steadier than latency on a busy machine. */
  cpuMsPerCommand: number;
  /** The same for this process, the load generator and the API doubles. */
  generatorCpuMsPerCommand: number;
}

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

const SECRET = 'load-test-signing-secret';
const BOT_TOKEN = 'xoxb-load-test';
const WINDOW_MS = 3_000;
const here = fileURLToPath(import.meta.url);

export function percentiles(xs: number[]): Percentiles {
  if (!xs.length) return { p50: NaN, p99: NaN, max: NaN };
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: at(0.5), p99: at(0.99), max: s[s.length - 1]! };
}

/** Titles from the page files' names (as the bot reads them when there is no front matter title). */
async function queriesFrom(dir: string): Promise<{ command: string; text: string }[]> {
  const titles = (await readdir(dir, { recursive: true }))
    .filter((f) => f.endsWith('.md') && path.basename(f) !== 'README.md')
    .map((f) => path.basename(f, '.md').replace(/_/g, ' '));
  const words = titles.flatMap((t) => t.split(' ')).filter((w) => w.length > 3);
  const out: { command: string; text: string }[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = titles[(i * 7919) % titles.length]!;
    const w = words[(i * 104729) % words.length] ?? t;
    const kind = i % 4;
    out.push(
      kind === 0
        ? { command: 'define', text: t }
        : kind === 1
          ? { command: 'quote', text: w }
          : kind === 2
            ? { command: 'related', text: t }
            : { command: 'search', text: `${w} ${words[(i * 31) % words.length] ?? ''}`.trim() },
    );
  }
  return out;
}

/** A process's CPU time so far, user + system, in milliseconds (Linux /proc; NaN elsewhere). */
async function cpuMsOf(pid: number): Promise<number> {
  try {
    const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    // Fields 14 and 15 (utime, stime), counted from the state field (3), in clock ticks of 1/100 s (Linux's USER_HZ).
    return ((Number(stat[11]) + Number(stat[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

function generatorMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

/** Resident memory of a process, now and at its peak (Linux /proc). */
async function memoryOf(pid: number): Promise<{ rssMb: number; peakMb: number }> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return { rssMb: NaN, peakMb: NaN };
  }
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const s = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => s.once('listening', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** The bot as `npm start` runs it: dist/adapters/main.js, or adapters/main.ts through tsx from source. */
function startBot(env: Record<string, string>): ChildProcess {
  const fromSource = here.endsWith('.ts');
  const main = path.resolve(path.dirname(here), '..', 'adapters', fromSource ? 'main.ts' : 'main.js');
  const args = fromSource ? ['--import', import.meta.resolve('tsx'), main] : [main];
  return spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

async function untilReady(port: number, bot: ChildProcess, stderr: () => string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (bot.exitCode !== null) throw new Error(`the bot exited (${bot.exitCode}):\n${stderr()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the bot was not ready within ${timeoutMs / 1000} s:\n${stderr()}`);
}

/** Sends `rate` requests a second for `seconds`, at most `concurrency` in flight; `send` resolves
 *  when acknowledged. `ms` is how long the sending took (the last send's start plus one interval):
 *  longer than `seconds` when the cap held sends back. */
async function drive(
  rate: number,
  seconds: number,
  concurrency: number,
  send: (i: number) => Promise<void>,
): Promise<{ sent: number; ms: number }> {
  const total = Math.max(1, Math.round(rate * seconds));
  const t0 = performance.now();
  let inFlight = 0;
  let freed: (() => void) | undefined;
  const all: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    while (inFlight >= concurrency) await new Promise<void>((r) => (freed = r));
    inFlight++;
    all.push(
      send(i).finally(() => {
        inFlight--;
        freed?.();
        freed = undefined;
      }),
    );
  }
  const ms = performance.now() - t0 + 1000 / rate;
  await Promise.all(all);
  return { sent: total, ms };
}

async function slackStep(
  url: string,
  double: SlackDouble,
  queries: { command: string; text: string }[],
  rate: number,
  opts: LoadOptions,
  pid: number,
): Promise<StepResult> {
  double.reset();
  const cpu0 = await cpuMsOf(pid);
  const gen0 = process.cpuUsage();
  const sentAt = new Map<string, number>();
  const acks: number[] = [];
  let acked = 0;
  let late = 0;
  const { sent, ms } = await drive(rate, opts.seconds, opts.concurrency, async (i) => {
    const q = queries[i % queries.length]!;
    const { url: responseUrl, id } = double.responseUrl();
    const body = formBody(slashCommandPayload({ command: `/${q.command}`, text: q.text, response_url: responseUrl }));
    const ts = Math.floor(Date.now() / 1000);
    const t = performance.now();
    sentAt.set(id, Date.now());
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': signature(SECRET, ts, body),
        },
        body,
      });
      await res.arrayBuffer();
      const took = performance.now() - t;
      acks.push(took);
      if (res.status === 200) acked++;
      if (res.status !== 200 || took > WINDOW_MS) late++;
    } catch {
      late++;
    }
  });
  // Answers go to the response_url after the acknowledgement: give the last ones time to land.
  const deadline = Date.now() + 10_000;
  while (double.responses.length < acked && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const answers = double.responses.map((r) => r.at - (sentAt.get(r.id) ?? r.at));
  const mem = await memoryOf(pid);
  const cpuMsPerCommand = ((await cpuMsOf(pid)) - cpu0) / sent;
  const generatorCpuMsPerCommand = generatorMs(gen0) / sent;
  return {
    generatorCpuMsPerCommand,
    platform: 'slack',
    rate,
    achieved: (sent * 1000) / ms,
    sent,
    acked,
    answered: double.responses.length,
    ack: percentiles(acks),
    answer: percentiles(answers),
    late,
    rssMb: mem.rssMb,
    cpuMsPerCommand,
  };
}

async function discordStep(
  double: DiscordDouble,
  queries: { command: string; text: string }[],
  rate: number,
  opts: LoadOptions,
  pid: number,
): Promise<StepResult> {
  double.requests.length = 0;
  const cpu0 = await cpuMsOf(pid);
  const gen0 = process.cpuUsage();
  const waiting = new Map<string, { t: number; done: () => void }>();
  const acks: number[] = [];
  const onRequest = (r: { method: string; route: string }) => {
    const m = r.method === 'POST' ? /^\/interactions\/(\d+)\/[^/]+\/callback$/.exec(r.route) : null;
    const w = m && waiting.get(m[1]!);
    if (!w) return;
    acks.push(performance.now() - w.t);
    waiting.delete(m[1]!);
    w.done();
  };
  double.on('request', onRequest);
  let late = 0;
  const { sent, ms } = await drive(rate, opts.seconds, opts.concurrency, (i) => {
    const q = queries[i % queries.length]!;
    const option = q.command === 'quote' ? 'name' : q.command === 'search' ? 'text' : 'term';
    const payload = slashCommand(q.command, { [option]: q.text });
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(payload.id);
        late++;
        resolve();
      }, 30_000);
      waiting.set(payload.id, {
        t: performance.now(),
        done: () => {
          clearTimeout(timer);
          resolve();
        },
      });
      double.dispatchInteraction(payload);
    });
  });
  double.off('request', onRequest);
  late += acks.filter((a) => a > WINDOW_MS).length;
  const mem = await memoryOf(pid);
  const cpuMsPerCommand = ((await cpuMsOf(pid)) - cpu0) / sent;
  const generatorCpuMsPerCommand = generatorMs(gen0) / sent;
  // A command answered at once is answered by its callback: the answer is the acknowledgement.
  return {
    generatorCpuMsPerCommand,
    platform: 'discord',
    rate,
    achieved: (sent * 1000) / ms,
    sent,
    acked: acks.length,
    answered: acks.length,
    ack: percentiles(acks),
    answer: percentiles(acks),
    late,
    rssMb: mem.rssMb,
    cpuMsPerCommand,
  };
}

export async function runLoad(opts: LoadOptions, print: (line: string) => void): Promise<{ steps: StepResult[]; peakMb: number }> {
  const slack = opts.platforms.includes('slack') ? await SlackDouble.start({ botToken: BOT_TOKEN }) : undefined;
  const discord = opts.platforms.includes('discord') ? await DiscordDouble.start({ heartbeatInterval: 41_250 }) : undefined;
  const port = await freePort();
  const env: Record<string, string> = {
    CONTENT_DIR: opts.content,
    CACHE_DIR: path.join(opts.work, 'cache'),
    DATABASE_URL: path.join(opts.work, 'daily.db'),
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    HEALTH_PORT: String(port),
    ...(slack ? { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, PORT: String(port) } : {}),
    ...(discord ? { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl } : {}),
  };
  let stderr = '';
  const launch = async () => {
    const child = startBot(env);
    child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-20_000)));
    await untilReady(port, child, () => stderr);
    return child;
  };
  // The first start parses the wiki and fills the cache; the measured bot starts warm from it, as
  // a bot restarted over unchanged pages does, without the cold start's garbage in its heap.
  const cold = await launch();
  cold.kill('SIGTERM');
  await new Promise((r) => (cold.exitCode !== null ? r(undefined) : cold.once('exit', r)));
  const bot = await launch();
  const steps: StepResult[] = [];
  try {
    const queries = await queriesFrom(opts.content);
    const line = (r: StepResult) =>
      `${r.platform.padEnd(8)} ${String(r.rate).padStart(6)}/s ${r.achieved.toFixed(0).padStart(6)}/s ${String(r.sent).padStart(6)} ` +
      `${fmt(r.ack)}  ${fmt(r.answer)}  ${String(r.late).padStart(5)}  ${String(r.sent - r.answered).padStart(5)}  ${String(r.rssMb).padStart(5)} MB  ${r.cpuMsPerCommand.toFixed(2).padStart(6)} (generator ${r.generatorCpuMsPerCommand.toFixed(2)})`;
    print(
      `platform   target  achieved   sent   ack p50 / p99 / max ms        answer p50 / p99 / max ms     >3 s  unanswered  bot RSS   CPU ms/cmd`,
    );
    for (const platform of opts.platforms) {
      // A warm-up, not counted (5 s at 50/s): the first commands run before V8 has compiled their code.
      if (platform === 'slack')
        await slackStep(`http://127.0.0.1:${port}/slack/events`, slack!, queries, 50, { ...opts, seconds: 5 }, bot.pid!);
      else await discordStep(discord!, queries, 50, { ...opts, seconds: 5 }, bot.pid!);
      for (const rate of opts.rates) {
        const r =
          platform === 'slack'
            ? await slackStep(`http://127.0.0.1:${port}/slack/events`, slack!, queries, rate, opts, bot.pid!)
            : await discordStep(discord!, queries, rate, opts, bot.pid!);
        steps.push(r);
        print(line(r));
      }
    }
    const peakMb = (await memoryOf(bot.pid!)).peakMb;
    return { steps, peakMb };
  } finally {
    bot.kill('SIGTERM');
    await new Promise((r) => (bot.exitCode !== null ? r(undefined) : bot.once('exit', r)));
    await slack?.close();
    await discord?.close();
  }
}

function fmt(p: Percentiles): string {
  const n = (x: number) => (Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(1) : x.toFixed(0));
  return `${n(p.p50).padStart(7)} / ${n(p.p99).padStart(7)} / ${n(p.max).padStart(7)}`;
}

/** The highest step that kept up: achieved ≥ 95% of its rate, nothing late or unanswered, p99 acknowledgement under 3 s. */
export function sustained(steps: StepResult[], platform: 'slack' | 'discord'): StepResult | undefined {
  return steps
    .filter((s) => s.platform === platform && s.achieved >= 0.95 * s.rate && s.late === 0 && s.answered === s.sent && s.ack.p99 < WINDOW_MS)
    .sort((a, b) => b.rate - a.rate)[0];
}
