// /daily: a concept of the day in this channel, at a chosen local time. The work is done by
// the DailyService (src/daily), present where the bot runs with its database.
import { platformNames } from '../src/platform.js';
import { isTimeZoneName } from '../src/config.js';
import { defineCommand, subcommand, text } from './define-command.js';
import type { CommandInput } from './types.js';

/** Other words for the subcommands. A Map: the words come from users ("constructor" is no alias). */
const ALIASES = new Map([
  ['sub', 'subscribe'],
  ['start', 'subscribe'],
  ['on', 'subscribe'],
  ['unsub', 'unsubscribe'],
  ['stop', 'unsubscribe'],
  ['off', 'unsubscribe'],
  ['next', 'preview'],
]);

const subcommandOf = (word: string) => ALIASES.get(word) ?? word;

const TIME_LIKE = /^\d{1,2}(?:[:.h]\d{2}|\d{2})?(?:am|pm|a\.m\.|p\.m\.)?$/i;
const DAY_LIKE =
  /^(every|day|daily|everyday|all|weekdays?|weekends?|workdays|on|and|(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(day)?s?([-,](mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(day)?s?)*,?)$/i;

/**
 * "subscribe 08:30 Europe/Paris weekdays" → { subcommand, time, timezone, days }. The words
 * after the subcommand may come in any order, or as time=… timezone=… days=…; whatever is
 * not a time or a zone is read as the days, and the service explains what does not parse.
 */
export function parseDailyText(text: string): CommandInput {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { subcommand: 'status' };
  const first = tokens[0]!.toLowerCase();
  const subcommand = subcommandOf(first);
  const input: CommandInput = { subcommand };
  if (subcommand !== 'subscribe') return input;
  const days: string[] = [];
  for (const token of tokens.slice(1)) {
    const kv = /^(time|at|tz|zone|timezone|days|on)=(.*)$/i.exec(token);
    if (kv) {
      const k = kv[1]!.toLowerCase();
      const v = kv[2]!;
      if (k === 'time' || k === 'at') input.time = v;
      else if (k === 'days' || k === 'on') days.push(v);
      else input.timezone = v;
      continue;
    }
    if (/^at$/i.test(token)) continue;
    if (input.time === undefined && TIME_LIKE.test(token)) input.time = token;
    else if (input.timezone === undefined && !DAY_LIKE.test(token) && (token.includes('/') || isTimeZoneName(token)))
      input.timezone = token;
    else days.push(token);
  }
  if (days.length) input.days = days.join(' ');
  return input;
}

const EXAMPLE = '/daily subscribe 08:30 Europe/Paris weekdays';

export const daily = defineCommand({
  name: 'daily',
  description: 'A concept of the day in this channel, at a time you choose',
  usage: 'subscribe [HH:MM] [time zone] [days] | unsubscribe | status | preview',
  examples: [EXAMPLE, '/daily status', '/daily preview'],
  requires: 'manage-channel',
  options: {
    subscribe: subcommand('Post a concept of the day in this channel (or change when)', {
      time: text({ description: 'Local time, 24-hour HH:MM (default 09:00)', max: 10 }),
      timezone: text({ description: "IANA time zone such as Europe/Paris (default: the workspace's)", max: 64, label: 'time zone' }),
      days: text({ description: 'every day (default), weekdays, weekends, or a list like mon,wed,fri', max: 80 }),
    }),
    unsubscribe: subcommand('Stop the daily posts in this channel', {}),
    status: subcommand('When the next post comes, and the last one', {}),
    preview: subcommand('See (only you) what the next post will be', {}),
  },
  parseText: parseDailyText,
  async run(input, { daily: service, request, profiles = [] }) {
    if (!service) {
      return {
        kind: 'notice',
        private: true,
        title: 'Daily posts are not available here',
        text: `Daily posts need the bot running with its database (the default SQLite file, or DATABASE_URL), as the ${platformNames(profiles, 'and')} bots and the interactive terminal shell do. They do not work in one-off questions.`,
      };
    }
    const sub = input.subcommand?.toLowerCase();
    return service.handle({ ...input, subcommand: sub ? subcommandOf(sub) : 'status' }, request);
  },
});
