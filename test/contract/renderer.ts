// The renderer contract (after vercel/chat's adapter contract suites): one suite that every
// renderer (Discord, Slack, the shell) runs over the same replies: the fixtures
// (test/fixtures/replies.ts), seeded random replies, and what the real commands answer over
// content/ to ordinary and hostile input. Whatever the reply, the rendered message
//   - stays within the platform's limits,
//   - holds no live mention,
//   - links only well-formed http(s) URLs,
//   - is private when the reply is private, and public when it is not,
//   - carries actions that decode (decodeAction) to the reply's own, and re-encode the same,
//   - holds no lone surrogate anywhere (a Slack client throws on one in a button value).
import { beforeAll, describe, expect, it } from 'vitest';
import { commands, runText } from '../../commands/index.js';
import { linksReply, lookUpReply } from '../../commands/links.js';
import { findWikiLinks } from '../../src/links/wiki-links.js';
import type { CommandDeps } from '../../commands/types.js';
import { decodeAction, encodeAction, type Action } from '../../src/actions.js';
import { isPrivate, type Reply } from '../../src/reply.js';
import { isWellFormed } from '../../src/text/graphemes.js';
import { HOSTILE, LONG_TEXT, replyFixtures } from '../fixtures/replies.js';
import { testDeps } from '../helpers/library.js';
import { random, randomReply, randomText } from './fuzz.js';

export interface RendererUnderTest<P> {
  name: string;
  render(reply: Reply): P;
  /** Fails (with expect) when the payload breaks one of the platform's limits. */
  assertWithinLimits(payload: P): void;
  /** Every text a reader sees. */
  texts(payload: P): string[];
  /** Text that would ping or broadcast on this platform; none for a terminal. */
  liveMention?: RegExp;
  /** Every URL the payload links to, as the platform will read it; absent where nothing is a
   *  link (a terminal prints text, and its renderer prints only safe URLs: test/shell). */
  urls?(payload: P): string[];
  /** Whether only the asker sees it; absent where there is one reader (a terminal). */
  isPrivate?(payload: P): boolean;
  /** Every encoded action in the payload, and the longest the platform takes; absent where
   *  there are no buttons. */
  actions?: { values(payload: P): string[]; maxLength: number };
}

/** Every string anywhere in a payload. */
export function allStrings(payload: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(payload);
  return out;
}

const FUZZ_REPLIES = 400;
const FUZZ_SEED = 20_240_601;

export function rendererContract<P>(r: RendererUnderTest<P>): void {
  const checkAll = (reply: Reply, payload: P, complete: boolean) => {
    checkLimits(r, payload);
    checkMentions(r, payload);
    checkUrls(r, payload);
    checkPrivacy(r, reply, payload);
    checkActions(r, reply, payload, complete);
    checkWellFormed(payload);
  };

  describe(`${r.name} renderer contract`, () => {
    describe.each(replyFixtures)('$name', ({ reply }) => {
      const payload = r.render(reply);
      it('stays within the platform’s limits', () => checkLimits(r, payload));
      it('holds no live mention', () => checkMentions(r, payload));
      it('links only well-formed http(s) URLs', () => checkUrls(r, payload));
      it('is private exactly when the reply is', () => checkPrivacy(r, reply, payload));
      it('carries the reply’s actions, each of which round-trips through decodeAction', () => checkActions(r, reply, payload, true));
      it('holds no lone surrogate', () => checkWellFormed(payload));
    });

    it(`keeps every promise for ${FUZZ_REPLIES} random replies (seed ${FUZZ_SEED})`, () => {
      const next = random(FUZZ_SEED);
      for (let i = 0; i < FUZZ_REPLIES; i++) {
        const reply = randomReply(next);
        try {
          checkAll(reply, r.render(reply), false);
        } catch (err) {
          throw new Error(`random reply ${i} of seed ${FUZZ_SEED}: ${(err as Error).message}`, { cause: err });
        }
      }
    });

    describe('what the commands answer over content/', () => {
      let deps: CommandDeps;
      beforeAll(async () => {
        deps = await testDeps();
      });
      // What the end-to-end tests of Discord and Slack once sent through each command, and more.
      const inputs = [
        'dual power',
        'dual powr',
        'Kropotkin',
        'counterpower',
        'private soviets',
        'zzqx unknown thing',
        '',
        HOSTILE,
        LONG_TEXT.slice(0, 6000),
        'x'.repeat(6000),
        'x'.repeat(10_000),
        '@everyone',
        '@here look',
        '@everyone @here @channel',
        '<@123456789012345678>',
        '<@&123456789012345678> <#123456789012345678>',
        '<!channel>',
        '<!here> please',
        '<!everyone>',
        '<@U123> hi',
        '<#C0GENERAL|general>',
        'private <!channel>',
        '**bold** `code` [link](https://evil.example) # heading',
        '<https://evil.example|dual power>',
        '&<>&amp;&lt;',
        'dual\u200b\u200bpower\u2060',
        '\u200b\u200b',
        'dual\u200B power\u202E\u2066 \u200F',
        '\ud800abc\udfff 🙂 \ud83d',
        ...Array.from({ length: 20 }, (_, i) => randomText(random(i + 1))),
      ];
      it.each(commands.filter((c) => c.name !== 'daily').map((c) => c.name))('/%s, with ordinary and hostile input', async (name) => {
        for (const input of inputs) {
          const reply = await runText(deps, `/${name} ${input}`, { platform: 'contract' });
          checkAll(reply, r.render(reply), false);
        }
      });
      it('[[links]] in a message, and "Look up in the wiki" on it, with ordinary and hostile text', () => {
        for (const input of inputs) {
          for (const text of [
            input,
            `[[${input}]]`,
            `see [[${input}|it]] and [[Dual power#${input}]] and [[${input.slice(0, 20)}#History]]`,
          ]) {
            const links = linksReply(deps.library, findWikiLinks(text));
            if (links) checkAll(links, r.render(links), true);
            const lookUp = lookUpReply(deps.library, text);
            checkAll(lookUp, r.render(lookUp), true);
          }
        }
      });
    });
  });
}

function checkLimits<P>(r: RendererUnderTest<P>, payload: P): void {
  r.assertWithinLimits(payload);
}

function checkMentions<P>(r: RendererUnderTest<P>, payload: P): void {
  if (!r.liveMention) return;
  for (const text of r.texts(payload)) expect(text, 'no live mention').not.toMatch(r.liveMention);
}

function checkUrls<P>(r: RendererUnderTest<P>, payload: P): void {
  for (const url of r.urls?.(payload) ?? []) {
    expect(url, 'a URL has no whitespace or control character').not.toMatch(/[\s\u0000-\u001f]/);
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    expect(parsed, `${url.slice(0, 80)} parses as a URL`).toBeDefined();
    expect(['http:', 'https:']).toContain(parsed!.protocol);
  }
}

function checkPrivacy<P>(r: RendererUnderTest<P>, reply: Reply, payload: P): void {
  if (!r.isPrivate) return;
  expect(r.isPrivate(payload), isPrivate(reply) ? 'a private reply stays private' : 'a public reply is public').toBe(isPrivate(reply));
}

/** Every encoded action decodes to one of the reply's actions (a suggestion menu stands for the
 *  suggestions) and encodes back to the same text; with `complete`, every action of the reply
 *  that fits the platform is offered. */
function checkActions<P>(r: RendererUnderTest<P>, reply: Reply, payload: P, complete: boolean): void {
  if (!r.actions) return;
  const { values, maxLength } = r.actions;
  const own = reply.actions ?? [];
  const decoded: Action[] = [];
  for (const value of values(payload)) {
    expect(value.length, 'an encoded action fits').toBeLessThanOrEqual(maxLength);
    const action = decodeAction(value);
    expect(action, `${value.slice(0, 60)} decodes`).toBeDefined();
    expect(encodeAction(action!, maxLength)).toBe(value);
    const mine =
      own.some((a) => same(a, action!)) ||
      (action!.type === 'suggest-menu' && own.some((a) => a.type === 'suggest' && a.command === (action as { command: string }).command));
    expect(mine, `${value.slice(0, 60)} is one of the reply's actions`).toBe(true);
    decoded.push(action!);
  }
  if (!complete) return;
  for (const a of own) {
    if (!encodeAction(a, maxLength)) continue;
    const offered =
      decoded.some((d) => same(d, a)) ||
      (a.type === 'suggest' && decoded.some((d) => d.type === 'suggest-menu' && d.command === a.command));
    expect(offered, `${JSON.stringify(a).slice(0, 80)} is offered`).toBe(true);
  }
}

function same(a: Action, b: Action): boolean {
  return encodeAction(a, 4000) === encodeAction(b, 4000);
}

function checkWellFormed(payload: unknown): void {
  for (const s of allStrings(payload)) if (!isWellFormed(s)) expect.fail(`a lone surrogate in ${JSON.stringify(s.slice(0, 80))}`);
}
