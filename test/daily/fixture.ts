// Test doubles for the daily posts: a fake clock with fake timers, a poster that records
// what it sends (a double of the platform), and the real Library over hand-built articles.
import type { Article } from '../../src/wiki/model.js';
import type { DailyPoster, Platform } from '../../src/daily/types.js';
import { Library } from '../../src/library/library.js';
import type { Reply } from '../../src/reply.js';

export class FakeClock {
  private t: number;
  private timers: { id: number; at: number; fn: () => void }[] = [];
  private nextId = 1;

  constructor(iso: string) {
    this.t = Date.parse(iso);
  }

  now = (): Date => new Date(this.t);

  set(iso: string): void {
    this.t = Date.parse(iso);
  }

  setTimer = (fn: () => void, ms: number): number => {
    const id = this.nextId++;
    this.timers.push({ id, at: this.t + ms, fn });
    return id;
  };

  clearTimer = (id: unknown): void => {
    this.timers = this.timers.filter((x) => x.id !== id);
  };

  /** Runs the timers that are due at the current fake time. */
  fireDue(): number {
    const due = this.timers.filter((x) => x.at <= this.t);
    this.timers = this.timers.filter((x) => x.at > this.t);
    for (const x of due) x.fn();
    return due.length;
  }

  /** Pending timers' due instants, earliest first. */
  pending(): Date[] {
    return this.timers.map((x) => new Date(x.at)).sort((a, b) => a.getTime() - b.getTime());
  }
}

export interface Sent {
  platform: Platform;
  channelId: string;
  nonce: string;
  reply: Reply;
  at: Date;
}

/** Records sends. `failWith` decides, per send, whether to throw (and what). */
export class FakePoster implements DailyPoster {
  sent: Sent[] = [];
  calls = 0;
  failWith: ((channelId: string, call: number) => Error | undefined) | undefined;

  constructor(
    readonly platform: Platform,
    private readonly clock?: FakeClock,
    readonly log?: Sent[],
  ) {}

  async send(channelId: string, reply: Reply, opts: { nonce: string }): Promise<void> {
    const call = ++this.calls;
    await Promise.resolve();
    const err = this.failWith?.(channelId, call);
    if (err) throw err;
    const s = { platform: this.platform, channelId, nonce: opts.nonce, reply, at: this.clock?.now() ?? new Date() };
    this.sent.push(s);
    this.log?.push(s);
  }
}

export const BASE = 'https://wiki.example.org/wiki/';

export function article(title: string, over: Partial<Article> = {}): Article {
  const slug = title.replace(/ /g, '_');
  return {
    title,
    slug,
    url: BASE + slug,
    aliases: [],
    lead: `${title} is a concept of the wiki. It has a longer lead.`,
    summary: `${title} is a concept of the wiki.`,
    sections: [],
    packedText: new Uint8Array(),
    quotes: [],
    links: [],
    categories: [],
    footnotes: [],
    concepts: [],
    path: `${slug}.md`,
    ...over,
  };
}

/** The real Library over hand-built articles (so tests control which pages exist). */
export function fixtureLibrary(articles: Article[]): Library {
  return Library.build({ articles, redirects: [] }, { baseUrl: BASE });
}

/** n articles named "Concept 01" … */
export function manyArticles(n: number): Article[] {
  return Array.from({ length: n }, (_, i) => article(`Concept ${String(i + 1).padStart(2, '0')}`));
}

export const DUAL_POWER = article('Dual power', {
  summary: 'Dual power refers to a situation where autonomous institutions and official institutions compete for legitimacy.',
  categories: ['Strategy'],
  quotes: [
    { text: 'An unattributed inline remark.', kind: 'inline' },
    {
      text: 'Beneath the governmental machinery, society is producing its own organism.',
      speaker: 'Pierre-Joseph Proudhon',
      work: 'General Idea of the Revolution',
      year: '1851',
      source: 'https://example.org/proudhon',
      footnote: '1',
      section: 'Historical Origins',
      anchor: 'Historical_Origins',
      kind: 'blockquote',
    },
  ],
  links: [
    { target: 'Counterpower', label: 'counterpower' },
    { target: 'Prefigurative politics', label: 'prefiguration' },
    { target: 'Soviets', label: 'soviets' },
    { target: 'Paris Commune', label: 'the Commune' },
  ],
});
