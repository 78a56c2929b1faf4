import { ChannelGoneError } from '../../src/daily/types.js';
import { slackErrorCode } from './permissions.js';
import { renderReply } from './render.js';
/** Slack errors that say this channel cannot take posts from the bot any more. Token-level
 *  errors (invalid_auth, account_inactive, token_revoked) are not here: they are not about
 *  one channel, and pausing every subscription for them would be wrong. */
export const CHANNEL_GONE_ERRORS = new Set([
    'channel_not_found',
    'not_in_channel',
    'is_archived',
    'channel_is_archived',
    'restricted_action',
]);
/** Slack has no nonce; the daily nonce travels in message metadata so duplicates are traceable. */
export const DAILY_EVENT_TYPE = 'commonplace_daily';
export class SlackPoster {
    client;
    render;
    platform = 'slack';
    constructor(client, render = {}) {
        this.client = client;
        this.render = render;
    }
    async send(channelId, reply, opts) {
        const { text, blocks } = renderReply({ ...reply, ephemeral: false }, this.render);
        try {
            await this.client.chat.postMessage({
                channel: channelId,
                text,
                blocks,
                unfurl_links: false,
                unfurl_media: false,
                metadata: { event_type: DAILY_EVENT_TYPE, event_payload: { nonce: opts.nonce } },
            });
        }
        catch (err) {
            const code = slackErrorCode(err);
            if (code && CHANNEL_GONE_ERRORS.has(code))
                throw new ChannelGoneError(code);
            throw err;
        }
    }
}
