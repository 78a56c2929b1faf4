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
import { LostClaimError } from '../store/types.js';
import { articleBySlug, dailyReply, eligibleSlugs } from './post.js';
import { latestDue, localDate, nextDue } from './schedule.js';
import { ChannelGoneError } from './types.js';
import { newWalk, nextInWalk, seedFor } from './walk.js';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2_147_483_647;
/** How long after its due instant a post is still sent: DAILY_CATCHUP_HOURS, but never less than a grace period. */
export function catchupWindowMs(catchupHours, graceMs = 15 * MINUTE) {
    return Math.max(catchupHours * HOUR, graceMs);
}
/** The nonce of a post: unique per channel and local date. */
export function postNonce(key) {
    return `${key.platform}:${key.channelId}:${key.localDate}`;
}
/** The seed of a channel's walk: from its address, so a preview can peek before the first post. */
export function channelSeed(platform, channelId) {
    return seedFor(`${platform}:${channelId}`);
}
/**
 * The slot a subscription owes at `now`: its latest due instant, if that came after the
 * schedule was set and no longer ago than the catch-up window.
 */
export function openSlot(sub, now, windowMs) {
    const due = latestDue(sub, now);
    if (!due)
        return undefined;
    if (due.getTime() < sub.activeFrom.getTime())
        return undefined;
    if (now.getTime() - due.getTime() > windowMs)
        return undefined;
    return { dueAt: due, localDate: localDate(due, sub.timeZone) };
}
export class DailyScheduler {
    instanceId;
    store;
    library;
    posters;
    log;
    now;
    setTimer;
    clearTimer;
    leaseMs;
    retry;
    sendTimeoutMs;
    windowMs;
    resyncMs;
    concurrency;
    categories;
    started = false;
    timer;
    wakeAt;
    queue = Promise.resolve();
    constructor(opts) {
        this.store = opts.store;
        this.library = opts.library;
        this.posters = new Map(opts.posters instanceof Map ? [...opts.posters.entries()] : opts.posters.map((p) => [p.platform, p]));
        this.log = opts.log;
        this.now = opts.now ?? (() => new Date());
        this.setTimer =
            opts.setTimer ??
                ((fn, ms) => {
                    const t = setTimeout(fn, ms);
                    t.unref?.();
                    return t;
                });
        this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h));
        this.instanceId = opts.instanceId ?? `instance-${randomUUID().slice(0, 8)}`;
        this.leaseMs = opts.leaseMs ?? 2 * MINUTE;
        this.retry = { baseMs: 30_000, maxMs: 10 * MINUTE, maxAttempts: 6, ...opts.retry };
        this.sendTimeoutMs = Math.min(opts.sendTimeoutMs ?? Math.floor(this.leaseMs * 0.75), this.leaseMs);
        this.windowMs = catchupWindowMs(opts.catchupHours, opts.graceMs);
        this.resyncMs = opts.resyncMs ?? 10 * MINUTE;
        this.concurrency = Math.max(1, opts.concurrency ?? 4);
        this.categories = opts.categories;
    }
    /** Posts whatever is due or missed (catch-up), then keeps posting on time until stop(). */
    start() {
        this.started = true;
        this.log.info({ instanceId: this.instanceId, platforms: [...this.posters.keys()], store: this.store.kind }, 'daily scheduler started');
        return this.tick();
    }
    /** Stops the timer and waits for a tick in progress. The store stays open (its owner closes it). */
    async stop() {
        this.started = false;
        if (this.timer !== undefined)
            this.clearTimer(this.timer);
        this.timer = undefined;
        this.wakeAt = undefined;
        await this.queue.catch(() => { });
    }
    /** A subscription changed: look again now (posts nothing that is not due, re-arms the timer). */
    refresh() {
        if (this.started)
            void this.tick();
    }
    /** When the timer will next fire (undefined when not started). */
    get nextWake() {
        return this.wakeAt === undefined ? undefined : new Date(this.wakeAt);
    }
    /** Runs everything due now. Ticks never overlap; they never throw (failures are logged). */
    tick() {
        const run = this.queue.then(() => this.runTick());
        this.queue = run.catch(() => { });
        return run;
    }
    async runTick() {
        const now = this.now();
        const result = { sent: [], retrying: [], failed: [], paused: [] };
        const wakes = [now.getTime() + this.resyncMs];
        let subs;
        let posts;
        try {
            subs = await this.store.listSubscriptions();
            const recent = await this.store.listPosts({ dueSince: new Date(now.getTime() - this.windowMs - DAY) });
            posts = new Map(recent.map((p) => [postNonce(p), p]));
        }
        catch (err) {
            this.log.error({ err }, 'daily scheduler could not read the store; trying again in 30 s');
            this.arm(now.getTime() + 30_000, result);
            return result;
        }
        const jobs = [];
        for (const sub of subs) {
            const poster = this.posters.get(sub.platform);
            if (!poster)
                continue; // another instance (or none) posts to that platform
            let slot;
            try {
                const next = nextDue(sub, now);
                if (next)
                    wakes.push(next.getTime());
                slot = openSlot(sub, now, this.windowMs);
            }
            catch (err) {
                this.log.warn({ err, platform: sub.platform, channelId: sub.channelId }, 'invalid daily schedule; skipped');
                continue;
            }
            if (!slot)
                continue;
            const key = { platform: sub.platform, channelId: sub.channelId, localDate: slot.localDate };
            const existing = posts.get(postNonce(key));
            if (existing) {
                if (existing.status !== 'claimed')
                    continue;
                if (existing.attempts >= this.retry.maxAttempts && existing.leaseUntil.getTime() <= now.getTime()) {
                    // The last attempt's instance stopped without a word: nobody may retry, so say so.
                    jobs.push(async () => {
                        await this.store.failPost(key, `gave up after ${existing.attempts} attempts: ${existing.lastError ?? 'the posting instance stopped'}`, now);
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
        const more = await runLimited(jobs.map((job) => () => job().catch((err) => {
            this.log.error({ err }, 'daily scheduler: a post failed unexpectedly');
            return now.getTime() + 30_000;
        })), this.concurrency);
        for (const w of more)
            if (w !== undefined)
                wakes.push(w);
        this.arm(Math.min(...wakes), result);
        return result;
    }
    /** Claims, sends and records one post. Returns when to look at it again, if ever. */
    async attempt(sub, key, dueAt, poster, result) {
        const nonce = postNonce(key);
        const where = { platform: key.platform, channelId: key.channelId, localDate: key.localDate };
        let claim;
        try {
            const t = this.now();
            claim = await this.store.claimPost(key, {
                instanceId: this.instanceId,
                now: t,
                leaseUntil: new Date(t.getTime() + this.leaseMs),
                dueAt,
                maxAttempts: this.retry.maxAttempts,
            });
            if (!claim)
                return t.getTime() + this.leaseMs; // another instance holds it: check back when its lease ends
            const library = this.library();
            const slug = await this.store.assignArticle(key, this.instanceId, this.now(), ({ slug: fixed, walk }) => {
                if (fixed && articleBySlug(library, fixed))
                    return { slug: fixed };
                const next = nextInWalk(walk ?? newWalk(channelSeed(key.platform, key.channelId)), eligibleSlugs(library, this.categories));
                return next ? { slug: next.slug, walk: next.state } : undefined;
            });
            const article = slug ? articleBySlug(library, slug) : undefined;
            if (!article) {
                const reason = this.categories.length
                    ? `no page to post: no page with a summary is in DAILY_CATEGORIES (${this.categories.join(', ')})`
                    : 'no page to post: the wiki has no page with a summary';
                await this.store.failPost(key, reason, this.now());
                this.log.warn({ ...where, reason }, 'daily post skipped');
                result.failed.push(nonce);
                return undefined;
            }
            const reply = dailyReply(library, article);
            await this.withTimeout(poster.send(key.channelId, reply, { nonce }), this.sendTimeoutMs);
            await this.markSent(key);
            this.log.info({ ...where, slug: article.slug, attempts: claim.attempts, lateMs: this.now().getTime() - dueAt.getTime() }, 'daily post sent');
            result.sent.push(nonce);
            return undefined;
        }
        catch (err) {
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
    async failed(sub, key, claim, err, result) {
        const nonce = postNonce(key);
        const where = { platform: key.platform, channelId: key.channelId, localDate: key.localDate, attempts: claim.attempts };
        const message = err instanceof Error ? err.message : String(err);
        const now = this.now();
        try {
            if (isChannelGone(err)) {
                const reason = err.reason || message || 'the channel is gone or the bot lost access';
                await this.store.pauseSubscription(sub.platform, sub.channelId, reason, now);
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
            const wait = err instanceof SendTimeoutError ? Math.max(this.leaseMs, backoff(this.retry, claim.attempts)) : backoff(this.retry, claim.attempts);
            const retryAt = now.getTime() + wait;
            await this.store.releasePost(key, this.instanceId, new Date(retryAt), message, now);
            this.log.warn({ err, ...where, retryAt: new Date(retryAt).toISOString() }, 'daily post failed; will retry');
            result.retrying.push(nonce);
            return retryAt;
        }
        catch (storeErr) {
            // The lease still protects the post: it is retried when the lease lapses.
            this.log.error({ err: storeErr, ...where }, 'daily post: could not record a failure');
            return claim.leaseUntil.getTime();
        }
    }
    async markSent(key) {
        // The post is out: recording it matters (or another instance would send it again once
        // the lease lapses), so try a few times before giving up.
        let last;
        for (let i = 0; i < 3; i++) {
            try {
                await this.store.markSent(key, this.now());
                return;
            }
            catch (err) {
                last = err;
            }
        }
        this.log.error({ err: last, ...key }, 'daily post sent but not recorded; it may be sent again after the lease');
    }
    withTimeout(p, ms) {
        return new Promise((resolve, reject) => {
            const timer = this.setTimer(() => reject(new SendTimeoutError(ms)), ms);
            p.then((v) => {
                this.clearTimer(timer);
                resolve(v);
            }, (e) => {
                this.clearTimer(timer);
                reject(e);
            });
        });
    }
    arm(at, result) {
        result.nextWake = new Date(at);
        if (!this.started)
            return;
        if (this.timer !== undefined)
            this.clearTimer(this.timer);
        const delay = Math.min(MAX_TIMER_MS, Math.max(50, at - this.now().getTime()));
        this.wakeAt = this.now().getTime() + delay;
        this.timer = this.setTimer(() => {
            this.timer = undefined;
            void this.tick();
        }, delay);
    }
}
/** The poster did not answer within the send timeout. */
export class SendTimeoutError extends Error {
    constructor(ms) {
        super(`send timed out after ${ms} ms`);
        this.name = 'SendTimeoutError';
    }
}
function isChannelGone(err) {
    return err instanceof ChannelGoneError || (err instanceof Error && err.name === 'ChannelGoneError');
}
/** Wait before retry number `attempts` (1 = after the first failure). */
export function backoff(policy, attempts) {
    return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}
async function runLimited(jobs, limit) {
    const out = new Array(jobs.length);
    let next = 0;
    const worker = async () => {
        while (next < jobs.length) {
            const i = next++;
            out[i] = await jobs[i]();
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
    return out;
}
