// A local Discord API double: the REST routes the bot uses (node:http) and a gateway (ws) on
// one random 127.0.0.1 port. It records every request (method, path, headers, JSON body) and
// every gateway frame, stores registered commands, creates message objects for interaction
// responses, and lets a test dispatch INTERACTION_CREATE and await the bot's answer.
//
// Handshake as @discordjs/ws does it: GET /v10/gateway/bot → { url }, then a WebSocket to
// `${url}?v=10&encoding=json` (no `compress` unless zlib-sync is installed, which it is not;
// IDENTIFY carries `compress: false`). HELLO (op 10) → IDENTIFY (op 2) → READY (+ GUILD_CREATE);
// HEARTBEAT (op 1) → HEARTBEAT_ACK (op 11); RESUME (op 6) → RESUMED, or INVALID_SESSION (op 9).
import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type {
  APIApplicationCommandOptionChoice,
  APIAttachment,
  APIEmbed,
  APIMessageTopLevelComponent,
  GatewayIdentifyData,
  GatewayResumeData,
  GatewaySendPayload,
  InteractionResponseType,
  RESTPostAPIChannelMessageJSONBody,
  RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { WebSocket, WebSocketServer } from 'ws';

export const IDS = {
  application: '111111111111111111',
  bot: '111111111111111111',
  guild: '222222222222222222',
  channel: '333333333333333333',
  owner: '444444444444444444',
  member: '555555555555555555',
  admin: '666666666666666666',
  dmChannel: '777777777777777777',
} as const;

/** A message as the bot sends it: a channel post, a webhook edit or follow-up, or the data of an
 *  interaction callback (whose autocomplete answer carries `choices` instead). */
export type SentMessage = RESTPostAPIChannelMessageJSONBody & { choices?: APIApplicationCommandOptionChoice[] };

/** The JSON body of a request the bot made, as the tests read it: a message, or an interaction
 *  callback (`type`, `data`). A GET has none, and a command registration (PUT) sends an array:
 *  read that one with sentCommands. */
export type SentBody = SentMessage & { type?: InteractionResponseType; data?: SentMessage };

/** A user as messages and interactions carry it. */
export interface WireUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: string | null;
  bot?: boolean;
  public_flags?: number;
}

/** The fields every message object carries (see messageFields). */
export interface MessageFields {
  author: WireUser;
  content: string;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: WireUser[];
  mention_roles: string[];
  attachments: APIAttachment[];
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  pinned: boolean;
  flags: number;
}

/** A message object as the REST API and the gateway carry it: the fields this double fills. */
export interface WireMessage extends MessageFields {
  id: string;
  type: number;
  channel_id: string;
  guild_id?: string;
  /** The author's membership, on a member's message in a server. */
  member?: {
    roles: string[];
    joined_at: string;
    deaf: boolean;
    mute: boolean;
    flags: number;
    pending: boolean;
    nick: string | null;
    avatar: string | null;
    premium_since: string | null;
  };
  application_id?: string;
  webhook_id?: string;
  interaction_metadata?: { id: string; type: number; user?: WireUser; authorizing_integration_owners?: Record<string, string> };
  nonce?: string | number;
  message_reference?: { type?: number; message_id?: string; channel_id?: string; guild_id?: string; fail_if_not_exists?: boolean };
}

/** An INTERACTION_CREATE payload (built in interactions.ts): the fields the double reads back. */
export interface InteractionPayload {
  id: string;
  type: number;
  token: string;
  channel_id: string;
  channel?: { id: string };
  guild_id?: string;
  member?: { user: WireUser };
  user?: WireUser;
  /** The message whose component was used. */
  message?: WireMessage;
  authorizing_integration_owners?: Record<string, string>;
}

/** A command as registered: what the bot sent, with the fields Discord adds. */
export interface StoredCommand {
  id: string;
  application_id: string;
  version: string;
  type?: number;
  name: string;
  description?: string;
  guild_id?: string;
  default_member_permissions?: string | null;
  [field: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. /api/v10/interactions/1/tok/callback. */
  path: string;
  /** Path after /v10, e.g. /interactions/1/tok/callback. */
  route: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: SentBody;
  rawBody: string;
  /** Files of a multipart request (files[n]), as Discord receives them. */
  files: UploadedFile[];
  status: number;
}

export interface UploadedFile {
  field: string;
  name: string;
  type: string;
  data: Buffer;
}

/** Discord's limits on attachments: size (a server without boosts) and description. */
export const ATTACHMENT_LIMITS = { bytes: 10 * 1024 * 1024, description: 1024 } as const;

export interface GatewayFrame {
  direction: 'in' | 'out';
  op: number;
  t?: string | null;
  d: unknown;
}

export interface ApiFailure {
  status: number;
  code: number;
  message: string;
}

export interface DoubleOptions {
  token?: string;
  botName?: string;
  guildName?: string;
  /** HELLO's heartbeat_interval (ms). */
  heartbeatInterval?: number;
  /** Whether the application may use the privileged intents (Message Content, Members,
   *  Presences), as turned on in the Developer Portal; without it an IDENTIFY asking for one is
   *  closed with 4014 (Disallowed intent(s)), as Discord does. Default true. */
  privilegedIntents?: boolean;
}

/** GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT. */
export const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

interface Session {
  id: string;
  socket: WebSocket;
  seq: number;
  shard: [number, number];
  identified: boolean;
  /** Dispatches sent in this session, for replay on RESUME. */
  sent: { s: number; t: string; d: unknown }[];
}

let snowflakeCounter = 0n;
export function snowflake(): string {
  // Discord-like: timestamp since the Discord epoch shifted left 22 bits, plus a counter.
  return (((BigInt(Date.now()) - 1420070400000n) << 22n) + (snowflakeCounter++ % 4096n)).toString();
}

export class DiscordDouble extends EventEmitter {
  readonly token: string;
  readonly requests: RecordedRequest[] = [];
  readonly frames: GatewayFrame[] = [];
  readonly identifies: GatewayIdentifyData[] = [];
  readonly resumes: GatewayResumeData[] = [];
  /** Registered commands by scope: 'global' or a guild id. */
  readonly commands = new Map<string, StoredCommand[]>();
  /** Messages the bot created or edited, by id. */
  readonly messages = new Map<string, WireMessage>();
  /** Failures for POST /channels/{id}/messages, by channel id; `times` left (Infinity by default). */
  readonly channelFailures = new Map<string, ApiFailure & { times: number }>();
  /** Interactions dispatched, by id: their payload, and the message their response created. */
  readonly interactions = new Map<string, { payload: InteractionPayload; responded: boolean; originalId?: string }>();
  readonly botUser: WireUser & { verified: boolean; flags: number; mfa_enabled: boolean };
  readonly application: {
    id: string;
    name: string;
    flags: number;
    description: string;
    bot_public: boolean;
    bot_require_code_grant: boolean;
    verify_key: string;
    icon: null;
  };
  readonly guild: ReturnType<typeof guildPayload>;

  private server!: Server;
  private wss!: WebSocketServer;
  private readonly sockets = new Set<Socket>();
  private readonly sessions = new Map<string, Session>();
  private readonly heartbeatInterval: number;
  /** See DoubleOptions.privilegedIntents; a test may change it between connections. */
  privilegedIntents: boolean;
  private readonly nonces = new Map<string, string>();
  port = 0;

  private constructor(opts: DoubleOptions) {
    super();
    this.setMaxListeners(100);
    this.token = opts.token ?? 'double-token.NOT-A-REAL.secret-abcdefghijklmnopqrstuvwxyz';
    this.heartbeatInterval = opts.heartbeatInterval ?? 1000;
    this.privilegedIntents = opts.privilegedIntents ?? true;
    this.botUser = {
      id: IDS.bot,
      username: opts.botName ?? 'Commonplace',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
      verified: true,
      flags: 0,
      mfa_enabled: false,
    };
    this.application = {
      id: IDS.application,
      name: opts.botName ?? 'Commonplace',
      flags: 0,
      description: '',
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '00',
      icon: null,
    };
    this.guild = guildPayload(opts.guildName ?? 'Test Server');
  }

  static async start(opts: DoubleOptions = {}): Promise<DiscordDouble> {
    const d = new DiscordDouble(opts);
    await d.listen();
    return d;
  }

  /** DISCORD_API_URL for the bot: REST base (discord.js appends /v10). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  private async listen(): Promise<void> {
    this.server = createServer((req, res) => void this.onHttp(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== '/gateway') {
        socket.destroy();
        return;
      }
      this.emit('gateway-connect', { query: url.searchParams, headers: req.headers });
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws, url.searchParams));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const s of this.sessions.values()) s.socket.terminate();
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // -------------------------------------------------------------------------------------------
  // Gateway

  /** Query strings of each gateway connection (v, encoding, compress). */
  readonly connections: URLSearchParams[] = [];

  private onSocket(ws: WebSocket, query: URLSearchParams): void {
    this.connections.push(query);
    let session: Session | undefined;
    const send = (op: number, d: unknown, t: string | null = null, s: number | null = null) => {
      this.frames.push({ direction: 'out', op, t, d });
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ op, d, s, t }));
    };
    send(10, { heartbeat_interval: this.heartbeatInterval });
    ws.on('message', (raw) => {
      let msg: GatewaySendPayload;
      try {
        msg = JSON.parse(String(raw)) as GatewaySendPayload;
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      this.frames.push({ direction: 'in', op: msg.op, d: msg.d });
      this.emit('frame', msg);
      switch (msg.op) {
        case 1:
          send(11, null);
          break;
        case 2: {
          this.identifies.push(msg.d);
          if (msg.d?.token !== this.token) {
            ws.close(4004, 'Authentication failed');
            return;
          }
          if (!this.privilegedIntents && Number(msg.d?.intents ?? 0) & PRIVILEGED_INTENTS) {
            ws.close(4014, 'Disallowed intent(s).');
            return;
          }
          session = { id: `session-${snowflake()}`, socket: ws, seq: 0, shard: msg.d.shard ?? [0, 1], identified: true, sent: [] };
          this.sessions.set(session.id, session);
          this.dispatch(session, 'READY', {
            v: 10,
            user: this.botUser,
            guilds: [{ id: IDS.guild, unavailable: true }],
            session_id: session.id,
            resume_gateway_url: this.gatewayUrl,
            shard: session.shard,
            application: { id: this.application.id, flags: this.application.flags },
          });
          this.dispatch(session, 'GUILD_CREATE', this.guild);
          this.emit('ready', session.id);
          break;
        }
        case 6: {
          this.resumes.push(msg.d);
          const old = this.sessions.get(msg.d?.session_id);
          if (!old || msg.d?.token !== this.token) {
            send(9, false);
            return;
          }
          old.socket = ws;
          session = old;
          for (const ev of old.sent.filter((e) => e.s > Number(msg.d.seq ?? 0))) {
            this.frames.push({ direction: 'out', op: 0, t: ev.t, d: ev.d });
            ws.send(JSON.stringify({ op: 0, t: ev.t, s: ev.s, d: ev.d }));
          }
          this.dispatch(old, 'RESUMED', null);
          this.emit('resumed', old.id);
          break;
        }
        default:
          break;
      }
    });
    ws.on('close', () => this.emit('gateway-close'));
  }

  private dispatch(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    session.sent.push({ s: session.seq, t, d });
    this.frames.push({ direction: 'out', op: 0, t, d });
    if (session.socket.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify({ op: 0, t, s: session.seq, d }));
  }

  /** Sessions that identified and are connected. */
  get liveSessions(): number {
    return [...this.sessions.values()].filter((s) => s.socket.readyState === WebSocket.OPEN).length;
  }

  /** Sends INTERACTION_CREATE to every connected session; remembers it for callbacks. */
  /** Sends any gateway event to every open session, as Discord would (or a broken proxy might). */
  dispatchRaw(t: string, d: unknown): void {
    for (const s of this.sessions.values()) if (s.socket.readyState === WebSocket.OPEN) this.dispatch(s, t, d);
  }

  dispatchInteraction(payload: InteractionPayload): void {
    this.interactions.set(payload.id, { payload, responded: false });
    let sent = 0;
    for (const s of this.sessions.values()) {
      if (s.socket.readyState === WebSocket.OPEN) {
        this.dispatch(s, 'INTERACTION_CREATE', payload);
        sent++;
      }
    }
    if (!sent) throw new Error('no gateway session to dispatch to');
  }

  /** Closes every gateway connection abruptly (as a network loss would); discord.js should resume. */
  dropConnections(code = 4000): void {
    for (const s of this.sessions.values()) if (s.socket.readyState === WebSocket.OPEN) s.socket.close(code, 'dropped by the test');
  }

  // -------------------------------------------------------------------------------------------
  // REST

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const rawBody = raw.toString('utf8');
    // The JSON as the bot sent it; RecordedRequest.body says how the tests read it.
    let body: SentBody = undefined as unknown as SentBody;
    const files: UploadedFile[] = [];
    const contentType = String(req.headers['content-type'] ?? '');
    if (contentType.startsWith('multipart/form-data')) {
      // As Discord reads a message with files: the JSON in payload_json, the files beside it.
      const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      for (const [field, value] of form) {
        if (typeof value === 'string') {
          if (field === 'payload_json') body = JSON.parse(value) as SentBody;
        } else {
          files.push({ field, name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) });
        }
      }
    } else {
      try {
        if (rawBody) body = JSON.parse(rawBody) as SentBody;
      } catch {
        // Not JSON: the request is recorded with no body.
      }
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /\/v10(\/.*)$/.exec(url.pathname);
    const route = decodeURIComponent(m ? m[1]! : url.pathname);
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      route,
      query: url.searchParams,
      headers: req.headers,
      body,
      rawBody,
      files,
      status: 0,
    };
    let status = 200;
    let out: unknown;
    try {
      [status, out] = this.route(rec);
    } catch (err) {
      status = 500;
      out = { code: 0, message: `double failed: ${(err as Error).message}` };
    }
    rec.status = status;
    this.requests.push(rec);
    this.emit('request', rec);
    if (status === 204) {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(out ?? null));
  }

  private authorized(rec: RecordedRequest): boolean {
    return rec.headers.authorization === `Bot ${this.token}`;
  }

  private route(rec: RecordedRequest): [number, unknown] {
    const { method, route } = rec;
    const refused = this.checkFiles(rec);
    if (refused) return refused;
    const unauthorized: [number, unknown] = [401, { message: '401: Unauthorized', code: 0 }];
    let m: RegExpExecArray | null;

    if (method === 'GET' && (route === '/gateway/bot' || route === '/gateway')) {
      if (route === '/gateway/bot' && !this.authorized(rec)) return unauthorized;
      return [
        200,
        { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } },
      ];
    }
    if (method === 'GET' && route === '/users/@me') return this.authorized(rec) ? [200, this.botUser] : unauthorized;
    if (method === 'GET' && route === '/applications/@me') return this.authorized(rec) ? [200, this.application] : unauthorized;

    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(route))) {
      if (!this.authorized(rec)) return unauthorized;
      if (m[1] !== this.application.id) return [403, { message: 'Missing Access', code: 50001 }];
      const scope = m[2] ?? 'global';
      if (m[2] && m[2] !== IDS.guild) return [403, { message: 'Missing Access', code: 50001 }];
      if (method === 'GET') return [200, this.commands.get(scope) ?? []];
      if (method === 'PUT') {
        const sent = sentCommands(rec);
        if (!sent) return [400, { message: 'Invalid Form Body', code: 50035 }];
        const old = this.commands.get(scope) ?? [];
        const stored = sent.map((c) => ({
          id: old.find((o) => o.name === c.name)?.id ?? snowflake(),
          application_id: this.application.id,
          version: snowflake(),
          type: 1,
          ...(m![2] ? { guild_id: m![2] } : {}),
          default_member_permissions: null,
          nsfw: false,
          ...c,
        }));
        this.commands.set(scope, stored);
        return [200, stored];
      }
    }

    if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(route))) {
      const interaction = this.interactions.get(m[1]!);
      if (!interaction || interaction.payload.token !== m[2]) return [404, { message: 'Unknown interaction', code: 10062 }];
      if (interaction.responded) return [400, { message: 'Interaction has already been acknowledged.', code: 40060 }];
      interaction.responded = true;
      const type = rec.body?.type;
      const data = rec.body?.data ?? {};
      const payload = interaction.payload;
      if (type === 4 || type === 5) {
        const msg = this.createMessage(
          payload.channel?.id ?? payload.channel_id,
          type === 5 ? { ...data, content: '', flags: (data.flags ?? 0) | 128 } : withFiles(data, rec.files),
          payload,
        );
        interaction.originalId = msg.id;
      } else if (type === 7 || type === 6) {
        const target = payload.message;
        if (target) {
          interaction.originalId = target.id;
          if (type === 7) this.editMessage(target.id, data, target);
        }
      }
      return [204, undefined];
    }

    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(route))) {
      const [, appId, token, messageId] = m;
      const interaction = [...this.interactions.values()].find((i) => i.payload.token === token);
      if (appId !== this.application.id || !interaction) return [404, { message: 'Unknown Webhook', code: 10015 }];
      if (!interaction.responded) return [404, { message: 'Unknown Webhook', code: 10015 }];
      if (method === 'POST' && !messageId) {
        const msg = this.createMessage(
          interaction.payload.channel?.id ?? interaction.payload.channel_id,
          withFiles(rec.body ?? {}, rec.files),
          interaction.payload,
        );
        return [200, msg];
      }
      const id = messageId === '@original' ? interaction.originalId : messageId;
      if (!id || !this.messages.has(id)) return [404, { message: 'Unknown Message', code: 10008 }];
      if (method === 'PATCH') return [200, this.editMessage(id, withFiles(rec.body ?? {}, rec.files))];
      if (method === 'DELETE') {
        this.messages.delete(id);
        return [204, undefined];
      }
      if (method === 'GET') return [200, this.messages.get(id)];
    }

    if ((method === 'PATCH' || method === 'DELETE' || method === 'GET') && (m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(route))) {
      if (!this.authorized(rec)) return unauthorized;
      const msg = this.messages.get(m[2]!);
      if (!msg || msg.channel_id !== m[1]) return [404, { message: 'Unknown Message', code: 10008 }];
      if (method === 'GET') return [200, msg];
      if (method === 'DELETE') {
        this.messages.delete(m[2]!);
        return [204, undefined];
      }
      return [200, this.editMessage(m[2]!, rec.body ?? {})];
    }

    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(route))) {
      if (!this.authorized(rec)) return unauthorized;
      const failure = this.channelFailures.get(m[1]!);
      if (failure && failure.times > 0) {
        failure.times -= 1;
        return [failure.status, { message: failure.message, code: failure.code }];
      }
      const body = rec.body ?? {};
      if (body.enforce_nonce && body.nonce !== undefined) {
        const key = `${m[1]}:${body.nonce}`;
        const existing = this.nonces.get(key);
        if (existing && this.messages.has(existing)) return [200, this.messages.get(existing)];
        const msg = this.createMessage(m[1]!, body);
        this.nonces.set(key, msg.id);
        return [200, msg];
      }
      return [200, this.createMessage(m[1]!, body)];
    }

    return [404, { message: '404: Not Found', code: 0 }];
  }

  /** Refuses files past Discord's limits, and an embed image that names no attached file. */
  private checkFiles(rec: RecordedRequest): [number, unknown] | undefined {
    if (!rec.files.length) return undefined;
    if (rec.files.some((f) => f.data.length > ATTACHMENT_LIMITS.bytes)) return [413, { message: 'Request entity too large', code: 40005 }];
    const data = rec.body?.data ?? rec.body ?? {};
    const described = (data.attachments ?? []) as { description?: string; filename?: string }[];
    if (described.some((a) => (a.description ?? '').length > ATTACHMENT_LIMITS.description))
      return [400, { message: 'Invalid Form Body (attachment description)', code: 50035 }];
    const names = new Set(rec.files.map((f) => f.name));
    for (const e of (data.embeds ?? []) as { image?: { url?: string } }[]) {
      const url = e.image?.url;
      if (url?.startsWith('attachment://') && !names.has(url.slice('attachment://'.length)))
        return [400, { message: 'Invalid Form Body (embed image names no attachment)', code: 50035 }];
    }
    return undefined;
  }

  /** Makes a channel's next `times` posts fail with a Discord error (e.g. 404 / 10003 Unknown Channel). */
  failChannel(channelId: string, failure: ApiFailure, times = Infinity): void {
    this.channelFailures.set(channelId, { ...failure, times });
  }

  private createMessage(channelId: string, data: SentData, interaction?: InteractionPayload): WireMessage {
    const msg: WireMessage = {
      id: snowflake(),
      type: interaction ? (interaction.type === 2 ? 20 : 0) : 0,
      channel_id: channelId,
      ...(interaction?.guild_id ? { guild_id: interaction.guild_id } : {}),
      ...messageFields(this.botUser, data.content ?? ''),
      attachments: data.attachments_made ?? [],
      embeds: data.embeds ?? [],
      components: data.components ?? [],
      pinned: false,
      flags: data.flags ?? 0,
      ...(interaction ? { application_id: this.application.id, webhook_id: this.application.id } : {}),
      ...(interaction
        ? {
            interaction_metadata: {
              id: interaction.id,
              type: interaction.type,
              user: interaction.member?.user ?? interaction.user,
              authorizing_integration_owners: interaction.authorizing_integration_owners ?? {},
            },
          }
        : {}),
      ...(data.nonce !== undefined ? { nonce: data.nonce } : {}),
      ...(data.message_reference ? { message_reference: { type: 0, guild_id: IDS.guild, ...data.message_reference }, type: 19 } : {}),
    };
    this.messages.set(msg.id, msg);
    return msg;
  }

  /** Edits a stored message (or `fallback`, the clicked message a test made): callers check one exists. */
  private editMessage(id: string, data: SentData, fallback?: WireMessage): WireMessage {
    const old = (this.messages.get(id) ?? fallback)!;
    const next: WireMessage = {
      ...old,
      ...(data.content !== undefined && data.content !== null ? { content: data.content } : {}),
      ...(data.embeds !== undefined ? { embeds: data.embeds } : {}),
      ...(data.components !== undefined ? { components: data.components } : {}),
      ...(data.attachments_made !== undefined ? { attachments: data.attachments_made } : {}),
      flags: (old.flags ?? 0) & ~128,
      edited_timestamp: new Date().toISOString(),
    };
    this.messages.set(id, next);
    return next;
  }

  // -------------------------------------------------------------------------------------------
  // Awaiting what the bot does

  /** Resolves with the first recorded request (past or future) matching `pred`. */
  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs = 5000, what = 'request'): Promise<RecordedRequest> {
    const found = this.requests.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('request', on);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const on = (r: RecordedRequest) => {
        if (pred(r)) {
          clearTimeout(timer);
          this.off('request', on);
          resolve(r);
        }
      };
      this.on('request', on);
    });
  }

  /** The interaction callback (POST /interactions/{id}/{token}/callback) for an interaction. */
  waitForCallback(interactionId: string, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.waitForRequest(
      (r) => r.method === 'POST' && r.route.startsWith(`/interactions/${interactionId}/`) && r.route.endsWith('/callback'),
      timeoutMs,
      `the callback for interaction ${interactionId}`,
    );
  }

  /** Requests made with an interaction's token after its callback (edits, follow-ups, deletes). */
  webhookRequests(interactionId: string): RecordedRequest[] {
    const token = this.interactions.get(interactionId)?.payload.token;
    return this.requests.filter((r) => token && r.route.startsWith(`/webhooks/${this.application.id}/${token}`));
  }

  /** The message an interaction's response created or updated (for clicking its buttons). */
  messageFor(interactionId: string): WireMessage | undefined {
    const id = this.interactions.get(interactionId)?.originalId;
    return id ? this.messages.get(id) : undefined;
  }

  /** Every message body the bot sent: callback data, webhook bodies and channel posts. */
  sentMessages(): { route: string; body: SentMessage }[] {
    const out: { route: string; body: SentMessage }[] = [];
    for (const r of this.requests) {
      if (r.route.endsWith('/callback') && r.body?.data && ![5, 6, 8].includes(r.body.type ?? 0))
        out.push({ route: r.route, body: r.body.data });
      else if (r.route.startsWith('/webhooks/') && (r.method === 'POST' || r.method === 'PATCH') && r.body)
        out.push({ route: r.route, body: r.body });
      else if (/^\/channels\/\d+\/messages$/.test(r.route) && r.method === 'POST' && r.body) out.push({ route: r.route, body: r.body });
    }
    return out;
  }
}

/** A command registration's body (PUT …/commands): the definitions, or undefined when it is not a list. */
export function sentCommands(rec: RecordedRequest): RESTPutAPIApplicationCommandsJSONBody | undefined {
  const body: unknown = rec.body;
  return Array.isArray(body) ? (body as RESTPutAPIApplicationCommandsJSONBody) : undefined;
}

/** Message data as the double works on it: what the bot sent, plus the attachments its files made. */
type SentData = SentMessage & { attachments_made?: APIAttachment[] };

/** The message data with the attachments its files make (as `attachments_made`). */
function withFiles(data: SentMessage, files: readonly UploadedFile[]): SentData {
  if (!files.length) return data;
  const described = (data.attachments ?? []) as { id?: string | number; description?: string }[];
  const attachments_made = files.map((f, i) => ({
    id: snowflake(),
    filename: f.name,
    description: described.find((a) => String(a.id) === String(i))?.description,
    content_type: f.type || 'application/octet-stream',
    size: f.data.length,
    url: `https://cdn.discordapp.com/attachments/0/0/${f.name}`,
    proxy_url: `https://media.discordapp.net/attachments/0/0/${f.name}`,
  }));
  return { ...data, attachments_made };
}

/** The fields every message object carries, for `author` writing `content` now. */
export function messageFields(author: WireUser, content: string): MessageFields {
  return {
    author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    flags: 0,
  };
}

function guildPayload(name: string) {
  const everyone = {
    id: IDS.guild,
    name: '@everyone',
    permissions: '2248473465835073',
    position: 0,
    color: 0,
    hoist: false,
    managed: false,
    mentionable: false,
    flags: 0,
    icon: null,
    unicode_emoji: null,
  };
  return {
    id: IDS.guild,
    name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: IDS.owner,
    region: null,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [everyone],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: IDS.channel,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 3,
    voice_states: [],
    members: [],
    channels: [
      {
        id: IDS.channel,
        type: 0,
        guild_id: IDS.guild,
        name: 'general',
        position: 0,
        permission_overwrites: [],
        topic: null,
        nsfw: false,
        parent_id: null,
        rate_limit_per_user: 0,
        last_message_id: null,
      },
    ],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
