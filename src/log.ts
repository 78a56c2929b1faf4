// Logging through pino, to stderr so that stdout stays clean for the shell's answers. JSON
// lines by default; on a terminal (or with LOG_FORMAT=pretty) readable lines through
// pino-pretty. Token-bearing fields are redacted as a second line of defence: nothing should log them.
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export const REDACT_PATHS = [
  'token',
  '*.token',
  'config.DISCORD_TOKEN',
  'config.SLACK_BOT_TOKEN',
  'config.SLACK_APP_TOKEN',
  'config.SLACK_SIGNING_SECRET',
  'DISCORD_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'headers.authorization',
  '*.headers.authorization',
];

export type LogFormat = 'auto' | 'json' | 'pretty';

export function createLogger(level = 'info', destination: NodeJS.WritableStream | number = 2): Logger {
  const dest = typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination;
  return pino({ level, base: undefined, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, dest);
}

/**
 * Where readable log lines go: stderr, through `around` when something on the terminal must
 * make room for them (the shell's prompt clears its line, writes the log line, redraws itself).
 */
export const terminal = {
  around: undefined as ((write: () => void) => void) | undefined,
  stream: new Writable({
    write(chunk: Buffer, _enc, done) {
      const write = () => void process.stderr.write(chunk);
      if (terminal.around) terminal.around(write);
      else write();
      done();
    },
  }),
};

/** Whether LOG_FORMAT asks for readable lines here: `auto` means when stderr is a terminal. */
export function wantsPretty(format: LogFormat, isTTY = Boolean(process.stderr.isTTY)): boolean {
  return format === 'pretty' || (format === 'auto' && isTTY);
}

/** The logger an entry point uses: JSON lines on stderr, or readable ones on a terminal. */
export function createConsoleLogger(level: string, format: LogFormat = 'auto', isTTY = Boolean(process.stderr.isTTY)): Logger {
  if (!wantsPretty(format, isTTY)) return createLogger(level);
  const stream = pretty({
    destination: terminal.stream,
    sync: true,
    colorize: isTTY,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    singleLine: true,
  });
  return createLogger(level, stream);
}

/** A short id to show a user beside "something went wrong", and to find the log line by. */
export function newErrorId(): string {
  return Math.random().toString(36).slice(2, 8).toUpperCase();
}
