/** The claim was taken over by another instance (our lease lapsed). */
export class LostClaimError extends Error {
    constructor(key) {
        super(`lost the claim on ${key.platform}:${key.channelId}:${key.localDate}`);
        this.name = 'LostClaimError';
    }
}
