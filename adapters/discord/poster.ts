// Daily posts on Discord: POST /channels/{id}/messages with the rendered reply, a short
// deterministic nonce with `enforce_nonce` (a retried send cannot post twice), and no mentions.
// A gone channel or lost access becomes ChannelGoneError; anything else is rethrown (transient).
import { createHash } from 'node:crypto';
import { DiscordAPIError, Routes, type REST } from 'discord.js';
import { ChannelGoneError, type DailyPoster } from '../../src/daily/types.js';
import type { Reply } from '../../src/reply.js';
import { LIMITS } from './limits.js';
import { renderReply } from './render.js';

/** Discord error codes that mean "this channel will not take our posts": pause, do not retry. */
export const CHANNEL_GONE_CODES: Record<number, string> = {
  10003: 'Unknown Channel: the channel was deleted',
  50001: 'Missing Access: the bot cannot see the channel',
  50013: 'Missing Permissions: the bot may not post in the channel',
};

/** A nonce of at most 25 characters derived from the scheduler's (channel, date) key. */
export function shortNonce(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, LIMITS.nonce);
}

export interface PosterOptions {
  /** Read at each post (config.WIKI_NAME). */
  wikiName: () => string;
}

export function createDiscordPoster(rest: REST, opts: PosterOptions): DailyPoster {
  return {
    platform: 'discord',
    async send(channelId: string, reply: Reply, { nonce }: { nonce: string }): Promise<void> {
      if (!/^\d{5,25}$/.test(channelId)) throw new ChannelGoneError(`Not a Discord channel id: ${channelId.slice(0, 40)}`);
      const message = renderReply({ ...reply, private: false }, { wikiName: opts.wikiName() });
      const body = {
        embeds: message.embeds,
        components: message.components,
        allowed_mentions: { parse: [] },
        nonce: shortNonce(nonce),
        enforce_nonce: true,
      };
      try {
        await rest.post(Routes.channelMessages(channelId), { body });
      } catch (err) {
        if (err instanceof DiscordAPIError && typeof err.code === 'number' && CHANNEL_GONE_CODES[err.code]) {
          throw new ChannelGoneError(CHANNEL_GONE_CODES[err.code]!);
        }
        throw err;
      }
    },
  };
}
