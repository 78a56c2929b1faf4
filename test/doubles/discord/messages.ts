// Messages members write, as the gateway delivers them (MESSAGE_CREATE, MESSAGE_UPDATE,
// MESSAGE_DELETE), and the payload of a message's "Apps" menu command (a MESSAGE command
// interaction, whose target message comes resolved in the interaction, content included).
import { IDS, messageFields, snowflake, type DiscordDouble, type WireMessage } from './double.js';
import type { Asker } from './interactions.js';
import { slashCommand } from './interactions.js';

export interface Author {
  id?: string;
  username?: string;
  bot?: boolean;
}

/** A message a member (or a bot) wrote in the server's channel. */
export function memberMessage(content: string, author: Author = {}, extra: Partial<WireMessage> = {}): WireMessage {
  const user = {
    id: author.id ?? IDS.member,
    username: author.username ?? 'reader',
    discriminator: '0',
    global_name: 'Reader',
    avatar: null,
    public_flags: 0,
    ...(author.bot ? { bot: true } : {}),
  };
  return {
    id: snowflake(),
    type: 0,
    channel_id: IDS.channel,
    guild_id: IDS.guild,
    ...messageFields(user, content),
    member: {
      roles: [],
      joined_at: new Date(0).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      nick: null,
      avatar: null,
      premium_since: null,
    },
    ...extra,
  };
}

/** The member writes `message`: MESSAGE_CREATE to every open session. */
export function write(double: DiscordDouble, message: WireMessage): WireMessage {
  double.dispatchRaw('MESSAGE_CREATE', message);
  return message;
}

/** The author edits `message` to `content`: MESSAGE_UPDATE with the whole message, as Discord sends it. */
export function edit(double: DiscordDouble, message: WireMessage, content: string): WireMessage {
  const edited = { ...message, content, edited_timestamp: new Date().toISOString() };
  double.dispatchRaw('MESSAGE_UPDATE', edited);
  return edited;
}

/** The message is deleted: MESSAGE_DELETE carries only its ids. */
export function remove(double: DiscordDouble, message: WireMessage): void {
  double.dispatchRaw('MESSAGE_DELETE', { id: message.id, channel_id: message.channel_id, guild_id: message.guild_id });
}

/** "Apps → `name`" on `message`: a message command interaction with the message resolved. */
export function messageMenu(name: string, message: WireMessage, asker: Asker = {}) {
  const base = slashCommand(name, {}, asker);
  return {
    ...base,
    data: {
      id: '930000000000000000',
      name,
      type: 3,
      target_id: message.id,
      ...(asker.where === 'dm' ? {} : { guild_id: IDS.guild }),
      resolved: { messages: { [message.id]: message } },
    },
  };
}

/** Replies the bot posted to a message (POST /channels/{id}/messages with a message_reference to it). */
export function repliesTo(double: DiscordDouble, messageId: string) {
  return double.requests.filter(
    (r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.route) && r.body?.message_reference?.message_id === messageId,
  );
}
