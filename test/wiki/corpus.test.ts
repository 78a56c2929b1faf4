// The libsocwiki export (969 real pages) next to the repository, when it is there.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/wiki/load/load-folder.js';
import type { Article, Content } from '../../src/wiki/model.js';
import { libsocDir } from '../helpers/library.js';

const pagesDir = libsocDir;
const corpus = path.dirname(pagesDir);
const exists = existsSync(pagesDir);
if (!exists) console.warn(`[content] skipping the libsocwiki corpus tests: ${pagesDir} is missing`);

interface ManifestRow {
  file: string;
  redirect: boolean;
  headings: number;
  footnoteDefs: number;
  categoryLinks: number;
}

function manifest(): ManifestRow[] {
  const [head, ...rows] = readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split('\t'));
  const col = (name: string) => head!.indexOf(name);
  // The file column is quoted CSV-style when a name has quotes: "pages/Arthur_""Slim""_Evans.md".
  const unquote = (f: string) => (f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f);
  return rows.map((r) => ({
    file: unquote(r[col('file')]!).replace(/^pages\//, ''),
    redirect: r[col('redirect')] === '1',
    headings: Number(r[col('headings')]),
    footnoteDefs: Number(r[col('footnote_defs')]),
    categoryLinks: Number(r[col('category_links')]),
  }));
}

describe.skipIf(!exists)('libsocwiki corpus', () => {
  let content: Content;
  let byPath: Map<string, Article>;
  beforeAll(async () => {
    content = await loadContent(pagesDir, { baseUrl: 'https://libsoc-wiki.fandom.com/wiki/', summaryMaxChars: 600, cacheDir: null });
    byPath = new Map(content.articles.map((a) => [a.path, a]));
  }, 120_000);

  it('loads all 969 files; the only warnings are for pages without text, which are kept', () => {
    expect(content.stats.files).toBe(969);
    const textless = new Set(content.articles.filter((a) => a.lead === '' && a.sections.length === 0).map((a) => a.path));
    for (const w of content.warnings) {
      expect(w).toMatchObject({ kept: true, reason: expect.stringMatching(/^empty page/) });
      expect(textless.has(w.path), w.path).toBe(true);
    }
    expect(content.articles.length + content.redirects.length).toBe(969);
  });

  it('recognises every redirect the manifest lists, and only those', () => {
    const expected = manifest()
      .filter((r) => r.redirect)
      .map((r) => r.file)
      .sort();
    expect(content.redirects.map((r) => r.path).sort()).toEqual(expected);
    expect(content.redirects).toContainEqual({ from: 'Can Masdeu Uprising', to: 'Battle of Can Masdeu', path: 'Can_Masdeu_Uprising.md' });
    for (const r of content.redirects) expect(r.to).not.toMatch(/\.md$|_|wikilink/);
  });

  it('agrees with the manifest on headings and footnotes of every page', () => {
    const mismatches: string[] = [];
    for (const row of manifest()) {
      if (row.redirect) continue;
      const a = byPath.get(row.file);
      if (!a) {
        mismatches.push(`${row.file}: no article`);
        continue;
      }
      if (a.sections.length !== row.headings) mismatches.push(`${row.file}: ${a.sections.length} sections, manifest ${row.headings}`);
      if (a.footnotes.length !== row.footnoteDefs)
        mismatches.push(`${row.file}: ${a.footnotes.length} footnotes, manifest ${row.footnoteDefs}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('uses front-matter titles', () => {
    expect(byPath.get('Bullshit_Jobs:_A_Theory.md')!.title).toBe('Bullshit Jobs: A Theory');
    expect(byPath.get('A.S._Embree.md')!.title).toBe('A.S. Embree');
    expect(byPath.get("Workers'_Control_in_Italy.md")!.title).toBe("Workers' Control in Italy");
    expect(byPath.get('A.S._Embree.md')!.url).toBe('https://libsoc-wiki.fandom.com/wiki/A.S._Embree');
  });

  it('extracts categories and keeps them out of links', () => {
    const embree = byPath.get('A.S._Embree.md')!;
    expect(embree.categories).toEqual(['IWW', 'USA', 'North America', 'Syndicalists', 'Communists', 'Trade Unionists']);
    // The footnote's link to "Wikipedia" is a citation, not a related page.
    expect(embree.links.map((l) => l.target)).toEqual([
      'Syndicalism',
      'Communism',
      'Industrial Workers of the World',
      'Columbine Massacre (1927)',
    ]);
    expect(embree.aliases).toEqual(['A. S. Embree']);
    // Every page the manifest counts category links on has categories, and no other page.
    const expected = manifest()
      .filter((r) => !r.redirect && r.categoryLinks > 0)
      .map((r) => r.file)
      .sort();
    expect(
      content.articles
        .filter((a) => a.categories.length > 0)
        .map((a) => a.path)
        .sort(),
    ).toEqual(expected);
    // A page in a namespace (a category, a user, a file, help) is never one of a page's links.
    for (const a of content.articles)
      expect(a.links.filter((l) => /^(?:Category|User|File|Image|Help|Special|Template):/i.test(l.target))).toEqual([]);
  });

  it('writes sensible summaries', () => {
    const bad = content.articles.filter((a) => /\[|\]\(|wikilink|Category:|<\/?[a-z]|\[\^|\n/.test(a.summary) || a.summary.length > 600);
    expect(bad.map((a) => `${a.path}: ${a.summary.slice(0, 80)}`)).toEqual([]);
    expect(byPath.get('A.S._Embree.md')!.summary).toBe(
      "A. S. Embree was a syndicalist, communist and IWW organiser. He was deported during the Bisbee Deportation and was repeatedly arrested in, he also helped organise the Columbine Coalminers' Strike.",
    );
    expect(byPath.get('Bay_of_Pigs_Invasion.md')!.summary).toMatch(
      /^The Bay of Pigs invasion was an attempted invasion of Cuba by Cuban exiles/,
    );
    expect(byPath.get('Green_Bans.md')!.summary).toMatch(/^Green Bans are strikes designed to protect the environment/);
    expect(byPath.get('White_Terror_(Spain).md')!.summary).not.toMatch(/^Not to be confused/);
    const withSummary = content.articles.filter((a) => a.summary.length > 0).length;
    // The pages without one have no paragraph to summarise: message walls, lists of dates,
    // title lines, notes in italics (clean-replies.test.ts checks this page by page).
    expect(withSummary).toBeGreaterThan(content.articles.length - 30);
    expect(byPath.get('Capitalism.md')!.summary).toBe(
      'Capitalism is a way of organizing resources and people in order to produce a profit for those who control property. It has three major traits: Privateownership controls the production of commodities; Commerce is used to move resources around society; Society is divided into classes, with most people working for others for wages.',
    );
    expect(byPath.get('Auschwitz.md')!.summary).toMatch(/^Auschwitz is the name of a complex/);
  });

  it('finds quotes with speakers and sources', () => {
    const bakunin = byPath.get('Mikhail_Bakunin.md')!;
    expect(bakunin.quotes.length).toBeGreaterThan(10);
    expect(bakunin.quotes[0]).toMatchObject({
      kind: 'inline',
      speaker: 'Mikhail Bakunin',
      work: 'The Reaction in Germany',
      year: '1842',
      section: 'Quotes',
    });
    const nimitz = byPath.get('Nuclear_Bombings_of_Japan.md')!.quotes.find((q) => q.speaker === 'Chester Nimitz');
    expect(nimitz?.text).toMatch(/^The Japanese had, in fact, already sued for peace/);
    const dennis = byPath.get('An_Anarcho-Syndicalist_Commune_(Monty_Python).md')!.quotes[0]!;
    expect(dennis).toMatchObject({ kind: 'blockquote', speaker: 'Dennis', source: 'https://www.youtube.com/watch?v=R7qT-C-0ajI' });
    for (const a of content.articles) for (const q of a.quotes) expect(q.text).not.toMatch(/\[\^|wikilink|\]\(/);
  });

  it('finds Term - description concepts', () => {
    const science = byPath.get('Science.md')!;
    expect(science.concepts).toContainEqual(expect.objectContaining({ term: 'Mycology', description: 'study of funguses' }));
    const all = content.articles.flatMap((a) => a.concepts);
    expect(all.length).toBeGreaterThan(500);
    for (const c of all) {
      expect(c.term.length).toBeLessThanOrEqual(80);
      expect(c.term).not.toMatch(/wikilink|\]\(/);
    }
  });
});
