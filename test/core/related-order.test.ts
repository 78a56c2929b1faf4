// /related ranks candidates by strength, then by title, and keeps the best ten however many
// pages share a category with the subject.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { Library } from '../../src/library/library.js';

let tmp: string;
let library: Library;
// 40 members of one category, named so that content order is not alphabetical order.
const members = Array.from({ length: 40 }, (_, i) => `Member ${String.fromCharCode(90 - (i % 26))}${Math.floor(i / 26)}`);

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'commonplace-related-'));
  const page = (title: string, body: string) => writeFile(path.join(tmp, `${title.replace(/ /g, '_')}.md`), `---\ntitle: ${title}\n---\n\n${body}\n`);
  const cat = '[Category:Things](Category:Things "wikilink") [Category:Stuff](Category:Stuff "wikilink")';
  await page('Subject', `Subject links [Member Q0](Member_Q0.md "wikilink").\n\n${cat}`);
  for (const [i, m] of members.entries()) {
    // Three members share both categories with the subject; the rest share one.
    await page(m, `${m} is a thing.\n\n${i % 13 === 5 ? cat : '[Category:Things](Category:Things "wikilink")'}`);
  }
  const content = await loadContent(tmp, { baseUrl: 'https://w/wiki/', summaryMaxChars: 300, cacheDir: null, workers: 0 });
  library = Library.build(content, { baseUrl: 'https://w/wiki/' });
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('related ranking', () => {
  it('puts the linked page first, then pages sharing more categories, then the rest by title', () => {
    const items = library.related('Subject')!.items;
    const both = members.filter((_, i) => i % 13 === 5 && members[i] !== 'Member Q0').sort();
    const one = members.filter((m, i) => i % 13 !== 5 && m !== 'Member Q0').sort();
    expect(items.map((i) => i.title)).toEqual(['Member Q0', ...both, ...one].slice(0, 10));
    expect(items[0]!.why).toMatch(/^linked from Subject/);
  });

  it('gives as many as asked for, and none for zero', () => {
    expect(library.related('Subject', 3)!.items).toHaveLength(3);
    expect(library.related('Subject', 0)!.items).toEqual([]);
  });
});
