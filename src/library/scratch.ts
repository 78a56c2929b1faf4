// Scratch space lent to one call at a time, so a hot path can reuse a typed array instead of
// allocating one per call, and still be safe to re-enter.

/** Lends out one spare scratch value. A borrower must hand it back in the state `make` gives
 *  (zeroed, for typed arrays). A borrow while the spare is out (a re-entrant call) gets a new
 *  one from `make`, and a spare never handed back (the borrower threw) is simply replaced:
 *  reuse saves allocations, it never makes a call wait or share state with another. */
export class Scratch<T> {
  private spare: T | undefined;

  constructor(private readonly make: () => T) {
    this.spare = make();
  }

  borrow(): T {
    const spare = this.spare;
    if (spare === undefined) return this.make();
    this.spare = undefined;
    return spare;
  }

  giveBack(value: T): void {
    this.spare = value;
  }
}
