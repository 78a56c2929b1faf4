// Logging through pino, to stderr so that stdout stays clean for the shell's answers.
// Token-bearing fields are redacted as a second line of defence: nothing should log them.
import { pino } from 'pino';
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
export function createLogger(level = 'info', destination = 2) {
    const dest = typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination;
    return pino({ level, base: undefined, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, dest);
}
/** A short id to show a user beside "something went wrong", and to find the log line by. */
export function newErrorId() {
    return Math.random().toString(36).slice(2, 8).toUpperCase();
}
