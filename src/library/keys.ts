// Lookup keys of the content's own strings, computed once.
import { normalizeKey } from './normalize.js';

/** normalizeKey for the content's names, link targets and categories, remembered while a
 *  Library is built: at query time the same strings come back again and again (a /related
 *  walks every link of a page). Once frozen it remembers nothing new, so what users type is
 *  never kept. */
export class ContentKeys {
  private readonly memo: Map<string, string>;
  private frozen = false;

  /** `from`: the keys of the Library this one replaces, whose memory is shared (normalizeKey
   *  is pure, and a reload meets mostly the same strings). */
  constructor(from?: ContentKeys) {
    this.memo = from?.memo ?? new Map();
  }

  of(text: string): string {
    let key = this.memo.get(text);
    if (key === undefined) {
      key = normalizeKey(text);
      if (!this.frozen) this.memo.set(text, key);
    }
    return key;
  }

  /** Ends the build: from now on only what it saw is remembered. */
  freeze(): void {
    this.frozen = true;
  }
}
