// Random replies for the renderer contract: seeded, so a failure names a seed that reproduces
// it. Strings mix words with what breaks renderers: lone surrogates, emoji sequences, combining
// marks, mentions and markup of every platform, control characters, long runs.
import { rng } from '../../bench/generate.js';
import type { Action } from '../../src/actions.js';
import type { Reply, ReplyKind } from '../../src/reply.js';

/** A seeded generator of numbers in [0, 1): the benchmark's. */
export const random = rng;

const PIECES = [
  'dual',
  'power',
  'soviet',
  'Kropotkin',
  ' ',
  ' ',
  ' ',
  '. ',
  ', ',
  '\n',
  '\n\n',
  '—',
  '…',
  '\ud800',
  '\udfff',
  '\ud83d',
  '\ude00',
  '🙂',
  '👩🏽‍💻',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🇫🇷',
  'e\u0301',
  'क्षि',
  '각',
  '@everyone',
  '@here',
  '@channel',
  '<@123456789012345678>',
  '<@&1>',
  '<#1>',
  '<!channel>',
  '<!here>',
  '<@U1>',
  '<#C1|x>',
  '*',
  '_',
  '~',
  '`',
  '```',
  '|',
  '||',
  '>',
  '<',
  '&',
  '&amp;',
  '#',
  '-#',
  '[',
  ']',
  '(',
  ')',
  '\\',
  '://',
  '\u200b',
  '\u202e',
  '\u2066',
  '\u0000',
  '\u001b[31m',
  '\r\n',
  '\t',
  'https://example.org/x',
  'javascript:alert(1)',
];

export function randomText(next: () => number, maxPieces = 40): string {
  const n = Math.floor(next() * maxPieces);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)]!;
  if (next() < 0.05) s += 'x'.repeat(Math.floor(next() * 5000));
  if (next() < 0.05) s += '🙂'.repeat(Math.floor(next() * 3000));
  return s;
}

const URLS = [
  'https://anarwiki.org/wiki/Dual_power',
  'https://example.org/a b(c)|d<e>&f',
  'http://x.example/',
  'javascript:alert(1)',
  'ftp://x/',
  '/relative',
  undefined,
];
const KINDS: ReplyKind[] = ['definition', 'quote', 'related', 'search', 'help', 'daily', 'links', 'notice', 'notfound', 'error'];

export function randomReply(next: () => number): Reply {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const text = () => randomText(next);
  const maybe = <T>(f: () => T): T | undefined => (next() < 0.5 ? f() : undefined);
  const many = <T>(f: () => T, max: number): T[] => Array.from({ length: Math.floor(next() * max) }, f);
  const kind = pick(KINDS);
  const actions: Action[] = many(
    () =>
      pick<() => Action>([
        () => ({ type: 'another-quote', query: text(), index: Math.floor(next() * 10) }),
        () => ({ type: 'related', term: text() }),
        () => ({ type: 'define', term: text() }),
        () => ({ type: 'suggest', command: pick(['define', 'quote']), term: text() }),
        () => ({ type: 'post', command: pick(['define', 'quote', 'search']), input: { term: text() } }),
        () => ({ type: 'share', command: pick(['define', 'related']), term: text() }),
      ])(),
    8,
  );
  return {
    kind,
    title: maybe(text),
    url: pick(URLS),
    text: maybe(text),
    matched: maybe(() => ({
      query: text(),
      title: text(),
      how: pick(['exact', 'alias', 'concept', 'fuzzy', 'speaker', 'topic'] as const),
    })),
    quote: maybe(() => ({
      text: text(),
      speaker: maybe(text),
      work: maybe(text),
      year: maybe(text),
      source: pick(URLS),
      page: text(),
      pageUrl: pick(URLS),
      section: maybe(text),
      sectionUrl: pick(URLS),
    })),
    items: maybe(() => many(() => ({ title: text(), url: pick(URLS), why: maybe(text), excerpt: maybe(text) }), 30)),
    citations: maybe(() => many(() => ({ label: text(), url: pick(URLS) }), 15)),
    suggestions: maybe(() => many(text, 30)),
    actions,
    total: maybe(() => Math.floor(next() * 20)),
    index: maybe(() => Math.floor(next() * 20)),
    private: next() < 0.5,
    errorId: maybe(() => 'AB12CD'),
  };
}
