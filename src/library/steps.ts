// Work done in steps: a generator that yields where it may be paused (a reload's build lets
// commands in there, see Library.buildInSteps), run here to its end at once.
import { setTimeout as sleep } from 'node:timers/promises';

/** A computation of a T that may be paused at each yield. */
export type Steps<T> = Generator<void, T>;

/** Runs the steps to their end, at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Lets commands that are waiting be answered before going on. A timer rather than
 *  setImmediate: from a callback of the poll phase an immediate runs before the loop polls
 *  again, so a command that has arrived would wait for the next step as well. */
export function letCommandsIn(): Promise<void> {
  return sleep(0);
}
