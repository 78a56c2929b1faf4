// The Slack app manifest, generated from the command registry: paste it into
// api.slack.com/apps → Create New App → From an app manifest. A pure function.
import { LOOK_UP } from '../../commands/links.js';
import type { Command } from '../../commands/types.js';
import type { Config } from '../../src/config.js';
import { ellipsize } from '../../src/text/graphemes.js';

export interface ManifestOptions {
  /** Socket Mode (no public URL) or HTTP mode (Slack POSTs to requestUrl). */
  socketMode: boolean;
  /** HTTP mode: the public https URL of /slack/events. Required when socketMode is false. */
  requestUrl?: string;
}

export interface SlackSlashCommand {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape: boolean;
  url?: string;
}

export interface SlackShortcut {
  name: string;
  type: 'message' | 'global';
  callback_id: string;
  description: string;
}

export interface SlackManifest {
  display_information: { name: string; description: string; long_description?: string; background_color: string };
  features: {
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: SlackSlashCommand[];
    shortcuts: SlackShortcut[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    /** With INLINE_LINKS: the message events [[links]] are read from. */
    event_subscriptions?: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/** Only what the bot uses: slash commands, posting answers and daily posts, the admin check
 *  of /daily and /insights (users.info), and concept maps (files). */
export const BOT_SCOPES = ['commands', 'chat:write', 'users:read', 'files:write'] as const;

/** With INLINE_LINKS, messages are read for [[links]]: in public channels and in private ones
 *  the bot was added to, each with the scope that delivers it. */
export const MESSAGE_EVENTS = ['message.channels', 'message.groups'] as const;
export const MESSAGE_SCOPES = ['channels:history', 'groups:history'] as const;

/** Manifest field limits. */
const MAX = {
  name: 35,
  description: 140,
  botName: 80,
  commandDescription: 2000,
  usageHint: 1000,
  command: 32,
  shortcutName: 24,
  shortcutDescription: 150,
};

export function slashCommandName(prefix: string, command: Pick<Command, 'name'>): string {
  return `/${prefix}${command.name}`;
}

export function buildManifest(
  commands: readonly Command[],
  config: Pick<Config, 'WIKI_NAME' | 'SLACK_COMMAND_PREFIX'> & Partial<Pick<Config, 'INLINE_LINKS'>>,
  opts: ManifestOptions,
): SlackManifest {
  const requestUrl = opts.socketMode ? undefined : checkRequestUrl(opts.requestUrl);
  const wiki = config.WIKI_NAME;
  const slash_commands = commands.map((c): SlackSlashCommand => {
    const command = slashCommandName(config.SLACK_COMMAND_PREFIX, c);
    if (command.length > MAX.command || !/^\/[a-z0-9_-]+$/.test(command)) {
      throw new Error(`Slack command ${command} is not a valid command name (lowercase, at most ${MAX.command} characters)`);
    }
    // `private` before the query asks for an answer only the asker sees.
    const usage = c.usage.trim() ? `${hasPrivateOption(c) ? '[private] ' : ''}${c.usage.trim()}` : '';
    return {
      command,
      description: clip(c.description, MAX.commandDescription),
      ...(usage ? { usage_hint: clip(usage, MAX.usageHint) } : {}),
      should_escape: false,
      ...(requestUrl ? { url: requestUrl } : {}),
    };
  });
  return {
    display_information: {
      name: clip(wiki, MAX.name),
      description: clip(`Definitions, quotations and related pages from ${wiki}, in Slack.`, MAX.description),
      long_description: longDescription(commands, config),
      background_color: '#2f3437',
    },
    features: {
      bot_user: { display_name: clip(wiki, MAX.botName), always_online: true },
      slash_commands,
      shortcuts: [
        {
          name: clip(LOOK_UP.name, MAX.shortcutName),
          type: 'message',
          callback_id: LOOK_UP.callbackId,
          description: clip(LOOK_UP.description, MAX.shortcutDescription),
        },
      ],
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES, ...(config.INLINE_LINKS ? MESSAGE_SCOPES : [])] } },
    settings: {
      ...(config.INLINE_LINKS
        ? { event_subscriptions: { ...(requestUrl ? { request_url: requestUrl } : {}), bot_events: [...MESSAGE_EVENTS] } }
        : {}),
      interactivity: { is_enabled: true, ...(requestUrl ? { request_url: requestUrl } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: opts.socketMode,
      token_rotation_enabled: false,
    },
  };
}

function hasPrivateOption(c: Command): boolean {
  return c.options.some((o) => o.name === 'private' && o.type === 'boolean');
}

function checkRequestUrl(url: string | undefined): string {
  if (!url) throw new Error('HTTP mode needs the public request URL, e.g. --url https://bot.example.org/slack/events');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Not a URL: ${url}`);
  }
  if (parsed.protocol !== 'https:') throw new Error('Slack only sends requests to https:// URLs');
  return parsed.href;
}

/** Slack wants 175–4000 characters here. */
function longDescription(commands: readonly Command[], config: Pick<Config, 'WIKI_NAME' | 'SLACK_COMMAND_PREFIX'>): string {
  const lines = [
    `Brings ${config.WIKI_NAME} into your workspace. Ask for a term's summary, a quotation by someone or about a topic, the pages related to a concept, or search the text; every answer links back to the wiki.`,
    '',
    ...commands.map((c) => `• ${slashCommandName(config.SLACK_COMMAND_PREFIX, c)}${c.usage ? ` ${c.usage}` : ''}: ${c.description}`),
    `• ${LOOK_UP.name} (in a message's menu): ${LOOK_UP.description}`,
  ];
  let text = lines.join('\n');
  if (text.length < 175) text += '\n\nAnswers go to the channel; add "private" after the command for an answer only you see.';
  return clip(text, 4000);
}

function clip(text: string, max: number): string {
  return ellipsize(text.replace(/\s+$/g, ''), max);
}
