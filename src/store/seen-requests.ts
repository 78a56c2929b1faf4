// Which signed requests were already answered, to drop a replay: a valid request captured and
// sent again within the platform's five-minute window carries the same signature. Kept in
// memory for this instance, and in the Store when it is PostgreSQL, which several instances
// share (behind a load balancer a replay may reach another instance). The shared check is
// bounded: a database that is slow or down must not hold up an acknowledgement due within
// seconds, so then this instance's memory decides alone.
import { LRUCache } from 'lru-cache';
import type { Logger } from '../log.js';
import { bounded } from './guarded.js';
import type { Store } from './types.js';

export interface SeenRequestsOptions {
  /** The shared store, if any (read at each check: it may open later). */
  store?: () => Store | undefined;
  /** How long after its timestamp a request could still be accepted: keep it that long. */
  windowMs: number;
  /** Longest wait for the shared store before memory decides (default 500 ms). */
  storeWaitMs?: number;
  log?: Logger;
  /** Most keys kept in memory (default 200,000: five minutes at ~650 requests a second). */
  max?: number;
}

export class SeenRequests {
  private readonly memory: LRUCache<string, true>;

  constructor(private readonly opts: SeenRequestsOptions) {
    this.memory = new LRUCache({ max: opts.max ?? 200_000, ttl: opts.windowMs, ttlAutopurge: false });
  }

  /** True the first time `key` (a request signature, with its timestamp) is seen; false for a replay. */
  async firstSighting(key: string, timestampMs: number, now = Date.now()): Promise<boolean> {
    if (this.memory.has(key)) return false;
    const expiresAt = timestampMs + this.opts.windowMs;
    this.memory.set(key, true, { ttl: Math.max(1000, expiresAt - now) });
    const store = this.opts.store?.();
    if (store?.kind !== 'postgres') return true;
    try {
      const wait = this.opts.storeWaitMs ?? 500;
      return await bounded(
        store.firstSighting(key, new Date(expiresAt), new Date(now)),
        wait,
        () => new Error(`no answer within ${wait} ms`),
      );
    } catch (err) {
      this.opts.log?.debug(
        { err: { message: (err as Error).message } },
        'replay check: the shared store did not answer; this instance decided alone',
      );
      return true;
    }
  }
}
