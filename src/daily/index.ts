// Daily posts for the composition root: open the store, start the scheduler with the
// platforms' posters, and hand the service to the commands (`deps.daily`).
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../ops/metrics.js';
import { notOk, ok, type CheckResult } from '../ops/readiness.js';
import { instrumentStore } from '../ops/store-metrics.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import type { DailyLibrary } from './post.js';
import { DailyScheduler, type DailySchedulerOptions } from './scheduler.js';
import { createDailyService, type DailyService } from './service.js';
import type { DailyPoster } from './types.js';

export type { DailyPoster } from './types.js';

export interface DailyRuntime {
  store: Store;
  scheduler: DailyScheduler;
  /** For CommandDeps.daily. */
  service: DailyService;
  /** Whether the store answers now (for /readyz). The seam where a store that reports its
   *  own state (down, retrying) would answer instead of a ping. */
  health(): Promise<CheckResult>;
  /** Stops the scheduler (waiting for a post in flight) and closes the store. */
  stop(): Promise<void>;
}

export interface StartDailyOptions {
  config: Pick<Config, 'DATABASE_URL' | 'DAILY_DEFAULT_TZ' | 'DAILY_CATEGORIES' | 'DAILY_CATCHUP_HOURS'>;
  /** Read at each post and command, so a content reload is picked up. */
  library: () => DailyLibrary;
  /** The platforms this process posts to. With none (the shell), nothing is posted, but /daily preview works. */
  posters: readonly DailyPoster[];
  log: Logger;
  /** Names this process in claims (default: random). */
  instanceId?: string;
  /** Start the scheduler (default true; false: commands only). */
  schedule?: boolean;
  /** Extra scheduler options (clock, timers, lease) for tests. */
  scheduler?: Partial<DailySchedulerOptions>;
  /** Counts posts by outcome and the store's errors. */
  metrics?: Metrics;
}

export async function startDaily(opts: StartDailyOptions): Promise<DailyRuntime> {
  const log = opts.log.child({ module: 'daily' });
  const opened = await openStore(opts.config.DATABASE_URL, log);
  const store = opts.metrics ? instrumentStore(opened, opts.metrics) : opened;
  const metrics = opts.metrics;
  const scheduler = new DailyScheduler({
    store,
    library: opts.library,
    posters: opts.posters,
    log,
    catchupHours: opts.config.DAILY_CATCHUP_HOURS,
    categories: opts.config.DAILY_CATEGORIES,
    instanceId: opts.instanceId,
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
    config: opts.config,
    log,
    now: opts.scheduler?.now,
  });
  const posting = (opts.schedule ?? true) && opts.posters.length > 0;
  if (posting) await scheduler.start();
  let closed = false;
  return {
    store,
    scheduler,
    service,
    async health() {
      if (closed) return notOk('closed');
      const version = await store.schemaVersion();
      return ok(`${store.kind} (${store.location}), schema ${version}`);
    },
    async stop() {
      if (closed) return;
      closed = true;
      await scheduler.stop();
      await store.close();
      log.info({ store: store.kind }, 'store closed');
    },
  };
}
