// /daily: a concept of the day in this channel, at a chosen local time. The work is done by
// the DailyService (src/daily), present where the bot runs with its database.
import { isTimeZoneName } from '../src/config.js';
const ALIASES = {
    sub: 'subscribe',
    start: 'subscribe',
    on: 'subscribe',
    unsub: 'unsubscribe',
    stop: 'unsubscribe',
    off: 'unsubscribe',
    next: 'preview',
};
const TIME_LIKE = /^\d{1,2}(?:[:.h]\d{2}|\d{2})?(?:am|pm|a\.m\.|p\.m\.)?$/i;
const DAY_LIKE = /^(every|day|daily|everyday|all|weekdays?|weekends?|workdays|on|and|(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(day)?s?([-,](mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(day)?s?)*,?)$/i;
/**
 * "subscribe 08:30 Europe/Paris weekdays" → { subcommand, time, timezone, days }. The words
 * after the subcommand may come in any order, or as time=… timezone=… days=…; whatever is
 * not a time or a zone is read as the days, and the service explains what does not parse.
 */
export function parseDailyText(text) {
    const tokens = text.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0)
        return { subcommand: 'status' };
    const first = tokens[0].toLowerCase();
    const subcommand = ALIASES[first] ?? first;
    const input = { subcommand };
    if (subcommand !== 'subscribe')
        return input;
    const days = [];
    for (const token of tokens.slice(1)) {
        const kv = /^(time|at|tz|zone|timezone|days|on)=(.*)$/i.exec(token);
        if (kv) {
            const k = kv[1].toLowerCase();
            const v = kv[2];
            if (k === 'time' || k === 'at')
                input.time = v;
            else if (k === 'days' || k === 'on')
                days.push(v);
            else
                input.timezone = v;
            continue;
        }
        if (/^at$/i.test(token))
            continue;
        if (input.time === undefined && TIME_LIKE.test(token))
            input.time = token;
        else if (input.timezone === undefined && !DAY_LIKE.test(token) && (token.includes('/') || isTimeZoneName(token)))
            input.timezone = token;
        else
            days.push(token);
    }
    if (days.length)
        input.days = days.join(' ');
    return input;
}
export const daily = {
    name: 'daily',
    description: 'A concept of the day in this channel, at a time you choose',
    usage: 'subscribe [HH:MM] [time zone] [days] | unsubscribe | status | preview',
    examples: ['/daily subscribe 08:30 Europe/Paris weekdays', '/daily status', '/daily preview'],
    defaultMemberPermission: 'ManageChannels',
    options: [
        {
            name: 'subscribe',
            description: 'Post a concept of the day in this channel (or change when)',
            type: 'subcommand',
            options: [
                { name: 'time', description: 'Local time, 24-hour HH:MM (default 09:00)', type: 'string', maxLength: 10 },
                { name: 'timezone', description: "IANA time zone such as Europe/Paris (default: the workspace's)", type: 'string', maxLength: 64 },
                { name: 'days', description: 'every day (default), weekdays, weekends, or a list like mon,wed,fri', type: 'string', maxLength: 80 },
            ],
        },
        { name: 'unsubscribe', description: 'Stop the daily posts in this channel', type: 'subcommand', options: [] },
        { name: 'status', description: 'When the next post comes, and the last one', type: 'subcommand', options: [] },
        { name: 'preview', description: 'See (only you) what the next post will be', type: 'subcommand', options: [] },
    ],
    parseText: parseDailyText,
    async run(deps, input, ctx) {
        if (!deps.daily) {
            return {
                kind: 'notice',
                ephemeral: true,
                title: 'Daily posts are not available here',
                text: 'Daily posts need the bot running with its database (the default SQLite file, or DATABASE_URL), as the Discord and Slack bots and the interactive terminal shell do. They do not work in one-off questions.',
            };
        }
        const sub = typeof input.subcommand === 'string' ? input.subcommand.trim().toLowerCase() : undefined;
        return deps.daily.handle({ ...input, subcommand: sub ? (ALIASES[sub] ?? sub) : 'status' }, ctx);
    },
};
