// What the bot keeps between runs: daily-post subscriptions, each channel's walk through
// the pages, and the log of posts. Two implementations (SQLite, PostgreSQL) behind one
// interface, tested by one suite. Every instant is passed in by the caller (its clock,
// which tests fake) and stored as milliseconds since the epoch.
import type { Platform } from '../daily/types.js';
import type { WalkState } from '../daily/rotation.js';

export type { Platform, WalkState };

/** What a subscription posts: the concept of the day, or the editors' weekly insights digest.
 *  Both go through the same schedule, claims and post log. */
export type Feed = 'daily' | 'insights';
export const DAILY_FEED: Feed = 'daily';

export interface ChannelKey {
  platform: Platform;
  channelId: string;
  /** Default 'daily'. */
  feed?: Feed;
}

export interface SubscriptionInput extends ChannelKey {
  /** Discord guild id or Slack team id. */
  workspaceId?: string;
  /** "HH:MM", 24-hour, local to `timeZone`. */
  time: string;
  /** IANA zone name. */
  timeZone: string;
  /** Canonical days, Monday first: "mon,tue,wed,thu,fri,sat,sun". */
  days: string;
  /** Who subscribed or changed the subscription (platform user id). */
  by?: string;
}

export interface Subscription extends ChannelKey {
  feed: Feed;
  workspaceId?: string;
  time: string;
  timeZone: string;
  days: string;
  createdBy?: string;
  createdAt: Date;
  updatedBy?: string;
  updatedAt: Date;
  /** When the current schedule was set: posts due before it are not owed. */
  activeFrom: Date;
  /** Why posting stopped (channel gone, access lost); undefined while active. */
  pausedReason?: string;
  pausedAt?: Date;
}

/** One post: a channel on one local date (the unique key). */
export interface PostKey extends ChannelKey {
  /** The channel's local calendar date of the due time, "2026-03-29". */
  localDate: string;
}

export type PostStatus = 'claimed' | 'sent' | 'failed';

export interface PostRecord extends PostKey {
  /** When the post was due. */
  dueAt: Date;
  /** claimed: an instance holds it (until `leaseUntil`) or it waits for a retry at `leaseUntil`; sent; failed (gave up). */
  status: PostStatus;
  /** Instance id of the last claimer. */
  claimedBy?: string;
  /** No other instance may take the claim before this instant. */
  leaseUntil: Date;
  /** How many times the post was claimed (first try and retries). */
  attempts: number;
  /** The page chosen for this post, fixed at the first claim so a retry posts the same page. */
  slug?: string;
  sentAt?: Date;
  lastError?: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ClaimOptions {
  instanceId: string;
  now: Date;
  /** The claim's lease: if the claimer dies, another instance may retry after this instant. */
  leaseUntil: Date;
  dueAt: Date;
  /** A lapsed claim is taken over only while attempts < maxAttempts. */
  maxAttempts: number;
}

/** What a count is of: a command run, an answered page, or a name the wiki does not have. */
export type InsightKind = 'command' | 'page' | 'missing';

/** How many times something happened on one UTC day, in one workspace. No user, no message. */
export interface InsightCount {
  /** UTC date, "2026-03-29". */
  day: string;
  platform: Platform;
  /** Discord guild or Slack team; '' outside one (a DM). */
  workspaceId: string;
  kind: InsightKind;
  command: string;
  /** The page's title ('page'), the normalised name asked for ('missing'), '' ('command'). */
  term: string;
  count: number;
}

export interface InsightQuery {
  platform?: Platform;
  workspaceId?: string;
  /** First UTC day counted. */
  since: string;
  /** First UTC day counted in `recent` (on or after `since`). */
  recentSince: string;
}

export interface InsightTotal {
  kind: InsightKind;
  command: string;
  term: string;
  /** From `recentSince` on. */
  recent: number;
  /** From `since` on. */
  total: number;
}

/** Chooses the page of a post inside the store's transaction; `walk` is the channel's saved walk. */
export type ChooseArticle = (current: { slug?: string; walk?: WalkState }) => { slug: string; walk?: WalkState } | undefined;

/** Where an inline-links setting applies: one channel, or a whole Discord server or Slack workspace. */
export type InlineScope = 'channel' | 'workspace';

export interface InlineSettingInput {
  platform: Platform;
  scope: InlineScope;
  /** The channel id, or the Discord guild / Slack team id. */
  scopeId: string;
  enabled: boolean;
  by?: string;
}

/** The settings made for a channel and for its workspace; undefined where none was made. */
export interface InlineSettings {
  channel?: boolean;
  workspace?: boolean;
}

/** A message of a channel (Discord message id, Slack ts). */
export interface MessageKey extends ChannelKey {
  messageId: string;
}

/** claimed: being answered (or the answer failed); posted: `replyId` answers it; removed: its
 *  links were edited away and the reply deleted; gone: the message was deleted (or its reply
 *  was, by someone else), nothing more is done. */
export type InlineReplyStatus = 'claimed' | 'posted' | 'removed' | 'gone';

export interface InlineReplyRecord extends MessageKey {
  status: InlineReplyStatus;
  replyId?: string;
  /** Identifies the links the reply answers (a hash; the message text is never stored). */
  signature?: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The claim was taken over by another instance (our lease lapsed). */
export class LostClaimError extends Error {
  constructor(key: PostKey) {
    super(`lost the claim on ${key.platform}:${key.channelId}:${key.localDate}`);
    this.name = 'LostClaimError';
  }
}

/** How far a content folder follows its live wiki (one row per folder, see live/sync.ts). */
export interface WikiSyncState {
  /** The API URL and the content folder's id. */
  source: string;
  apiUrl: string;
  /** The wiki's clock when the first pull began: recent changes are followed from there. */
  pullStarted?: string;
  /** The first pull's continuation (JSON) after the last batch written; absent before and after. */
  pullContinue?: string;
  /** When the first pull finished; absent while it runs. */
  pulledAt?: Date;
  /** The last recent change applied: its timestamp (the wiki's ISO form) and rcid. */
  rcTimestamp?: string;
  rcId?: number;
  syncedAt?: Date;
  lastError?: string;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data lives, without secrets (for logs). */
  readonly location: string;

  /** Highest applied migration version. */
  schemaVersion(): Promise<number>;

  /** Creates or replaces a channel's subscription; a change clears a pause and restarts `activeFrom`. */
  saveSubscription(input: SubscriptionInput, now: Date): Promise<{ subscription: Subscription; created: boolean }>;
  getSubscription(platform: Platform, channelId: string, feed?: Feed): Promise<Subscription | undefined>;
  /** Removes the subscription (its walk and post log stay, so a new subscription does not repeat). */
  deleteSubscription(platform: Platform, channelId: string, feed?: Feed): Promise<boolean>;
  /** Active subscriptions of every feed, or all with `includePaused`. */
  listSubscriptions(opts?: { includePaused?: boolean }): Promise<Subscription[]>;
  pauseSubscription(platform: Platform, channelId: string, reason: string, now: Date, feed?: Feed): Promise<void>;

  /**
   * Claims a post before sending it: inserts the (channel, local date) row, or takes over a
   * row whose claim lapsed (status claimed, lease over, attempts left). Returns the row when
   * this caller now holds it, undefined when it exists and is sent, failed or held.
   */
  claimPost(key: PostKey, opts: ClaimOptions): Promise<PostRecord | undefined>;
  /**
   * Fixes the post's page in one transaction with the channel's walk: `choose` gets the
   * slug already fixed (a retry) and the saved walk, and returns the slug and new walk.
   * Throws LostClaimError when `instanceId` no longer holds the claim.
   */
  assignArticle(key: PostKey, instanceId: string, now: Date, choose: ChooseArticle): Promise<string | undefined>;
  /** Records a sent post (whoever holds the claim now: it was sent). */
  markSent(key: PostKey, now: Date): Promise<void>;
  /** A transient failure: the claim waits until `retryAt`, when any instance may take it again. */
  releasePost(key: PostKey, instanceId: string, retryAt: Date, error: string, now: Date): Promise<void>;
  /** Gives the post up for good (channel gone, attempts used up, nothing to post). */
  failPost(key: PostKey, error: string, now: Date): Promise<void>;
  getPost(key: PostKey): Promise<PostRecord | undefined>;
  /** Posts due at or after `dueSince`, every channel. */
  listPosts(opts: { dueSince: Date }): Promise<PostRecord[]>;
  /** A channel's latest post (by local date), optionally with a given status. */
  lastPost(platform: Platform, channelId: string, status?: PostStatus, feed?: Feed): Promise<PostRecord | undefined>;

  getWalk(platform: Platform, channelId: string): Promise<WalkState | undefined>;

  getWikiSync(source: string): Promise<WikiSyncState | undefined>;
  /** Creates or replaces the row of `state.source`. */
  saveWikiSync(state: WikiSyncState, now: Date): Promise<void>;

  /**
   * Records a request by `key` (a platform's request signature) until `expiresAt`. True the
   * first time the key is seen (or once its record expired); false for a replay. Records past
   * their expiry are removed along the way. Shared by every instance on one database.
   */
  firstSighting(key: string, expiresAt: Date, now: Date): Promise<boolean>;

  /** Adds counts to the insights (one transaction; a row's count grows by each). */
  addInsightCounts(counts: readonly InsightCount[]): Promise<void>;
  /** The insights' counts from `since` on (and from `recentSince` on), summed per kind, command
   *  and term; for one platform and workspace when given. */
  insightTotals(query: InsightQuery): Promise<InsightTotal[]>;
  /** Removes insights counts of days before `insightsBefore` and posts due before
   *  `postsDueBefore` (INSIGHTS_DAYS). */
  pruneHistory(opts: { insightsBefore: string; postsDueBefore: Date }): Promise<{ counts: number; posts: number }>;

  /** Sets inline links on or off for a channel or a workspace. */
  saveInlineSetting(input: InlineSettingInput, now: Date): Promise<void>;
  getInlineSettings(platform: Platform, channelId: string, workspaceId?: string): Promise<InlineSettings>;
  /**
   * Claims the answer to a message's [[links]]: true when this caller may answer it, because
   * it was never answered (the record is inserted, status claimed) or its reply was removed
   * when its links were edited away (taken back to claimed). False for anything else, so a
   * message is answered at most once, whatever restarts or instances there are.
   */
  claimInlineReply(key: MessageKey, now: Date): Promise<boolean>;
  getInlineReply(key: MessageKey): Promise<InlineReplyRecord | undefined>;
  /** Records what became of the answer (replyId and signature are kept unless given). */
  updateInlineReply(key: MessageKey, change: { status: InlineReplyStatus; replyId?: string; signature?: string }, now: Date): Promise<void>;
  /** Removes the records of messages answered before `before`; returns how many. */
  pruneInlineReplies(before: Date): Promise<number>;

  close(): Promise<void>;
}
