// Building a Library leaves what it was built from as it was, and its indexes can be saved as
// often as wanted, from a built or a loaded Library, always to the same bytes.
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWiki, titles } from '../../bench/generate.js';
import { Library } from '../../src/library/library.js';
import { readSavedIndexes, writeSavedIndexes } from '../../src/library/persist.js';
import { loadContent } from '../../src/wiki/load/load-folder.js';
import type { Content } from '../../src/wiki/model.js';
import { contentDir } from '../helpers/library.js';
import { tempDirs } from '../helpers/temp.js';

const temp = tempDirs();
const BASE = 'https://w/wiki/';
let wikiDir: string;

beforeAll(async () => {
  wikiDir = await temp.make('commonplace-build-');
  await generateWiki(wikiDir, 40, 3);
  await copyFile(path.join(contentDir, 'Dual_power.md'), path.join(wikiDir, 'Dual_power.md'));
});

afterAll(() => temp.removeAll());

const load = (): Promise<Content> => loadContent(wikiDir, { baseUrl: BASE, summaryMaxChars: 300, cacheDir: null, workers: 0 });

/** What a few questions answer, in plain data. */
function answers(library: Library): unknown {
  const some = titles(40, 3).slice(0, 5);
  return [
    ...some.map((t) => library.related(t)),
    ...some.map((t) => library.search(t.split(' ')[0]!).hits.map((h) => [h.article.title, h.section?.heading, h.excerpt])),
    library.search('workers councils').hits.map((h) => [h.article.title, h.section?.heading]),
    library.resolve('dual powr')?.matched,
    library.suggest('dual'),
    library.complete('terms', 'du'),
    library.complete('speakers', 'kro'),
    library.quotes('Kropotkin').total,
  ];
}

describe('Library.build', () => {
  it('changes nothing it is given: the same content builds a second Library with the same answers', async () => {
    const content = await load();
    const terms = content.terms!.map((t) => t && Buffer.from(t));
    expect(terms.filter(Boolean)).toHaveLength(content.articles.length);
    const articles = [...content.articles];
    const first = Library.build(content, { baseUrl: BASE });
    expect(content.terms!.map((t) => t && Buffer.from(t))).toEqual(terms);
    expect(content.articles).toEqual(articles);
    const second = Library.build(content, { baseUrl: BASE });
    expect(answers(second)).toEqual(answers(first));
  });

  it('saves its indexes as often as asked, built or loaded, always to the same bytes', async () => {
    const dir = await temp.make('commonplace-save-');
    const file = (name: string) => path.join(dir, `${name}.index`);
    const built = Library.build(await load(), { baseUrl: BASE });
    expect(await writeSavedIndexes(file('a'), 'key', built)).toBe(true);
    expect(await writeSavedIndexes(file('b'), 'key', built)).toBe(true);

    const saved = readSavedIndexes(file('a'), 'key');
    expect(saved).toBeDefined();
    const loaded = Library.build(await load(), { baseUrl: BASE, saved });
    saved!.close?.();
    expect(loaded.imported).toBe(true);
    expect(await writeSavedIndexes(file('c'), 'key', loaded)).toBe(true);

    const bytes = await readFile(file('a'));
    expect((await readFile(file('b'))).equals(bytes)).toBe(true);
    expect((await readFile(file('c'))).equals(bytes)).toBe(true);
    expect(answers(loaded)).toEqual(answers(built));
  });
});
