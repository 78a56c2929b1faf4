// Bolt, the WebClient and the Socket Mode client log through @slack/logger's interface;
// this adapts it to our pino logger. Every message is scrubbed of anything that looks like
// a Slack token and of the configured secrets' exact values, as a second line of defence
// (the SDKs already redact Authorization headers and `token` fields).
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

const TOKEN_PATTERN = /\b(xox[abposre]|xapp)-[A-Za-z0-9-]+/g;

export function makeScrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  const exact = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  return (text: string) => {
    let out = text.replace(TOKEN_PATTERN, '[redacted]');
    for (const s of exact) out = out.split(s).join('[redacted]');
    return out;
  };
}

const PINO_TO_SLACK: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

export function slackLogLevel(log: Logger): LogLevel {
  return PINO_TO_SLACK[log.level] ?? LogLevel.INFO;
}

/** A @slack/logger Logger writing to `log` (pino decides what is shown). */
export function boltLogger(log: Logger, scrub: (text: string) => string): SlackLogger {
  let name = 'bolt';
  let level = slackLogLevel(log);
  const write =
    (method: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      const text = scrub(msg.map(describe).join(' '));
      log[method]({ sdk: name }, text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n: string) => {
      name = n;
    },
  };
}

function describe(value: unknown): string {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return `${value.name}: ${value.message}${typeof code === 'string' ? ` (${code})` : ''}`;
  }
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** An error reduced to what is safe and useful to log: name, message, Slack error code. */
export function safeError(err: unknown, scrub: (text: string) => string): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: scrub(String(err)) };
  const e = err as Error & { code?: unknown; data?: { error?: unknown }; statusCode?: unknown; original?: unknown };
  const out: Record<string, unknown> = { type: e.name, message: scrub(e.message) };
  if (typeof e.code === 'string') out.code = e.code;
  if (e.data && typeof e.data.error === 'string') out.slackError = e.data.error;
  if (typeof e.statusCode === 'number') out.status = e.statusCode;
  if (e.original instanceof Error) out.cause = scrub(e.original.message);
  if (e.stack) out.stack = scrub(e.stack);
  return out;
}
