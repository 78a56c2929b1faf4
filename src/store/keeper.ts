// Keeps the store the bot needs for daily posts, without ever letting it take the answers down.
// It opens the store DATABASE_URL names; if that fails (a closed port, a partition, a garbage or
// read-only SQLite file) it says why, keeps trying in the background with growing waits, and
// announces when the store opens. Once open, it follows the store's health from what its
// callers see: a call that fails or times out marks it down (and a probe retries it with the
// same waits); the next call that succeeds marks it up. `status()` is what a readiness check
// reports, and the 'status' event tells whoever listens of every change.
import { EventEmitter } from 'node:events';
import type { Logger } from '../log.js';
import { asStoreError, type StoreError } from './errors.js';
import { GuardedStore } from './guarded.js';
import { describeTarget, openStore, parseDatabaseUrl } from './index.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_QUERY_TIMEOUT_MS, type PostgresTimeouts } from './postgres.js';
import type { Store } from './types.js';

export type StoreState = 'opening' | 'up' | 'down';

export interface StoreStatus {
  state: StoreState;
  /** Since when the store is in this state. */
  since: Date;
  /** Why it is down (safe to show admins: no password). */
  reason?: string;
  /** When it is tried again, while down. */
  retryAt?: Date;
  /** Where the store is, without secrets. */
  location: string;
}

export interface RetryWaits {
  /** First wait after a failure; doubles each time. */
  firstMs: number;
  /** Longest wait. */
  maxMs: number;
}

export interface StoreKeeperOptions {
  databaseUrl: string | undefined;
  log: Logger;
  timeouts?: Partial<PostgresTimeouts>;
  retry?: Partial<RetryWaits>;
}

interface KeeperEvents {
  status: [StoreStatus];
  open: [Store];
}

export class StoreKeeper extends EventEmitter<KeeperEvents> {
  /** The store to hand out: bounded calls to whatever store is open (see GuardedStore). */
  readonly store: GuardedStore;
  private inner: Store | undefined;
  private current: StoreStatus;
  private attempt: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;
  private readonly waits: RetryWaits;
  private readonly timeouts: PostgresTimeouts;
  private readonly location: string;

  constructor(private readonly opts: StoreKeeperOptions) {
    super();
    this.timeouts = {
      connectTimeoutMs: opts.timeouts?.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: opts.timeouts?.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
    };
    this.waits = { firstMs: 1000, maxMs: 60_000, ...opts.retry };
    this.location = describeTarget(parseDatabaseUrl(opts.databaseUrl));
    this.current = { state: 'opening', since: new Date(), location: this.location };
    this.store = new GuardedStore({
      current: () => this.inner,
      opening: () => this.attempt,
      whyDown: () => this.current.reason ?? `${this.location} is not open yet`,
      timeoutMs: this.timeouts.connectTimeoutMs + this.timeouts.queryTimeoutMs,
      onSuccess: () => this.healthy(),
      onFailure: (err) => this.unhealthy(err),
    });
  }

  status(): StoreStatus {
    return { ...this.current };
  }

  /** Opens the store (one attempt); on failure, keeps trying in the background. Resolves
   *  whether it opened; never throws. */
  start(): Promise<boolean> {
    return this.tryOpen().then(() => this.inner !== undefined);
  }

  /** Stops trying and closes the store. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.attempt;
    const inner = this.inner;
    this.inner = undefined;
    await inner?.close().catch((err: unknown) => this.opts.log.warn({ err }, 'error while closing the database'));
  }

  private tryOpen(): Promise<void> {
    this.attempt ??= (async () => {
      try {
        const store = await openStore(this.opts.databaseUrl, this.opts.log, this.timeouts);
        if (this.closed) {
          await store.close();
          return;
        }
        this.inner = store;
        this.failures = 0;
        this.set({ state: 'up', since: new Date(), location: store.location });
        this.emit('open', this.store);
      } catch (err) {
        this.failed(asStoreError(err, 'down'), 'could not open the database');
      } finally {
        this.attempt = undefined;
      }
    })();
    return this.attempt;
  }

  /** Once open, a probe: the cheapest statement, through the guard (so it is bounded and its
   *  outcome lands in healthy()/unhealthy()). */
  private async probe(): Promise<void> {
    await this.store.schemaVersion().catch(() => undefined);
  }

  private healthy(): void {
    if (this.current.state !== 'down' || !this.inner) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.failures = 0;
    this.opts.log.info({ store: this.location }, 'database answering again');
    this.set({ state: 'up', since: new Date(), location: this.location });
  }

  private unhealthy(err: StoreError): void {
    // Not open at all: the opening attempts already say so and retry.
    if (!this.inner || this.closed) return;
    // Already down with a probe due: another caller saw the same.
    if (this.current.state === 'down' && this.timer) return;
    this.failed(err, 'the database stopped answering');
  }

  private failed(err: StoreError, what: string): void {
    if (this.closed) return;
    this.failures++;
    const wait = Math.min(this.waits.maxMs, this.waits.firstMs * 2 ** (this.failures - 1));
    const retryAt = new Date(Date.now() + wait);
    const reason = err.message;
    const changed = this.current.state !== 'down' || this.current.reason !== reason;
    this.set({
      state: 'down',
      since: this.current.state === 'down' ? this.current.since : new Date(),
      reason,
      retryAt,
      location: this.location,
    });
    // Loud the first time, quieter while it stays the same.
    const line = { store: this.location, reason, retryInMs: wait, failures: this.failures };
    if (changed) this.opts.log.error(line, `${what}; daily posts are unavailable until it answers`);
    else this.opts.log.debug(line, `${what} (still)`);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void (this.inner ? this.probe() : this.tryOpen());
    }, wait);
    this.timer.unref();
  }

  private set(status: StoreStatus): void {
    this.current = status;
    this.emit('status', this.status());
  }
}
