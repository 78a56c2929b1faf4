// Records the insights' counts without ever slowing or breaking an answer: record() only adds
// to counts in memory; a timer writes them in one batch every few seconds. A store that is
// down loses that batch (said once in the log, and once more when it answers again); nothing
// is retried or queued without bound. Once a day it prunes what is older than INSIGHTS_DAYS,
// the daily post log included.
import type { Logger } from '../log.js';
import type { CommandRun } from '../request.js';
import type { InsightCount, Store } from '../store/types.js';
import { countsOf } from './counts.js';
import { addDays, DAY_MS, utcDay } from './days.js';

export interface InsightsRecorderOptions {
  store: Pick<Store, 'addInsightCounts' | 'pruneHistory'>;
  log: Logger;
  /** INSIGHTS_DAYS: how many days counts (and daily posts) are kept. */
  keepDays: number;
  now?: () => Date;
  /** How often counts are written (default 10 s). */
  flushMs?: number;
  /** Distinct counts held before a write is started early (default 2,000); past four times
   *  that, new counts are dropped until a write empties the batch. */
  batchMax?: number;
}

export class InsightsRecorder {
  private pending = new Map<string, InsightCount>();
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failing = false;
  private dropping = false;
  private prunedDay: string | undefined;
  private readonly now: () => Date;
  private readonly flushMs: number;
  private readonly batchMax: number;

  constructor(private readonly opts: InsightsRecorderOptions) {
    this.now = opts.now ?? (() => new Date());
    this.flushMs = opts.flushMs ?? 10_000;
    this.batchMax = opts.batchMax ?? 2_000;
  }

  /** For CommandDeps.observe: counts a command run. Synchronous; never throws. */
  readonly record = (run: CommandRun): void => {
    try {
      for (const c of countsOf(run, utcDay(this.now()))) this.add(c);
    } catch (err) {
      this.opts.log.warn({ err }, 'insights: a command could not be counted');
    }
  };

  private add(c: InsightCount): void {
    const key = [c.day, c.platform, c.workspaceId, c.kind, c.command, c.term].join('\u0000');
    const held = this.pending.get(key);
    if (held) {
      held.count += c.count;
      return;
    }
    if (this.pending.size >= 4 * this.batchMax) {
      if (!this.dropping)
        this.opts.log.warn(
          { held: this.pending.size },
          'insights: too many counts waiting to be written; new ones are dropped until they are',
        );
      this.dropping = true;
      return;
    }
    this.pending.set(key, { ...c });
    if (this.pending.size >= this.batchMax) void this.flush();
  }

  /** Writes the counts held (one batch at a time), and prunes once a day. Never throws. */
  flush(): Promise<void> {
    this.writing ??= this.write().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  private async write(): Promise<void> {
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.dropping = false;
    try {
      if (batch.length) await this.opts.store.addInsightCounts(batch);
      if (this.failing) this.opts.log.info('insights: the database answers again; counting resumed');
      this.failing = false;
      await this.pruneDaily();
    } catch (err) {
      if (!this.failing) {
        this.opts.log.warn(
          { err: { message: (err as Error)?.message }, lost: batch.length },
          'insights: could not write counts; they are lost until the database answers (answers are not affected)',
        );
      }
      this.failing = true;
    }
  }

  /** Removes counts and daily posts older than INSIGHTS_DAYS, at most once per UTC day. */
  private async pruneDaily(): Promise<void> {
    const now = this.now();
    const today = utcDay(now);
    if (this.prunedDay === today) return;
    const removed = await this.opts.store.pruneHistory({
      insightsBefore: addDays(today, -this.opts.keepDays),
      postsDueBefore: new Date(now.getTime() - this.opts.keepDays * DAY_MS),
    });
    this.prunedDay = today;
    if (removed.counts || removed.posts)
      this.opts.log.info({ ...removed, keepDays: this.opts.keepDays }, 'insights: pruned counts and daily posts past INSIGHTS_DAYS');
  }

  /** Writes every `flushMs` until stop(). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  /** Stops the timer and writes what is held. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.writing;
    await this.flush();
  }
}
