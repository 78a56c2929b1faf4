// /settings: the bot's settings for a channel or a whole server (Slack: workspace), kept in the
// Store. Today one: `inline`, whether [[Page name]] in a message gets a short reply with the
// page's link (see src/inline). Anyone may see a setting; changing it needs the right to manage
// the channel, or the server for the whole server.
import { StoreError } from '../src/store/errors.js';
import { newErrorId } from '../src/log.js';
import { inviteHints, platformNames, whoManages, type PlatformProfile } from '../src/platform.js';
import type { Reply } from '../src/reply.js';
import type { CommandContext, CommandInput } from '../src/request.js';
import type { InlineSettings } from '../src/store/types.js';
import { defineCommand, subcommand, text } from './define-command.js';

const EXAMPLE = '/settings inline on';

/** Words for the scope: Discord says server, Slack workspace. A Map: the words come from users. */
const SCOPES = new Map([
  ['channel', 'channel'],
  ['here', 'channel'],
  ['server', 'server'],
  ['guild', 'server'],
  ['workspace', 'server'],
  ['team', 'server'],
  ['everywhere', 'server'],
]);
const STATES = new Map([
  ['on', 'on'],
  ['off', 'off'],
  ['enable', 'on'],
  ['enabled', 'on'],
  ['disable', 'off'],
  ['disabled', 'off'],
  ['true', 'on'],
  ['false', 'off'],
  ['yes', 'on'],
  ['no', 'off'],
]);

/** "inline on server" → { subcommand: 'inline', state: 'on', scope: 'server' }; the words
 *  after the subcommand in any order. */
export function parseSettingsText(line: string): CommandInput {
  const words = line.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const input: CommandInput = { subcommand: words[0] ?? 'inline' };
  for (const word of words.slice(1)) {
    if (STATES.has(word) && input.state === undefined) input.state = STATES.get(word);
    else if (SCOPES.has(word) && input.scope === undefined) input.scope = SCOPES.get(word);
    // Anything else is left for validation to refuse with the choices.
    else if (input.state === undefined) input.state = word;
    else input.scope = word;
  }
  return input;
}

export const settings = defineCommand({
  name: 'settings',
  description: "The bot's settings for this channel or server: [[wiki links]] in messages",
  usage: 'inline [on|off] [channel|server]',
  examples: [EXAMPLE, '/settings inline off server', '/settings inline'],
  requires: 'manage-channel',
  options: {
    inline: subcommand('Answer [[Page name]] in messages with a link to the page', {
      state: text({
        description: 'on or off; leave it out to see the setting',
        max: 10,
        choices: ['on', 'off'],
        label: 'setting',
        example: EXAMPLE,
      }),
      scope: text({
        description: 'this channel (the default) or the whole server',
        max: 20,
        choices: ['channel', 'server'],
        label: 'place',
        example: '/settings inline on server',
      }),
    }),
  },
  parseText: parseSettingsText,
  async run(input, { inline, request, log, profiles = [] }) {
    if ((input.subcommand ?? 'inline') !== 'inline') {
      return { kind: 'error', private: true, title: 'Unknown setting', text: `The one setting is "inline", for example: ${EXAMPLE}` };
    }
    if (!inline || !request.channelId || !profiles.some((p) => p.key === request.platform)) {
      return {
        kind: 'notice',
        private: true,
        title: `Settings are for ${platformNames(profiles, 'and')} channels`,
        text: `Run /settings in the ${platformNames(profiles, 'or')} channel it should apply to.`,
      };
    }
    const { platform, channelId, workspaceId } = request;
    if (!workspaceId) {
      return {
        kind: 'notice',
        private: true,
        title: 'Wiki links are for channels',
        text: '[[Wiki links]] are answered in the channels of a server or workspace, not in direct messages. Run /settings in the channel they should apply to.',
      };
    }
    const scope = input.scope === 'server' ? 'server' : 'channel';
    const why = inline.whyUnavailable(platform);
    try {
      if (!input.state) return status(await inline.settings(platform, channelId, workspaceId), why);
      const refusal = refuse(request, scope, profiles);
      if (refusal) return refusal;
      const on = input.state === 'on';
      const invite = inviteHints(profiles);
      await inline.set({
        platform,
        scope: scope === 'server' ? 'workspace' : 'channel',
        scopeId: scope === 'server' ? workspaceId : channelId,
        enabled: on,
        by: request.userId,
      });
      const where = scope === 'server' ? 'this server (channels with a setting of their own keep it)' : 'this channel';
      const lines = [
        on
          ? `[[Wiki links]] are on in ${where}: a message with [[Page name]] (up to three) gets a short reply with each page's link and first sentence. The reply follows when the message is edited or deleted.`
          : `[[Wiki links]] are off in ${where}.`,
      ];
      if (why) lines.push(`But they cannot work yet: ${why}`);
      else if (on) lines.push(`The bot reads only the channels it is in${invite ? ` (${invite})` : ''}.`);
      lines.push(on ? 'Turn them off with /settings inline off.' : 'Turn them on with /settings inline on.');
      return { kind: 'notice', private: Boolean(why), title: on ? 'Wiki links are on' : 'Wiki links are off', text: lines.join('\n') };
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      const errorId = newErrorId();
      log?.warn({ err: { message: err.message }, failure: err.failure, errorId, channelId }, '/settings: the database failed');
      return storeFailure(err, errorId, request.canManageChannel === true);
    }
  },
});

/** Why this user may not change this setting, or undefined when they may. */
function refuse(request: CommandContext, scope: 'channel' | 'server', profiles: readonly PlatformProfile[]): Reply | undefined {
  const allowed = scope === 'server' ? request.canManageWorkspace === true : request.canManageChannel === true;
  if (allowed) return undefined;
  return {
    kind: 'error',
    private: true,
    title: 'Not allowed',
    text:
      scope === 'server'
        ? `Only people who can manage the server can change this for all of it (${whoManages(profiles, 'workspace', 'the bot’s admins')}). /settings inline shows the setting.`
        : `Only people who can manage this channel can change its settings (${whoManages(profiles, 'channel', 'the bot’s admins')}). /settings inline shows the setting.`,
  };
}

function status(s: InlineSettings, why: string | undefined): Reply {
  const on = s.channel ?? s.workspace ?? false;
  const source = s.channel !== undefined ? 'set for this channel' : s.workspace !== undefined ? 'set for the whole server' : 'the default';
  const lines = [`[[Wiki links]] are ${on ? 'on' : 'off'} in this channel (${source}).`];
  if (s.channel !== undefined && s.workspace !== undefined)
    lines.push(`For the rest of the server they are ${s.workspace ? 'on' : 'off'}.`);
  if (why) lines.push(`They cannot work yet: ${why}`);
  lines.push(`Change it with ${on ? '/settings inline off' : EXAMPLE} (add "server" for the whole server).`);
  return { kind: 'notice', private: true, title: 'Wiki links in this channel', text: lines.join('\n') };
}

/** The database failed: said plainly, and why to those who manage the channel. */
function storeFailure(err: StoreError, errorId: string, manager: boolean): Reply {
  const lines = [
    err.failure === 'timeout'
      ? 'The bot’s database did not answer in time, so the setting could not be read or changed (a change may still have been made: /settings inline shows it later). Everything else works.'
      : 'The bot cannot use its database right now, so settings cannot be read or changed. Everything else works. Try again in a minute.',
  ];
  if (manager) lines.push(`For admins: ${err.message.slice(0, 300)}. Error ${errorId} in the bot’s log.`);
  return { kind: 'error', private: true, errorId, title: 'Settings are unavailable right now', text: lines.join('\n') };
}
