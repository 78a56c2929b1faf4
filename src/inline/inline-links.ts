// [[Links]] in conversation, platform-neutral: whether a channel wants them (its setting, else
// its workspace's, else off), and what to do when a message is written, edited or deleted.
// Each platform's adapter turns its events into InlineMessages and gives a Replier that posts,
// edits and deletes the bot's reply; this decides, and keeps the record in the Store that makes
// a message answered at most once, whatever restarts and instances there are:
//   written with links → claim the message (a unique row), post the reply, record its id;
//   edited             → edit the reply to the new links, delete it when none is left, or
//                        answer a message that had none (or whose reply was deleted so);
//   deleted            → delete the reply; the message is done with.
// Nothing here throws into an adapter: a failure is logged, and the message keeps at most one reply.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../log.js';
import { StoreError } from '../store/errors.js';
import type { Reply } from '../reply.js';
import type { InlineScope, InlineSettings, MessageKey, Platform, Store } from '../store/types.js';
import { findWikiLinks, type WikiLink } from '../links/wiki-links.js';
import { normalizeKey } from '../library/normalize.js';

/** A message as the adapters hand it over. */
export interface InlineMessage extends MessageKey {
  /** Discord guild id or Slack team id. */
  workspaceId?: string;
  /** The thread the message stands in, where a platform answers in threads (Slack's thread_ts). */
  threadId?: string;
  /** When it was first written (from its id or timestamp). */
  sentAt: Date;
  /** Its text as written (platform markup decoded to plain characters). */
  text: string;
}

/** The reply a platform gave was deleted by someone: there is nothing to edit any more. */
export class ReplyGoneError extends Error {
  constructor() {
    super('the reply was deleted');
    this.name = 'ReplyGoneError';
  }
}

/** How one platform shows the bot's reply to a message. */
export interface Replier {
  /** Posts `reply` as the answer to `message`; resolves with the reply's id. */
  post(message: InlineMessage, reply: Reply): Promise<string>;
  /** Replaces the reply's content; throws ReplyGoneError when it no longer exists. */
  edit(message: MessageKey, replyId: string, reply: Reply): Promise<void>;
  /** Deletes the reply (one already gone is no error). */
  remove(message: MessageKey, replyId: string): Promise<void>;
}

export interface InlineLinksOptions {
  /** The store, read at each use (it may open later, or not at all). */
  store: () => Store | undefined;
  /** The reply to a message's links, computed from the Library of the moment. */
  answer: (links: readonly WikiLink[]) => Reply | undefined;
  /** INLINE_LINKS: whether this bot reads messages at all. */
  enabled: boolean;
  log: Logger;
  now?: () => Date;
  /** How long a channel's setting is remembered (default 30 s; other instances see a change after at most this). */
  settingsTtlMs?: number;
}

/** Messages older than this are neither answered nor followed: their records are pruned. */
export const INLINE_RECORD_DAYS = 30;
const DAY_MS = 86_400_000;
/** New answers stop a day before records go, so a pruned message is never answered twice. */
const ANSWER_WINDOW_MS = (INLINE_RECORD_DAYS - 1) * DAY_MS;
const PRUNE_EVERY_MS = 3_600_000;

const NOT_ENABLED =
  'The bot does not read messages: its operator can turn [[links]] on with INLINE_LINKS=true (see the README, "Wiki links in conversation").';

export class InlineLinks {
  private readonly cache: LRUCache<string, { on: boolean }>;
  private readonly unavailable = new Map<Platform, string>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly now: () => Date;
  private lastPrune = 0;

  constructor(private readonly opts: InlineLinksOptions) {
    this.now = opts.now ?? (() => new Date());
    this.cache = new LRUCache({ max: 50_000, ttl: opts.settingsTtlMs ?? 30_000 });
  }

  /** Undefined when [[links]] can be answered on this platform; else why not, for people who
   *  change the setting. */
  whyUnavailable(platform: Platform): string | undefined {
    return this.opts.enabled ? this.unavailable.get(platform) : NOT_ENABLED;
  }

  /** An adapter says its platform cannot deliver messages (e.g. Discord refused the Message
   *  Content intent), or can again (undefined). */
  setUnavailable(platform: Platform, why: string | undefined): void {
    if (why) this.unavailable.set(platform, why);
    else this.unavailable.delete(platform);
  }

  /** The settings made for a channel and its workspace. Throws a StoreError when the store fails. */
  async settings(platform: Platform, channelId: string, workspaceId?: string): Promise<InlineSettings> {
    return this.store().getInlineSettings(platform, channelId, workspaceId);
  }

  /** Sets [[links]] on or off for a channel or a workspace. Throws a StoreError when the store fails. */
  async set(input: { platform: Platform; scope: InlineScope; scopeId: string; enabled: boolean; by?: string }): Promise<void> {
    await this.store().saveInlineSetting(input, this.now());
    this.cache.clear();
  }

  /** Whether [[links]] are answered in this channel: its own setting, else its workspace's,
   *  else off. Remembered for a short while; false while the store cannot say. */
  async enabledIn(platform: Platform, channelId: string, workspaceId?: string): Promise<boolean> {
    if (!this.opts.enabled) return false;
    const key = `${platform}\u0000${channelId}\u0000${workspaceId ?? ''}`;
    const hit = this.cache.get(key);
    if (hit) return hit.on;
    try {
      const s = await this.settings(platform, channelId, workspaceId);
      const on = s.channel ?? s.workspace ?? false;
      this.cache.set(key, { on });
      return on;
    } catch (err) {
      this.opts.log.debug(
        { err: { message: (err as Error).message }, platform, channelId },
        'inline links: no setting could be read; not answering',
      );
      return false;
    }
  }

  /** A message was written. */
  written(message: InlineMessage, replier: Replier): Promise<void> {
    const links = linksIn(message.text);
    if (!links.length || !this.opts.enabled) return Promise.resolve();
    return this.serially(message, async () => {
      if (this.recent(message) && (await this.enabledIn(message.platform, message.channelId, message.workspaceId)))
        await this.answer(message, links, replier);
    });
  }

  /** A message was edited (its whole new text). Events of one message are handled in the
   *  order they came, so an edit that arrives while the reply is being posted edits it. */
  edited(message: InlineMessage, replier: Replier): Promise<void> {
    if (!this.opts.enabled) return Promise.resolve();
    const links = linksIn(message.text);
    return this.serially(message, async () => {
      const enabled = () => this.enabledIn(message.platform, message.channelId, message.workspaceId);
      // Only a message that has links now, or could have had some answered, is looked up.
      if (!links.length && !(await enabled())) return;
      const store = this.store();
      const record = await store.getInlineReply(message);
      if (!record || record.status === 'removed') {
        if (links.length && this.recent(message) && (await enabled())) await this.answer(message, links, replier);
        return;
      }
      // Claimed (being answered, or its post failed) or gone: nothing to follow.
      if (record.status !== 'posted' || !record.replyId) return;
      if (!links.length) {
        await replier.remove(message, record.replyId);
        await store.updateInlineReply(message, { status: 'removed' }, this.now());
        return;
      }
      const signature = signatureOf(links);
      if (signature === record.signature) return;
      const reply = this.opts.answer(links);
      if (!reply) return;
      try {
        await replier.edit(message, record.replyId, reply);
      } catch (err) {
        if (!(err instanceof ReplyGoneError)) throw err;
        await store.updateInlineReply(message, { status: 'gone' }, this.now());
        return;
      }
      await store.updateInlineReply(message, { status: 'posted', signature }, this.now());
    });
  }

  /** A message was deleted: its reply goes too. */
  deleted(key: MessageKey, replier: Replier): Promise<void> {
    if (!this.opts.enabled) return Promise.resolve();
    return this.serially(key, async () => {
      const store = this.store();
      const record = await store.getInlineReply(key);
      if (!record || record.status === 'gone') return;
      if (record.status === 'posted' && record.replyId) await replier.remove(key, record.replyId);
      await store.updateInlineReply(key, { status: 'gone' }, this.now());
    });
  }

  /** Claims the message, posts the reply and records it. A message whose claim is taken
   *  (answered before, here or by another instance) is left alone. */
  private async answer(message: InlineMessage, links: readonly WikiLink[], replier: Replier): Promise<void> {
    const store = this.store();
    const now = this.now();
    this.prune(store, now);
    if (!(await store.claimInlineReply(message, now))) return;
    const reply = this.opts.answer(links);
    if (!reply) return;
    // A failed post leaves the claim: the message goes unanswered rather than answered twice.
    const replyId = await replier.post(message, reply);
    await store.updateInlineReply(message, { status: 'posted', replyId, signature: signatureOf(links) }, this.now());
  }

  private store(): Store {
    const store = this.opts.store();
    if (!store) throw new StoreError('down', 'the database is not open yet');
    return store;
  }

  private recent(message: InlineMessage): boolean {
    return this.now().getTime() - message.sentAt.getTime() < ANSWER_WINDOW_MS;
  }

  /** Events of one message are handled one after another (a quick edit waits for the reply
   *  it edits); failures are logged here. */
  private serially(key: MessageKey, work: () => Promise<void>): Promise<void> {
    const id = `${key.platform}\u0000${key.channelId}\u0000${key.messageId}`;
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.then(work).catch((err: unknown) => {
      const where = { platform: key.platform, channelId: key.channelId, messageId: key.messageId };
      // A database that is down is logged once by its keeper; here it is one more message skipped.
      if (err instanceof StoreError)
        this.opts.log.debug({ err: { message: err.message }, ...where }, 'inline links: the database failed; message skipped');
      else this.opts.log.warn({ err, ...where }, 'inline links: could not answer a message');
    });
    this.queues.set(id, next);
    void next.finally(() => {
      if (this.queues.get(id) === next) this.queues.delete(id);
    });
    return next;
  }

  private prune(store: Store, now: Date): void {
    if (now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now.getTime();
    store.pruneInlineReplies(new Date(now.getTime() - INLINE_RECORD_DAYS * DAY_MS)).catch((err: unknown) => {
      this.opts.log.debug({ err: { message: (err as Error).message } }, 'inline links: could not prune old records');
    });
  }
}

function linksIn(text: string): WikiLink[] {
  return text.includes('[[') ? findWikiLinks(text) : [];
}

/** Identifies what a reply answers: the links' targets and sections, by lookup key. */
export function signatureOf(links: readonly WikiLink[]): string {
  const keys = links.map((l) => `${normalizeKey(l.target)}#${normalizeKey(l.section ?? '')}`).join('\n');
  return createHash('sha256').update(keys).digest('base64url').slice(0, 22);
}
