// Shared by the Slack tests: fake secrets, a log sink, a network guard. No Library here,
// so the pure tests (render, manifest, poster) do not build one.
import { once } from 'node:events';
import { createServer } from 'node:net';

export const BOT_TOKEN = 'xoxb-1111-2222-SECRETBOTTOKEN';
export const APP_TOKEN = 'xapp-1-A0APP-3333-SECRETAPPTOKEN';
export const SIGNING_SECRET = 'signing-SECRETSIGNINGSECRET-4444';
export const SECRETS = [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, 'SECRETBOTTOKEN', 'SECRETAPPTOKEN', 'SECRETSIGNINGSECRET'];

export { captureLog, type CapturedLog } from '../helpers/log.js';
export { sleep } from '../helpers/wait.js';

/** Replaces globalThis.fetch: records every URL, refuses anything not on 127.0.0.1. */
export function guardNetwork(): { urls: string[]; foreign: string[]; restore(): void } {
  const original = globalThis.fetch;
  const urls: string[] = [];
  const foreign: string[] = [];
  globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    urls.push(url);
    if (new URL(url).hostname !== '127.0.0.1') {
      foreign.push(url);
      throw new Error(`test tried to reach ${url}`);
    }
    return original(input, init);
  }) as typeof fetch;
  return { urls, foreign, restore: () => void (globalThis.fetch = original) };
}

export async function freePort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}
