// Counts the store's failures in metrics without touching either store: every async method of
// the Store is wrapped, and a rejection is counted by operation name before it propagates.
import type { Store } from '../store/types.js';
import type { Metrics } from './metrics.js';

export function instrumentStore(store: Store, metrics: Metrics): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string' || prop === 'close') return value;
      return (...args: unknown[]) => {
        let result: unknown;
        try {
          result = value.apply(target, args);
        } catch (err) {
          metrics.storeErrors.inc({ operation: prop });
          throw err;
        }
        if (result instanceof Promise) {
          return result.catch((err: unknown) => {
            metrics.storeErrors.inc({ operation: prop });
            throw err;
          });
        }
        return result;
      };
    },
  });
}
