// Daily posts for the composition root: open the store, start the scheduler with the
// platforms' posters, and hand the service to the commands (`deps.daily`).
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
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
}

export async function startDaily(opts: StartDailyOptions): Promise<DailyRuntime> {
  const log = opts.log.child({ module: 'daily' });
  const store = await openStore(opts.config.DATABASE_URL, log);
  const scheduler = new DailyScheduler({
    store,
    library: opts.library,
    posters: opts.posters,
    log,
    catchupHours: opts.config.DAILY_CATCHUP_HOURS,
    categories: opts.config.DAILY_CATEGORIES,
    instanceId: opts.instanceId,
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
  return {
    store,
    scheduler,
    service,
    async stop() {
      await scheduler.stop();
      await store.close();
    },
  };
}
