// /related ranks candidates by strength, then by similarity (exact ties by title), and keeps
// the best ten however many pages share a category with the subject.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../src/library/library.js';
import { category, link, pageWiki } from '../helpers/page-wiki.js';
import { tempDirs } from '../helpers/temp.js';

const temp = tempDirs();
const things = category('Things');
const stuff = category('Stuff');
const wiki = (pages: Record<string, string>) => pageWiki(temp, pages);

afterAll(() => temp.removeAll());

describe('related ranking by shared categories', () => {
  let library: Library;
  // 40 members of one category, named so that content order is not alphabetical order.
  const members = Array.from({ length: 40 }, (_, i) => `Member ${String.fromCharCode(90 - (i % 26))}${Math.floor(i / 26)}`);
  // Three members share both categories with the subject; the rest share one.
  const sharesBoth = (i: number) => i % 13 === 5;

  beforeAll(async () => {
    const pages: Record<string, string> = { Subject: `Subject links ${link('Member Q0')}.\n\n${things} ${stuff}` };
    members.forEach((m, i) => {
      pages[m] = `${m} is a thing.\n\n${sharesBoth(i) ? `${things} ${stuff}` : things}`;
    });
    library = await wiki(pages);
  });

  it('puts the linked page first, then pages sharing the rarer category too, then the rest (all alike: by title)', () => {
    const items = library.related('Subject')!.items;
    const both = members.filter((m, i) => sharesBoth(i) && m !== 'Member Q0').sort();
    const one = members.filter((m, i) => !sharesBoth(i) && m !== 'Member Q0').sort();
    expect(items.map((i) => i.title)).toEqual(['Member Q0', ...both, ...one].slice(0, 10));
    expect(items[0]!.why).toMatch(/^linked from Subject; same category: Things/);
    expect(items[1]!.why).toBe('same categories: Things and Stuff');
  });

  it('gives as many as asked for, and none for zero', () => {
    expect(library.related('Subject', 3)!.items).toHaveLength(3);
    expect(library.related('Subject', 0)!.items).toEqual([]);
  });
});

describe('related ranking when links outrank every category member', () => {
  let library: Library;
  // Twelve linked pages (3 points each, more than the 2.5 a page sharing only the one category
  // can reach), five of them also in the subject's category; and 30 other category members.
  const linked = Array.from({ length: 12 }, (_, i) => `Linked ${String.fromCharCode(76 - i)}`);
  const inCategory = new Set(linked.filter((_, i) => i % 2 === 0).slice(0, 5));
  const others = Array.from({ length: 30 }, (_, i) => `Aardvark ${i}`);

  beforeAll(async () => {
    const pages: Record<string, string> = { Subject: `Subject links ${linked.map((l) => link(l)).join(', ')}.\n\n${things}` };
    for (const l of linked) pages[l] = `${l} is a page.${inCategory.has(l) ? `\n\n${things}` : ''}`;
    for (const o of others) pages[o] = `${o} is a page.\n\n${things}`;
    library = await wiki(pages);
  });

  it('still gives the linked pages their shared-category reason, which ranks them first', () => {
    const items = library.related('Subject')!.items;
    const first = [...inCategory].sort();
    const rest = linked.filter((l) => !inCategory.has(l)).sort();
    expect(items.map((i) => i.title)).toEqual([...first, ...rest].slice(0, 10));
    expect(items[0]!.why).toBe('linked from Subject; same category: Things');
    expect(items[5]!.why).toBe('linked from Subject');
    expect(items.some((i) => i.title.startsWith('Aardvark'))).toBe(false);
  });

  it('lets category members in once fewer pages are linked than places asked for', () => {
    const items = library.related('Subject', 14)!.items;
    expect(items.slice(12).map((i) => i.title)).toEqual(['Aardvark 0', 'Aardvark 1']);
    expect(items[12]!.why).toBe('same category: Things');
  });
});

describe('related ranking with a category listed twice', () => {
  it('counts a page in the category once, however often (or however spelt) the page lists it', async () => {
    const library = await wiki({
      Subject: `Subject.\n\n${things}`,
      Alpha: `Alpha.\n\n${things}`,
      Beta: `Beta.\n\n${things}`,
      Zed: `Zed.\n\n${things} [Category:things](Category:things "wikilink")`,
    });
    expect(library.related('Subject', 2)!.items.map((i) => i.title)).toEqual(['Alpha', 'Beta']);
  });
});
