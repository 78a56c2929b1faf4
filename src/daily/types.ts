// The seam between the daily scheduler (src/daily) and the platform adapters: an adapter
// registers a DailyPoster for its platform; the scheduler hands it a neutral Reply.
import type { Reply } from '../reply.js';

/** A platform's key, chosen by its adapter ("discord", "slack", …): the core knows no platform. */
export type Platform = string;

/** The channel is gone or the bot lost access: pause the subscription, do not retry. */
export class ChannelGoneError extends Error {
  constructor(public readonly reason: string) {
    super(reason);
    this.name = 'ChannelGoneError';
  }
}

export interface DailyPoster {
  platform: Platform;
  /**
   * Sends a daily post. `nonce` is unique per (channel, local date): Discord sends it with
   * `enforce_nonce` so that a retried send cannot duplicate. Throws ChannelGoneError for a
   * gone channel or lost access; any other error is treated as transient.
   */
  send(channelId: string, reply: Reply, opts: { nonce: string }): Promise<void>;
}
