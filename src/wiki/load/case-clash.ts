// Titles of pages exported as `Title(1).md`. An export of a wiki where titles differ by case
// ("Dual power", "Dual Power") to a file system where they cannot writes the second one with a
// "(1)". The parser already drops the suffix (page-names.ts); which capitals the title had is
// known only from the rest of the wiki: the links that point to that page with a spelling no
// other page has. This needs every page, so it runs once all are loaded.
import type { Article, Redirect } from '../model.js';
import { isCaseClashFile, mediaWikiTitle, titleFromFileName } from '../page-names.js';

function caseless(s: string): string {
  return s
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();
}

/** Gives each case-clash page whose front matter names no title the spelling that the wiki's
 *  links and redirects use for it and no other page has (the most used one). A page no link
 *  tells about keeps the title of its file name without the "(1)". Titles and slugs change in
 *  place; URLs are derived from the slugs afterwards. */
export function nameCaseClashes(articles: readonly Article[], redirects: readonly Redirect[]): void {
  const clashes = articles.filter((a) => isCaseClashFile(a.path) && a.title === titleFromFileName(a.path));
  if (clashes.length === 0) return;
  const keys = new Set(clashes.map((a) => caseless(a.title)));
  const spellings = new Map<string, Map<string, number>>();
  const count = (target: string) => {
    const key = caseless(target);
    if (!keys.has(key)) return;
    const spelling = mediaWikiTitle(target);
    let forKey = spellings.get(key);
    if (!forKey) spellings.set(key, (forKey = new Map()));
    forKey.set(spelling, (forKey.get(spelling) ?? 0) + 1);
  };
  for (const a of articles) for (const l of a.links) count(l.target);
  for (const r of redirects) count(r.to);
  const taken = new Set(articles.filter((a) => !clashes.includes(a)).map((a) => mediaWikiTitle(a.title)));
  for (const a of clashes) {
    const candidates = [...(spellings.get(caseless(a.title)) ?? [])].filter(([s]) => !taken.has(s)).sort((x, y) => y[1] - x[1]);
    const best = candidates[0]?.[0];
    if (!best) continue;
    taken.add(best);
    a.title = best;
    a.slug = best.replace(/ /g, '_');
  }
}
