// `/insights [show] | subscribe [day] [HH:MM] [zone] | unsubscribe | status`: the figures of the
// server or workspace the command comes from, for the people who may manage it, and its weekly
// digest, posted by the daily scheduler as a feed of its own (same claims, same post log).
import type { Config } from '../config.js';
import { describeDays, formatLocal, nextDue } from '../daily/schedule.js';
import { scheduleFrom } from '../daily/service.js';
import type { Platform } from '../daily/types.js';
import { platformNames, whoManages, workspaceWord, type PlatformProfile } from '../platform.js';
import { newErrorId, type Logger } from '../log.js';
import type { Reply } from '../reply.js';
import type { CommandContext, CommandInput } from '../request.js';
import { StoreError } from '../store/errors.js';
import type { Store, Subscription } from '../store/types.js';
import { ellipsize } from '../text/graphemes.js';
import { addDays, utcDay } from './days.js';
import { insightsReply, RECENT_DAYS, WINDOW_DAYS } from './report.js';

export interface InsightsService {
  handle(input: CommandInput, ctx: CommandContext): Promise<Reply>;
}

export interface InsightsServiceOptions {
  store: Store;
  /** Told when a digest subscription changes. */
  scheduler?: { refresh(): void };
  /** The platforms whose channels get posts from here; elsewhere (the terminal) the figures
   *  of every workspace are shown, and there is no digest. */
  platforms: readonly Platform[];
  /** Every chat platform the bot has an adapter for: its word for a workspace, who may manage one. */
  profiles: readonly PlatformProfile[];
  config: Pick<Config, 'DAILY_DEFAULT_TZ' | 'INSIGHTS_DAYS'>;
  now?: () => Date;
  log?: Logger;
}

export const INSIGHTS_SUBCOMMANDS = ['show', 'subscribe', 'unsubscribe', 'status'] as const;
const EXAMPLE = '/insights subscribe monday 09:00 Europe/Paris';
/** The digest's day when none is given. */
const DIGEST_DAY = 'mon';

/** The figures a workspace's insights come from, and how to say where. */
function scopeOf(
  platform: Platform | undefined,
  ctx: CommandContext,
  profiles: readonly PlatformProfile[],
): { platform?: Platform; workspaceId?: string; where: string } | undefined {
  if (!platform) return { where: 'everywhere the bot answers' };
  if (!ctx.workspaceId) return undefined;
  return { platform, workspaceId: ctx.workspaceId, where: `in this ${workspaceWord(profiles, platform)}` };
}

/** The weekly digest of `sub`'s workspace, for the scheduler (FeedComposer). */
export function insightsDigest(
  store: Pick<Store, 'insightTotals'>,
  keepDays: number,
  profiles: readonly PlatformProfile[],
): (sub: Subscription, at: Date) => Promise<Reply> {
  return async (sub, at) => {
    const today = utcDay(at);
    const totals = await store.insightTotals({
      platform: sub.platform,
      workspaceId: sub.workspaceId ?? '',
      since: addDays(today, -(RECENT_DAYS - 1)),
      recentSince: addDays(today, -(RECENT_DAYS - 1)),
    });
    return insightsReply(totals, { where: `in this ${workspaceWord(profiles, sub.platform)}`, keepDays, windows: 'week' });
  };
}

export function createInsightsService(opts: InsightsServiceOptions): InsightsService {
  const { store, config } = opts;
  const now = opts.now ?? (() => new Date());

  async function show(scope: NonNullable<ReturnType<typeof scopeOf>>): Promise<Reply> {
    const today = utcDay(now());
    const totals = await store.insightTotals({
      ...(scope.platform ? { platform: scope.platform, workspaceId: scope.workspaceId ?? '' } : {}),
      since: addDays(today, -(WINDOW_DAYS - 1)),
      recentSince: addDays(today, -(RECENT_DAYS - 1)),
    });
    return { ...insightsReply(totals, { where: scope.where, keepDays: config.INSIGHTS_DAYS, windows: 'both' }), private: true };
  }

  async function subscribe(platform: Platform, channelId: string, input: CommandInput, ctx: CommandContext): Promise<Reply> {
    const schedule = scheduleFrom(input, ctx, config.DAILY_DEFAULT_TZ, DIGEST_DAY);
    if (!schedule.ok) return schedule.reply(EXAMPLE);
    const { subscription: sub, created } = await store.saveSubscription(
      { platform, channelId, feed: 'insights', workspaceId: ctx.workspaceId, ...schedule.value, by: ctx.userId },
      now(),
    );
    opts.scheduler?.refresh();
    opts.log?.info(
      { platform, channelId, time: sub.time, timeZone: sub.timeZone, days: sub.days },
      created ? 'insights digest subscribed' : 'insights digest changed',
    );
    const next = nextDue(sub, now());
    return {
      kind: 'notice',
      private: true,
      title: created ? 'Weekly insights digest is on' : 'Insights digest updated',
      text: [
        `This channel gets the insights digest ${describeDays(sub.days)} at ${sub.time} (${sub.timeZone}): the last 7 days' most asked pages, the names the wiki lacks, and the commands used. Everyone in the channel can read it.`,
        ...(next ? [`Next: ${formatLocal(next, sub.timeZone)}.`] : []),
        'Stop it with /insights unsubscribe.',
      ].join('\n'),
    };
  }

  async function unsubscribe(platform: Platform, channelId: string): Promise<Reply> {
    const deleted = await store.deleteSubscription(platform, channelId, 'insights');
    opts.scheduler?.refresh();
    return deleted
      ? { kind: 'notice', private: true, title: 'Insights digest stopped', text: 'This channel will get no more insights digests.' }
      : {
          kind: 'notice',
          private: true,
          title: 'No insights digest here',
          text: 'This channel had no insights digest, so there was nothing to stop.',
        };
  }

  async function status(platform: Platform, channelId: string): Promise<Reply> {
    const sub = await store.getSubscription(platform, channelId, 'insights');
    if (!sub)
      return {
        kind: 'notice',
        private: true,
        title: 'No insights digest here',
        text: `This channel gets no insights digest. Start one with, for example, ${EXAMPLE}`,
      };
    const next = nextDue(sub, now());
    const last = await store.lastPost(platform, channelId, 'sent', 'insights');
    return {
      kind: 'notice',
      private: true,
      title: 'Insights digest in this channel',
      text: [
        `Schedule: ${describeDays(sub.days)} at ${sub.time} (${sub.timeZone}).`,
        sub.pausedReason ? `Paused: ${sub.pausedReason}.` : next ? `Next: ${formatLocal(next, sub.timeZone)}.` : '',
        last ? `Last sent: ${formatLocal(last.sentAt ?? last.dueAt, sub.timeZone)}.` : 'None sent yet.',
      ]
        .filter(Boolean)
        .join('\n'),
    };
  }

  function refused(text: string): Reply {
    return { kind: 'error', private: true, title: 'Not allowed', text };
  }

  function storeFailure(err: StoreError): Reply {
    const errorId = newErrorId();
    opts.log?.warn({ err: { message: err.message }, failure: err.failure, errorId }, '/insights: the database failed');
    return {
      kind: 'error',
      private: true,
      errorId,
      title: 'Insights are unavailable right now',
      text: `The bot cannot use its database just now, so the insights cannot be shown or changed. Everything else works; try again in a minute. (Error ${errorId}.)`,
    };
  }

  return {
    async handle(input, ctx) {
      const raw = typeof input.subcommand === 'string' && input.subcommand.trim() ? input.subcommand.trim().toLowerCase() : 'show';
      // Other words for the subcommands ("on", "stop", …) were read by the command's parser.
      const sub = raw;
      if (!(INSIGHTS_SUBCOMMANDS as readonly string[]).includes(sub)) {
        return {
          kind: 'error',
          private: true,
          title: 'Unknown /insights command',
          text: `"/insights ${ellipsize(raw, 30)}" is not something I know. Use /insights, /insights subscribe, /insights unsubscribe or /insights status; for example: ${EXAMPLE}`,
        };
      }
      const platform = opts.platforms.includes(ctx.platform) ? ctx.platform : undefined;
      const scope = scopeOf(platform, ctx, opts.profiles);
      if (!scope)
        return refused('Insights are kept per server or workspace: run /insights in one of its channels, not in a direct message.');
      if (ctx.canManageWorkspace !== true) {
        return refused(
          `Only people who can manage this server or workspace can see its insights (${whoManages(opts.profiles, 'workspace', 'the bot’s admins')}).`,
        );
      }
      try {
        if (sub === 'show') return await show(scope);
        if (!platform || !ctx.channelId) {
          return {
            kind: 'notice',
            private: true,
            title: 'Digests are for channels',
            text: `The weekly digest is posted in a ${platformNames(opts.profiles, 'or')} channel: run /insights subscribe there.`,
          };
        }
        if (sub === 'subscribe') return await subscribe(platform, ctx.channelId, input, ctx);
        if (sub === 'unsubscribe') return await unsubscribe(platform, ctx.channelId);
        return await status(platform, ctx.channelId);
      } catch (err) {
        if (err instanceof StoreError) return storeFailure(err);
        throw err;
      }
    },
  };
}
