// Store failures as the people who meet them need them said: whether the database is not open
// (down), did not answer in time (timeout), or answered with an error (failed). The message is
// safe to show the bot's admins (no password: URLs are redacted before they get here).

export type StoreFailure = 'down' | 'timeout' | 'failed';

export class StoreError extends Error {
  constructor(
    readonly failure: StoreFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** The error as a StoreError: itself, or `fallback`'s kind around it. */
export function asStoreError(err: unknown, fallback: StoreFailure = 'failed'): StoreError {
  if (err instanceof StoreError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new StoreError(fallback, message.split('\n')[0]!.slice(0, 300), { cause: err });
}
