// The Slack adapter: a Bolt app in Socket Mode (SLACK_BOT_TOKEN + SLACK_APP_TOKEN; no
// public URL needed) or HTTP mode (SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET; Slack POSTs
// signed requests to /slack/events on PORT, e.g. behind a load balancer). When both an app
// token and a signing secret are set, Socket Mode wins.
//
// The Web API base URL is SLACK_API_URL, passed to every WebClient (the app's, and the
// Socket Mode client's, which calls apps.connections.open for its WebSocket URL).
import { App, HTTPReceiver, SocketModeReceiver, webApi, type Logger as SlackLogger } from '@slack/bolt';
import { commands } from '../../commands/index.js';
import type { CommandDeps } from '../../commands/types.js';
import type { Config } from '../../src/config.js';
import type { DailyPoster } from '../../src/daily/types.js';
import type { Logger } from '../../src/log.js';
import type { Observer } from '../../src/ops/observe.js';
import { notOk, ok, Readiness } from '../../src/ops/readiness.js';
import { startOpsServer, type OpsServer } from '../ops/server.js';
import { registerHandlers } from './handlers.js';
import { boltLogger, makeScrubber, safeError, slackLogLevel } from './logger.js';
import { SlackAdminCheck, slackErrorCode } from './permissions.js';
import { SlackPoster } from './poster.js';
import { dropRetriesAndReplays, refuseSkewedRequests, REQUEST_WINDOW_MS, signatureProperties, slackOnlyFetch } from './request-guard.js';
import { SeenRequests } from '../../src/store/seen-requests.js';
import type { Store } from '../../src/store/types.js';

export type SlackMode = 'socket' | 'http';

export interface SlackHandle {
  app: App;
  poster: DailyPoster;
  /** The slash commands this app answers ("/define", …). */
  commands: string[];
  mode: SlackMode;
  /** HTTP mode: the port the server listens on. */
  port?: number;
  stop(): Promise<void>;
}

/** How the WebClient retries: 429s wait for Retry-After (rejectRateLimitedCalls false),
 *  5xx and network errors back off 0.25s, 0.5s, 1s, 2s (with jitter) before giving up. */
export const RETRY_CONFIG = { retries: 4, factor: 2, minTimeout: 250, maxTimeout: 8_000, randomize: true } as const;
/** Per-request timeout of Web API calls. */
export const API_TIMEOUT_MS = 15_000;

/** Options of every WebClient the adapter makes: the Web API base URL (SLACK_API_URL),
 *  retries, timeout and logger. */
export function webClientOptions(config: Pick<Config, 'SLACK_API_URL'>, logger?: SlackLogger): webApi.WebClientOptions {
  return {
    slackApiUrl: config.SLACK_API_URL,
    retryConfig: { ...RETRY_CONFIG },
    rejectRateLimitedCalls: false,
    timeout: API_TIMEOUT_MS,
    ...(logger ? { logger } : {}),
  };
}

/** Options of the WebClient that sends daily posts. The scheduler gives a send a fixed time
 *  before it lets the claim lapse and tries again later; waiting out a long Retry-After inside
 *  the send could outlast that and post twice (Slack has no nonce). So a 429 fails the send at
 *  once and the scheduler's own backoff waits, and 5xx retries are fewer, keeping the worst
 *  case (3 tries × 15 s timeout) well inside the send timeout. */
export function posterClientOptions(config: Pick<Config, 'SLACK_API_URL'>, logger?: SlackLogger): webApi.WebClientOptions {
  return { ...webClientOptions(config, logger), rejectRateLimitedCalls: true, retryConfig: { ...RETRY_CONFIG, retries: 2 } };
}

export function slackMode(config: Config): SlackMode {
  if (!config.SLACK_BOT_TOKEN) throw new Error('Slack needs SLACK_BOT_TOKEN (the xoxb- bot token)');
  if (config.SLACK_APP_TOKEN) return 'socket';
  if (config.SLACK_SIGNING_SECRET) return 'http';
  throw new Error('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) besides SLACK_BOT_TOKEN');
}

export interface StartSlackOptions {
  config: Config;
  deps: CommandDeps;
  log: Logger;
  /** Logs and counts each answer, and the acknowledgements' latency. */
  observer?: Observer;
  /** Gets a "slack" check: the socket connected, or the HTTP receiver mounted. */
  readiness?: Readiness;
  /** HTTP mode: the process's HTTP server on PORT, to mount Slack's endpoint on. Default: one of
   *  its own on PORT (with /healthz, /readyz and /metrics). */
  server?: OpsServer;
  /** Where signatures already seen are shared between instances (HTTP mode): the daily store,
   *  read at each request since it may open later. Used only when it is PostgreSQL. */
  requestStore?: () => Store | undefined;
}

export async function startSlack(opts: StartSlackOptions): Promise<SlackHandle> {
  const { config, deps } = opts;
  const mode = slackMode(config);
  const log = opts.log.child({ platform: 'slack' });
  const scrub = makeScrubber([config.SLACK_BOT_TOKEN, config.SLACK_APP_TOKEN, config.SLACK_SIGNING_SECRET]);
  const sdkLogger = boltLogger(log, scrub);
  const logLevel = slackLogLevel(log);
  // Every URL the clients fetch (a response_url from a request above all) must be Slack's.
  const fetchSlackOnly = slackOnlyFetch(config, log);
  const clientOptions = { ...webClientOptions(config, sdkLogger), fetch: fetchSlackOnly };

  // Who are we? Fails fast, with the setting named (never its value), on a bad token.
  const probe = new webApi.WebClient(config.SLACK_BOT_TOKEN, { ...clientOptions });
  let auth: webApi.AuthTestResponse;
  try {
    auth = await probe.auth.test();
  } catch (err) {
    const code = slackErrorCode(err);
    log.error({ err: safeError(err, scrub) }, 'auth.test failed');
    throw new Error(
      code
        ? `Slack refused SLACK_BOT_TOKEN (${code})`
        : `Could not reach the Slack Web API at ${config.SLACK_API_URL}: ${scrub(String((err as Error)?.message ?? err))}`,
    );
  }

  const receiver =
    mode === 'socket'
      ? new SocketModeReceiver({
          appToken: config.SLACK_APP_TOKEN!,
          logger: sdkLogger,
          logLevel,
          // The Socket Mode client opens its connection with apps.connections.open through
          // a WebClient built from these options: same base URL, same retries.
          installerOptions: { clientOptions: { ...clientOptions } },
        })
      : new HTTPReceiver({
          signingSecret: config.SLACK_SIGNING_SECRET!,
          endpoints: ['/slack/events'],
          port: config.PORT,
          logger: sdkLogger,
          logLevel,
          // Acknowledge as soon as a listener calls ack(): right for a long-running server.
          // (true is for FaaS, where the process may freeze once the response is sent.)
          processBeforeResponse: false,
          // After the signature is verified: what the replay check keys on.
          customPropertiesExtractor: signatureProperties,
        });

  if (receiver instanceof HTTPReceiver) refuseSkewedRequests(receiver, log);

  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    botId: auth.bot_id,
    botUserId: auth.user_id,
    receiver,
    logger: sdkLogger,
    logLevel,
    clientOptions,
    convoStore: false,
  });

  const render = { wikiName: config.WIKI_NAME, commandPrefix: config.SLACK_COMMAND_PREFIX, commandNames: commands.map((c) => c.name) };
  const admin = new SlackAdminCheck(app.client, { adminUserIds: config.ADMIN_USER_IDS, log });
  const seen = mode === 'http' ? new SeenRequests({ store: opts.requestStore, windowMs: REQUEST_WINDOW_MS, log }) : undefined;
  app.use(dropRetriesAndReplays(seen, log));
  const handled = registerHandlers(app, { deps, config, log, scrub, admin, render, observer: opts.observer, mode, fetch: fetchSlackOnly });
  const poster = new SlackPoster(
    new webApi.WebClient(config.SLACK_BOT_TOKEN, { ...posterClientOptions(config, sdkLogger), fetch: fetchSlackOnly }),
    render,
  );

  let port: number | undefined;
  let ownServer: OpsServer | undefined;
  let up = () => ok('connected');
  const metrics = opts.observer?.metrics;
  if (receiver instanceof HTTPReceiver) {
    // Bolt's receiver answers on the process's one HTTP server; the time to acknowledge is
    // measured there, from the request's arrival to the end of the response, as Slack sees it.
    const server =
      opts.server ?? (ownServer = await startOpsServer({ port: config.PORT, readiness: opts.readiness ?? new Readiness(), metrics, log }));
    server.mount('/slack/events', (req, res) => {
      const t0 = performance.now();
      if (metrics && req.method === 'POST')
        res.once('finish', () => res.statusCode < 400 && metrics.slackAck('http', (performance.now() - t0) / 1000));
      receiver.requestListener(req, res);
    });
    port = server.port;
    up = () => ok(`HTTP mode on port ${port}`);
  } else {
    let connected = false;
    receiver.client.on('connected', () => void (connected = true));
    receiver.client.on('disconnected', () => void (connected = false));
    receiver.client.on('reconnecting', () => void (connected = false));
    await receiver.start();
    connected = true;
    up = () => (connected ? ok('Socket Mode connected') : notOk('Socket Mode connection down (reconnecting)'));
  }
  let stoppedAt: number | undefined;
  const unready = opts.readiness?.add('slack', () => (stoppedAt ? notOk('stopped') : up()));

  log.info(
    { mode, bot: auth.user, botUserId: auth.user_id, team: auth.team, teamId: auth.team_id, commands: handled, ...(port ? { port } : {}) },
    mode === 'socket' ? 'Slack connected (Socket Mode)' : `Slack listening on port ${port} (HTTP mode, /slack/events)`,
  );

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      stoppedAt = Date.now();
      unready?.();
      try {
        if (receiver instanceof SocketModeReceiver) {
          await withTimeout(receiver.client.disconnect(), 3_000);
        } else {
          // The server belongs to the process (it serves /healthz to the end) unless it is ours.
          await ownServer?.close();
        }
      } catch (err) {
        log.warn({ err: safeError(err, scrub) }, 'error while stopping Slack');
      }
      log.info({ mode }, 'Slack stopped');
    })();
    return stopping;
  };

  return { app, poster, commands: handled, mode, port, stop };
}

function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    p.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}
