/** The channel is gone or the bot lost access: pause the subscription, do not retry. */
export class ChannelGoneError extends Error {
    reason;
    constructor(reason) {
        super(reason);
        this.reason = reason;
        this.name = 'ChannelGoneError';
    }
}
