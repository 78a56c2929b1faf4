// A daily scheduler instance as the bot runs it, with the insights digest feed, on a fake clock:
// two of them over one database stand for two instances of the bot.
import { DailyScheduler } from '../../src/daily/scheduler.js';
import type { DailyPoster } from '../../src/daily/types.js';
import { insightsDigest } from '../../src/insights/service.js';
import type { Library } from '../../src/library/library.js';
import type { Store } from '../../src/store/types.js';
import type { FakeClock } from '../daily/fixture.js';
import { silentLog } from '../store/factory.js';
import { CHAT_PLATFORMS } from '../../adapters/platforms.js';

export function digestScheduler(
  store: Store,
  instanceId: string,
  clock: FakeClock,
  poster: DailyPoster,
  library: () => Library,
): DailyScheduler {
  return new DailyScheduler({
    store,
    library,
    posters: [poster],
    log: silentLog,
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    instanceId,
    catchupHours: 12,
    categories: [],
    feeds: { insights: insightsDigest(store, 90, CHAT_PLATFORMS) },
  });
}
