// Which page a channel gets next: each channel walks its own shuffled order of the eligible
// pages, with no repeat until every page was shown once (a "round"); then a new round
// starts in a new order. Pure functions over a small state that the store keeps per channel.
//
// The shuffle orders pages by a keyed hash of (seed, round, slug). Unlike a Fisher–Yates
// shuffle of the whole list, that order is stable when pages are added or deleted: a new
// page lands at a pseudo-random place in the current round (and is shown this round), a
// deleted page simply drops out, and the order of all the others does not move.

export interface WalkState {
  /** The channel's seed (from its platform and id, so a preview can peek before the first post). */
  seed: number;
  /** Which round of the walk this is, from 0. */
  round: number;
  /** Slugs already shown in this round. */
  shown: string[];
}

export function newWalk(seed: number): WalkState {
  return { seed: seed >>> 0, round: 0, shown: [] };
}

/** A 32-bit seed from text, e.g. "discord:123456789". */
export function seedFor(text: string): number {
  return hash32(text, 0x5eed);
}

/** The order of a round: every slug once, shuffled by the seed and round. */
export function walkOrder(slugs: readonly string[], seed: number, round: number): string[] {
  const key = (hash32(String(round), seed) ^ Math.imul(round + 1, 0x9e3779b9)) >>> 0;
  return [...new Set(slugs)]
    .map((slug) => ({ slug, h: hash32(slug, key) }))
    .sort((a, b) => a.h - b.h || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .map((x) => x.slug);
}

/**
 * The next page of the walk and the state after showing it, or undefined when no page is
 * eligible. Slugs in `shown` that are no longer eligible (deleted pages) are ignored.
 */
export function nextInWalk(state: WalkState, eligible: readonly string[]): { slug: string; state: WalkState } | undefined {
  const pick = choose(state, eligible);
  if (!pick) return undefined;
  return { slug: pick.slug, state: { seed: state.seed, round: pick.round, shown: [...pick.shown, pick.slug] } };
}

/** What nextInWalk would pick, without changing anything (for a preview). */
export function peekWalk(state: WalkState, eligible: readonly string[]): string | undefined {
  return choose(state, eligible)?.slug;
}

function choose(state: WalkState, eligible: readonly string[]): { slug: string; round: number; shown: string[] } | undefined {
  if (eligible.length === 0) return undefined;
  const shown = new Set(state.shown);
  const order = walkOrder(eligible, state.seed, state.round);
  const next = order.find((s) => !shown.has(s));
  if (next !== undefined) return { slug: next, round: state.round, shown: state.shown };
  // Every eligible page was shown: a new round, in a new order. Do not open it with the
  // page that closed the last one.
  const round = state.round + 1;
  const fresh = walkOrder(eligible, state.seed, round);
  const last = state.shown[state.shown.length - 1];
  const first = fresh[0] === last && fresh.length > 1 ? fresh[1]! : fresh[0]!;
  return { slug: first, round, shown: [] };
}

/** murmur3-style 32-bit hash of a string with a seed. */
function hash32(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    let k = text.charCodeAt(i);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= text.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
