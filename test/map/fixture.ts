// A /related result made by hand, so the map's layout can be checked against golden
// coordinates whatever the wiki holds.
import type { RelatedResult } from '../../src/library/types.js';

export const RELATED: RelatedResult = {
  subject: 'Mutual aid',
  url: 'https://wiki.example/Mutual_aid',
  how: 'exact',
  items: [
    { title: 'Solidarity', why: 'listed under "Related Concepts"' },
    { title: 'Cooperatives and Workers’ Councils', why: 'links here; same category: Economics' },
    { title: 'Kropotkin', why: 'linked from Mutual aid' },
    { title: 'Direct action', why: 'same category: Tactics' },
    { title: 'Gift economy', why: 'mentions Mutual aid' },
  ].map((i) => ({ ...i, url: `https://wiki.example/${encodeURIComponent(i.title.replace(/ /g, '_'))}` })),
};
