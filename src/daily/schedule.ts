// When a channel's daily post is due: the settings a user types (time, time zone, days),
// checked and put in canonical form, and the instants they stand for. croner does the
// calendar and time-zone arithmetic, daylight-saving days included: a time that does not
// exist that day (spring forward) is posted at the first valid time after the gap, and a
// time that occurs twice (fall back) is posted once, at its first occurrence.
import { Cron } from 'croner';
import { cutAtWord, oneLine } from '../text/sentences.js';

/** The three settings of a subscription, in canonical form ("08:30", "Europe/Paris", "mon,tue,wed,thu,fri"). */
export interface Schedule {
  time: string;
  timeZone: string;
  days: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export const DEFAULT_TIME = '09:00';
export const ALL_DAYS = 'mon,tue,wed,thu,fri,sat,sun';

// ---- time of day -----------------------------------------------------------------

/**
 * "08:30", "8:30", "0830", "8", "20h30", "8.30", "8:30pm", "8am" → "HH:MM" (24-hour).
 */
export function parseTime(raw: string): Parsed<string> {
  const text = raw.trim().toLowerCase().replace(/\s+/g, '');
  const hint = 'Use a 24-hour time such as 08:30 or 18:00.';
  if (!text) return { ok: false, error: `Which time? ${hint}` };
  const m = /^(\d{1,2})(?:[:.h](\d{2})|(\d{2}))?(am|pm|a\.m\.|p\.m\.)?$/.exec(text);
  if (!m) return { ok: false, error: `"${short(raw)}" is not a time of day. ${hint}` };
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? m[3] ?? '0');
  const half = m[4]?.replace(/\./g, '');
  if (half) {
    if (hour < 1 || hour > 12) return { ok: false, error: `"${short(raw)}" is not a time of day. ${hint}` };
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59)
    return { ok: false, error: `"${short(raw)}" is not a time of day: hours go from 00 to 23 and minutes from 00 to 59. ${hint}` };
  return { ok: true, value: `${pad(hour)}:${pad(minute)}` };
}

// ---- time zone -------------------------------------------------------------------

/** An IANA zone name ("europe/paris" → "Europe/Paris"); offsets and abbreviations that Intl does not know are refused. */
export function parseTimeZone(raw: string): Parsed<string> {
  const text = raw.trim();
  const hint =
    'Use an IANA time zone name such as Europe/Paris, America/New_York or UTC (see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones).';
  if (!text) return { ok: false, error: `Which time zone? ${hint}` };
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(text)) return { ok: false, error: `"${short(raw)}" is not a time zone name. ${hint}` };
  const canonical = canonicalZone(text);
  if (!canonical) return { ok: false, error: `"${short(raw)}" is not a time zone I know. ${hint}` };
  return { ok: true, value: canonical };
}

function canonicalZone(tz: string): string | undefined {
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
    // Fix the case ("europe/paris"), but keep a valid name as given: ICU maps some names to
    // others ("EST" → "America/Panama") that would surprise whoever typed them.
    return resolved.toLowerCase() === tz.toLowerCase() ? resolved : tz;
  } catch {
    return undefined;
  }
}

// ---- days of the week --------------------------------------------------------------

const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/** Week order for display and storage: Monday first. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_LABELS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

// Maps, not objects: the keys are words users type, and "constructor" or "__proto__" must be
// as unknown as any other word (on an object they find Object.prototype's members).
const DAY_WORDS = new Map<string, number>();
for (const [i, names] of [
  ['sun', 'sunday', 'su'],
  ['mon', 'monday', 'mo'],
  ['tue', 'tues', 'tuesday', 'tu'],
  ['wed', 'weds', 'wednesday', 'we'],
  ['thu', 'thur', 'thurs', 'thursday', 'th'],
  ['fri', 'friday', 'fr'],
  ['sat', 'saturday', 'sa'],
].entries()) {
  for (const n of names) {
    DAY_WORDS.set(n, i);
    DAY_WORDS.set(`${n}s`, i); // "mondays"
  }
}

const GROUPS = new Map<string, number[]>([
  ['daily', [0, 1, 2, 3, 4, 5, 6]],
  ['everyday', [0, 1, 2, 3, 4, 5, 6]],
  ['every day', [0, 1, 2, 3, 4, 5, 6]],
  ['all', [0, 1, 2, 3, 4, 5, 6]],
  ['*', [0, 1, 2, 3, 4, 5, 6]],
  ['weekdays', [1, 2, 3, 4, 5]],
  ['weekday', [1, 2, 3, 4, 5]],
  ['workdays', [1, 2, 3, 4, 5]],
  ['weekends', [0, 6]],
  ['weekend', [0, 6]],
]);

/**
 * "every day" | "weekdays" | "weekends" | "mon,wed,fri" | "mon-fri" | "Monday Wednesday" →
 * canonical "mon,wed,fri" (Monday first).
 */
export function parseDays(raw: string): Parsed<string> {
  const hint = 'Use "every day", "weekdays", "weekends", or a list of days such as mon,wed,fri.';
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!text) return { ok: true, value: ALL_DAYS };
  const group = GROUPS.get(text) ?? GROUPS.get(text.replace(/^on /, ''));
  if (group) return { ok: true, value: canonicalDays(group) };
  const parts = text
    .replace(/\band\b|&|\+/g, ',')
    .split(/[\s,;/]+/)
    .map((p) => p.replace(/\.$/, ''))
    .filter((p) => p && p !== 'on' && p !== 'every');
  if (parts.length === 0) return { ok: false, error: `"${short(raw)}" is not a list of days. ${hint}` };
  const days = new Set<number>();
  for (const part of parts) {
    const g = GROUPS.get(part);
    if (g) {
      for (const d of g) days.add(d);
      continue;
    }
    const range = /^([a-z]+)-([a-z]+)$/.exec(part);
    if (range) {
      const from = DAY_WORDS.get(range[1]!);
      const to = DAY_WORDS.get(range[2]!);
      if (from === undefined || to === undefined) return { ok: false, error: `"${short(part)}" is not a range of days. ${hint}` };
      // Walk Monday-first so that "fri-mon" wraps over the weekend.
      const a = WEEK_ORDER.indexOf(from);
      const b = WEEK_ORDER.indexOf(to);
      for (let i = a; ; i = (i + 1) % 7) {
        days.add(WEEK_ORDER[i]!);
        if (i === b) break;
      }
      continue;
    }
    const day = DAY_WORDS.get(part);
    if (day === undefined) return { ok: false, error: `"${short(part)}" is not a day of the week. ${hint}` };
    days.add(day);
  }
  return { ok: true, value: canonicalDays([...days]) };
}

function canonicalDays(days: number[]): string {
  const set = new Set(days);
  return WEEK_ORDER.filter((d) => set.has(d))
    .map((d) => DAY_KEYS[d])
    .join(',');
}

/** Day numbers (0 = Sunday) of a canonical days string. */
export function dayNumbers(days: string): number[] {
  const out: number[] = [];
  for (const part of days.split(',')) {
    const d = DAY_WORDS.get(part.trim());
    if (d === undefined) throw new Error(`invalid days value "${days}"`);
    if (!out.includes(d)) out.push(d);
  }
  if (out.length === 0) throw new Error(`invalid days value "${days}"`);
  return out;
}

/** "every day", "weekdays", "weekends", or "Mon, Wed and Fri". */
export function describeDays(days: string): string {
  const nums = new Set(dayNumbers(days));
  if (nums.size === 7) return 'every day';
  if (nums.size === 5 && [1, 2, 3, 4, 5].every((d) => nums.has(d))) return 'weekdays';
  if (nums.size === 2 && nums.has(0) && nums.has(6)) return 'weekends';
  const labels = WEEK_ORDER.filter((d) => nums.has(d)).map((d) => DAY_LABELS[d]!);
  return labels.length === 1
    ? `${DAY_NAMES[WEEK_ORDER.find((d) => nums.has(d))!]}s`
    : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

// ---- instants ------------------------------------------------------------------------

const crons = new Map<string, Cron>();

/** The croner job (never started: no function, so no timer) for a schedule. */
export function cronFor(s: Schedule): Cron {
  const [h, m] = s.time.split(':').map(Number) as [number, number];
  if (!Number.isInteger(h) || !Number.isInteger(m)) throw new Error(`invalid time "${s.time}"`);
  const nums = dayNumbers(s.days);
  const dow = nums.length === 7 ? '*' : [...nums].sort((a, b) => a - b).join(',');
  const pattern = `${m} ${h} * * ${dow}`;
  const key = `${pattern}|${s.timeZone}`;
  let cron = crons.get(key);
  if (!cron) {
    if (crons.size > 2000) crons.clear();
    cron = new Cron(pattern, { timezone: s.timeZone, mode: '5-part' });
    crons.set(key, cron);
  }
  return cron;
}

/** The first due instant strictly after `after`. */
export function nextDue(s: Schedule, after: Date): Date | undefined {
  return cronFor(s).nextRun(after) ?? undefined;
}

/** The last due instant at or before `at`. */
export function latestDue(s: Schedule, at: Date): Date | undefined {
  // croner counts whole seconds and excludes the reference itself: look from just after `at`.
  const runs = cronFor(s).previousRuns(2, new Date(at.getTime() + 1000));
  return runs.find((d) => d.getTime() <= at.getTime());
}

/** The calendar date ("2026-03-29") of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = dateParts(instant, timeZone);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

function dateParts(instant: Date, timeZone: string): Record<'year' | 'month' | 'day', string> {
  let f = partFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    partFormats.set(timeZone, f);
  }
  const out = { year: '', month: '', day: '' };
  for (const p of f.formatToParts(instant)) if (p.type === 'year' || p.type === 'month' || p.type === 'day') out[p.type] = p.value;
  return out;
}

/** "Sun 29 Mar 2026, 03:00 (Europe/Paris)". */
export function formatLocal(instant: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${text.replace(/ at /, ', ')} (${timeZone})`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function short(text: string, max = 40): string {
  return cutAtWord(oneLine(text), max);
}
