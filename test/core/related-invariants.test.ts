// /related over every article and every concept of content/ and of libsocwiki (969 real pages
// of another wiki, when ../shared is there): every item, and the header, links to a page of the
// wiki or to a section of one (where a concept is listed), and no item is a URL or a page of a
// namespace (users, files, categories, the wiki's own pages).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Library } from '../../src/library/library.js';
import { withAnchor } from '../../src/wiki/page-url.js';
import { contentDir, libsocDir, testLibrary } from '../helpers/library.js';

const libsoc = existsSync(libsocDir);
if (!libsoc) console.warn(`[related] skipping /related over libsocwiki: ${libsocDir} is missing`);

/** A URL, or a `Namespace:Name` page (MediaWiki writes no space after a namespace's colon). */
const NOT_A_CONCEPT = /:\/\/|^www\.|^\p{L}[^:]*:\S|^(?:user|file|image|category|wikipedia|template|special)\s*:/iu;

/** The replies with an item (or a header) that breaks the rules, one line each. */
function failures(library: Library): { replies: number; failing: string[] } {
  const addresses = new Set<string>();
  for (const a of library.articles) {
    addresses.add(a.url);
    for (const s of a.sections) addresses.add(withAnchor(a.url, s.anchor));
  }
  const terms = new Set(library.articles.map((a) => a.title));
  for (const a of library.articles) for (const c of a.concepts) terms.add(c.term);
  const failing: string[] = [];
  let replies = 0;
  for (const term of terms) {
    const r = library.related(term);
    if (!r) continue;
    replies++;
    const bad: string[] = [];
    if (r.url !== undefined && !addresses.has(r.url)) bad.push(`header <${r.url}>`);
    for (const item of r.items) {
      if (!item.url || !addresses.has(item.url)) bad.push(`${item.title} <${item.url}> links nowhere`);
      if (NOT_A_CONCEPT.test(item.title)) bad.push(`${item.title} is not a concept`);
      if (!item.why) bad.push(`${item.title} has no reason`);
    }
    if (bad.length) failing.push(`/related ${term}: ${bad.join(', ')}`);
  }
  return { replies, failing };
}

describe('/related over every article and concept', () => {
  it('of content/: links only pages and sections of the wiki', async () => {
    const { replies, failing } = failures(await testLibrary(contentDir));
    expect(replies).toBeGreaterThan(1);
    expect(failing).toEqual([]);
  });

  it.skipIf(!libsoc)(
    'of libsocwiki: links only pages and sections of the wiki, never a URL or a namespace page',
    async () => {
      const { replies, failing } = failures(await testLibrary(libsocDir));
      expect(replies).toBeGreaterThan(1500);
      expect(failing).toEqual([]);
    },
    120_000,
  );
});
