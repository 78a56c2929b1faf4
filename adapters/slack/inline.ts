// [[Links]] in conversation on Slack: `message` events (message.channels, message.groups) →
// the core's InlineLinks (src/inline), and a Replier that answers in the message's thread,
// edits the answer (chat.update) and deletes it (chat.delete). Slack sends an edit as a
// `message_changed` event and a deletion as `message_deleted`; other bots' messages, ours
// included, carry a bot_id and are not answered.
import type { webApi } from '@slack/bolt';
import { ReplyGoneError, type InlineMessage, type Replier } from '../../src/inline/inline-links.js';
import type { MessageKey } from '../../src/store/types.js';
import { slackErrorCode } from './permissions.js';
import { renderReply, type RenderOptions } from './render.js';

type WebClient = webApi.WebClient;

/** What the adapter does with one `message` event. */
export type MessageEventAction = { kind: 'written' | 'edited'; message: InlineMessage } | { kind: 'deleted'; key: MessageKey } | undefined;

interface SlackMessage {
  type?: string;
  subtype?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
}

interface SlackMessageEvent extends SlackMessage {
  channel?: string;
  team?: string;
  message?: SlackMessage;
  deleted_ts?: string;
}

/** Subtypes of what people write; everything else (joins, topics, bots) is not answered. */
const WRITTEN = new Set([undefined, 'thread_broadcast', 'file_share', 'me_message']);

/** Reads a `message` event: a message written, edited or deleted, or undefined for one that is
 *  not answered (a bot's, ours, a join, …). */
export function readMessageEvent(event: SlackMessageEvent, teamId: string | undefined, botUserId: string | undefined): MessageEventAction {
  const channel = event.channel;
  if (!channel) return undefined;
  if (event.subtype === 'message_deleted') {
    return event.deleted_ts ? { kind: 'deleted', key: { platform: 'slack', channelId: channel, messageId: event.deleted_ts } } : undefined;
  }
  const edited = event.subtype === 'message_changed';
  const m = edited ? event.message : event;
  if (!m || typeof m.ts !== 'string' || typeof m.text !== 'string') return undefined;
  if (m.bot_id || !m.user || m.user === botUserId || !WRITTEN.has(m.subtype)) return undefined;
  const seconds = Number(m.ts);
  return {
    kind: edited ? 'edited' : 'written',
    message: {
      platform: 'slack',
      channelId: channel,
      workspaceId: teamId ?? event.team,
      messageId: m.ts,
      ...(m.thread_ts ? { threadId: m.thread_ts } : {}),
      sentAt: new Date(Number.isFinite(seconds) ? seconds * 1000 : 0),
      text: plainText(m.text),
    },
  };
}

/** Slack message text → what the author typed: `&lt;`, `&gt;` and `&amp;` are Slack's escapes of
 *  `<`, `>` and `&`; mentions and links (`<@U1>`, `<https://…|label>`) stay as they are. */
export function plainText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Slack errors that say the reply is no longer there. */
const GONE = new Set(['message_not_found', 'cant_update_message', 'cant_delete_message', 'channel_not_found', 'is_archived']);

/** Answers in the message's thread (or the thread it stands in), without unfurling links. */
export function slackReplier(client: WebClient, render: () => RenderOptions): Replier {
  return {
    async post(message, reply) {
      const { text, blocks } = renderReply({ ...reply, private: false }, render());
      const res = await client.chat.postMessage({
        channel: message.channelId,
        thread_ts: message.threadId ?? message.messageId,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      if (typeof res.ts !== 'string') throw new Error('chat.postMessage returned no ts');
      return res.ts;
    },
    async edit(message, replyId, reply) {
      const { text, blocks } = renderReply({ ...reply, private: false }, render());
      try {
        await client.chat.update({ channel: message.channelId, ts: replyId, text, blocks });
      } catch (err) {
        if (GONE.has(slackErrorCode(err) ?? '')) throw new ReplyGoneError();
        throw err;
      }
    },
    async remove(message, replyId) {
      try {
        await client.chat.delete({ channel: message.channelId, ts: replyId });
      } catch (err) {
        if (!GONE.has(slackErrorCode(err) ?? '')) throw err;
      }
    },
  };
}
