import { openStore } from '../store/index.js';
import { DailyScheduler } from './scheduler.js';
import { createDailyService } from './service.js';
export { dailyReply, eligibleArticles } from './post.js';
export { DailyScheduler } from './scheduler.js';
export { createDailyService } from './service.js';
export { ChannelGoneError } from './types.js';
export async function startDaily(opts) {
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
    const service = createDailyService({ store, scheduler, library: opts.library, config: opts.config, log, now: opts.scheduler?.now });
    const posting = (opts.schedule ?? true) && (opts.posters instanceof Map ? opts.posters.size : opts.posters.length) > 0;
    if (posting)
        await scheduler.start();
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
