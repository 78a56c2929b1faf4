// INTERACTION_CREATE payloads as Discord sends them: slash commands (in a server or a DM),
// autocomplete, button clicks and select menus, from a member with or without Manage Channels.
import {
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIMessageTopLevelComponent,
  ComponentType,
} from 'discord.js';
import { IDS, snowflake, type WireMessage } from './double.js';

export type OptionValue = string | number | boolean;

export interface Asker {
  /** In a server (default) or in a DM with the bot. */
  where?: 'guild' | 'dm';
  userId?: string;
  username?: string;
  /** Member permissions bitfield (string); default: a member without Manage Channels. */
  permissions?: string;
}

/** View Channel, Send Messages, Embed Links, Read History, Use Application Commands: no Manage Channels. */
export const MEMBER_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 31n));
export const MANAGER_PERMISSIONS = String(BigInt(MEMBER_PERMISSIONS) | (1n << 4n));

function base(type: number, asker: Asker = {}) {
  const user = {
    id: asker.userId ?? IDS.member,
    username: asker.username ?? 'reader',
    discriminator: '0',
    global_name: 'Reader',
    avatar: null,
    public_flags: 0,
  };
  const common = {
    id: snowflake(),
    application_id: IDS.application,
    type,
    token: `itok-${snowflake()}-${Math.random().toString(36).slice(2)}`,
    version: 1,
    app_permissions: '2251799813685247',
    locale: 'en-US',
    entitlements: [],
    attachment_size_limit: 10485760,
  };
  if (asker.where === 'dm') {
    return {
      ...common,
      user,
      channel: { id: IDS.dmChannel, type: 1, last_message_id: null, flags: 0, recipients: [user] },
      channel_id: IDS.dmChannel,
      context: 1,
      authorizing_integration_owners: { '0': IDS.guild },
    };
  }
  return {
    ...common,
    guild_id: IDS.guild,
    guild_locale: 'en-US',
    guild: { id: IDS.guild, locale: 'en-US', features: [] },
    member: {
      user,
      roles: [],
      joined_at: new Date(0).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      nick: null,
      avatar: null,
      premium_since: null,
      permissions: asker.permissions ?? MEMBER_PERMISSIONS,
    },
    channel: {
      id: IDS.channel,
      type: 0,
      guild_id: IDS.guild,
      name: 'general',
      position: 0,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
      flags: 0,
      last_message_id: null,
      rate_limit_per_user: 0,
      topic: null,
    },
    channel_id: IDS.channel,
    context: 0,
    authorizing_integration_owners: { '0': IDS.guild },
  };
}

function optionType(v: OptionValue): number {
  return typeof v === 'boolean' ? 5 : typeof v === 'number' ? 4 : 3;
}

function options(values: Record<string, OptionValue | undefined>, focused?: string) {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([name, value]) => ({ name, type: optionType(value!), value, ...(focused === name ? { focused: true } : {}) }));
}

/** `/name option:value …`; `subcommand` nests the options under it. */
export function slashCommand(
  name: string,
  values: Record<string, OptionValue | undefined> = {},
  asker: Asker & { subcommand?: string } = {},
) {
  const opts = options(values);
  return {
    ...base(2, asker),
    data: {
      id: `9${name.length}0000000000000000`,
      name,
      type: 1,
      ...(asker.where === 'dm' ? {} : { guild_id: IDS.guild }),
      options: asker.subcommand ? [{ name: asker.subcommand, type: 1, options: opts }] : opts,
    },
  };
}

/** The user typing `value` into option `focused` of /name. */
export function autocomplete(name: string, focused: string, value: string, others: Record<string, OptionValue> = {}, asker: Asker = {}) {
  return {
    ...base(4, asker),
    data: { id: `9${name.length}0000000000000000`, name, type: 1, options: options({ ...others, [focused]: value }, focused) },
  };
}

/** A click on the button `customId` under `message` (a message object the double stored). */
export function buttonClick(message: WireMessage, customId: string, asker: Asker = {}) {
  return { ...base(3, asker), message, data: { custom_id: customId, component_type: 2 } };
}

/** A choice in the select menu `customId` under `message`. */
export function selectChoice(message: WireMessage, customId: string, values: string[], asker: Asker = {}) {
  return { ...base(3, asker), message, data: { custom_id: customId, component_type: 3, values } };
}

/** A message, sent or stored: what carries components. */
type WithComponents = { components?: APIMessageTopLevelComponent[] } | undefined;

/** Every component in a message's action rows. */
export function componentsOf(message: WithComponents): APIComponentInMessageActionRow[] {
  return (message?.components ?? []).flatMap((row) => (row.type === ComponentType.ActionRow ? row.components : []));
}

/** The label a component shows: a button's; a select menu has none. */
export function labelOf(c: APIComponentInMessageActionRow): string | undefined {
  return c.type === ComponentType.Button && 'label' in c ? c.label : undefined;
}

/** The button with this label under a message that the bot answers (one with a custom_id). */
export function buttonLabelled(message: WithComponents, label: string): APIButtonComponentWithCustomId | undefined {
  return componentsOf(message).find(
    (c): c is APIButtonComponentWithCustomId => c.type === ComponentType.Button && 'custom_id' in c && c.label === label,
  );
}
