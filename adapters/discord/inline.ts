// [[Links]] in conversation on Discord: gateway message events → the core's InlineLinks
// (src/inline), and a Replier that answers with a reply to the message (no ping), edits it and
// deletes it over REST. Needs the GuildMessages and the privileged MessageContent intents, which
// the client asks for only with INLINE_LINKS (index.ts).
import {
  DiscordAPIError,
  Events,
  MessageType,
  RESTJSONErrorCodes,
  Routes,
  SnowflakeUtil,
  type Client,
  type Message,
  type PartialMessage,
  type REST,
} from 'discord.js';
import type { CommandDeps } from '../../commands/types.js';
import { ReplyGoneError, type InlineMessage, type Replier } from '../../src/inline/inline-links.js';
import type { Logger } from '../../src/log.js';
import { shortNonce } from './poster.js';
import { renderReply } from './render.js';

/** Only what people write: not system messages (joins, pins), not other bots' or webhooks'. */
const WRITTEN = new Set<MessageType>([MessageType.Default, MessageType.Reply]);

/** A message as the core takes it, or undefined for one the bot does not answer. */
export function inlineMessage(m: Message | PartialMessage, botId: string | undefined): InlineMessage | undefined {
  if (!m.guildId || typeof m.content !== 'string') return undefined;
  if (m.author?.bot || m.author?.id === botId || m.webhookId || (m.type !== null && !WRITTEN.has(m.type))) return undefined;
  return {
    platform: 'discord',
    channelId: m.channelId,
    workspaceId: m.guildId,
    messageId: m.id,
    sentAt: new Date(SnowflakeUtil.timestampFrom(m.id)),
    text: m.content,
  };
}

/** Listens to written, edited and deleted messages; `deps.inline` and the Library are read at each event. */
export function listenForLinks(client: Client, deps: CommandDeps, log: Logger): void {
  const replier = discordReplier(client.rest, () => deps.config.WIKI_NAME);
  const botId = () => client.user?.id;
  client.on(Events.MessageCreate, (m) => {
    const message = inlineMessage(m, botId());
    if (message) void deps.inline?.written(message, replier);
  });
  client.on(Events.MessageUpdate, (_old, m) => {
    const message = inlineMessage(m, botId());
    if (message) void deps.inline?.edited(message, replier);
  });
  client.on(Events.MessageDelete, (m) => {
    if (m.guildId) void deps.inline?.deleted({ platform: 'discord', channelId: m.channelId, messageId: m.id }, replier);
  });
  log.debug('listening for [[links]] in messages');
}

const NO_PING = { parse: [] as [], replied_user: false };

/** Posts the reply as a Discord reply to the message (its author is not pinged), edits and
 *  deletes it. A send carries a nonce from the message id with enforce_nonce, so a retried
 *  post cannot appear twice. */
export function discordReplier(rest: REST, wikiName: () => string): Replier {
  const body = (reply: Parameters<Replier['post']>[1]) => {
    const m = renderReply({ ...reply, private: false }, { wikiName: wikiName() });
    return { embeds: m.embeds, components: m.components, allowed_mentions: NO_PING };
  };
  return {
    async post(message, reply) {
      const sent = (await rest.post(Routes.channelMessages(message.channelId), {
        body: {
          ...body(reply),
          message_reference: { message_id: message.messageId, channel_id: message.channelId, fail_if_not_exists: false },
          nonce: shortNonce(`inline:${message.messageId}`),
          enforce_nonce: true,
        },
      })) as { id: string };
      return sent.id;
    },
    async edit(message, replyId, reply) {
      try {
        await rest.patch(Routes.channelMessage(message.channelId, replyId), { body: body(reply) });
      } catch (err) {
        if (unknownMessage(err)) throw new ReplyGoneError();
        throw err;
      }
    },
    async remove(message, replyId) {
      try {
        await rest.delete(Routes.channelMessage(message.channelId, replyId));
      } catch (err) {
        if (!unknownMessage(err)) throw err;
      }
    },
  };
}

function unknownMessage(err: unknown): boolean {
  return err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.UnknownMessage;
}
