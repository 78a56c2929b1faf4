// One place where every command and button click is seen end to end: one log line at info
// (command, outcome, latency, platform, workspace id; the user's text only when debug is
// on), the metrics, and the count of answers in flight that a graceful shutdown waits for.
import type { Logger } from '../log.js';
import type { Reply } from '../reply.js';
import type { Platform } from '../daily/types.js';
import type { Metrics } from './metrics.js';
import { replyOutcome, type Outcome } from './outcome.js';

export interface CommandStart {
  command: string;
  platform: Platform;
  /** A slash command, or a button (or menu) under an answer. */
  via?: 'command' | 'button';
  /** For a button: what it asked for ("another-quote", "share", "expired", …). */
  action?: string;
  /** Discord guild id or Slack team id. */
  workspaceId?: string;
  /** What the user typed: logged only at debug. */
  text?: string;
}

/** Ends an observation with the reply (or outcome) the user got. Safe to call twice (the first counts). */
export type Finish = (result: Reply | Outcome) => void;

export class Observer {
  private inFlight = 0;
  private idle: (() => void)[] = [];

  constructor(private readonly opts: { log: Logger; metrics?: Metrics; now?: () => number }) {}

  get metrics(): Metrics | undefined {
    return this.opts.metrics;
  }

  /** Answers being worked on now. */
  get pending(): number {
    return this.inFlight;
  }

  begin(start: CommandStart): Finish {
    const now = this.opts.now ?? (() => performance.now());
    const t0 = now();
    this.inFlight++;
    let done = false;
    return (result) => {
      if (done) return;
      done = true;
      const ms = now() - t0;
      const outcome = typeof result === 'string' ? result : replyOutcome(result);
      const via = start.via ?? 'command';
      this.opts.metrics?.command(start.command, outcome, start.platform, ms / 1000, via, start.action);
      const where = start.workspaceId ? { workspace: start.workspaceId } : {};
      const text = start.text !== undefined && this.opts.log.isLevelEnabled('debug') ? { text: start.text.slice(0, 500) } : {};
      this.opts.log.info(
        {
          command: start.command,
          ...(via === 'button' ? { via, action: start.action } : {}),
          outcome,
          ms: Math.round(ms * 10) / 10,
          platform: start.platform,
          ...where,
          ...text,
        },
        via === 'button' ? 'button answered' : 'command answered',
      );
      this.inFlight--;
      if (this.inFlight === 0) for (const wake of this.idle.splice(0)) wake();
    };
  }

  /** Waits until no answer is in flight, or `timeoutMs`; says how many were left. */
  async drain(timeoutMs: number): Promise<{ drained: boolean; left: number }> {
    if (this.inFlight === 0) return { drained: true, left: 0 };
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      new Promise<boolean>((resolve) => this.idle.push(() => resolve(true))),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return { drained, left: this.inFlight };
  }
}
