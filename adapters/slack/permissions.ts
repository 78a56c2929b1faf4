// Who may manage a channel's daily posts: the users in ADMIN_USER_IDS, and workspace
// admins and owners (users.info → is_admin / is_owner). Asked only for commands that need
// it, and cached per user for a few minutes so a burst of /daily calls costs one lookup.
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

type WebClient = webApi.WebClient;

export interface UserStanding {
  admin: boolean;
  /** The user's IANA time zone, when Slack knows it. */
  timeZone?: string;
}

export interface AdminCheckOptions {
  adminUserIds: readonly string[];
  log: Logger;
  /** How long an answer is kept. */
  ttlMs?: number;
  /** How long a failed lookup is remembered (as "not admin"), so a failing API is not hammered. */
  failureTtlMs?: number;
  now?: () => number;
}

export class SlackAdminCheck {
  private readonly cache = new Map<string, { at: number; ttl: number; standing: Promise<UserStanding> }>();
  private readonly admins: ReadonlySet<string>;
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly client: WebClient,
    private readonly opts: AdminCheckOptions,
  ) {
    this.admins = new Set(opts.adminUserIds);
    this.ttlMs = opts.ttlMs ?? 5 * 60_000;
    this.failureTtlMs = opts.failureTtlMs ?? 30_000;
    this.now = opts.now ?? Date.now;
  }

  async standing(teamId: string | undefined, userId: string): Promise<UserStanding> {
    const key = `${teamId ?? ''}:${userId}`;
    const hit = this.cache.get(key);
    const now = this.now();
    if (hit && now - hit.at < hit.ttl) return hit.standing;

    const entry = { at: now, ttl: this.ttlMs, standing: Promise.resolve<UserStanding>({ admin: false }) };
    entry.standing = this.lookup(userId).catch((err: unknown) => {
      entry.ttl = this.failureTtlMs;
      this.opts.log.warn(
        { userId, slackError: slackErrorCode(err) ?? String((err as Error)?.message ?? err) },
        'users.info failed; only ADMIN_USER_IDS count as admins for this user for now',
      );
      return { admin: this.admins.has(userId) };
    });
    this.cache.set(key, entry);
    if (this.cache.size > 10_000) this.prune(now);
    return entry.standing;
  }

  private async lookup(userId: string): Promise<UserStanding> {
    const res = await this.client.users.info({ user: userId });
    const user = res.user;
    const admin = this.admins.has(userId) || user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
    return { admin, timeZone: typeof user?.tz === 'string' && user.tz ? user.tz : undefined };
  }

  private prune(now: number): void {
    for (const [key, entry] of this.cache) if (now - entry.at >= entry.ttl) this.cache.delete(key);
  }
}

/** The `error` string of a Slack Web API platform error (`channel_not_found`, …). */
export function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return data && typeof data.error === 'string' ? data.error : undefined;
}
