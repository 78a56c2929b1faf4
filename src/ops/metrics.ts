// The process's Prometheus metrics, through prom-client. Labels are bounded sets (command names
// from the registry, platforms, outcomes, shard numbers): never user text or user ids, so a
// scrape cannot leak what people asked and the series count stays small.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Platform } from '../daily/types.js';
import type { Outcome } from './outcome.js';

/** A Discord shard as the adapter sees it at scrape time. */
export interface ShardReading {
  shard: number;
  ready: boolean;
  /** Last heartbeat round trip in milliseconds (-1 before the first). */
  pingMs: number;
}

export interface ContentStats {
  articles: number;
  warnings: number;
}

const counter = <L extends string>(registry: Registry, name: string, labelNames: readonly L[], help: string) =>
  new Counter<L>({ name, help, labelNames, registers: [registry] });
const gauge = <L extends string>(registry: Registry, name: string, labelNames: readonly L[], help: string) =>
  new Gauge<L>({ name, help, labelNames, registers: [registry] });
const histogram = <L extends string>(registry: Registry, name: string, labelNames: readonly L[], buckets: number[], help: string) =>
  new Histogram<L>({ name, help, labelNames, buckets, registers: [registry] });
/** Seconds, around Slack's and Discord's 3 s window. */
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];

export class Metrics {
  readonly registry = new Registry();
  /** Command names metrics may carry; anything else counts as "other". */
  private readonly knownCommands: ReadonlySet<string>;
  private readonly shardSources = new Set<() => ShardReading[]>();

  readonly commands = counter(
    this.registry,
    'commonplace_commands_total',
    ['command', 'outcome', 'platform'] as const,
    'Slash commands answered, by command, outcome (answered, notfound, refused, error) and platform.',
  );
  readonly answerSeconds = histogram(
    this.registry,
    'commonplace_answer_seconds',
    ['command', 'platform', 'via'] as const,
    SECONDS,
    'Time from receiving a command or button click to the answer being delivered.',
  );
  readonly autocomplete = counter(
    this.registry,
    'commonplace_autocomplete_requests_total',
    ['platform'] as const,
    'Autocomplete requests answered (Discord).',
  );
  readonly buttons = counter(
    this.registry,
    'commonplace_buttons_total',
    ['action', 'outcome', 'platform'] as const,
    'Button clicks and menu choices, by what they asked for and how they ended.',
  );
  readonly dailyPosts = counter(
    this.registry,
    'commonplace_daily_posts_total',
    ['outcome', 'platform'] as const,
    'Daily posts by outcome: sent, failed (gave up, or nothing to post), paused (channel gone), retrying.',
  );
  readonly pagesLoaded = gauge(this.registry, 'commonplace_pages_loaded', [] as const, 'Pages in the wiki as last loaded.');
  readonly contentWarnings = gauge(
    this.registry,
    'commonplace_content_files_skipped',
    [] as const,
    'Content files skipped at the last load (each is logged with its path and reason).',
  );
  readonly lastReload = gauge(
    this.registry,
    'commonplace_content_last_load_timestamp_seconds',
    [] as const,
    'When the wiki was last loaded or reloaded (Unix time).',
  );
  readonly storeErrors = counter(
    this.registry,
    'commonplace_store_errors_total',
    ['operation'] as const,
    'Calls to the daily-post store (SQLite or PostgreSQL) that failed, by operation.',
  );
  readonly slackAckSeconds = histogram(
    this.registry,
    'commonplace_slack_ack_seconds',
    ['mode'] as const,
    SECONDS,
    'Time to acknowledge a Slack request (Slack shows an error past 3 s).',
  );
  readonly slackAcksLate = counter(
    this.registry,
    'commonplace_slack_acks_late_total',
    ['mode'] as const,
    'Slack requests acknowledged after 3 s (the user saw an error).',
  );

  constructor(opts: { commands?: readonly string[] } = {}) {
    this.knownCommands = new Set(opts.commands ?? []);
    const sources = this.shardSources;
    // Read from the adapters' shards at each scrape (a shard that went away leaves no series).
    const perShard = (name: string, help: string, value: (s: ShardReading) => number | undefined) =>
      new Gauge({
        name,
        help,
        labelNames: ['shard'] as const,
        registers: [this.registry],
        collect() {
          this.reset();
          for (const read of sources) {
            for (const s of read()) {
              const v = value(s);
              if (v !== undefined) this.set({ shard: String(s.shard) }, v);
            }
          }
        },
      });
    perShard('commonplace_discord_gateway_latency_seconds', 'Last gateway heartbeat round trip of each Discord shard.', (s) =>
      s.pingMs >= 0 ? s.pingMs / 1000 : undefined,
    );
    perShard('commonplace_discord_shard_ready', 'Whether each Discord shard is connected and ready (1) or not (0).', (s) =>
      s.ready ? 1 : 0,
    );
  }

  /** Counts the last-resort handler's catches (unhandled rejections, uncaught exceptions), read at each scrape. */
  watchLastResort(read: () => { unhandledRejections: number; uncaughtExceptions: number }): void {
    new Counter({
      name: 'commonplace_unhandled_errors_total',
      help: 'Errors that escaped every handler: unhandled rejections (logged, the bot keeps serving) and uncaught exceptions (logged, then the process exits to be restarted).',
      labelNames: ['kind'] as const,
      registers: [this.registry],
      collect() {
        const c = read();
        this.reset();
        this.inc({ kind: 'unhandled_rejection' }, c.unhandledRejections);
        this.inc({ kind: 'uncaught_exception' }, c.uncaughtExceptions);
      },
    });
  }

  /** Node's own process metrics (memory, CPU, event loop lag): for the process that serves /metrics. */
  collectProcessMetrics(): this {
    collectDefaultMetrics({ register: this.registry });
    return this;
  }

  /** A bounded label for a command name. */
  commandLabel(name: string): string {
    return this.knownCommands.has(name) ? name : 'other';
  }

  command(
    name: string,
    outcome: Outcome,
    platform: Platform,
    seconds: number,
    via: 'command' | 'button' = 'command',
    action?: string,
  ): void {
    const command = this.commandLabel(name);
    if (via === 'command') this.commands.inc({ command, outcome, platform });
    else this.buttons.inc({ action: action ?? command, outcome, platform });
    this.answerSeconds.observe({ command, platform, via }, seconds);
  }

  contentLoaded(stats: ContentStats, at = new Date()): void {
    this.pagesLoaded.set(stats.articles);
    this.contentWarnings.set(stats.warnings);
    this.lastReload.set(at.getTime() / 1000);
  }

  slackAck(mode: 'http' | 'socket', seconds: number): void {
    this.slackAckSeconds.observe({ mode }, seconds);
    if (seconds > 3) this.slackAcksLate.inc({ mode });
  }

  /** Adds a source of Discord shard readings, read at each scrape; returns its removal. */
  watchShards(read: () => ShardReading[]): () => void {
    this.shardSources.add(read);
    return () => void this.shardSources.delete(read);
  }

  /** The text exposition format, for GET /metrics. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
