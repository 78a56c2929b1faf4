// Which page a parse worker is on, shared with the pool without a message per page.

/**
 * Which page a worker is parsing, since when and how big it is, in three shared Int32 slots.
 * The worker writes them in the order bytes, started, page; the pool reads page first, so a
 * page it reads always comes with its own start (never an older one, which could look late).
 */
export class PageClock {
  static readonly IDLE = -1;
  private readonly slots: Int32Array;

  readonly buffer: SharedArrayBuffer;
  /** Date.now() when the clock was made: times are kept as milliseconds since then. */
  readonly since: number;

  /** A new clock (the pool), or the view of one made elsewhere (a worker). */
  constructor(shared?: { buffer: SharedArrayBuffer; since: number }) {
    this.buffer = shared?.buffer ?? new SharedArrayBuffer(12);
    this.since = shared?.since ?? Date.now();
    this.slots = new Int32Array(this.buffer);
    if (!shared) Atomics.store(this.slots, 0, PageClock.IDLE);
  }

  start(index: number): void {
    Atomics.store(this.slots, 2, 0);
    Atomics.store(this.slots, 1, Date.now() - this.since);
    Atomics.store(this.slots, 0, index);
  }

  sized(bytes: number): void {
    Atomics.store(this.slots, 2, Math.min(bytes, 0x7fffffff));
  }

  idle(): void {
    Atomics.store(this.slots, 0, PageClock.IDLE);
  }

  /** The page in progress, or undefined between pages. */
  read(): { index: number; elapsedMs: number; bytes: number } | undefined {
    const index = Atomics.load(this.slots, 0);
    if (index === PageClock.IDLE) return undefined;
    const started = Atomics.load(this.slots, 1);
    return { index, elapsedMs: Date.now() - this.since - started, bytes: Atomics.load(this.slots, 2) };
  }
}
