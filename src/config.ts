// Configuration: environment (and `.env`, loaded by the entry points through dotenv)
// validated by one zod schema. A wrong value stops start-up with one line naming the
// setting; secrets are never part of an error message.
import { z } from 'zod';
import { DEFAULT_WIKI_BASE_URL, DEFAULT_WIKI_NAME } from './site.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const url = (def: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? def : v.trim()))
    .pipe(z.string().url({ message: 'must be a URL like https://example.org/' }));

const int = (def: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? String(def) : v.trim()))
    .pipe(z.string().regex(/^\d+$/, { message: 'must be a whole number' }))
    .transform(Number)
    .pipe(z.number().int().min(min, { message: `must be at least ${min}` }).max(max, { message: `must be at most ${max}` }));

const bool = (def: boolean) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? String(def) : v.trim().toLowerCase()))
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'must be true or false' }))
    .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const configSchema = z.object({
  CONTENT_DIR: z.string().optional().transform((v) => (v?.trim() ? v.trim() : './content')),
  CACHE_DIR: z.string().optional().transform((v) => (v?.trim() ? v.trim() : './data/cache')),
  WIKI_BASE_URL: url(DEFAULT_WIKI_BASE_URL),
  WIKI_NAME: z.string().optional().transform((v) => (v?.trim() ? v.trim() : DEFAULT_WIKI_NAME)),
  SUMMARY_MAX_CHARS: int(600, 100, 3000),
  WATCH_CONTENT: bool(true),
  WIKI_API_URL: optionalString.pipe(z.string().url({ message: 'must be the URL of api.php, like https://wiki.example.org/w/api.php' }).optional()),
  WIKI_SYNC_MINUTES: int(10, 1, 1440),
  WIKI_CONTACT: optionalString,
  PARSE_WORKERS: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : 'auto'))
    .pipe(z.string().regex(/^(auto|\d+)$/, { message: 'must be "auto" or a whole number' })),
  MAX_PAGE_BYTES: int(5 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  PAGE_PARSE_TIMEOUT_MS: int(3000, 100, 600_000),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : 'info'))
    .pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),

  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString.pipe(
    z.string().regex(/^\d{5,25}$/, { message: 'must be the numeric application id' }).optional(),
  ),
  DISCORD_GUILD_ID: optionalString.pipe(
    z.string().regex(/^\d{5,25}$/, { message: 'must be a numeric guild id' }).optional(),
  ),
  DISCORD_API_URL: url('https://discord.com/api'),
  SHARD_COUNT: optionalString.pipe(
    z.string().regex(/^(auto|\d+)$/, { message: 'must be "auto" or a whole number' }).optional(),
  ),
  SHARD_IDS: list.pipe(z.array(z.string().regex(/^\d+$/, { message: 'must be a comma-separated list of shard numbers' })))
    .transform((a) => a.map(Number)),

  SLACK_BOT_TOKEN: optionalString.pipe(
    z.string().startsWith('xoxb-', { message: 'must be a bot token starting with xoxb-' }).optional(),
  ),
  SLACK_APP_TOKEN: optionalString.pipe(
    z.string().startsWith('xapp-', { message: 'must be an app-level token starting with xapp-' }).optional(),
  ),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: url('https://slack.com/api/'),
  SLACK_COMMAND_PREFIX: z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().regex(/^[a-z0-9_-]{0,10}$/, { message: 'must be up to 10 lowercase letters, digits, - or _' })),
  PORT: int(3000, 1, 65535),

  DATABASE_URL: optionalString.pipe(
    z.string().regex(/^(postgres(ql)?:\/\/|sqlite:|file:|\.{0,2}\/|[A-Za-z]:\\)/, {
      message: 'must be postgres://… or a SQLite file path',
    }).optional(),
  ),
  DATABASE_CONNECT_TIMEOUT_MS: int(5000, 100, 120_000),
  DATABASE_QUERY_TIMEOUT_MS: int(5000, 100, 600_000),
  DAILY_DEFAULT_TZ: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : 'UTC'))
    .pipe(z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Paris' })),
  DAILY_CATEGORIES: list,
  DAILY_CATCHUP_HOURS: int(12, 0, 23),
  ADMIN_USER_IDS: list,
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {}

/** Validates settings; throws a ConfigError whose message is one line naming the setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // A live wiki is written to a folder of its own unless one is named, not over the sample.
  if (env.WIKI_API_URL?.trim() && !env.CONTENT_DIR?.trim()) env = { ...env, CONTENT_DIR: './data/wiki' };
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = String(issue.path[0] ?? 'configuration');
    throw new ConfigError(`Invalid setting ${key}: ${issue.message}`);
  }
  return result.data;
}

export function isTimeZoneName(tz: string): boolean {
  return isTimeZone(tz);
}
