// A local stand-in for Slack, for tests: the Web API (auth.test, chat.postMessage, chat.update,
// chat.delete, chat.postEphemeral, users.info, apps.connections.open, and the file upload flow:
// files.getUploadURLExternal, a POST of the bytes to the URL it gives, files.completeUploadExternal),
// a Socket Mode WebSocket server, and response_url endpoints, all on one node:http server on
// 127.0.0.1 (port 0).
// Every call is recorded (method, parsed body, headers); failures can be queued per method.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SlackMessage } from '../../../adapters/slack/render.js';

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** The HTTP status the double answered with. */
  status: number;
  at: number;
}

/** A response_url body as the bot posts it (read as the renderer builds it), or what was not JSON. */
export type ResponseBody = Partial<Omit<SlackMessage, 'image'>> & {
  replace_original?: boolean;
  delete_original?: boolean;
  thread_ts?: string;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
  unparsed?: string;
};

export interface ResponsePost {
  /** The id in the response_url path. */
  id: string;
  body: ResponseBody;
  headers: IncomingHttpHeaders;
  status: number;
  at: number;
}

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
  at: number;
}

export type Failure = { kind: 'ratelimited'; retryAfter: number } | { kind: 'http'; status: number } | { kind: 'error'; error: string };

export interface SlackUser {
  id: string;
  is_admin?: boolean;
  is_owner?: boolean;
  tz?: string;
}

export interface DoubleOptions {
  botToken: string;
  appToken?: string;
}

/** A file through Slack's upload flow: asked for, uploaded, then shared (or not). */
export interface SlackFile {
  id: string;
  filename: string;
  /** The length given to files.getUploadURLExternal. */
  length: number;
  alt_txt?: string;
  /** The bytes POSTed to the upload URL. */
  data?: Buffer;
  uploadContentType?: string;
  title?: string;
  /** Where files.completeUploadExternal shared it, and with which comment. */
  channel_id?: string;
  initial_comment?: string;
  completed: boolean;
}

/** Slack's limits on an upload: size, and the alt text's length. */
export const FILE_LIMITS = { bytes: 1024 * 1024 * 1024, altText: 1000 } as const;

export const TEAM = { id: 'T0TEST', domain: 'commonplace-test', name: 'Commonplace Test' };
export const BOT = { user_id: 'U0BOT', user: 'commonplace', bot_id: 'B0BOT', app_id: 'A0APP' };

export class SlackDouble {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  readonly acks: SocketAck[] = [];
  readonly users = new Map<string, SlackUser>();
  readonly files = new Map<string, SlackFile>();
  /** Messages the bot posted and has not deleted, by channel and ts. */
  readonly messages = new Map<string, { channel: string; ts: string; text: unknown; blocks: unknown; thread_ts?: unknown }>();
  /** Every request the server saw, by path, to prove nothing was missed. */
  readonly requests: string[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private responseFailures = 0;
  /** Milliseconds each response_url post waits before it is answered (a slow Slack). */
  responseDelayMs = 0;
  private readonly sockets = new Set<WebSocket>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private waiters: (() => void)[] = [];
  private nextTs = 1;
  private nextEnvelope = 1;
  private nextResponse = 1;
  private port = 0;

  private constructor(
    private readonly server: Server,
    private readonly opts: DoubleOptions,
  ) {}

  static async start(opts: DoubleOptions): Promise<SlackDouble> {
    const server = createServer();
    const double = new SlackDouble(server, opts);
    server.on('request', (req, res) => void double.handle(req, res));
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket-mode')) {
        socket.destroy();
        return;
      }
      double.wss.handleUpgrade(req, socket, head, (ws) => double.connected(ws));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    double.port = (server.address() as AddressInfo).port;
    return double;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The value for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A fresh response_url; posts to it are recorded under the returned id. */
  responseUrl(): { url: string; id: string } {
    const id = `r${this.nextResponse++}`;
    return { url: `${this.baseUrl}/respond/${id}`, id };
  }

  /** The next `times` calls of `method` fail this way. */
  fail(method: string, failure: Failure, times = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(failure);
    this.failures.set(method, list);
  }

  /** The next `times` response_url posts are refused with 404 (as an expired URL is). */
  failResponses(times = 1): void {
    this.responseFailures += times;
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(id: string): ResponsePost[] {
    return this.responses.filter((r) => r.id === id);
  }

  get openSockets(): number {
    return [...this.sockets].filter((s) => s.readyState === s.OPEN).length;
  }

  /** Sends a Socket Mode envelope to every connected client; returns its envelope_id. */
  sendEnvelope(
    type: 'slash_commands' | 'interactive' | 'events_api',
    payload: Record<string, unknown>,
    acceptsResponsePayload = true,
  ): string {
    const envelope_id = `env-${this.nextEnvelope++}`;
    const message = JSON.stringify({ envelope_id, type, payload, accepts_response_payload: acceptsResponsePayload });
    const open = [...this.sockets].filter((s) => s.readyState === s.OPEN);
    if (!open.length) throw new Error('no Socket Mode client is connected');
    for (const s of open) s.send(message);
    return envelope_id;
  }

  ackFor(envelopeId: string): SocketAck | undefined {
    return this.acks.find((a) => a.envelope_id === envelopeId);
  }

  /** Resolves with fn()'s first defined value, checked after every recorded event. */
  waitFor<T>(fn: () => T | undefined | false, timeoutMs = 5_000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const v = fn();
        if (v !== undefined && v !== false) {
          clearTimeout(timer);
          resolve(v as T);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const waiter = () => {
        if (check()) this.waiters = this.waiters.filter((w) => w !== waiter);
      };
      if (!check()) this.waiters.push(waiter);
    });
  }

  /** Forgets recorded calls, responses and acks (not users or queued failures). */
  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.acks.length = 0;
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  private connected(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      try {
        const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (typeof msg.envelope_id === 'string') {
          this.acks.push({ envelope_id: msg.envelope_id, payload: msg.payload, at: Date.now() });
          this.notify();
        }
      } catch {
        // not an ack
      }
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: { host: 'slack-double', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: BOT.app_id },
      }),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    this.requests.push(url.pathname);
    if (url.pathname.startsWith('/upload/')) {
      const file = this.files.get(url.pathname.slice('/upload/'.length));
      const data = await readBytes(req);
      const ok = file && !file.data && data.length === file.length;
      if (ok) {
        file.data = data;
        file.uploadContentType = String(req.headers['content-type'] ?? '');
      }
      res.writeHead(ok ? 200 : 400, { 'content-type': 'text/plain' });
      res.end(ok ? `OK - ${data.length}` : 'bad upload');
      this.notify();
      return;
    }
    const raw = await readBody(req);
    if (url.pathname.startsWith('/respond/')) {
      const id = url.pathname.slice('/respond/'.length);
      if (this.responseDelayMs) await new Promise((r) => setTimeout(r, this.responseDelayMs));
      let status = 200;
      if (this.responseFailures > 0) {
        this.responseFailures--;
        status = 404;
      }
      let body: ResponseBody = {};
      try {
        body = JSON.parse(raw) as ResponseBody;
      } catch {
        body = { unparsed: raw };
      }
      this.responses.push({ id, body, headers: req.headers, status, at: Date.now() });
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 200 ? 'ok' : 'expired_url');
      this.notify();
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404);
      res.end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const body = parseApiBody(raw, req.headers['content-type']);
    const failure = this.failures.get(method)?.shift();
    const call: ApiCall = { method, body, headers: req.headers, status: 200, at: Date.now() };
    this.calls.push(call);
    if (failure?.kind === 'ratelimited') {
      call.status = 429;
      res.writeHead(429, { 'retry-after': String(failure.retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    } else if (failure?.kind === 'http') {
      call.status = failure.status;
      res.writeHead(failure.status, { 'content-type': 'text/plain' });
      res.end('upstream failure');
    } else {
      const result = failure?.kind === 'error' ? { ok: false, error: failure.error } : this.answer(method, body, req.headers);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(result));
    }
    this.notify();
  }

  private answer(method: string, body: Record<string, unknown>, headers: IncomingHttpHeaders): Record<string, unknown> {
    const token = bearer(headers) ?? (typeof body.token === 'string' ? body.token : undefined);
    if (method === 'apps.connections.open') {
      if (!this.opts.appToken || token !== this.opts.appToken) return { ok: false, error: 'invalid_auth' };
      return { ok: true, url: `ws://127.0.0.1:${this.port}/socket-mode?ticket=t${this.nextEnvelope}` };
    }
    if (token !== this.opts.botToken) return { ok: false, error: token ? 'invalid_auth' : 'not_authed' };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: `https://${TEAM.domain}.slack.com/`,
          team: TEAM.name,
          user: BOT.user,
          team_id: TEAM.id,
          user_id: BOT.user_id,
          bot_id: BOT.bot_id,
          is_enterprise_install: false,
        };
      case 'chat.postMessage': {
        const ts = `1700000000.${String(this.nextTs++).padStart(6, '0')}`;
        this.messages.set(`${body.channel}/${ts}`, {
          channel: String(body.channel),
          ts,
          text: body.text,
          blocks: body.blocks,
          thread_ts: body.thread_ts,
        });
        return { ok: true, channel: body.channel, ts, message: { type: 'message', text: body.text, bot_id: BOT.bot_id, ts } };
      }
      case 'chat.update': {
        const key = `${body.channel}/${body.ts}`;
        const old = this.messages.get(key);
        if (!old) return { ok: false, error: 'message_not_found' };
        this.messages.set(key, { ...old, text: body.text, blocks: body.blocks });
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      }
      case 'chat.delete': {
        if (!this.messages.delete(`${body.channel}/${body.ts}`)) return { ok: false, error: 'message_not_found' };
        return { ok: true, channel: body.channel, ts: body.ts };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1700000000.${String(this.nextTs++).padStart(6, '0')}` };
      case 'files.getUploadURLExternal': {
        const length = Number(body.length);
        if (typeof body.filename !== 'string' || !body.filename || !Number.isSafeInteger(length) || length <= 0)
          return { ok: false, error: 'missing_argument' };
        if (length > FILE_LIMITS.bytes) return { ok: false, error: 'file_upload_size_restricted' };
        if (typeof body.alt_txt === 'string' && body.alt_txt.length > FILE_LIMITS.altText) return { ok: false, error: 'alt_txt_too_large' };
        const id = `F${String(this.files.size + 1).padStart(8, '0')}`;
        this.files.set(id, {
          id,
          filename: body.filename,
          length,
          alt_txt: typeof body.alt_txt === 'string' ? body.alt_txt : undefined,
          completed: false,
        });
        return { ok: true, upload_url: `${this.baseUrl}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const list = Array.isArray(body.files) ? (body.files as { id?: string; title?: string }[]) : [];
        if (!list.length) return { ok: false, error: 'invalid_arguments' };
        const files = list.map((f) => this.files.get(String(f.id)));
        if (files.some((f) => !f?.data || f.completed)) return { ok: false, error: 'file_not_found' };
        for (const [i, f] of files.entries()) {
          Object.assign(f!, {
            completed: true,
            title: list[i]!.title,
            channel_id: typeof body.channel_id === 'string' ? body.channel_id : undefined,
            initial_comment: typeof body.initial_comment === 'string' ? body.initial_comment : undefined,
          });
        }
        return { ok: true, files: files.map((f) => ({ id: f!.id, title: f!.title ?? f!.filename })) };
      }
      case 'users.info': {
        const user = this.users.get(String(body.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: { is_admin: false, is_owner: false, is_primary_owner: false, ...user, team_id: TEAM.id, name: user.id.toLowerCase() },
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function bearer(headers: IncomingHttpHeaders): string | undefined {
  const h = headers.authorization;
  return typeof h === 'string' && h.startsWith('Bearer ') ? h.slice('Bearer '.length) : undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBytes(req)).toString('utf8');
}

async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Form or JSON body; JSON-encoded form fields (blocks, metadata, …) are parsed. */
function parseApiBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { unparsed: raw };
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if (/^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // a plain string that starts with a bracket
      }
    }
    out[k] = v;
  }
  return out;
}
