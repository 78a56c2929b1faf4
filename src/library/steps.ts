// Work done in steps: a generator that yields where it may be paused (a reload's build lets
// commands in there, see Library.buildInSteps), run here to its end at once.

/** A computation of a T that may be paused at each yield. */
export type Steps<T> = Generator<void, T>;

/** Runs the steps to their end, at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
