// Daily posts to Slack channels through chat.postMessage (the bot must be in the channel:
// `chat:write`). Transient failures (429, 5xx, network) are retried inside the WebClient
// per its retryConfig; what still fails is rethrown for the scheduler to log and retry
// later. Channel-level errors mean the channel is gone or the bot lost access: they become
// ChannelGoneError so the subscription is paused instead of retried forever.
import type { webApi } from '@slack/bolt';
import { ChannelGoneError, type DailyPoster } from '../../src/daily/types.js';
import type { Reply } from '../../src/reply.js';
import { slackErrorCode } from './permissions.js';
import { renderReply, type RenderOptions } from './render.js';

type WebClient = webApi.WebClient;

/** Slack errors that say this channel cannot take posts from the bot any more. Token-level
 *  errors (invalid_auth, account_inactive, token_revoked) are not here: they are not about
 *  one channel, and pausing every subscription for them would be wrong. */
export const CHANNEL_GONE_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'restricted_action',
]);

/** Slack has no nonce; the daily nonce travels in message metadata so duplicates are traceable. */
export const DAILY_EVENT_TYPE = 'commonplace_daily';

export class SlackPoster implements DailyPoster {
  readonly platform = 'slack' as const;

  constructor(
    private readonly client: WebClient,
    private readonly render: RenderOptions = {},
  ) {}

  async send(channelId: string, reply: Reply, opts: { nonce: string }): Promise<void> {
    const { text, blocks } = renderReply({ ...reply, private: false }, this.render);
    try {
      await this.client.chat.postMessage({
        channel: channelId,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: DAILY_EVENT_TYPE, event_payload: { nonce: opts.nonce } },
      });
    } catch (err) {
      const code = slackErrorCode(err);
      if (code && CHANNEL_GONE_ERRORS.has(code)) throw new ChannelGoneError(code);
      throw err;
    }
  }
}
