// The Store the rest of the bot holds: every call goes to the store that is open now, and is
// bounded. While no store is open (it could not be opened at start-up, or is being opened) a
// call waits for the opening in progress, within its bound, and otherwise fails at once with a
// StoreError('down'); a call that outlasts its bound fails with StoreError('timeout') (the
// database may still finish it: it is left to run, never retried here); any other error comes
// back as StoreError('failed') (LostClaimError, an answer, comes back as it is). Each outcome is told to the keeper, which tracks the store's
// health from what callers see.
import { asStoreError, StoreError } from './errors.js';
import { LostClaimError, type Store } from './types.js';

export interface GuardedStoreOptions {
  /** The store open now, if any. */
  current(): Store | undefined;
  /** The opening in progress, if any (resolves when it settles, whatever its outcome). */
  opening(): Promise<void> | undefined;
  /** Why there is no store, for StoreError('down'). */
  whyDown(): string;
  /** Longest a call may take, opening included. */
  timeoutMs: number;
  onSuccess(): void;
  onFailure(err: StoreError): void;
}

export class GuardedStore implements Store {
  constructor(private readonly opts: GuardedStoreOptions) {}

  get kind(): Store['kind'] {
    return this.opts.current()?.kind ?? 'sqlite';
  }

  get location(): string {
    return this.opts.current()?.location ?? '(not open)';
  }

  private async call<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.opts.timeoutMs;
    try {
      let store = this.opts.current();
      const opening = store ? undefined : this.opts.opening();
      if (opening) {
        await bounded(
          opening,
          this.opts.timeoutMs,
          () => new StoreError('timeout', `the database did not open within ${seconds(this.opts.timeoutMs)}`),
        );
        store = this.opts.current();
      }
      if (!store) throw new StoreError('down', this.opts.whyDown());
      const left = Math.max(1, deadline - Date.now());
      const out = await bounded(
        fn(store),
        left,
        () => new StoreError('timeout', `the database did not answer within ${seconds(this.opts.timeoutMs)}`),
      );
      this.opts.onSuccess();
      return out;
    } catch (err) {
      // The database answered: the claim was taken over. That is the scheduler's business.
      if (err instanceof LostClaimError) {
        this.opts.onSuccess();
        throw err;
      }
      const failure = asStoreError(err);
      this.opts.onFailure(failure);
      throw failure;
    }
  }

  schemaVersion() {
    return this.call((s) => s.schemaVersion());
  }
  saveSubscription(...a: Parameters<Store['saveSubscription']>) {
    return this.call((s) => s.saveSubscription(...a));
  }
  getSubscription(...a: Parameters<Store['getSubscription']>) {
    return this.call((s) => s.getSubscription(...a));
  }
  deleteSubscription(...a: Parameters<Store['deleteSubscription']>) {
    return this.call((s) => s.deleteSubscription(...a));
  }
  listSubscriptions(...a: Parameters<Store['listSubscriptions']>) {
    return this.call((s) => s.listSubscriptions(...a));
  }
  pauseSubscription(...a: Parameters<Store['pauseSubscription']>) {
    return this.call((s) => s.pauseSubscription(...a));
  }
  claimPost(...a: Parameters<Store['claimPost']>) {
    return this.call((s) => s.claimPost(...a));
  }
  assignArticle(...a: Parameters<Store['assignArticle']>) {
    return this.call((s) => s.assignArticle(...a));
  }
  markSent(...a: Parameters<Store['markSent']>) {
    return this.call((s) => s.markSent(...a));
  }
  releasePost(...a: Parameters<Store['releasePost']>) {
    return this.call((s) => s.releasePost(...a));
  }
  failPost(...a: Parameters<Store['failPost']>) {
    return this.call((s) => s.failPost(...a));
  }
  getPost(...a: Parameters<Store['getPost']>) {
    return this.call((s) => s.getPost(...a));
  }
  listPosts(...a: Parameters<Store['listPosts']>) {
    return this.call((s) => s.listPosts(...a));
  }
  lastPost(...a: Parameters<Store['lastPost']>) {
    return this.call((s) => s.lastPost(...a));
  }
  getWalk(...a: Parameters<Store['getWalk']>) {
    return this.call((s) => s.getWalk(...a));
  }
  firstSighting(...a: Parameters<Store['firstSighting']>) {
    return this.call((s) => s.firstSighting(...a));
  }
  getWikiSync(...a: Parameters<Store['getWikiSync']>) {
    return this.call((s) => s.getWikiSync(...a));
  }
  saveWikiSync(...a: Parameters<Store['saveWikiSync']>) {
    return this.call((s) => s.saveWikiSync(...a));
  }
  addInsightCounts(...a: Parameters<Store['addInsightCounts']>) {
    return this.call((s) => s.addInsightCounts(...a));
  }
  insightTotals(...a: Parameters<Store['insightTotals']>) {
    return this.call((s) => s.insightTotals(...a));
  }
  pruneHistory(...a: Parameters<Store['pruneHistory']>) {
    return this.call((s) => s.pruneHistory(...a));
  }
  saveInlineSetting(...a: Parameters<Store['saveInlineSetting']>) {
    return this.call((s) => s.saveInlineSetting(...a));
  }
  getInlineSettings(...a: Parameters<Store['getInlineSettings']>) {
    return this.call((s) => s.getInlineSettings(...a));
  }
  claimInlineReply(...a: Parameters<Store['claimInlineReply']>) {
    return this.call((s) => s.claimInlineReply(...a));
  }
  getInlineReply(...a: Parameters<Store['getInlineReply']>) {
    return this.call((s) => s.getInlineReply(...a));
  }
  updateInlineReply(...a: Parameters<Store['updateInlineReply']>) {
    return this.call((s) => s.updateInlineReply(...a));
  }
  pruneInlineReplies(...a: Parameters<Store['pruneInlineReplies']>) {
    return this.call((s) => s.pruneInlineReplies(...a));
  }

  /** The keeper closes the store it opened; closing the guard does nothing. */
  async close(): Promise<void> {}
}

/** `p`, or `timeout()` thrown after `ms`. `p` keeps running; its late failure is swallowed. */
export function bounded<T>(p: Promise<T>, ms: number, timeout: () => Error): Promise<T> {
  p.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeout()), ms);
    timer.unref?.();
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
