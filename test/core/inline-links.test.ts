// InlineLinks, the platform-neutral part of [[links]] in conversation, over a real store and a
// recording Replier: what happens when a post fails, when events of one message come at once,
// for old messages, and that it never throws into an adapter.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linksReply } from '../../commands/links.js';
import { InlineLinks, type InlineMessage, type Replier } from '../../src/inline/inline-links.js';
import type { Library } from '../../src/library/library.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { captureLog } from '../helpers/log.js';
import { testLibrary } from '../helpers/library.js';

const DAY = 86_400_000;
let store: Store;
let library: Library;
let now: Date;
let calls: string[];
let failPosts: boolean;
let slowPostMs: number;
let inline: InlineLinks;
const logs = captureLog('debug');

const replier: Replier = {
  async post(message) {
    calls.push(`post ${message.messageId}`);
    if (slowPostMs) await new Promise((r) => setTimeout(r, slowPostMs));
    if (failPosts) throw new Error('the platform refused');
    return `r-${message.messageId}`;
  },
  async edit(_message, replyId) {
    calls.push(`edit ${replyId}`);
  },
  async remove(_message, replyId) {
    calls.push(`remove ${replyId}`);
  },
};

function message(id: string, text: string, ageMs = 0): InlineMessage {
  return { platform: 'discord', channelId: 'c1', workspaceId: 'g1', messageId: id, sentAt: new Date(now.getTime() - ageMs), text };
}

beforeEach(async () => {
  library ??= await testLibrary();
  store = await openStore('sqlite::memory:', logs.log);
  now = new Date('2026-03-02T10:00:00Z');
  calls = [];
  failPosts = false;
  slowPostMs = 0;
  inline = new InlineLinks({
    store: () => store,
    answer: (links) => linksReply(library, links),
    enabled: true,
    log: logs.log,
    now: () => now,
  });
  await inline.set({ platform: 'discord', scope: 'channel', scopeId: 'c1', enabled: true });
});
afterEach(async () => {
  await store.close();
});

describe('InlineLinks', () => {
  it('leaves a message unanswered when its post fails, rather than answer it twice later', async () => {
    failPosts = true;
    await inline.written(message('m1', '[[Dual power]]'), replier);
    failPosts = false;
    await inline.written(message('m1', '[[Dual power]]'), replier);
    await inline.edited(message('m1', '[[Counterpower]]'), replier);
    expect(calls).toEqual(['post m1']);
    expect(logs.text()).toContain('could not answer a message');
  });

  it('handles the events of one message in order: an edit arriving during the post edits the posted reply', async () => {
    slowPostMs = 100;
    await Promise.all([
      inline.written(message('m2', '[[Dual power]]'), replier),
      inline.edited(message('m2', '[[Counterpower]]'), replier),
    ]);
    expect(calls).toEqual(['post m2', 'edit r-m2']);
    const deleted = inline.deleted({ platform: 'discord', channelId: 'c1', messageId: 'm2' }, replier);
    await deleted;
    expect(calls).toEqual(['post m2', 'edit r-m2', 'remove r-m2']);
  });

  it('answers no message older than the records are kept, nor one in a channel that is off', async () => {
    await inline.written(message('old', '[[Dual power]]', 29 * DAY + 1), replier);
    await inline.edited(message('old', '[[Dual power]] again', 29 * DAY + 1), replier);
    await inline.written(message('other', '[[Dual power]]'), { ...replier });
    expect(calls).toEqual(['post other']);
    await inline.written({ ...message('m3', '[[Dual power]]'), channelId: 'c-off' }, replier);
    expect(calls).toEqual(['post other']);
  });

  it('prunes records of messages older than 30 days, at most hourly', async () => {
    await inline.written(message('m4', '[[Dual power]]'), replier);
    now = new Date(now.getTime() + 31 * DAY);
    await inline.written(message('m5', '[[Dual power]]'), replier);
    await new Promise((r) => setTimeout(r, 50));
    expect(await store.getInlineReply({ platform: 'discord', channelId: 'c1', messageId: 'm4' })).toBeUndefined();
    expect(await store.getInlineReply({ platform: 'discord', channelId: 'c1', messageId: 'm5' })).toMatchObject({
      status: 'posted',
      replyId: 'r-m5',
    });
  });

  it('never throws into the adapter, whatever the store or the replier do', async () => {
    const broken = new InlineLinks({
      store: () => new Proxy(store, { get: () => () => Promise.reject(new Error('disk on fire')) }),
      answer: (links) => linksReply(library, links),
      enabled: true,
      log: logs.log,
    });
    await expect(broken.written(message('m6', '[[Dual power]]'), replier)).resolves.toBeUndefined();
    await expect(broken.edited(message('m6', '[[Dual power]]'), replier)).resolves.toBeUndefined();
    await expect(broken.deleted({ platform: 'discord', channelId: 'c1', messageId: 'm6' }, replier)).resolves.toBeUndefined();
    const throwing: Replier = {
      post: () => Promise.reject(new Error('x')),
      edit: () => Promise.reject(new Error('x')),
      remove: () => Promise.reject(new Error('x')),
    };
    await expect(inline.written(message('m7', '[[Dual power]]'), throwing)).resolves.toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('reads nothing and answers nothing when INLINE_LINKS is off', async () => {
    const off = new InlineLinks({ store: () => store, answer: (links) => linksReply(library, links), enabled: false, log: logs.log });
    await off.written(message('m8', '[[Dual power]]'), replier);
    expect(calls).toEqual([]);
    expect(off.whyUnavailable('discord')).toContain('INLINE_LINKS=true');
    expect(inline.whyUnavailable('discord')).toBeUndefined();
    inline.setUnavailable('discord', 'no intent');
    expect(inline.whyUnavailable('discord')).toBe('no intent');
    expect(inline.whyUnavailable('slack')).toBeUndefined();
  });
});
