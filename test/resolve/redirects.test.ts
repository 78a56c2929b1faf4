import { describe, expect, it } from 'vitest';
import { followRedirects } from '../../src/library/resolve/redirects.js';

const pages = new Map([
  ['c', 'C'],
  ['peter kropotkin', 'Peter Kropotkin'],
]);
const ends = (redirects: { from: string; to: string; anchor?: string }[]) =>
  followRedirects(
    redirects,
    (n) => n.toLowerCase(),
    (key) => pages.get(key),
  );

describe('followRedirects', () => {
  it('follows a chain to the page at its end', () => {
    expect(
      ends([
        { from: 'A', to: 'B' },
        { from: 'B', to: 'C' },
      ]),
    ).toEqual([{ page: 'C' }, { page: 'C' }]);
  });

  it('keeps the section a redirect names, along the chain', () => {
    expect(
      ends([
        { from: 'Early life', to: 'Kropotkin', anchor: 'Early_life' },
        { from: 'Kropotkin', to: 'Peter Kropotkin' },
      ]),
    ).toEqual([{ page: 'Peter Kropotkin', anchor: 'Early_life' }, { page: 'Peter Kropotkin' }]);
  });

  it('ends a loop nowhere and names it', () => {
    expect(
      ends([
        { from: 'A', to: 'B' },
        { from: 'B', to: 'A' },
      ]),
    ).toEqual([{ loop: ['A', 'B', 'A'] }, { loop: ['B', 'A', 'B'] }]);
    expect(ends([{ from: 'A', to: 'A' }])).toEqual([{ loop: ['A', 'A'] }]);
  });

  it('ends at nothing when the target does not exist', () => {
    expect(ends([{ from: 'A', to: 'Nowhere' }])).toEqual([{ missing: 'Nowhere' }]);
  });

  it('prefers a page over a redirect of the same name', () => {
    expect(
      ends([
        { from: 'A', to: 'C' },
        { from: 'C', to: 'A' },
      ]),
    ).toEqual([{ page: 'C' }, { page: 'C' }]);
  });
});
