// A local double of the MediaWiki Action API (api.php) on 127.0.0.1: the queries the live
// sync makes (siteinfo, generator=allpages with content, titles with content, recentchanges,
// each continuing in small batches), over an in-memory wiki that a test can edit, delete,
// move, and make rate limit, fail, lag or go down. It records every request.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

interface Page {
  text: string;
}

interface Change {
  rcid: number;
  type: 'edit' | 'new' | 'log';
  ns: number;
  title: string;
  timestamp: string;
  logtype?: string;
  logparams?: { target_ns: number; target_title: string };
}

export interface RecordedRequest {
  params: URLSearchParams;
  userAgent?: string;
  at: number;
}

export class MediaWikiDouble {
  readonly pages = new Map<string, Page>();
  readonly changes: Change[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Pages per allpages batch (the real limit for content is 50). */
  batch = 3;
  private clock = Date.parse('2026-03-01T12:00:00Z');
  private rcid = 100;
  private plan: { status: number; retryAfter?: string; apiError?: string }[] = [];
  private down = false;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: http.Server) {}

  static async start(pages: Record<string, string> = {}): Promise<MediaWikiDouble> {
    const server = http.createServer();
    const double = new MediaWikiDouble(server);
    for (const [title, text] of Object.entries(pages)) double.pages.set(title, { text });
    server.on('connection', (s) => {
      double.sockets.add(s);
      s.on('close', () => double.sockets.delete(s));
    });
    server.on('request', (req, res) => double.handle(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return double;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/w/api.php`;
  }

  // ---- what a test does to the wiki ------------------------------------------------

  edit(title: string, text: string): void {
    const existed = this.pages.has(title);
    this.pages.set(title, { text });
    this.log({ type: existed ? 'edit' : 'new', ns: 0, title });
  }

  delete(title: string): void {
    this.pages.delete(title);
    this.log({ type: 'log', ns: 0, title, logtype: 'delete' });
  }

  /** Moves a page, leaving a redirect behind unless told not to. */
  move(from: string, to: string, leaveRedirect = true): void {
    const page = this.pages.get(from)!;
    this.pages.delete(from);
    this.pages.set(to, page);
    if (leaveRedirect) this.pages.set(from, { text: `#REDIRECT [[${to}]]` });
    this.log({ type: 'log', ns: 0, title: from, logtype: 'move', logparams: { target_ns: 0, target_title: to } });
  }

  /** A change outside the main namespace (ignored by the sync). */
  editTalk(title: string): void {
    this.log({ type: 'edit', ns: 1, title: `Talk:${title}` });
  }

  /** The next requests answer with these failures, in order. */
  failNext(...failures: { status: number; retryAfter?: string; apiError?: string }[]): void {
    this.plan.push(...failures);
  }

  /** While down, every connection is cut without an answer. */
  setDown(down: boolean): void {
    this.down = down;
    if (down) for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.server.close();
  }

  // ---- the API ---------------------------------------------------------------------

  private log(change: Omit<Change, 'rcid' | 'timestamp'>): void {
    // Two changes a second, so that several share a timestamp as on a busy wiki.
    this.clock += 500;
    this.changes.push({ ...change, rcid: ++this.rcid, timestamp: iso(this.clock) });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (this.down) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    this.requests.push({ params: url.searchParams, userAgent: req.headers['user-agent'], at: Date.now() });
    const [status, body, headers = {}] = this.answer(url.pathname, url.searchParams);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  /** The status, JSON body and extra headers for a request to `pathname` with `params`. */
  private answer(pathname: string, params: URLSearchParams): [status: number, body: unknown, headers?: Record<string, string>] {
    const failure = this.plan.shift();
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter ? { 'retry-after': failure.retryAfter } : {};
      if (failure.apiError) return [200, { error: { code: failure.apiError, info: `${failure.apiError} (double)` } }, headers];
      return [failure.status, { error: 'double failure' }, headers];
    }
    if (pathname !== '/w/api.php' || params.get('format') !== 'json' || params.get('formatversion') !== '2')
      return [400, { error: 'bad request' }];
    if (params.get('meta') === 'siteinfo') {
      return [
        200,
        {
          batchcomplete: true,
          query: {
            general: {
              sitename: 'Quokka Wiki',
              server: '//quokka.example.org',
              articlepath: '/wiki/$1',
              case: 'first-letter',
              time: iso(this.clock),
            },
          },
        },
      ];
    }
    if (params.get('generator') === 'allpages') {
      const titles = [...this.pages.keys()].sort();
      const from = params.get('gapcontinue') ?? '';
      const limit = Math.min(Number(params.get('gaplimit') ?? 10), this.batch);
      const slice = titles.filter((t) => t >= from).slice(0, limit + 1);
      const body: Record<string, unknown> = { query: { pages: slice.slice(0, limit).map((t) => this.pageJson(t)) } };
      if (slice.length > limit) body.continue = { gapcontinue: slice[limit], continue: 'gapcontinue||' };
      return [200, body];
    }
    if (params.get('titles')) {
      return [
        200,
        {
          query: {
            pages: params
              .get('titles')!
              .split('|')
              .map((t) => this.pageJson(t)),
          },
        },
      ];
    }
    if (params.get('list') === 'recentchanges') {
      const start = params.get('rcstart') ?? '';
      const after = Number(params.get('rccontinue')?.split('|')[1] ?? 0);
      const all = this.changes.filter((c) => c.timestamp >= start && c.rcid >= after);
      const limit = 2; // small, so continuing is exercised
      const body: Record<string, unknown> = { query: { recentchanges: all.slice(0, limit) } };
      if (all.length > limit) body.continue = { rccontinue: `${all[limit]!.timestamp}|${all[limit]!.rcid}`, continue: '-||' };
      return [200, body];
    }
    return [200, { error: { code: 'badparams', info: 'not something this double answers' } }];
  }

  private pageJson(title: string): unknown {
    const page = this.pages.get(title);
    if (!page) return { ns: 0, title, missing: true };
    return { ns: 0, title, revisions: [{ slots: { main: { contentmodel: 'wikitext', content: page.text } } }] };
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Main-namespace pages of a MediaWiki XML dump (title → wikitext of its last revision). */
export function pagesFromDump(xml: string): Record<string, string> {
  const pages: Record<string, string> = {};
  for (const m of xml.matchAll(/<page>([\s\S]*?)<\/page>/g)) {
    const body = m[1]!;
    if (/<ns>(\d+)<\/ns>/.exec(body)?.[1] !== '0') continue;
    const title = decode(/<title>([\s\S]*?)<\/title>/.exec(body)?.[1] ?? '');
    const texts = [...body.matchAll(/<text[^>]*?(?:\/>|>([\s\S]*?)<\/text>)/g)];
    if (title) pages[title] = decode(texts.at(-1)?.[1] ?? '');
  }
  return pages;
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#039;/g, "'")
    .replace(/&amp;/g, '&');
}
