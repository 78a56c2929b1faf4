// Scratch lends one spare to one call at a time: a call made while it is lent, or after a
// borrower failed to hand it back, gets its own, so no two calls ever share it.
import { describe, expect, it } from 'vitest';
import { Scratch } from '../../src/library/scratch.js';

describe('Scratch', () => {
  it('lends the same spare again once it is handed back', () => {
    const scratch = new Scratch(() => new Uint8Array(4));
    const a = scratch.borrow();
    scratch.giveBack(a);
    expect(scratch.borrow()).toBe(a);
  });

  it('gives a re-entrant borrower a fresh one, never the one still lent', () => {
    const scratch = new Scratch(() => new Uint8Array(4));
    const outer = scratch.borrow();
    outer[0] = 7;
    const inner = scratch.borrow();
    expect(inner).not.toBe(outer);
    expect([...inner]).toEqual([0, 0, 0, 0]);
  });

  it('replaces a spare that was never handed back (its borrower threw)', () => {
    const scratch = new Scratch(() => new Uint8Array(4));
    const use = () => {
      const marks = scratch.borrow();
      marks[1] = 1;
      throw new Error('failed half way');
    };
    expect(use).toThrow('failed half way');
    expect([...scratch.borrow()]).toEqual([0, 0, 0, 0]);
  });
});
