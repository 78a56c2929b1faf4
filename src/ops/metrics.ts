// The process's Prometheus metrics, through prom-client. Labels are bounded sets (command names
// from the registry, platforms, outcomes, shard numbers): never user text or user ids, so a
// scrape cannot leak what people asked and the series count stays small.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Outcome } from './outcome.js';

export type MetricPlatform = 'discord' | 'slack' | 'shell';

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

export class Metrics {
  readonly registry = new Registry();
  /** Command names metrics may carry; anything else counts as "other". */
  private readonly knownCommands: ReadonlySet<string>;
  private readonly shardSources = new Set<() => ShardReading[]>();

  readonly commands = new Counter({
    name: 'commonplace_commands_total',
    help: 'Slash commands answered, by command, outcome (answered, notfound, refused, error) and platform.',
    labelNames: ['command', 'outcome', 'platform'] as const,
    registers: [this.registry],
  });
  readonly answerSeconds = new Histogram({
    name: 'commonplace_answer_seconds',
    help: 'Time from receiving a command or button click to the answer being delivered.',
    labelNames: ['command', 'platform', 'via'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    registers: [this.registry],
  });
  readonly autocomplete = new Counter({
    name: 'commonplace_autocomplete_requests_total',
    help: 'Autocomplete requests answered (Discord).',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });
  readonly buttons = new Counter({
    name: 'commonplace_buttons_total',
    help: 'Button clicks and menu choices, by what they asked for and how they ended.',
    labelNames: ['action', 'outcome', 'platform'] as const,
    registers: [this.registry],
  });
  readonly dailyPosts = new Counter({
    name: 'commonplace_daily_posts_total',
    help: 'Daily posts by outcome: sent, failed (gave up, or nothing to post), paused (channel gone), retrying.',
    labelNames: ['outcome', 'platform'] as const,
    registers: [this.registry],
  });
  readonly pagesLoaded = new Gauge({
    name: 'commonplace_pages_loaded',
    help: 'Pages in the wiki as last loaded.',
    registers: [this.registry],
  });
  readonly contentWarnings = new Gauge({
    name: 'commonplace_content_files_skipped',
    help: 'Content files skipped at the last load (each is logged with its path and reason).',
    registers: [this.registry],
  });
  readonly lastReload = new Gauge({
    name: 'commonplace_content_last_load_timestamp_seconds',
    help: 'When the wiki was last loaded or reloaded (Unix time).',
    registers: [this.registry],
  });
  readonly storeErrors = new Counter({
    name: 'commonplace_store_errors_total',
    help: 'Calls to the daily-post store (SQLite or PostgreSQL) that failed, by operation.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  readonly slackAckSeconds = new Histogram({
    name: 'commonplace_slack_ack_seconds',
    help: 'Time to acknowledge a Slack request (Slack shows an error past 3 s).',
    labelNames: ['mode'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [this.registry],
  });
  readonly slackAcksLate = new Counter({
    name: 'commonplace_slack_acks_late_total',
    help: 'Slack requests acknowledged after 3 s (the user saw an error).',
    labelNames: ['mode'] as const,
    registers: [this.registry],
  });

  constructor(opts: { commands?: readonly string[] } = {}) {
    this.knownCommands = new Set(opts.commands ?? []);
    const sources = this.shardSources;
    new Gauge({
      name: 'commonplace_discord_gateway_latency_seconds',
      help: 'Last gateway heartbeat round trip of each Discord shard.',
      labelNames: ['shard'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const read of sources) for (const s of read()) if (s.pingMs >= 0) this.set({ shard: String(s.shard) }, s.pingMs / 1000);
      },
    });
    new Gauge({
      name: 'commonplace_discord_shard_ready',
      help: 'Whether each Discord shard is connected and ready (1) or not (0).',
      labelNames: ['shard'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const read of sources) for (const s of read()) this.set({ shard: String(s.shard) }, s.ready ? 1 : 0);
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

  command(name: string, outcome: Outcome, platform: MetricPlatform, seconds: number, via: 'command' | 'button' = 'command', action?: string): void {
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
