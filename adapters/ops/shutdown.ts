// A graceful stop, the same for the bot process and each shard process: say "not ready" (load
// balancers stop sending), let the scheduler finish the post it is sending, wait for answers in
// flight (up to a timeout), disconnect the platforms, close the store, close the HTTP servers.
import type { DailyRuntime } from '../../src/daily/index.js';
import type { Logger } from '../../src/log.js';
import type { Observer } from '../../src/ops/observe.js';
import type { Readiness } from '../../src/ops/readiness.js';

/** How long a shutdown waits for answers in flight before it disconnects anyway. */
export const DRAIN_TIMEOUT_MS = 10_000;

export interface Stoppable {
  readiness: Readiness;
  observer: Observer;
  /** Disconnects, in order (Slack, Discord, shard processes). */
  platforms: (() => Promise<void>)[];
  daily?: DailyRuntime;
  servers: { close(): Promise<void> }[];
}

export async function gracefulStop(parts: Stoppable, log: Logger, drainMs = DRAIN_TIMEOUT_MS): Promise<void> {
  parts.readiness.shuttingDown();
  await parts.daily?.scheduler.stop().catch((err: unknown) => log.warn({ err }, 'error while stopping the scheduler'));
  const { drained, left } = await parts.observer.drain(drainMs);
  if (!drained) log.warn({ left, waitedMs: drainMs }, 'stopping with answers still in flight');
  for (const stop of parts.platforms) await stop().catch((err: unknown) => log.warn({ err }, 'error while disconnecting'));
  await parts.daily?.stop().catch((err: unknown) => log.warn({ err }, 'error while closing the store'));
  await Promise.allSettled(parts.servers.map((s) => s.close()));
}

/** Runs `gracefulStop` once on SIGTERM or SIGINT, then exits. */
export function stopOnSignals(parts: Stoppable, log: Logger): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, inFlight: parts.observer.pending }, 'shutting down');
    void gracefulStop(parts, log).finally(() => {
      log.info('stopped');
      process.exit(0);
    });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
