// Configuration: environment (and `.env`, loaded by the entry points through dotenv)
// validated by one zod schema. Every wrong or missing setting is reported at once, each with
// what to do about it; the value is shown only for settings that are not secrets.
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
    .pipe(z.string().regex(/^\d+$/, { message: `must be a whole number from ${min} to ${max}` }))
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { message: `must be at least ${min}` })
        .max(max, { message: `must be at most ${max}` }),
    );

const bool = (def: boolean) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? String(def) : v.trim().toLowerCase()))
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'must be true or false' }))
    .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/** A port that is off when unset or empty. */
const optionalPort = optionalString.pipe(
  z
    .string()
    .regex(/^\d+$/, { message: 'must be a port number from 1 to 65535, or empty (off)' })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1, { message: 'must be a port number from 1 to 65535, or empty (off)' })
        .max(65535, { message: 'must be a port number from 1 to 65535, or empty (off)' }),
    )
    .optional(),
);

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** On or off: true/false, on/off, yes/no, 1/0 (any case); empty is the default. */
const onOff = (def: boolean) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? String(def) : v.trim().toLowerCase()))
    .pipe(z.enum(['true', 'false', 'on', 'off', 'yes', 'no', '1', '0'], { message: 'must be true or false' }))
    .transform((v) => v === 'true' || v === 'on' || v === 'yes' || v === '1');

/** A Discord id (a snowflake): 17 to 20 digits today. */
const snowflake = (what: string, where: string) =>
  optionalString.pipe(
    z
      .string()
      .regex(/^\d{17,20}$/, { message: `must be ${what}: 17 to 20 digits (${where})` })
      .optional(),
  );

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const configSchema = z
  .object({
    CONTENT_DIR: z
      .string()
      .optional()
      .transform((v) => (v?.trim() ? v.trim() : './content')),
    /** Unset: ./data/cache; set but empty: no cache at all (null). */
    CACHE_DIR: z
      .string()
      .optional()
      .transform((v): string | null => (v === undefined ? './data/cache' : v.trim() || null)),
    WIKI_BASE_URL: url(DEFAULT_WIKI_BASE_URL),
    WIKI_NAME: z
      .string()
      .optional()
      .transform((v) => (v?.trim() ? v.trim() : DEFAULT_WIKI_NAME)),
    SUMMARY_MAX_CHARS: int(600, 100, 3000),
    WATCH_CONTENT: bool(true),
    WIKI_API_URL: optionalString.pipe(
      z.string().url({ message: 'must be the URL of api.php, like https://wiki.example.org/w/api.php' }).optional(),
    ),
    WIKI_SYNC_MINUTES: int(10, 1, 1440),
    WIKI_CONTACT: optionalString,
    PARSE_WORKERS: z
      .string()
      .optional()
      .transform((v) => (v?.trim() ? v.trim() : 'auto'))
      .pipe(z.string().regex(/^(auto|\d+)$/, { message: 'must be "auto" or a whole number (0: parse on the main thread only)' })),
    MAX_PAGE_BYTES: int(5 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    PAGE_PARSE_TIMEOUT_MS: int(3000, 100, 600_000),
    LOG_LEVEL: z
      .string()
      .optional()
      .transform((v) => (v?.trim() ? v.trim() : 'info'))
      .pipe(
        z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
          message: 'must be one of fatal, error, warn, info, debug, trace, silent',
        }),
      ),
    LOG_FORMAT: z
      .string()
      .optional()
      .transform((v) => (v?.trim() ? v.trim() : 'auto'))
      .pipe(z.enum(['auto', 'json', 'pretty'], { message: 'must be auto (readable on a terminal, JSON elsewhere), json or pretty' })),
    HEALTH_PORT: optionalPort,

    DISCORD_TOKEN: optionalString,
    DISCORD_APPLICATION_ID: snowflake('the application id', 'Developer Portal → your application → General Information → Application ID'),
    DISCORD_GUILD_ID: snowflake('a server id', 'in Discord, Developer Mode on, right-click the server → Copy Server ID; or leave it empty'),
    DISCORD_API_URL: url('https://discord.com/api'),
    SHARD_COUNT: optionalString.pipe(
      z
        .string()
        .regex(/^(auto|[1-9]\d*)$/, { message: 'must be "auto" or a number of shards (1 or more), or empty (no sharding)' })
        .optional(),
    ),
    SHARD_IDS: list
      .pipe(z.array(z.string().regex(/^\d+$/, { message: 'must be a comma-separated list of shard numbers such as 0,1' })))
      .transform((a) => a.map(Number)),

    SLACK_BOT_TOKEN: optionalString.pipe(
      z
        .string()
        .startsWith('xoxb-', { message: 'must be the Bot User OAuth Token, starting with xoxb- (Slack app settings → Install App)' })
        .optional(),
    ),
    SLACK_APP_TOKEN: optionalString.pipe(
      z
        .string()
        .startsWith('xapp-', {
          message: 'must be an app-level token starting with xapp- (Basic Information → App-Level Tokens, scope connections:write)',
        })
        .optional(),
    ),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_API_URL: url('https://slack.com/api/'),
    SLACK_COMMAND_PREFIX: z
      .string()
      .optional()
      .transform((v) => (v ?? '').trim())
      .pipe(z.string().regex(/^[a-z0-9_-]{0,10}$/, { message: 'must be up to 10 lowercase letters, digits, - or _ (e.g. cp-)' })),
    PORT: int(3000, 1, 65535),

    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^(postgres(ql)?:\/\/|sqlite:|file:|\.{0,2}\/|[A-Za-z]:\\)/, {
          message: 'must be postgres://user@host:5432/db, or a SQLite file (sqlite:./data/commonplace.db or a path starting with ./ or /)',
        })
        .optional(),
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
    INSIGHTS_DAYS: int(90, 1, 3650),
    INLINE_LINKS: onOff(false),
  })
  .superRefine((c, ctx) => {
    // Settings that only make sense together: say what is missing instead of quietly running
    // something else (a bot token alone used to open the terminal prompt).
    const missing = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
      missing(
        'SLACK_APP_TOKEN',
        'is missing: with SLACK_BOT_TOKEN set, Slack also needs SLACK_APP_TOKEN (xapp-…, Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)',
      );
    }
    if (!c.SLACK_BOT_TOKEN && (c.SLACK_APP_TOKEN || c.SLACK_SIGNING_SECRET)) {
      missing(
        'SLACK_BOT_TOKEN',
        'is missing: Slack needs the Bot User OAuth Token (xoxb-…, Slack app settings → Install App) besides the app token or signing secret',
      );
    }
    if (c.SHARD_IDS.length && (!c.SHARD_COUNT || c.SHARD_COUNT === 'auto')) {
      missing('SHARD_IDS', 'needs SHARD_COUNT as a number: every machine must agree on the total number of shards');
    } else if (c.SHARD_IDS.length && c.SHARD_COUNT) {
      const total = Number(c.SHARD_COUNT);
      if (c.SHARD_IDS.some((id) => id >= total)) missing('SHARD_IDS', `must name shards from 0 to ${total - 1} (SHARD_COUNT is ${total})`);
    }
    if (c.SHARD_COUNT && !c.DISCORD_TOKEN)
      missing(
        'DISCORD_TOKEN',
        'is missing: SHARD_COUNT runs Discord shards, which need the bot token (Developer Portal → Bot → Reset Token)',
      );
  });

export type Config = z.output<typeof configSchema>;

/** Settings whose values never appear in a message. */
export const SECRET_SETTINGS: ReadonlySet<string> = new Set([
  'DISCORD_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'DATABASE_URL',
]);

export interface SettingProblem {
  setting: string;
  /** What is wrong and what to do, e.g. "must be the application id: 17 to 20 digits (…)". */
  problem: string;
  /** The value given, for settings that are not secrets. */
  value?: string;
}

/** Every problem with the settings; the message lists them one a line. */
export class ConfigError extends Error {
  readonly problems: SettingProblem[];
  constructor(problems: SettingProblem[] | string) {
    const list = typeof problems === 'string' ? [{ setting: '', problem: problems }] : problems;
    super(formatProblems(list));
    this.name = 'ConfigError';
    this.problems = list;
  }
}

function formatProblems(problems: SettingProblem[]): string {
  const line = (p: SettingProblem) => {
    if (!p.setting) return p.problem;
    return `${p.setting}${p.value !== undefined ? `=${p.value}` : ''} ${p.problem.startsWith('is ') || p.problem.startsWith('needs ') ? '' : 'is wrong: '}${p.problem}`;
  };
  if (problems.length === 1) return line(problems[0]!);
  return `${problems.length} settings need fixing:\n${problems.map((p) => `  ${line(p)}`).join('\n')}`;
}

/** Validates settings; throws a ConfigError naming every wrong or missing one. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // A live wiki is written to a folder of its own unless one is named, not over the sample.
  if (env.WIKI_API_URL?.trim() && !env.CONTENT_DIR?.trim()) env = { ...env, CONTENT_DIR: './data/wiki' };
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems: SettingProblem[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const setting = String(issue.path[0] ?? 'configuration');
    if (seen.has(setting)) continue; // one problem per setting: the first says what to do
    seen.add(setting);
    const raw = env[setting];
    const value = SECRET_SETTINGS.has(setting) || raw === undefined || raw.trim() === '' ? undefined : raw.trim().slice(0, 80);
    problems.push({ setting, problem: issue.message, value });
  }
  throw new ConfigError(problems);
}

/** Throws a ConfigError naming every one of `settings` that is not set, each with where to find it. */
export function requireSettings(config: Config, settings: readonly (keyof typeof WHERE_TO_FIND)[]): void {
  const problems = settings.filter((s) => !config[s]).map((s) => ({ setting: s, problem: `is missing: ${WHERE_TO_FIND[s]}` }));
  if (problems.length) throw new ConfigError(problems);
}

const WHERE_TO_FIND = {
  DISCORD_TOKEN: 'copy the bot token from the Developer Portal (your application → Bot → Reset Token) into .env',
  DISCORD_APPLICATION_ID: 'copy the application id from the Developer Portal (your application → General Information) into .env',
  SHARD_COUNT: 'give a number of shards or "auto"',
} as const;

export function isTimeZoneName(tz: string): boolean {
  return isTimeZone(tz);
}
