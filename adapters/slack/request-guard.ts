// Request checking on top of Bolt's signature check, for what it leaves open:
// - a timestamp more than five minutes off either way is refused (Bolt refuses only old ones,
//   so a request signed for the future stayed valid for as long as its author liked);
// - a signed request sent again (a replay) is acknowledged and dropped (see SeenRequests);
// - Slack's own retries (X-Slack-Retry-Num, after an acknowledgement it did not see in time)
//   are acknowledged without answering twice;
// - every URL the app's clients fetch, response_url above all (it comes from the request), must
//   be one of Slack's hosts or SLACK_API_URL's origin: an answer is never sent elsewhere.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyMiddlewareArgs, HTTPReceiver, Middleware } from '@slack/bolt';
import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import type { SeenRequests } from '../../src/store/seen-requests.js';

/** How far a request's timestamp may be from now, either way (Slack's rule). */
export const REQUEST_WINDOW_MS = 5 * 60_000;

/** Wraps the receiver's request handler: a request whose timestamp is outside the window is
 *  refused with 401 before Bolt reads it. */
export function refuseSkewedRequests(receiver: HTTPReceiver, log: Logger, now: () => number = Date.now): void {
  const inner = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers['x-slack-request-timestamp'];
    const seconds = typeof header === 'string' && /^\d{1,12}$/.test(header) ? Number(header) : undefined;
    if (seconds !== undefined && Math.abs(now() - seconds * 1000) > REQUEST_WINDOW_MS) {
      log.warn(
        { skewSeconds: Math.round((seconds * 1000 - now()) / 1000) },
        'refused a Slack request: its timestamp is more than five minutes off',
      );
      res.writeHead(401).end();
      return;
    }
    return inner(req, res);
  };
}

/** For HTTPReceiver's customPropertiesExtractor (it runs once the signature is verified): the
 *  signature and timestamp, which the replay check keys on. */
export function signatureProperties(req: IncomingMessage): { slackSignature?: string; slackTimestampMs?: number } {
  const signature = req.headers['x-slack-signature'];
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  return typeof signature === 'string' && Number.isFinite(timestamp)
    ? { slackSignature: signature, slackTimestampMs: timestamp * 1000 }
    : {};
}

/** Global middleware: Slack's retries and replays are acknowledged and go no further. */
export function dropRetriesAndReplays(seen: SeenRequests | undefined, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { context, next } = args;
    const ack = 'ack' in args && typeof args.ack === 'function' ? (args.ack as () => Promise<void>) : undefined;
    const drop = async (why: string, fields: Record<string, unknown>) => {
      log.info(fields, why);
      await ack?.().catch(() => undefined);
    };
    if (typeof context.retryNum === 'number' && context.retryNum > 0) {
      return drop("acknowledged Slack's retry of a request already taken; not answered twice", {
        retryNum: context.retryNum,
        retryReason: context.retryReason,
      });
    }
    const signature = context.slackSignature;
    const timestampMs = context.slackTimestampMs;
    if (seen && typeof signature === 'string' && typeof timestampMs === 'number' && !(await seen.firstSighting(signature, timestampMs))) {
      return drop('dropped a replayed Slack request (its signature was already seen)', { replay: true });
    }
    await next();
  };
}

const SLACK_HOST = /(^|\.)slack(-gov)?\.com$/i;

/** fetch for the app's clients: only Slack's hosts (https) or SLACK_API_URL's origin. */
export function slackOnlyFetch(config: Pick<Config, 'SLACK_API_URL'>, log: Logger): typeof fetch {
  const apiOrigin = new URL(config.SLACK_API_URL).origin;
  return ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.origin !== apiOrigin && !(url.protocol === 'https:' && SLACK_HOST.test(url.hostname))) {
      log.warn({ host: url.host }, "refused to send to a URL outside Slack (a response_url must be one of Slack's)");
      return Promise.reject(new Error(`refused to send to ${url.host}: not a Slack host`));
    }
    return globalThis.fetch(input, init);
  }) as typeof fetch;
}
