export class SlackAdminCheck {
    client;
    opts;
    cache = new Map();
    admins;
    ttlMs;
    failureTtlMs;
    now;
    constructor(client, opts) {
        this.client = client;
        this.opts = opts;
        this.admins = new Set(opts.adminUserIds);
        this.ttlMs = opts.ttlMs ?? 5 * 60_000;
        this.failureTtlMs = opts.failureTtlMs ?? 30_000;
        this.now = opts.now ?? Date.now;
    }
    async standing(teamId, userId) {
        const key = `${teamId ?? ''}:${userId}`;
        const hit = this.cache.get(key);
        const now = this.now();
        if (hit && now - hit.at < hit.ttl)
            return hit.standing;
        const entry = { at: now, ttl: this.ttlMs, standing: Promise.resolve({ admin: false }) };
        entry.standing = this.lookup(userId).catch((err) => {
            entry.ttl = this.failureTtlMs;
            this.opts.log.warn({ userId, slackError: slackErrorCode(err) ?? String(err?.message ?? err) }, 'users.info failed; only ADMIN_USER_IDS count as admins for this user for now');
            return { admin: this.admins.has(userId) };
        });
        this.cache.set(key, entry);
        if (this.cache.size > 10_000)
            this.prune(now);
        return entry.standing;
    }
    async lookup(userId) {
        const res = await this.client.users.info({ user: userId });
        const user = res.user;
        const admin = this.admins.has(userId) || user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
        return { admin, timeZone: typeof user?.tz === 'string' && user.tz ? user.tz : undefined };
    }
    prune(now) {
        for (const [key, entry] of this.cache)
            if (now - entry.at >= entry.ttl)
                this.cache.delete(key);
    }
}
/** The `error` string of a Slack Web API platform error (`channel_not_found`, …). */
export function slackErrorCode(err) {
    const data = err?.data;
    return data && typeof data.error === 'string' ? data.error : undefined;
}
