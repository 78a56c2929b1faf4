// Waiting in tests: a plain pause, and polling until something holds.

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves once `predicate()` is true (checked every `intervalMs`); after `timeoutMs` rejects
 *  naming `what` (a function is called then, to describe the state at the time out). */
export async function until(predicate: () => boolean, what: string | (() => string), timeoutMs = 5000, intervalMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() >= deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await sleep(intervalMs);
  }
}

/** Resolves once the async `check()` (a store read, say) is true; after `timeoutMs` rejects naming `what`. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 5000, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}
