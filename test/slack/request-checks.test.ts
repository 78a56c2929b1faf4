// The last gaps in request checking on Slack's HTTP endpoint, through the real Bolt app and the
// Slack double: timestamps off by more than five minutes either way are refused, a valid signed
// request sent again is dropped (by this instance from memory, and by another instance sharing
// PostgreSQL), Slack's own retries are acknowledged without a second answer, and a response_url
// outside Slack is never followed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { formBody, postSigned, slashCommandPayload } from '../doubles/slack/requests.js';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../store/factory.js';
import { SIGNING_SECRET, sleep, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('http');
}, 30_000);
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => h.double.reset());

function command(text = 'dual power') {
  const { url, id } = h.double.responseUrl();
  return { id, body: formBody(slashCommandPayload({ command: '/define', text, response_url: url })) };
}

const logLines = () => h.logs.entries();

describe('timestamps', () => {
  it('refuses a request signed ten minutes in the future with 401, and runs nothing', async () => {
    const { id, body } = command();
    const res = await postSigned(h.eventsUrl, body, SIGNING_SECRET, { timestamp: Math.floor(Date.now() / 1000) + 600 });
    expect(res.status).toBe(401);
    await sleep(300);
    expect(h.double.responsesTo(id)).toEqual([]);
    expect(h.double.calls).toEqual([]);
    expect(
      logLines().some(
        (l) =>
          l.msg === 'refused a Slack request: its timestamp is more than five minutes off' && Math.abs(Number(l.skewSeconds) - 600) <= 1,
      ),
    ).toBe(true);
  });

  it('accepts a clock a little ahead (within five minutes)', async () => {
    const { id, body } = command();
    const res = await postSigned(h.eventsUrl, body, SIGNING_SECRET, { timestamp: Math.floor(Date.now() / 1000) + 120 });
    expect(res.status).toBe(200);
    await h.double.waitFor(() => h.double.responsesTo(id)[0], 5_000, 'the answer');
  });
});

describe('replays and retries', () => {
  it('answers a valid signed request once, however often it is replayed', async () => {
    const { id, body } = command();
    const ts = Math.floor(Date.now() / 1000);
    const first = await postSigned(h.eventsUrl, body, SIGNING_SECRET, { timestamp: ts });
    expect(first.status).toBe(200);
    await h.double.waitFor(() => h.double.responsesTo(id)[0], 5_000, 'the first answer');
    for (let i = 0; i < 3; i++) {
      const again = await postSigned(h.eventsUrl, body, SIGNING_SECRET, { timestamp: ts });
      expect(again.status).toBe(200); // acknowledged, so nobody retries it
    }
    await sleep(400);
    expect(h.double.responsesTo(id)).toHaveLength(1);
    expect(logLines().filter((l) => l.msg === 'dropped a replayed Slack request (its signature was already seen)')).toHaveLength(3);
  });

  it("acknowledges Slack's retry of a request without answering it twice", async () => {
    const { id, body } = command();
    const res = await postSigned(h.eventsUrl, body, SIGNING_SECRET, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(res.status).toBe(200);
    await sleep(400);
    expect(h.double.responsesTo(id)).toEqual([]);
    expect(logLines().some((l) => l.retryNum === 1 && l.retryReason === 'http_timeout')).toBe(true);
  });
});

describe('response_url', () => {
  let rogue: Server;
  let hits = 0;
  beforeAll(async () => {
    rogue = createServer((req, res) => {
      hits++;
      req.resume();
      res.end('ok');
    });
    await new Promise<void>((r) => rogue.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => rogue.close(() => r())));

  it('is not followed outside Slack: the answer goes through the Web API instead', async () => {
    const port = (rogue.address() as AddressInfo).port;
    const body = formBody(slashCommandPayload({ command: '/define', text: 'dual power', response_url: `http://127.0.0.1:${port}/steal` }));
    const res = await postSigned(h.eventsUrl, body, SIGNING_SECRET);
    expect(res.status).toBe(200);
    const post = await h.double.waitFor(() => h.double.callsTo('chat.postMessage')[0], 5_000, 'the answer through the Web API');
    expect(post.body.channel).toBe('C0GENERAL');
    expect(hits).toBe(0);
    expect(
      logLines().some((l) => l.msg?.toString().startsWith('refused to send to a URL outside Slack') && l.host === `127.0.0.1:${port}`),
    ).toBe(true);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('several instances sharing PostgreSQL', () => {
  let tdb: TestDatabase;
  let store: Store;
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    store = await tdb.open();
    a = await startHarness('http', {}, { requestStore: () => store });
    b = await startHarness('http', {}, { requestStore: () => store, double: a.double });
  }, 30_000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await tdb?.drop();
  });

  it('a request replayed to another instance is dropped there', async () => {
    const { url, id } = a.double.responseUrl();
    const body = formBody(slashCommandPayload({ command: '/define', text: 'dual power', response_url: url }));
    const ts = Math.floor(Date.now() / 1000);
    expect((await postSigned(a.eventsUrl, body, SIGNING_SECRET, { timestamp: ts })).status).toBe(200);
    await a.double.waitFor(() => a.double.responsesTo(id)[0], 5_000, 'the answer from the first instance');
    expect((await postSigned(b.eventsUrl, body, SIGNING_SECRET, { timestamp: ts })).status).toBe(200);
    await sleep(400);
    expect(a.double.responsesTo(id)).toHaveLength(1);
    expect(b.logs.entries().some((l) => l.replay === true)).toBe(true);
  });
});
