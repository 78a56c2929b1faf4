export function ms(v) {
    return typeof v === 'number' ? v : Number(v);
}
function date(v) {
    return new Date(ms(v));
}
function optDate(v) {
    return v === null || v === undefined ? undefined : date(v);
}
function optString(v) {
    return v === null || v === undefined ? undefined : String(v);
}
export function toSubscription(r) {
    return {
        platform: r.platform,
        channelId: String(r.channel_id),
        workspaceId: optString(r.workspace_id),
        time: String(r.post_time),
        timeZone: String(r.time_zone),
        days: String(r.days),
        createdBy: optString(r.created_by),
        createdAt: date(r.created_at),
        updatedBy: optString(r.updated_by),
        updatedAt: date(r.updated_at),
        activeFrom: date(r.active_from),
        pausedReason: optString(r.paused_reason),
        pausedAt: optDate(r.paused_at),
    };
}
export function toPost(r) {
    return {
        platform: r.platform,
        channelId: String(r.channel_id),
        localDate: String(r.local_date),
        dueAt: date(r.due_at),
        status: r.status,
        claimedBy: optString(r.claimed_by),
        leaseUntil: date(r.lease_until),
        attempts: Number(r.attempts),
        slug: optString(r.slug),
        sentAt: optDate(r.sent_at),
        lastError: optString(r.last_error),
        createdAt: date(r.created_at),
        updatedAt: date(r.updated_at),
    };
}
export function toWalk(r) {
    let shown;
    try {
        shown = JSON.parse(String(r.shown));
    }
    catch {
        shown = [];
    }
    return {
        seed: ms(r.seed) >>> 0,
        round: Number(r.round),
        shown: Array.isArray(shown) ? shown.filter((s) => typeof s === 'string') : [],
    };
}
/** Error text as stored: one line, bounded. */
export function errorText(error) {
    return error.replace(/\s+/g, ' ').trim().slice(0, 500);
}
