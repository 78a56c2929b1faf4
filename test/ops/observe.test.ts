// The observer, readiness and metrics as units: one log line per answer (text only at debug),
// outcomes from replies, a drain that waits for answers in flight and gives up at its timeout,
// and readiness checks that are bounded in time.
import { describe, expect, it } from 'vitest';
import { Metrics } from '../../src/ops/metrics.js';
import { Observer } from '../../src/ops/observe.js';
import { replyOutcome } from '../../src/ops/outcome.js';
import { notOk, ok, Readiness } from '../../src/ops/readiness.js';
import { instrumentStore } from '../../src/ops/store-metrics.js';
import type { Store } from '../../src/store/types.js';
import { captureLog } from '../helpers/log.js';

describe('replyOutcome', () => {
  it('tells answers, misses, refusals and our failures apart', () => {
    expect(replyOutcome({ kind: 'definition' })).toBe('answered');
    expect(replyOutcome({ kind: 'help' })).toBe('answered');
    expect(replyOutcome({ kind: 'notfound' })).toBe('notfound');
    expect(replyOutcome({ kind: 'error' })).toBe('refused');
    expect(replyOutcome({ kind: 'error', errorId: 'AB12CD' })).toBe('error');
  });
});

describe('Observer', () => {
  it('logs one info line per answer, with the typed text only when debug is on', () => {
    for (const level of ['info', 'debug'] as const) {
      const { log, entries } = captureLog(level);
      const observer = new Observer({ log });
      observer.begin({ command: 'define', platform: 'discord', workspaceId: 'G1', text: 'dual power' })({ kind: 'definition' });
      const lines = entries().filter((e) => e.msg === 'command answered');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 30, command: 'define', outcome: 'answered', platform: 'discord', workspace: 'G1' });
      expect(lines[0]!.text).toBe(level === 'debug' ? 'dual power' : undefined);
    }
  });

  it('counts a command once even when finished twice, and buttons apart from commands', async () => {
    const metrics = new Metrics({ commands: ['quote'] });
    const observer = new Observer({ log: captureLog('silent').log, metrics });
    const finish = observer.begin({ command: 'quote', platform: 'slack', workspaceId: 'T1' });
    finish({ kind: 'quote' });
    finish('error');
    observer.begin({ command: 'quote', platform: 'slack', via: 'button', action: 'another-quote' })({ kind: 'quote' });
    observer.begin({ command: 'rm -rf', platform: 'slack' })('refused');
    const text = (await metrics.exposition()).body;
    expect(text).toContain('commonplace_commands_total{command="quote",outcome="answered",platform="slack"} 1');
    expect(text).toContain('commonplace_buttons_total{action="another-quote",outcome="answered",platform="slack"} 1');
    expect(text).toContain('commonplace_commands_total{command="other",outcome="refused",platform="slack"} 1');
    expect(text).not.toContain('rm -rf');
    expect(text).not.toContain('T1');
  });

  it('drains: waits for answers in flight, and gives up at the timeout saying how many were left', async () => {
    const observer = new Observer({ log: captureLog('silent').log });
    expect(await observer.drain(10)).toEqual({ drained: true, left: 0 });
    const a = observer.begin({ command: 'define', platform: 'discord' });
    const b = observer.begin({ command: 'define', platform: 'discord' });
    setTimeout(() => a({ kind: 'definition' }), 20);
    setTimeout(() => b({ kind: 'definition' }), 40);
    expect(await observer.drain(2_000)).toEqual({ drained: true, left: 0 });
    observer.begin({ command: 'define', platform: 'discord' });
    expect(await observer.drain(30)).toEqual({ drained: false, left: 1 });
  });
});

describe('Readiness', () => {
  it('is ready only when every check passes, bounds a hung check, and stops being ready on shutdown', async () => {
    const r = new Readiness();
    expect((await r.report()).ready).toBe(false); // nothing checked yet
    r.add('library', () => ok('3 pages'));
    r.add('store', async () => ok('sqlite'));
    expect(await r.report()).toEqual({ ready: true, checks: { library: ok('3 pages'), store: ok('sqlite') } });
    r.add('store', () => new Promise(() => undefined)); // a database that never answers
    const hung = await r.report(50);
    expect(hung.ready).toBe(false);
    expect(hung.checks.store).toEqual(notOk('no answer within 50 ms'));
    r.add('store', () => {
      throw new Error('connection refused');
    });
    expect((await r.report()).checks.store).toEqual(notOk('connection refused'));
    r.add('store', () => ok('back'));
    r.shuttingDown();
    expect(await r.report()).toMatchObject({ ready: false, checks: { process: notOk('shutting down') } });
  });
});

describe('instrumentStore', () => {
  it('counts failed store calls by operation and passes results and errors through', async () => {
    const metrics = new Metrics();
    const store = {
      kind: 'sqlite',
      schemaVersion: async () => 3,
      getWalk: async () => Promise.reject(new Error('disk I/O error')),
    } as unknown as Store;
    const watched = instrumentStore(store, metrics);
    expect(await watched.schemaVersion()).toBe(3);
    await expect(watched.getWalk('discord', 'C')).rejects.toThrow('disk I/O error');
    expect(watched.kind).toBe('sqlite');
    expect((await metrics.exposition()).body).toContain('commonplace_store_errors_total{operation="getWalk"} 1');
  });
});
