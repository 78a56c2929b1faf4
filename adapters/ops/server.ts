// The one small HTTP server of a process: GET /healthz (the process is alive), GET /readyz (every
// readiness check passes: 200, else 503, with the checks as JSON) and GET /metrics (Prometheus).
// In Slack's HTTP mode the same server takes Slack's requests: the Slack adapter mounts Bolt's
// request listener here, so one port serves both. node:http is enough for three routes.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/ops/metrics.js';
import type { Readiness, ReadinessReport } from '../../src/ops/readiness.js';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface OpsServerOptions {
  port: number;
  /** Default: every interface (a load balancer or Prometheus must reach it). */
  host?: string;
  readiness: Readiness;
  /** /metrics, in this process; or a function that gathers them (the shard manager asks its shards). */
  metrics?: Metrics | (() => Promise<{ contentType: string; body: string }>);
  /** Readiness from elsewhere (the shard manager asks its shards); default: `readiness.report()`. */
  report?: () => Promise<ReadinessReport>;
  log: Logger;
}

export interface OpsServer {
  server: Server;
  port: number;
  /** Hands requests for `path` (any method) to `handler` (Slack's HTTP receiver on /slack/events). */
  mount(path: string, handler: RequestHandler): void;
  close(): Promise<void>;
}

export async function startOpsServer(opts: OpsServerOptions): Promise<OpsServer> {
  const mounted = new Map<string, RequestHandler>();
  const log = opts.log.child({ module: 'http' });
  const report = opts.report ?? (() => opts.readiness.report());
  const metrics =
    typeof opts.metrics === 'function' ? opts.metrics : opts.metrics ? () => (opts.metrics as Metrics).exposition() : undefined;

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = req.method === 'GET' || req.method === 'HEAD' ? path : undefined;
    if (route === '/healthz') return send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
    if (route === '/readyz') {
      void report().then(
        (r) => send(res, r.ready ? 200 : 503, 'application/json', `${JSON.stringify(r)}\n`),
        (err: unknown) =>
          send(res, 503, 'application/json', `${JSON.stringify({ ready: false, error: String((err as Error)?.message ?? err) })}\n`),
      );
      return;
    }
    if (route === '/metrics' && metrics) {
      void metrics().then(
        (m) => send(res, 200, m.contentType, m.body),
        (err: unknown) => {
          log.warn({ err }, 'could not gather metrics');
          send(res, 500, 'text/plain; charset=utf-8', 'could not gather metrics\n');
        },
      );
      return;
    }
    const handler = mounted.get(path);
    if (handler) {
      try {
        return handler(req, res);
      } catch (err) {
        log.error({ err, path }, 'request handler failed');
        return send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      }
    }
    send(res, 404, 'text/plain; charset=utf-8', 'not found: try /healthz, /readyz or /metrics\n');
  });
  // Keep-alive connections from a load balancer must not hold a shutdown open.
  server.keepAliveTimeout = 5_000;
  server.listen(opts.port, opts.host);
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([err]) => {
      throw new Error(`Could not listen on port ${opts.port}: ${(err as Error).message}`);
    }),
  ]);
  const port = (server.address() as AddressInfo).port;
  log.info({ port }, `listening on port ${port} (/healthz, /readyz, /metrics)`);

  return {
    server,
    port,
    mount(path, handler) {
      mounted.set(path, handler);
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), 2_000);
      await closed;
      clearTimeout(timer);
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
