import { describe, expect, it } from 'vitest';
import { newWalk, nextInWalk, peekWalk, seedFor, walkOrder, type WalkState } from '../../src/daily/rotation.js';

const slugs = (n: number, prefix = 'page') => Array.from({ length: n }, (_, i) => `${prefix}_${i + 1}`);

function walk(state: WalkState, eligible: string[] | ((step: number) => string[]), steps: number) {
  const shown: string[] = [];
  for (let i = 0; i < steps; i++) {
    const e = typeof eligible === 'function' ? eligible(i) : eligible;
    const next = nextInWalk(state, e)!;
    shown.push(next.slug);
    state = next.state;
  }
  return { shown, state };
}

describe('walkOrder (seeded shuffle)', () => {
  it('is a deterministic permutation that depends on the seed and the round', () => {
    const all = slugs(50);
    const a = walkOrder(all, 1, 0);
    expect([...a].sort()).toEqual([...all].sort());
    expect(walkOrder(all, 1, 0)).toEqual(a);
    expect(walkOrder([...all].reverse(), 1, 0)).toEqual(a);
    expect(walkOrder(all, 2, 0)).not.toEqual(a);
    expect(walkOrder(all, 1, 1)).not.toEqual(a);
    expect(a).not.toEqual(all);
  });

  it('keeps the others in order when a page is added or deleted', () => {
    const all = slugs(40);
    const before = walkOrder(all, 7, 0);
    const after = walkOrder([...all, 'new_page'], 7, 0);
    expect(after.filter((s) => s !== 'new_page')).toEqual(before);
    expect(
      walkOrder(
        all.filter((s) => s !== 'page_3'),
        7,
        0,
      ),
    ).toEqual(before.filter((s) => s !== 'page_3'));
  });

  it('gives channels different orders', () => {
    const all = slugs(30);
    expect(walkOrder(all, seedFor('discord:1'), 0)).not.toEqual(walkOrder(all, seedFor('discord:2'), 0));
  });
});

describe('nextInWalk', () => {
  it('shows every page once before any repeats, round after round', () => {
    const all = slugs(25);
    const { shown, state } = walk(newWalk(42), all, 75);
    for (let r = 0; r < 3; r++) {
      const round = shown.slice(r * 25, (r + 1) * 25);
      expect(new Set(round).size).toBe(25);
    }
    expect(state.round).toBe(2);
    // a new round does not open with the page that closed the last one
    expect(shown[25]).not.toBe(shown[24]);
    expect(shown[50]).not.toBe(shown[49]);
    // and the rounds come in different orders
    expect(shown.slice(25, 50)).not.toEqual(shown.slice(0, 25));
  });

  it('lets pages added later join the current round', () => {
    const all = slugs(10);
    const added = [...all, 'late_1', 'late_2'];
    const { shown } = walk(newWalk(3), (step) => (step < 4 ? all : added), 12);
    expect(new Set(shown).size).toBe(12);
    expect(shown).toContain('late_1');
    expect(shown).toContain('late_2');
  });

  it('skips deleted pages', () => {
    const all = slugs(10);
    let state = newWalk(9);
    const first = walk(state, all, 3);
    state = first.state;
    const remaining = walkOrder(all, 9, 0).filter((s) => !first.shown.includes(s));
    const deleted = [remaining[0]!, first.shown[0]!]; // one not shown yet, one already shown
    const live = all.filter((s) => !deleted.includes(s));
    const rest = walk(state, live, 7);
    expect(rest.shown).not.toContain(deleted[0]);
    // the 6 live pages not shown yet come next, then the round is over (the deleted unseen page does not hold it up)
    const restOfRound = rest.shown.slice(0, 6);
    expect(new Set([...first.shown, ...restOfRound]).size).toBe(9);
    expect(new Set([...first.shown.slice(1), ...restOfRound])).toEqual(new Set(live));
    expect(rest.state.round).toBe(1);
    expect(rest.state.shown).toEqual([rest.shown[rest.shown.length - 1]]);
  });

  it('peeks without moving, and has nothing to show without pages', () => {
    const all = slugs(5);
    const state = newWalk(1);
    const peek = peekWalk(state, all);
    expect(nextInWalk(state, all)?.slug).toBe(peek);
    expect(state).toEqual(newWalk(1));
    expect(nextInWalk(state, [])).toBeUndefined();
    expect(peekWalk(state, [])).toBeUndefined();
  });

  it('repeats the only page when there is one', () => {
    const { shown } = walk(newWalk(1), ['only'], 3);
    expect(shown).toEqual(['only', 'only', 'only']);
  });
});
