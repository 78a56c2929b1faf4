// `/daily subscribe | unsubscribe | status | preview` for the channel a command comes from.
// Every failure of the user's input becomes a clear private reply; only people who may
// manage the channel can change its subscription.
import type { CommandContext, CommandInput } from '../request.js';
import { isTimeZoneName, type Config } from '../config.js';
import { newErrorId, type Logger } from '../log.js';
import { StoreError } from '../store/errors.js';
import type { StoreStatus } from '../store/keeper.js';
import type { Reply } from '../reply.js';
import type { PostRecord, Store, Subscription } from '../store/types.js';
import { articleBySlug, dailyReply, eligibleSlugs, nothingToPost, type DailyLibrary } from './post.js';
import { DEFAULT_TIME, describeDays, formatLocal, localDate, nextDue, parseDays, parseTime, parseTimeZone } from './schedule.js';
import { catchupWindowMs, channelSeed, openSlot } from './scheduler.js';
import type { Platform } from './types.js';
import { platformNames, whoManages, type PlatformProfile } from '../platform.js';
import { ellipsize } from '../text/graphemes.js';
import { newWalk, peekWalk, seedFor } from './rotation.js';

export interface DailyService {
  /** Handles `/daily <subcommand>` for the channel in ctx. */
  handle(input: CommandInput, ctx: CommandContext): Promise<Reply>;
}

export interface DailyServiceOptions {
  store: Store;
  /** Told when a subscription changes, so it re-arms its timer. Absent where no scheduler runs. */
  scheduler?: { refresh(): void };
  library: () => DailyLibrary;
  /** The platforms whose channels get daily posts from here (the keys of the posters). A
   *  command from any other (the terminal) can only preview. */
  platforms: readonly Platform[];
  /** Every chat platform the bot has an adapter for, as users are told where posts go and who may set them. */
  profiles: readonly PlatformProfile[];
  config: Pick<Config, 'DAILY_DEFAULT_TZ' | 'DAILY_CATEGORIES' | 'DAILY_CATCHUP_HOURS'>;
  now?: () => Date;
  log?: Logger;
  /** The store's health, so that a failure can say since when and what happens next. */
  storeStatus?: () => StoreStatus;
}

export const SUBCOMMANDS = ['subscribe', 'unsubscribe', 'status', 'preview'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

const EXAMPLE = '/daily subscribe 08:30 Europe/Paris weekdays';

export function createDailyService(opts: DailyServiceOptions): DailyService {
  const { store, config } = opts;
  const now = opts.now ?? (() => new Date());
  const windowMs = catchupWindowMs(config.DAILY_CATCHUP_HOURS);

  /** The next due instant whose day has not had its post yet (a schedule changed after today's post skips today). */
  async function upcoming(sub: Subscription, at: Date): Promise<{ at: Date; catchingUp: boolean } | undefined> {
    const slot = openSlot(sub, at, windowMs);
    if (slot) {
      const post = await store.getPost({ platform: sub.platform, channelId: sub.channelId, localDate: slot.localDate });
      if (!post || post.status === 'claimed') return { at: slot.dueAt, catchingUp: true };
    }
    let next = nextDue(sub, at);
    for (let i = 0; next && i < 3; i++) {
      const post = await store.getPost({ platform: sub.platform, channelId: sub.channelId, localDate: localDate(next, sub.timeZone) });
      if (!post || post.status === 'claimed') break;
      next = nextDue(sub, next);
    }
    return next ? { at: next, catchingUp: false } : undefined;
  }

  function titleOf(slug: string | undefined): string {
    if (!slug) return 'a page';
    return articleBySlug(opts.library(), slug)?.title ?? slug.replace(/_/g, ' ');
  }

  async function subscribe(platform: Platform, channelId: string, input: CommandInput, ctx: CommandContext): Promise<Reply> {
    const schedule = scheduleFrom(input, ctx, config.DAILY_DEFAULT_TZ);
    if (!schedule.ok) return schedule.reply(EXAMPLE);

    const before = await store.getSubscription(platform, channelId);
    const at = now();
    const { subscription: sub, created } = await store.saveSubscription(
      { platform, channelId, workspaceId: ctx.workspaceId, ...schedule.value, by: ctx.userId },
      at,
    );
    opts.scheduler?.refresh();
    opts.log?.info(
      { platform, channelId, time: sub.time, timeZone: sub.timeZone, days: sub.days, by: ctx.userId },
      created ? 'daily subscription created' : 'daily subscription changed',
    );

    const next = await upcoming(sub, at);
    const lines = [`This channel gets a concept of the day ${describeDays(sub.days)} at ${sub.time} (${sub.timeZone}).`];
    if (next) lines.push(`${created ? 'First' : 'Next'} post: ${formatLocal(next.at, sub.timeZone)}.`);
    if (before?.pausedReason) lines.push('Posting had been paused; it is resumed.');
    if (eligibleSlugs(opts.library(), config.DAILY_CATEGORIES).length === 0) {
      lines.push(`Note: ${nothingToPost(config.DAILY_CATEGORIES)}, so there is nothing to post yet.`);
    }
    if (!present(input.time) && !present(input.timezone) && !present(input.days))
      lines.push(`Choose another time with, for example, ${EXAMPLE}.`);
    lines.push('Stop with /daily unsubscribe; /daily status shows the schedule.');
    return { kind: 'notice', title: created ? 'Daily posts are on' : 'Daily posts updated', text: lines.join('\n') };
  }

  async function unsubscribe(platform: Platform, channelId: string, ctx: CommandContext): Promise<Reply> {
    const deleted = await store.deleteSubscription(platform, channelId);
    opts.scheduler?.refresh();
    if (!deleted) {
      return {
        kind: 'notice',
        private: true,
        title: 'No daily posts here',
        text: 'This channel had no daily posts, so there was nothing to stop.',
      };
    }
    opts.log?.info({ platform, channelId, by: ctx.userId }, 'daily subscription removed');
    return {
      kind: 'notice',
      title: 'Daily posts stopped',
      text: 'This channel will get no more daily posts. /daily subscribe starts them again (where they left off, without repeats).',
    };
  }

  async function status(platform: Platform, channelId: string): Promise<Reply> {
    const sub = await store.getSubscription(platform, channelId);
    if (!sub) {
      return {
        kind: 'notice',
        private: true,
        title: 'No daily posts here',
        text: `This channel gets no daily posts. Someone who can manage the channel can start them, for example: ${EXAMPLE}`,
      };
    }
    const at = now();
    const lines = [`Schedule: ${describeDays(sub.days)} at ${sub.time} (${sub.timeZone}).`];
    if (sub.pausedReason) {
      lines.push(
        `Paused${sub.pausedAt ? ` since ${formatLocal(sub.pausedAt, sub.timeZone)}` : ''}: ${sub.pausedReason}.`,
        'Once the bot can post here again, run /daily subscribe to resume.',
      );
    } else {
      const next = await upcoming(sub, at);
      if (next?.catchingUp) {
        const post = await store.getPost({ platform, channelId, localDate: localDate(next.at, sub.timeZone) });
        lines.push(
          post?.lastError
            ? `The post due ${formatLocal(next.at, sub.timeZone)} is late: the last try failed (${post.lastError}); it will be tried again.`
            : `The post due ${formatLocal(next.at, sub.timeZone)} is on its way.`,
        );
        const after = nextDue(sub, next.at);
        if (after) lines.push(`Next post: ${formatLocal(after, sub.timeZone)}.`);
      } else if (next) {
        lines.push(`Next post: ${formatLocal(next.at, sub.timeZone)}.`);
      }
    }
    const [lastSent, last] = await Promise.all([store.lastPost(platform, channelId, 'sent'), store.lastPost(platform, channelId)]);
    lines.push(
      lastSent ? `Last post: ${titleOf(lastSent.slug)}, ${formatLocal(lastSent.sentAt ?? lastSent.dueAt, sub.timeZone)}.` : 'No post yet.',
    );
    if (last && last.status === 'failed' && (!lastSent || last.localDate > lastSent.localDate)) {
      lines.push(`The post of ${last.localDate} was not sent: ${last.lastError ?? 'it failed'}.`);
    }
    return { kind: 'notice', private: true, title: 'Daily posts in this channel', text: lines.join('\n') };
  }

  async function preview(platform: Platform | undefined, ctx: CommandContext): Promise<Reply> {
    const library = opts.library();
    const eligible = eligibleSlugs(library, config.DAILY_CATEGORIES);
    let slug: string | undefined;
    let intro: string;
    if (platform && ctx.channelId) {
      const sub = await store.getSubscription(platform, ctx.channelId);
      const pending: PostRecord | undefined = await store.lastPost(platform, ctx.channelId);
      if (pending?.status === 'claimed' && pending.slug && articleBySlug(library, pending.slug)) slug = pending.slug;
      else {
        const walk = (await store.getWalk(platform, ctx.channelId)) ?? newWalk(channelSeed(platform, ctx.channelId));
        slug = peekWalk(walk, eligible);
      }
      if (sub && !sub.pausedReason) {
        const next = await upcoming(sub, now());
        intro = next
          ? `Preview of this channel's next daily post (${next.catchingUp ? 'due now' : formatLocal(next.at, sub.timeZone)}):`
          : "Preview of this channel's next daily post:";
      } else if (sub) {
        intro = `Preview of this channel's next daily post (posting is paused: ${sub.pausedReason}):`;
      } else {
        intro = 'Preview: this channel has no daily posts yet. With /daily subscribe, the first one would be:';
      }
    } else {
      slug = peekWalk(newWalk(seedFor(`shell:${ctx.channelId ?? 'terminal'}`)), eligible);
      intro = `Preview of a daily post (daily posts go to ${platformNames(opts.profiles, 'and')} channels):`;
    }
    const article = slug ? articleBySlug(library, slug) : undefined;
    if (!article) {
      return {
        kind: 'notice',
        private: true,
        title: 'Nothing to post',
        text: `Nothing to post: ${nothingToPost(config.DAILY_CATEGORIES)}.`,
      };
    }
    const reply = dailyReply(library, article);
    return { ...reply, private: true, text: `${intro}\n\n${reply.text ?? ''}`.trimEnd() };
  }

  /** What a user is told when the database failed them: plainly, and why to those who manage
   *  the channel; the error is logged with the id both see. */
  function storeFailure(err: StoreError, sub: Subcommand, ctx: CommandContext): Reply {
    const errorId = newErrorId();
    const status = opts.storeStatus?.();
    opts.log?.warn(
      { err: { message: err.message }, failure: err.failure, errorId, subcommand: sub, channelId: ctx.channelId },
      `/daily ${sub}: the database failed`,
    );
    const changing = sub === 'subscribe' || sub === 'unsubscribe';
    const lines =
      err.failure === 'timeout'
        ? [
            `The bot's database did not answer in time, so this could not be ${changing ? 'done' : 'shown'}. Everything else works. Try again in a minute.`,
            ...(changing ? ['The change may still have been made: /daily status will show it once the database answers.'] : []),
          ]
        : ['Daily posts are unavailable right now: the bot cannot use its database. Everything else works. Try again in a minute.'];
    if (ctx.canManageChannel === true) {
      const since =
        status?.state === 'down'
          ? ` (down since ${status.since.toISOString().slice(0, 16).replace('T', ' ')} UTC${status.retryAt ? `; tried again in the background, next at ${status.retryAt.toISOString().slice(11, 19)} UTC` : ''})`
          : '';
      lines.push(`For admins: ${err.message}${since}. Error ${errorId} in the bot's log.`);
    }
    return {
      kind: 'error',
      private: true,
      errorId,
      title: err.failure === 'timeout' ? 'The database did not answer' : 'Daily posts are unavailable right now',
      text: lines.join('\n'),
    };
  }

  return {
    async handle(input, ctx) {
      const raw = present(input.subcommand) ? String(input.subcommand).trim().toLowerCase() : 'status';
      if (!(SUBCOMMANDS as readonly string[]).includes(raw)) {
        return {
          kind: 'error',
          private: true,
          title: 'Unknown /daily command',
          text: `"/daily ${ellipsize(raw, 30)}" is not something I know. Use /daily subscribe, /daily unsubscribe, /daily status or /daily preview; for example: ${EXAMPLE}`,
        };
      }
      const sub = raw as Subcommand;
      const platform = opts.platforms.includes(ctx.platform) ? ctx.platform : undefined;
      // A database failure gets its own answer, never "something went wrong".
      const answer = (run: () => Promise<Reply>) =>
        run().catch((err: unknown) => {
          if (err instanceof StoreError) return storeFailure(err, sub, ctx);
          throw err;
        });
      if (sub === 'preview') return answer(() => preview(platform, ctx));
      if (!platform) {
        return {
          kind: 'notice',
          private: true,
          title: 'Daily posts are for channels',
          text: `Daily posts go to ${platformNames(opts.profiles, 'and')} channels: run /daily subscribe in the channel that should get them. Here, /daily preview shows what a post looks like.`,
        };
      }
      if (!ctx.channelId) {
        return { kind: 'error', private: true, title: 'No channel', text: 'Run /daily in the channel that should get the daily posts.' };
      }
      if ((sub === 'subscribe' || sub === 'unsubscribe') && ctx.canManageChannel !== true) {
        return {
          kind: 'error',
          private: true,
          title: 'Not allowed',
          text:
            `Only people who can manage this channel can ${sub === 'subscribe' ? 'start or change' : 'stop'} its daily posts ` +
            `(${whoManages(opts.profiles, 'channel', "the bot's admins")}). ` +
            'Ask one of them. /daily status shows the current schedule.',
        };
      }
      const channelId = ctx.channelId;
      switch (sub) {
        case 'subscribe':
          return answer(() => subscribe(platform, channelId, input, ctx));
        case 'unsubscribe':
          return answer(() => unsubscribe(platform, channelId, ctx));
        case 'status':
          return answer(() => status(platform, channelId));
      }
    },
  };
}

/**
 * The schedule a `subscribe` asks for: `time`, `timezone` and `days` from the input, each
 * checked, else the defaults (09:00, the workspace's zone or `defaultZone`, `defaultDays`).
 * What does not parse comes back as the reply that says so.
 */
export function scheduleFrom(
  input: CommandInput,
  ctx: Pick<CommandContext, 'timeZone'>,
  defaultZone: string,
  defaultDays = '',
): { ok: true; value: { time: string; timeZone: string; days: string } } | { ok: false; reply: (example: string) => Reply } {
  const errors: string[] = [];
  const time = present(input.time) ? parseTime(String(input.time)) : ({ ok: true, value: DEFAULT_TIME } as const);
  if (!time.ok) errors.push(time.error);
  const zone = present(input.timezone)
    ? parseTimeZone(String(input.timezone))
    : ({ ok: true, value: ctx.timeZone && isTimeZoneName(ctx.timeZone) ? ctx.timeZone : defaultZone } as const);
  if (!zone.ok) errors.push(zone.error);
  const days = parseDays(present(input.days) ? String(input.days) : defaultDays);
  if (!days.ok) errors.push(days.error);
  if (!time.ok || !zone.ok || !days.ok) {
    return {
      ok: false,
      reply: (example) => ({
        kind: 'error',
        private: true,
        title: 'That schedule does not work',
        text: `${errors.join('\n')}\nFor example: ${example}`,
      }),
    };
  }
  return { ok: true, value: { time: time.value, timeZone: zone.value, days: days.value } };
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && String(v).trim() !== '';
}
