// The daily scheduler: posts each subscribed channel's concept once per local day.
//
// - When: croner computes each channel's next due instant in its own time zone (DST days
//   included); one timer sleeps until the earliest of them (or a pending retry), capped so
//   that subscriptions made on another instance are picked up.
// - Exactly once: before sending, the post is claimed in the store (one row per channel and
//   local date, unique); it is marked sent after. A claim whose instance died is taken over
//   when its lease lapses. The poster gets a nonce per (channel, local date), which Discord
//   enforces, so even a retried send cannot duplicate there.
// - Catch-up: at start (and on every tick) a post missed in the last DAILY_CATCHUP_HOURS is
//   sent late; older misses are not.
// - Failures: transient errors retry with a bounded exponential backoff (through the same
//   lease, so any instance may retry); ChannelGoneError pauses the subscription with the
//   reason, which /daily status shows.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.js';
import type { Reply } from '../reply.js';
import { LostClaimError, type Feed, type PostKey, type PostRecord, type Store, type Subscription } from '../store/types.js';
import { articleBySlug, dailyReply, eligibleSlugs, nothingToPost, type DailyLibrary } from './post.js';
import { latestDue, localDate, nextDue } from './schedule.js';
import { ChannelGoneError, type DailyPoster, type Platform } from './types.js';
import { newWalk, nextInWalk, seedFor } from './rotation.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2_147_483_647;

export type TimerHandle = unknown;

/** Makes the post of a feed other than the daily concept (the insights digest) for a
 *  subscription; undefined: nothing to post this time. */
export type FeedComposer = (sub: Subscription, at: Date) => Promise<Reply | undefined>;

export interface RetryPolicy {
  /** First retry after this long; doubles each time. */
  baseMs: number;
  /** Longest wait between two tries. */
  maxMs: number;
  /** Tries per post, the first included; then the post is given up. */
  maxAttempts: number;
}

export interface DailySchedulerOptions {
  store: Store;
  /** Read at each post, so a content reload is picked up. */
  library: () => DailyLibrary;
  posters: readonly DailyPoster[];
  log: Logger;
  /** DAILY_CATCHUP_HOURS: how late a missed post may still be sent. */
  catchupHours: number;
  /** DAILY_CATEGORIES: pages that may be posted (empty: all). */
  categories: readonly string[];
  now?: () => Date;
  setTimer?: (fn: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
  /** Names this process in claims; default: a random id. */
  instanceId?: string;
  /** How long a claim holds before another instance may retry it (default 2 min). */
  leaseMs?: number;
  retry?: Partial<RetryPolicy>;
  /** A send that takes longer counts as failed, retried a lease later (default: three quarters of the lease). Keep it below the lease. */
  sendTimeoutMs?: number;
  /** Even with DAILY_CATCHUP_HOURS=0, a post is on time this long after its due instant (default 15 min). */
  graceMs?: number;
  /** Longest sleep, to see subscriptions made on other instances (default 10 min). */
  resyncMs?: number;
  /** Posts sent at once (default 4). */
  concurrency?: number;
  /** How the posts of other feeds are made; a subscription to a feed without one is skipped. */
  feeds?: Partial<Record<Exclude<Feed, 'daily'>, FeedComposer>>;
  /** Told what each tick did (metrics count the posts). */
  onTick?: (result: TickResult) => void;
}

export interface TickResult {
  /** Nonces of the posts sent by this tick. */
  sent: string[];
  /** Failed for now, to be retried. */
  retrying: string[];
  /** Given up (attempts used up, nothing to post). */
  failed: string[];
  /** Subscriptions paused because their channel is gone. */
  paused: string[];
  /** When this scheduler will look again. */
  nextWake?: Date;
}

/** How long after its due instant a post is still sent: DAILY_CATCHUP_HOURS, but never less than a grace period. */
export function catchupWindowMs(catchupHours: number, graceMs = 15 * MINUTE): number {
  return Math.max(catchupHours * HOUR, graceMs);
}

/** The nonce of a post: unique per channel, feed and local date (the daily feed's as it always was). */
export function postNonce(key: PostKey): string {
  const feed = key.feed && key.feed !== 'daily' ? `${key.feed}:` : '';
  return `${key.platform}:${key.channelId}:${feed}${key.localDate}`;
}

/** The seed of a channel's walk: from its address, so a preview can peek before the first post. */
export function channelSeed(platform: Platform, channelId: string): number {
  return seedFor(`${platform}:${channelId}`);
}

/**
 * The slot a subscription owes at `now`: its latest due instant, if that came after the
 * schedule was set and no longer ago than the catch-up window.
 */
export function openSlot(sub: Subscription, now: Date, windowMs: number): { dueAt: Date; localDate: string } | undefined {
  const due = latestDue(sub, now);
  if (!due) return undefined;
  if (due.getTime() < sub.activeFrom.getTime()) return undefined;
  if (now.getTime() - due.getTime() > windowMs) return undefined;
  return { dueAt: due, localDate: localDate(due, sub.timeZone) };
}

export class DailyScheduler {
  readonly instanceId: string;
  private readonly store: Store;
  private readonly library: () => DailyLibrary;
  private readonly posters: Map<Platform, DailyPoster>;
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly setTimer: (fn: () => void, ms: number) => TimerHandle;
  private readonly clearTimer: (handle: TimerHandle) => void;
  private readonly leaseMs: number;
  private readonly retry: RetryPolicy;
  private readonly sendTimeoutMs: number;
  private readonly windowMs: number;
  private readonly resyncMs: number;
  private readonly concurrency: number;
  private readonly categories: readonly string[];
  private readonly feeds: NonNullable<DailySchedulerOptions['feeds']>;
  private readonly onTick?: (result: TickResult) => void;

  private started = false;
  private timer: TimerHandle | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(opts: DailySchedulerOptions) {
    this.store = opts.store;
    this.library = opts.library;
    this.posters = new Map(opts.posters.map((p) => [p.platform, p] as const));
    this.log = opts.log;
    this.now = opts.now ?? (() => new Date());
    this.setTimer =
      opts.setTimer ??
      ((fn, ms) => {
        const t = setTimeout(fn, ms);
        t.unref?.();
        return t;
      });
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.instanceId = opts.instanceId ?? `instance-${randomUUID().slice(0, 8)}`;
    this.leaseMs = opts.leaseMs ?? 2 * MINUTE;
    this.retry = { baseMs: 30_000, maxMs: 10 * MINUTE, maxAttempts: 6, ...opts.retry };
    this.sendTimeoutMs = Math.min(opts.sendTimeoutMs ?? Math.floor(this.leaseMs * 0.75), this.leaseMs);
    this.windowMs = catchupWindowMs(opts.catchupHours, opts.graceMs);
    this.resyncMs = opts.resyncMs ?? 10 * MINUTE;
    this.concurrency = Math.max(1, opts.concurrency ?? 4);
    this.categories = opts.categories;
    this.feeds = opts.feeds ?? {};
    this.onTick = opts.onTick;
  }

  /** Posts whatever is due or missed (catch-up), then keeps posting on time until stop(). */
  start(): Promise<TickResult> {
    this.started = true;
    this.log.info({ instanceId: this.instanceId, platforms: [...this.posters.keys()], store: this.store.kind }, 'daily scheduler started');
    return this.tick();
  }

  /** Stops the timer and waits for a tick in progress. The store stays open (its owner closes it). */
  async stop(): Promise<void> {
    const wasStarted = this.started;
    this.started = false;
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
    await this.queue.catch(() => {});
    if (wasStarted) this.log.info({ instanceId: this.instanceId }, 'daily scheduler stopped');
  }

  /** A subscription changed: look again now (posts nothing that is not due, re-arms the timer). */
  refresh(): void {
    if (this.started) void this.tick();
  }

  /** Runs everything due now. Ticks never overlap; they never throw (failures are logged). */
  tick(): Promise<TickResult> {
    const run = this.queue
      .then(() => this.runTick())
      .then((result) => {
        try {
          this.onTick?.(result);
        } catch (err) {
          this.log.warn({ err }, 'daily scheduler: onTick failed');
        }
        return result;
      });
    this.queue = run.catch(() => {});
    return run;
  }

  private async runTick(): Promise<TickResult> {
    const now = this.now();
    const result: TickResult = { sent: [], retrying: [], failed: [], paused: [] };
    const wakes: number[] = [now.getTime() + this.resyncMs];
    let subs: Subscription[];
    let posts: Map<string, PostRecord>;
    try {
      subs = await this.store.listSubscriptions();
      const recent = await this.store.listPosts({ dueSince: new Date(now.getTime() - this.windowMs - DAY) });
      posts = new Map(recent.map((p) => [postNonce(p), p]));
    } catch (err) {
      this.log.error({ err }, 'daily scheduler could not read the store; trying again in 30 s');
      this.arm(now.getTime() + 30_000, result);
      return result;
    }

    const jobs: (() => Promise<number | undefined>)[] = [];
    for (const sub of subs) {
      const poster = this.posters.get(sub.platform);
      if (!poster) continue; // another instance (or none) posts to that platform
      if (sub.feed !== 'daily' && !this.feeds[sub.feed]) continue; // nothing here makes that feed's posts
      let slot: { dueAt: Date; localDate: string } | undefined;
      try {
        const next = nextDue(sub, now);
        if (next) wakes.push(next.getTime());
        slot = openSlot(sub, now, this.windowMs);
      } catch (err) {
        this.log.warn({ err, platform: sub.platform, channelId: sub.channelId }, 'invalid daily schedule; skipped');
        continue;
      }
      if (!slot) continue;
      const key: PostKey = { platform: sub.platform, channelId: sub.channelId, feed: sub.feed, localDate: slot.localDate };
      const existing = posts.get(postNonce(key));
      if (existing) {
        if (existing.status !== 'claimed') continue;
        if (existing.attempts >= this.retry.maxAttempts && existing.leaseUntil.getTime() <= now.getTime()) {
          // The last attempt's instance stopped without a word: nobody may retry, so say so.
          jobs.push(async () => {
            await this.store.failPost(
              key,
              `gave up after ${existing.attempts} attempts: ${existing.lastError ?? 'the posting instance stopped'}`,
              now,
            );
            result.failed.push(postNonce(key));
            return undefined;
          });
          continue;
        }
        if (existing.leaseUntil.getTime() > now.getTime()) {
          wakes.push(existing.leaseUntil.getTime());
          continue;
        }
      }
      const dueAt = slot.dueAt;
      jobs.push(() => this.attempt(sub, key, dueAt, poster, result));
    }

    const more = await runLimited(
      jobs.map(
        (job) => () =>
          job().catch((err: unknown) => {
            this.log.error({ err }, 'daily scheduler: a post failed unexpectedly');
            return now.getTime() + 30_000;
          }),
      ),
      this.concurrency,
    );
    for (const w of more) if (w !== undefined) wakes.push(w);
    this.arm(Math.min(...wakes), result);
    return result;
  }

  /** Claims, sends and records one post. Returns when to look at it again, if ever. */
  private async attempt(
    sub: Subscription,
    key: PostKey,
    dueAt: Date,
    poster: DailyPoster,
    result: TickResult,
  ): Promise<number | undefined> {
    const nonce = postNonce(key);
    const where = { platform: key.platform, channelId: key.channelId, localDate: key.localDate };
    let claim: PostRecord | undefined;
    try {
      const t = this.now();
      claim = await this.store.claimPost(key, {
        instanceId: this.instanceId,
        now: t,
        leaseUntil: new Date(t.getTime() + this.leaseMs),
        dueAt,
        maxAttempts: this.retry.maxAttempts,
      });
      if (!claim) return t.getTime() + this.leaseMs; // another instance holds it: check back when its lease ends

      const compose = sub.feed === 'daily' ? undefined : this.feeds[sub.feed];
      if (compose) {
        const reply = await compose(sub, this.now());
        if (!reply) {
          await this.store.failPost(key, 'nothing to post', this.now());
          result.failed.push(nonce);
          return undefined;
        }
        await this.withTimeout(poster.send(key.channelId, reply, { nonce }), this.sendTimeoutMs);
        await this.markSent(key);
        this.log.info(
          { ...where, feed: sub.feed, attempts: claim.attempts, lateMs: this.now().getTime() - dueAt.getTime() },
          'feed post sent',
        );
        result.sent.push(nonce);
        return undefined;
      }

      const library = this.library();
      const slug = await this.store.assignArticle(key, this.instanceId, this.now(), ({ slug: fixed, walk }) => {
        if (fixed && articleBySlug(library, fixed)) return { slug: fixed };
        const next = nextInWalk(walk ?? newWalk(channelSeed(key.platform, key.channelId)), eligibleSlugs(library, this.categories));
        return next ? { slug: next.slug, walk: next.state } : undefined;
      });
      const article = slug ? articleBySlug(library, slug) : undefined;
      if (!article) {
        const reason = `no page to post: ${nothingToPost(this.categories, 'DAILY_CATEGORIES')}`;
        await this.store.failPost(key, reason, this.now());
        this.log.warn({ ...where, reason }, 'daily post skipped');
        result.failed.push(nonce);
        return undefined;
      }

      const reply = dailyReply(library, article);
      await this.withTimeout(poster.send(key.channelId, reply, { nonce }), this.sendTimeoutMs);
      await this.markSent(key);
      this.log.info(
        { ...where, slug: article.slug, attempts: claim.attempts, lateMs: this.now().getTime() - dueAt.getTime() },
        'daily post sent',
      );
      result.sent.push(nonce);
      return undefined;
    } catch (err) {
      if (err instanceof LostClaimError) {
        this.log.warn({ ...where }, 'daily post claim lapsed and was taken over; leaving it to the other instance');
        return undefined;
      }
      if (!claim) {
        this.log.error({ err, ...where }, 'daily post: could not claim; trying again in 30 s');
        return this.now().getTime() + 30_000;
      }
      return this.failed(sub, key, claim, err, result);
    }
  }

  private async failed(sub: Subscription, key: PostKey, claim: PostRecord, err: unknown, result: TickResult): Promise<number | undefined> {
    const nonce = postNonce(key);
    const where = { platform: key.platform, channelId: key.channelId, localDate: key.localDate, attempts: claim.attempts };
    const message = err instanceof Error ? err.message : String(err);
    const now = this.now();
    try {
      if (isChannelGone(err)) {
        const reason = (err as ChannelGoneError).reason || message || 'the channel is gone or the bot lost access';
        await this.store.pauseSubscription(sub.platform, sub.channelId, reason, now, sub.feed);
        await this.store.failPost(key, reason, now);
        this.log.warn({ ...where, reason }, 'daily posts paused: channel gone');
        result.paused.push(nonce);
        return undefined;
      }
      if (claim.attempts >= this.retry.maxAttempts) {
        await this.store.failPost(key, `gave up after ${claim.attempts} attempts: ${message}`, now);
        this.log.error({ err, ...where }, 'daily post failed; gave up');
        result.failed.push(nonce);
        return undefined;
      }
      // A send that timed out may still land: wait at least a lease before trying again.
      const wait =
        err instanceof SendTimeoutError ? Math.max(this.leaseMs, backoff(this.retry, claim.attempts)) : backoff(this.retry, claim.attempts);
      const retryAt = now.getTime() + wait;
      await this.store.releasePost(key, this.instanceId, new Date(retryAt), message, now);
      this.log.warn({ err, ...where, retryAt: new Date(retryAt).toISOString() }, 'daily post failed; will retry');
      result.retrying.push(nonce);
      return retryAt;
    } catch (storeErr) {
      // The lease still protects the post: it is retried when the lease lapses.
      this.log.error({ err: storeErr, ...where }, 'daily post: could not record a failure');
      return claim.leaseUntil.getTime();
    }
  }

  private async markSent(key: PostKey): Promise<void> {
    // The post is out: recording it matters (or another instance would send it again once
    // the lease lapses), so try a few times before giving up.
    let last: unknown;
    for (let i = 0; i < 3; i++) {
      try {
        await this.store.markSent(key, this.now());
        return;
      } catch (err) {
        last = err;
      }
    }
    this.log.error({ err: last, ...key }, 'daily post sent but not recorded; it may be sent again after the lease');
  }

  private withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = this.setTimer(() => reject(new SendTimeoutError(ms)), ms);
      p.then(
        (v) => {
          this.clearTimer(timer);
          resolve(v);
        },
        (e) => {
          this.clearTimer(timer);
          reject(e);
        },
      );
    });
  }

  private arm(at: number, result: TickResult): void {
    result.nextWake = new Date(at);
    if (!this.started) return;
    if (this.timer !== undefined) this.clearTimer(this.timer);
    const delay = Math.min(MAX_TIMER_MS, Math.max(50, at - this.now().getTime()));
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      void this.tick();
    }, delay);
  }
}

/** The poster did not answer within the send timeout. */
export class SendTimeoutError extends Error {
  constructor(ms: number) {
    super(`send timed out after ${ms} ms`);
    this.name = 'SendTimeoutError';
  }
}

function isChannelGone(err: unknown): boolean {
  return err instanceof ChannelGoneError || (err instanceof Error && err.name === 'ChannelGoneError');
}

/** Wait before retry number `attempts` (1 = after the first failure). */
export function backoff(policy: RetryPolicy, attempts: number): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

async function runLimited<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return out;
}
