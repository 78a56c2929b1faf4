// Daily posts for the composition root: keep the store (see StoreKeeper: a store that cannot be
// opened never stops the bot, it is retried in the background), start the scheduler with the
// platforms' posters once the store opens, and hand the service to the commands (`deps.daily`).
import type { Config } from '../config.js';
import { InsightsRecorder } from '../insights/recorder.js';
import { createInsightsService, insightsDigest, type InsightsService } from '../insights/service.js';
import type { Logger } from '../log.js';
import type { PlatformProfile } from '../platform.js';
import type { Metrics } from '../ops/metrics.js';
import { notOk, ok, type CheckResult } from '../ops/readiness.js';
import { instrumentStore } from '../ops/store-metrics.js';
import { StoreKeeper, type RetryWaits, type StoreStatus } from '../store/keeper.js';
import type { Store } from '../store/types.js';
import type { DailyLibrary } from './post.js';
import { DailyScheduler, type DailySchedulerOptions } from './scheduler.js';
import { createDailyService, type DailyService } from './service.js';
import type { DailyPoster } from './types.js';

export type { DailyPoster } from './types.js';
export type { StoreStatus } from '../store/keeper.js';

export interface DailyRuntime {
  /** The store, every call bounded; while the database is down a call fails at once with a StoreError. */
  store: Store;
  scheduler: DailyScheduler;
  /** For CommandDeps.daily. */
  service: DailyService;
  /** For CommandDeps.insights. */
  insights: InsightsService;
  /** For CommandDeps.observe: counts commands for the insights (written in batches). */
  recorder: InsightsRecorder;
  /** The store's health for readiness checks: 'opening', 'up', or 'down' with the reason and the next try. */
  storeStatus(): StoreStatus;
  /** Calls `listener` on every change of storeStatus(); returns the function that stops it. */
  onStoreStatus(listener: (status: StoreStatus) => void): () => void;
  /** storeStatus() as a readiness check (for /readyz). */
  health(): CheckResult;
  /** Stops the scheduler (waiting for a post in flight), writes the counts held and closes the store. */
  stop(): Promise<void>;
}

export interface StartDailyOptions {
  config: Pick<Config, 'DATABASE_URL' | 'DAILY_DEFAULT_TZ' | 'DAILY_CATEGORIES' | 'DAILY_CATCHUP_HOURS'> &
    Partial<Pick<Config, 'DATABASE_CONNECT_TIMEOUT_MS' | 'DATABASE_QUERY_TIMEOUT_MS' | 'INSIGHTS_DAYS'>>;
  /** Read at each post and command, so a content reload is picked up. */
  library: () => DailyLibrary;
  /** The platforms this process posts to. With none (the shell), nothing is posted, but /daily preview works. */
  posters: readonly DailyPoster[];
  /** Every chat platform the bot has an adapter for (adapters/platforms.ts), as users are told of them. */
  profiles: readonly PlatformProfile[];
  log: Logger;
  /** Names this process in claims (default: random). */
  instanceId?: string;
  /** Start the scheduler (default true; false: commands only). */
  schedule?: boolean;
  /** Wait for the first attempt to open the store, and for the scheduler's first round when it
   *  opens (default true). With false, resolves at once: /daily waits for the opening, within
   *  its time limit. Either way a store that does not open is retried in the background. */
  waitForStore?: boolean;
  /** Waits between attempts to open the store (default 1 s doubling to 60 s). */
  storeRetry?: Partial<RetryWaits>;
  /** Extra scheduler options (clock, timers, lease) for tests. */
  scheduler?: Partial<DailySchedulerOptions>;
  /** Write insights counts every so often (and prune past INSIGHTS_DAYS); default false (the
   *  terminal counts nothing). */
  recordInsights?: boolean;
  /** Counts posts by outcome and the store's errors. */
  metrics?: Metrics;
}

export async function startDaily(opts: StartDailyOptions): Promise<DailyRuntime> {
  const log = opts.log.child({ module: 'daily' });
  const keeper = new StoreKeeper({
    databaseUrl: opts.config.DATABASE_URL,
    log,
    timeouts: { connectTimeoutMs: opts.config.DATABASE_CONNECT_TIMEOUT_MS, queryTimeoutMs: opts.config.DATABASE_QUERY_TIMEOUT_MS },
    retry: opts.storeRetry,
  });
  const metrics = opts.metrics;
  const store = metrics ? instrumentStore(keeper.store, metrics) : keeper.store;
  const keepDays = opts.config.INSIGHTS_DAYS ?? 90;
  const scheduler = new DailyScheduler({
    store,
    library: opts.library,
    posters: opts.posters,
    log,
    catchupHours: opts.config.DAILY_CATCHUP_HOURS,
    categories: opts.config.DAILY_CATEGORIES,
    instanceId: opts.instanceId,
    feeds: { insights: insightsDigest(store, keepDays, opts.profiles) },
    onTick: metrics
      ? (result) => {
          for (const outcome of ['sent', 'failed', 'paused', 'retrying'] as const) {
            for (const nonce of result[outcome]) metrics.dailyPosts.inc({ outcome, platform: nonce.slice(0, nonce.indexOf(':')) });
          }
        }
      : undefined,
    ...opts.scheduler,
  });
  const service = createDailyService({
    store,
    scheduler,
    library: opts.library,
    platforms: opts.posters.map((p) => p.platform),
    profiles: opts.profiles,
    config: opts.config,
    log,
    now: opts.scheduler?.now,
    storeStatus: () => keeper.status(),
  });
  const insightsConfig = { DAILY_DEFAULT_TZ: opts.config.DAILY_DEFAULT_TZ, INSIGHTS_DAYS: keepDays };
  const insights = createInsightsService({
    store,
    scheduler,
    platforms: opts.posters.map((p) => p.platform),
    profiles: opts.profiles,
    config: insightsConfig,
    log,
    now: opts.scheduler?.now,
  });
  const recorder = new InsightsRecorder({ store, log: opts.log.child({ module: 'insights' }), keepDays, now: opts.scheduler?.now });
  if (opts.recordInsights) recorder.start();
  const posting = (opts.schedule ?? true) && opts.posters.length > 0;
  // The scheduler starts when the store opens: now, or after any number of retries.
  let firstRound: Promise<unknown> | undefined;
  keeper.once('open', () => {
    if (posting) firstRound = scheduler.start().catch((err: unknown) => log.error({ err }, 'daily scheduler failed to start'));
  });
  const opened = keeper.start();
  if (opts.waitForStore ?? true) {
    await opened;
    await firstRound;
  }
  return {
    store,
    scheduler,
    service,
    insights,
    recorder,
    storeStatus: () => keeper.status(),
    onStoreStatus(listener) {
      keeper.on('status', listener);
      return () => keeper.off('status', listener);
    },
    health: () => storeCheck(keeper.status()),
    async stop() {
      await scheduler.stop();
      await recorder.stop();
      await keeper.close();
      log.info({ location: keeper.status().location }, 'store closed');
    },
  };
}

/** The store's state as a readiness check: up, opening, or down with the reason and the next try. */
export function storeCheck(status: StoreStatus): CheckResult {
  if (status.state === 'up') return ok(`up (${status.location})`);
  if (status.state === 'opening') return notOk(`opening (${status.location})`);
  const retry = status.retryAt ? `; next try ${status.retryAt.toISOString()}` : '';
  return notOk(`store down: ${status.reason ?? 'unknown'}${retry}`);
}
