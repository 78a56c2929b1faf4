// /settings inline through runCommand, over a real store: who may change what, where it
// applies, what it says when it cannot work, and when the database fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, runText } from '../../commands/index.js';
import { linksReply } from '../../commands/links.js';
import { parseSettingsText } from '../../commands/settings.js';
import type { CommandDeps } from '../../commands/types.js';
import { InlineLinks } from '../../src/inline/inline-links.js';
import { createLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { testDeps } from '../helpers/library.js';

const log = createLogger('silent');
let store: Store;
let deps: CommandDeps;
let open = true;

beforeAll(async () => {
  store = await openStore('sqlite::memory:', log);
  deps = await testDeps();
  deps.inline = new InlineLinks({
    store: () => (open ? store : undefined),
    answer: (links) => linksReply(deps.library, links),
    enabled: true,
    log,
  });
});
afterAll(async () => {
  await store.close();
});

const where = { platform: 'discord', channelId: 'c1', workspaceId: 'g1', userId: 'u1' };
const member = { ...where, canManageChannel: false, canManageWorkspace: false };
const channelManager = { ...where, canManageChannel: true, canManageWorkspace: false };
const serverManager = { ...where, canManageChannel: true, canManageWorkspace: true };
const settings = (input: Record<string, string>, ctx: Parameters<typeof runCommand>[3]) =>
  runCommand(deps, 'settings', { subcommand: 'inline', ...input }, ctx);

describe('parseSettingsText', () => {
  it.each([
    ['inline on', { subcommand: 'inline', state: 'on' }],
    ['inline off server', { subcommand: 'inline', state: 'off', scope: 'server' }],
    ['INLINE workspace enable', { subcommand: 'inline', state: 'on', scope: 'server' }],
    ['inline here no', { subcommand: 'inline', state: 'off', scope: 'channel' }],
    ['inline', { subcommand: 'inline' }],
    ['', { subcommand: 'inline' }],
    ['inline maybe', { subcommand: 'inline', state: 'maybe' }],
    ['colours on', { subcommand: 'colours', state: 'on' }],
  ])('%j', (text, expected) => {
    expect(parseSettingsText(text)).toEqual(expected);
  });
});

describe('/settings inline', () => {
  it('shows the setting to anyone, privately', async () => {
    const reply = await settings({}, member);
    expect(reply).toMatchObject({ kind: 'notice', private: true, title: 'Wiki links in this channel' });
    expect(reply.text).toContain('off in this channel (the default)');
  });

  it('refuses those who may not manage the channel, or the server for the whole server', async () => {
    expect(await settings({ state: 'on' }, member)).toMatchObject({ kind: 'error', private: true, title: 'Not allowed' });
    expect(await settings({ state: 'on', scope: 'server' }, channelManager)).toMatchObject({
      kind: 'error',
      private: true,
      title: 'Not allowed',
    });
    expect(await store.getInlineSettings('discord', 'c1', 'g1')).toEqual({});
  });

  it('sets the server and the channel; the channel wins', async () => {
    expect(await settings({ state: 'on', scope: 'server' }, serverManager)).toMatchObject({ kind: 'notice', title: 'Wiki links are on' });
    expect(await deps.inline!.enabledIn('discord', 'c1', 'g1')).toBe(true);
    expect(await deps.inline!.enabledIn('discord', 'c2', 'g1')).toBe(true);
    expect(await settings({ state: 'off' }, channelManager)).toMatchObject({ kind: 'notice', title: 'Wiki links are off' });
    expect(await deps.inline!.enabledIn('discord', 'c1', 'g1')).toBe(false);
    expect(await deps.inline!.enabledIn('discord', 'c2', 'g1')).toBe(true);
    const status = await settings({}, member);
    expect(status.text).toContain('off in this channel (set for this channel)');
    expect(status.text).toContain('For the rest of the server they are on');
  });

  it('refuses a value that is neither on nor off, naming the choices', async () => {
    const reply = await runText(deps, '/settings inline sideways', channelManager);
    expect(reply).toMatchObject({ kind: 'notice', private: true });
    expect(reply.text).toContain('"on" or "off"');
  });

  it('is for the channels of a server: not the terminal, not a direct message', async () => {
    expect(await runText(deps, '/settings inline on', { platform: 'shell', channelId: 'shell' })).toMatchObject({
      title: 'Settings are for Discord and Slack channels',
    });
    expect(await settings({ state: 'on' }, { platform: 'discord', channelId: 'dm1', canManageChannel: true })).toMatchObject({
      title: 'Wiki links are for channels',
    });
    const without = { ...deps, inline: undefined };
    expect(await runCommand(without, 'settings', { subcommand: 'inline' }, where)).toMatchObject({
      title: 'Settings are for Discord and Slack channels',
    });
  });

  it('says privately why [[links]] cannot work yet when the bot does not read messages', async () => {
    const off = { ...deps, inline: new InlineLinks({ store: () => store, answer: () => undefined, enabled: false, log }) };
    const reply = await runCommand(off, 'settings', { subcommand: 'inline', state: 'on' }, channelManager);
    expect(reply).toMatchObject({ kind: 'notice', private: true, title: 'Wiki links are on' });
    expect(reply.text).toContain('INLINE_LINKS=true');
  });

  it('says plainly that the database failed, with the reason only for those who manage the channel', async () => {
    open = false;
    try {
      const forMember = await settings({}, member);
      expect(forMember).toMatchObject({ kind: 'error', private: true, title: 'Settings are unavailable right now' });
      expect(forMember.text).not.toContain('For admins');
      const forManager = await settings({ state: 'on' }, channelManager);
      expect(forManager.text).toContain('For admins: the database is not open yet');
      expect(forManager.errorId).toMatch(/^[A-Z0-9]+$/);
    } finally {
      open = true;
    }
  });
});
