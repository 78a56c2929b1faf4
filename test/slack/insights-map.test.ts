// /insights and the concept map through the real Bolt app (Socket Mode) and the Slack double,
// with a real store: admins only, the figures, and the map shared as a file through Slack's
// upload flow (files.getUploadURLExternal, the upload, files.completeUploadExternal) with its
// alt text; a private answer says why it has no picture; a channel the bot is not in is told
// privately; hostile text stays harmless.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InsightsRecorder } from '../../src/insights/recorder.js';
import { MAP_MAX_CONCEPTS } from '../../src/map/concept-map.js';
import { createInsightsService } from '../../src/insights/service.js';
import type { Library } from '../../src/library/library.js';
import type { Store } from '../../src/store/types.js';
import { FILE_LIMITS, type ResponseBody } from '../doubles/slack/double.js';
import { allText, blockActionsPayload, findButton, slashCommandPayload } from '../doubles/slack/requests.js';
import { tempDirs } from '../helpers/temp.js';
import { hostileLibrary } from '../map/hostile-wiki.js';
import { createTestDatabase, silentLog, type TestDatabase } from '../store/factory.js';
import { startHarness, type Harness } from './harness.js';
import { assertMentionFree, assertWithinSlackLimits } from './limits.js';
import { CHAT_PLATFORMS } from '../../adapters/platforms.js';

const ADMIN = 'U0ADMIN';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

let h: Harness;
let db: TestDatabase;
let store: Store;
let recorder: InsightsRecorder;
const temp = tempDirs();

beforeAll(async () => {
  h = await startHarness('socket');
  h.double.users.set(ADMIN, { id: ADMIN, is_admin: true });
  db = await createTestDatabase('sqlite');
  store = await db.open();
  recorder = new InsightsRecorder({ store, log: silentLog, keepDays: 90 });
  h.deps.observe = recorder.record;
  h.deps.insights = createInsightsService({
    store,
    platforms: ['slack'],
    profiles: CHAT_PLATFORMS,
    config: { DAILY_DEFAULT_TZ: 'UTC', INSIGHTS_DAYS: 90 },
  });
}, 30_000);

afterAll(async () => {
  await h?.stop();
  await recorder?.stop();
  await db?.drop();
  await temp.removeAll();
  expect(h.network.foreign).toEqual([]);
});

beforeEach(() => h.double.reset());

async function slash(command: string, text: string, user = 'U0ALICE') {
  const { url, id } = h.double.responseUrl();
  h.double.sendEnvelope('slash_commands', slashCommandPayload({ command, text, response_url: url, user_id: user }));
  return (await h.double.waitFor(() => h.double.responsesTo(id)[0], 8_000, `the answer to ${command}`)).body;
}

async function click(message: ResponseBody, label: string, opts: { ephemeral?: boolean } = {}) {
  const button = findButton(message.blocks, label)!;
  expect(button, `a "${label}" button`).toBeDefined();
  const { url, id } = h.double.responseUrl();
  h.double.sendEnvelope('interactive', blockActionsPayload({ button, response_url: url, ephemeral: opts.ephemeral }));
  const answer = (await h.double.waitFor(() => h.double.responsesTo(id)[0], 8_000, `the answer to ${label}`)).body;
  return { answer, id };
}

const shared = () => [...h.double.files.values()].filter((f) => f.completed);

describe('/insights on Slack', () => {
  it('refuses someone who is not a workspace admin, privately', async () => {
    const answer = await slash('/insights', '');
    expect(answer.response_type).toBe('ephemeral');
    expect(allText(answer.blocks)).toContain('Only people who can manage this server or workspace');
  });

  it('shows an admin the figures privately, hostile names harmless', async () => {
    await slash('/define', 'dual power');
    await slash('/define', '<!channel> <@U123> *zzqx* unknownword');
    await recorder.flush();
    const answer = await slash('/insights', '', ADMIN);
    assertWithinSlackLimits(answer);
    expect(answer.response_type).toBe('ephemeral');
    const text = allText(answer.blocks);
    expect(text).toContain('1. Dual power — 1 in 7 days · 1 in 30');
    expect(text).toContain('1. channel u123 zzqx unknownword — 1 in 7 days · 1 in 30');
  });
});

describe('the concept map on Slack', () => {
  it('shares the map in the channel through the upload flow, with its alt text, after the answer', async () => {
    const related = await slash('/related', 'dual power');
    const { answer } = await click(related, 'Map');
    assertWithinSlackLimits(answer);
    expect(answer.response_type).toBe('in_channel');
    const file = await h.double.waitFor(() => shared()[0], 8_000, 'the shared file');
    expect(file).toMatchObject({ filename: 'concept-map.png', channel_id: 'C0GENERAL', uploadContentType: 'image/png' });
    expect(file.data!.subarray(0, 4)).toEqual(PNG);
    expect(file.data!.length).toBe(file.length);
    expect(file.length).toBeLessThan(1024 * 1024);
    expect(file.alt_txt).toMatch(/^Concept map of Dual power and \d+ related concepts: /);
    for (const item of h.deps.library.related('dual power')!.items.slice(0, MAP_MAX_CONCEPTS)) expect(file.alt_txt).toContain(item.title);
    expect(file.alt_txt!.length).toBeLessThanOrEqual(FILE_LIMITS.altText);
    expect(file.title).toBe('Concept map: Related to Dual power');
    assertMentionFree(file.initial_comment!, 'initial_comment');
    const order = h.double.calls.map((c) => c.method).filter((m) => m.startsWith('files.'));
    expect(order).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
  });

  it('says in a private answer why there is no picture; "Post in channel" shares it', async () => {
    const related = await slash('/related', 'private dual power');
    expect(related.response_type).toBe('ephemeral');
    const { answer } = await click(related, 'Map', { ephemeral: true });
    expect(answer.response_type).toBe('ephemeral');
    expect(allText(answer.blocks)).toContain('Slack cannot show a picture in a private answer: “Post in channel” shares the concept map.');
    expect(shared()).toHaveLength(1); // only the one from before
    const before = h.double.files.size;
    const button = findButton(answer.blocks, 'Post in channel')!;
    const { url } = h.double.responseUrl();
    h.double.sendEnvelope('interactive', blockActionsPayload({ button, response_url: url, ephemeral: true }));
    await h.double.waitFor(() => h.double.files.size > before && shared().length === 2, 8_000, 'the posted map');
    expect(h.double.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('tells the asker privately when the bot may not share files in the channel', async () => {
    h.double.fail('files.completeUploadExternal', { kind: 'error', error: 'not_in_channel' });
    const related = await slash('/related', 'dual power');
    const { id } = await click(related, 'Map');
    const note = await h.double.waitFor(
      () => h.double.responsesTo(id).find((r) => r.body.response_type === 'ephemeral'),
      8_000,
      'the note',
    );
    expect(note.body.text).toBe(
      'The concept map could not be posted here: the bot is not in this channel (invite it, or ask in a channel it is in).',
    );
    expect(h.logs.text()).toContain('could not share a picture in Slack');
  });

  it('keeps a map of hostile titles harmless in its comment, title and alt text', async () => {
    const real = h.deps.library;
    h.deps.library = (await hostileLibrary(temp)) as Library;
    try {
      const before = shared().length;
      const related = await slash('/related', 'evil');
      const { answer } = await click(related, 'Map');
      assertWithinSlackLimits(answer);
      const file = await h.double.waitFor(() => shared()[before], 8_000, 'the shared file');
      assertMentionFree(file.initial_comment!, 'initial_comment');
      expect(file.alt_txt).not.toContain('\u202E');
      expect(file.alt_txt).toContain('Evil');
      expect(file.data!.subarray(0, 4)).toEqual(PNG);
    } finally {
      h.deps.library = real;
    }
  });
});
