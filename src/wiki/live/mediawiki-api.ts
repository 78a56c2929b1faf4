// A read-only client of the MediaWiki Action API (api.php), anonymous, JSON format version 2.
//
// Why not mwn (the maintained Node client): the bot needs four anonymous read queries, while
// mwn brings axios, tough-cookie, form-data, OAuth and chalk for logging in and editing; and
// what matters here is the etiquette of a well-behaved reader, which is a few lines over
// Node's fetch: every request names the bot and its operator (User-Agent, WIKI_CONTACT), asks
// with `maxlag` so a lagged wiki can turn it away, waits as long as `Retry-After` says on 429,
// 503 and maxlag, backs off exponentially on network errors, time-outs and 5xx, and gives up
// after a few tries with an error the sync loop logs (it tries again later; answering never
// waits for any of this).
import type { Logger } from '../../log.js';

export type ApiParams = Record<string, string | number | boolean | undefined>;

export interface MediaWikiApiOptions {
  /** The api.php URL. */
  url: string;
  /** The full User-Agent header. */
  userAgent: string;
  /** Seconds of replication lag beyond which the wiki should refuse (default 5). */
  maxlag?: number;
  /** Per-request time-out (default 30 s). */
  timeoutMs?: number;
  /** Tries per request before giving up (default 5). */
  tries?: number;
  /** First backoff; doubled each try up to maxBackoffMs (defaults 1 s and 60 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How to wait (tests pass a faster one). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  log?: Logger;
  /** Stops waits and requests when aborted (the bot shutting down). */
  signal?: AbortSignal;
}

/** The wiki answered with an error that trying again will not fix. */
export class MediaWikiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'MediaWikiError';
  }
}

/** "commonplace/0.1.0 (https://bot.example.org; ops@example.org) Node.js/v20" as the API
 *  etiquette asks: the tool, its version and how to reach whoever runs it. */
export function userAgent(version: string, contact: string | undefined): string {
  return `commonplace/${version} (wiki chat bot; ${contact ?? 'operator contact not configured: set WIKI_CONTACT'}) Node.js/${process.version}`;
}

const sleepFor = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true },
    );
  });

export class MediaWikiApi {
  private readonly o: Required<Omit<MediaWikiApiOptions, 'log' | 'signal'>> & Pick<MediaWikiApiOptions, 'log' | 'signal'>;

  constructor(opts: MediaWikiApiOptions) {
    this.o = { maxlag: 5, timeoutMs: 30_000, tries: 5, backoffMs: 1000, maxBackoffMs: 60_000, sleep: sleepFor, ...opts };
  }

  /** One query (action=query unless `params.action` says otherwise), tried again as the wiki
   *  asks; the parsed JSON. Throws MediaWikiError for an API error, or the last failure. */
  async get(params: ApiParams): Promise<Record<string, unknown>> {
    const url = new URL(this.o.url);
    const all: ApiParams = { action: 'query', format: 'json', formatversion: 2, maxlag: this.o.maxlag, ...params };
    for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== false) url.searchParams.set(k, v === true ? '1' : String(v));
    let last: unknown;
    for (let attempt = 1; attempt <= this.o.tries; attempt++) {
      let waitMs = Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** (attempt - 1));
      try {
        const res = await fetch(url, {
          headers: { 'User-Agent': this.o.userAgent, 'Api-User-Agent': this.o.userAgent, Accept: 'application/json' },
          signal: this.o.signal
            ? AbortSignal.any([this.o.signal, AbortSignal.timeout(this.o.timeoutMs)])
            : AbortSignal.timeout(this.o.timeoutMs),
        });
        const retryAfter = retryAfterMs(res.headers.get('retry-after'));
        if (res.status === 429 || res.status >= 500) {
          await res.body?.cancel();
          last = new Error(`HTTP ${res.status}`);
          if (retryAfter !== undefined) waitMs = retryAfter;
        } else if (!res.ok) {
          await res.body?.cancel();
          throw new MediaWikiError(`http-${res.status}`, `the wiki answered HTTP ${res.status}`);
        } else {
          const body = (await res.json()) as Record<string, unknown>;
          const error = body.error as { code?: string; info?: string } | undefined;
          if (!error) return body;
          // maxlag and rate limits are "later, please"; anything else is final.
          if (error.code !== 'maxlag' && error.code !== 'ratelimited' && error.code !== 'readonly') {
            throw new MediaWikiError(error.code ?? 'unknown', error.info ?? 'the wiki refused the request');
          }
          last = new Error(`${error.code}: ${error.info ?? ''}`.trim());
          waitMs = retryAfter ?? Math.max(waitMs, 5000);
        }
      } catch (err) {
        if (err instanceof MediaWikiError || this.o.signal?.aborted) throw err;
        last = err;
      }
      if (attempt === this.o.tries) break;
      this.o.log?.debug({ attempt, waitMs, err: String(last) }, 'wiki API: waiting before trying again');
      await this.o.sleep(waitMs, this.o.signal);
    }
    throw last instanceof Error ? last : new Error(String(last));
  }

  /** Every page of a query that continues (`continue`), one response at a time, starting
   *  from `from` (a continuation saved earlier) when given. Each item carries the
   *  continuation that leads past it, or undefined on the last. */
  async *continued(
    params: ApiParams,
    from?: Record<string, string>,
  ): AsyncGenerator<{ body: Record<string, unknown>; next?: Record<string, string> }> {
    let cont: Record<string, string> | undefined = from;
    do {
      const body = await this.get({ ...params, ...(cont ?? {}) });
      cont = body.continue as Record<string, string> | undefined;
      yield { body, next: cont };
    } while (cont);
  }
}

/** Retry-After in seconds or as an HTTP date, in ms (capped at an hour); undefined if absent. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const s = Number(header);
  const ms = Number.isFinite(s) ? s * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), 3_600_000) : undefined;
}
