// The rules /related ranks by, each on a small wiki written here: strong reasons (listed
// together, links, shared links, mentions) before same-category filler; filler by similarity,
// not by title; hubs weigh less; every item links to a page of the wiki or to the section that
// lists a concept; never a namespace page or a URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../src/library/library.js';
import type { RelatedItem } from '../../src/library/types.js';
import { category, link, pageAt, pageWiki } from '../helpers/page-wiki.js';
import { tempDirs } from '../helpers/temp.js';

const temp = tempDirs();
afterAll(() => temp.removeAll());

const titles = (items: RelatedItem[]) => items.map((i) => i.title);
const item = (items: RelatedItem[], title: string) => items.find((i) => i.title === title);

describe('strong reasons before same-category filler', () => {
  let items: RelatedItem[];
  // Three twins share every category of the subject and nothing else; each other page has one
  // strong reason and no category.
  const categories = ['Tides', 'Shores', 'Commons'].map(category).join(' ');

  beforeAll(async () => {
    const library = await pageWiki(temp, {
      'Tidal Commons': `Tidal Commons draws on ${link('Rare Shell')} and ${link('Rare Stone')}.\n\n${categories}`,
      'Rare Shell': 'Rare Shell is a page.',
      'Rare Stone': 'Rare Stone is a page.',
      Sharer: `Sharer also reads ${link('Rare Shell')} and ${link('Rare Stone')}.`,
      Linker: `Linker points at ${link('Tidal Commons')}.`,
      Mentioner: 'Mentioner writes at length about tidal commons without a link.',
      Index: '## Kinds\n\n- Tidal Commons - one kind\n- Neighbour - another kind',
      Neighbour: 'Neighbour is a page.',
      ...Object.fromEntries(['Twin A', 'Twin B', 'Twin C'].map((t) => [t, `${t} is a page.\n\n${categories}`])),
    });
    items = library.related('Tidal Commons')!.items;
  });

  it('ranks every page with a strong reason above every page that only shares categories', () => {
    const strong = ['Index', 'Neighbour', 'Linker', 'Rare Shell', 'Rare Stone', 'Sharer', 'Mentioner'];
    expect(titles(items).slice(0, strong.length).sort()).toEqual([...strong].sort());
    expect(titles(items).slice(strong.length)).toEqual(['Twin A', 'Twin B', 'Twin C']);
  });

  it('says what relates each one', () => {
    const table: [string, RegExp][] = [
      ['Index', /^lists Tidal Commons under "Kinds"; mentions Tidal Commons$/],
      ['Neighbour', /^listed together under "Kinds" in Index$/],
      ['Linker', /^links here; mentions Tidal Commons$/],
      ['Rare Shell', /^linked from Tidal Commons$/],
      ['Sharer', /^both link to Rare (Shell|Stone) and Rare (Shell|Stone)$/],
      ['Mentioner', /^mentions Tidal Commons$/],
      ['Twin A', /^same categories: Tides, Shores and Commons$/],
    ];
    for (const [title, why] of table) expect(item(items, title)?.why, title).toMatch(why);
  });
});

describe('filler ranked by similarity, not by title', () => {
  it('puts a page sharing a rare category before pages sharing only a common one', async () => {
    const common = category('Everything');
    const pages: Record<string, string> = {
      Subject: `Subject.\n\n${common} ${category('Few')}`,
      'Zz Close': `Zz Close.\n\n${category('Few')}`,
    };
    for (const t of ['Aa One', 'Aa Two', 'Aa Three', 'Aa Four', 'Aa Five', 'Aa Six']) pages[t] = `${t}.\n\n${common}`;
    const library = await pageWiki(temp, pages);
    const items = library.related('Subject')!.items;
    expect(items[0]).toMatchObject({ title: 'Zz Close', why: 'same category: Few' });
    expect(items).toHaveLength(7);
    expect(
      titles(items)
        .slice(1)
        .every((t) => t.startsWith('Aa')),
    ).toBe(true);
  });

  it('puts a page that shares more than a category before one that shares only the category', async () => {
    const few = category('Few');
    const library = await pageWiki(temp, {
      Subject: `Subject reads ${link('Far Page')}.\n\n${few}`,
      'Far Page': 'Far Page.',
      'Aa Plain': `Aa Plain.\n\n${few}`,
      'Zz Also Reads': `Zz Also Reads reads ${link('Far Page')}.\n\n${few}`,
    });
    const items = library.related('Subject')!.items;
    expect(titles(items)).toEqual(['Far Page', 'Zz Also Reads', 'Aa Plain']);
    expect(items[1]!.why).toBe('both link to Far Page; same category: Few');
  });
});

describe('hubs weigh less', () => {
  let items: RelatedItem[];

  beforeAll(async () => {
    // Hub is linked from every page and links back to the subject; Quiet only from the subject.
    const pages: Record<string, string> = {
      Subject: `Subject reads ${link('Hub')} and ${link('Quiet')}.`,
      Hub: `Hub is everywhere, even in ${link('Subject')}.`,
      Quiet: 'Quiet is a page.',
    };
    for (let i = 1; i <= 20; i++) pages[`Page ${i}`] = `Page ${i} reads ${link('Hub')}.`;
    items = (await pageWiki(temp, pages)).related('Subject')!.items;
  });

  it('ranks a page only the subject links above a page every page links, even both ways', () => {
    expect(titles(items).slice(0, 2)).toEqual(['Quiet', 'Hub']);
    expect(items[0]!.why).toBe('linked from Subject');
    expect(items[1]!.why).toBe('links here; linked from Subject; mentions Subject');
  });

  it('does not count a link to a hub as a reason pages are related', () => {
    // Every page links Hub, as the subject does: weak filler, after both strong items.
    expect(
      titles(items)
        .slice(2)
        .every((t) => t.startsWith('Page ')),
    ).toBe(true);
    expect(items[2]!.why).toBe('both link to Hub');
  });
});

describe('every item links to a page of the wiki or to the section that lists it', () => {
  let library: Library;

  beforeAll(async () => {
    library = await pageWiki(temp, {
      Subject: [
        `Subject links ${link('Present')}, ${link('Absent')} and ${link('Wraith')}.`,
        '',
        '## Related Concepts',
        '',
        `- ${link('Present')} - a page of the wiki`,
        '- Ghost - a concept with no page',
        `- ${link('Phantom')} - a concept whose page is missing`,
      ].join('\n'),
      Present: 'Present is a page.',
      Glossary: 'Glossary.\n\n## Terms of Art\n\n- Wraith - described here, on no page of its own',
    });
  });

  it('links concepts to the section of their list, and leaves out pages the wiki lacks', () => {
    const items = library.related('Subject')!.items;
    const list = pageAt('Subject', 'Related_Concepts');
    expect(new Map(items.map((i) => [i.title, i.url]))).toEqual(
      new Map([
        ['Present', pageAt('Present')],
        ['Phantom', list],
        ['Ghost', list],
        ['Wraith', pageAt('Glossary', 'Terms_of_Art')],
      ]),
    );
    expect(item(items, 'Wraith')!.why).toBe('linked from Subject');
    expect(item(items, 'Ghost')!.why).toBe('listed under "Related Concepts"');
  });

  it('links the header of a concept with no page to its list, and its neighbours likewise', () => {
    const r = library.related('Ghost')!;
    expect(r.url).toBe(pageAt('Subject', 'Related_Concepts'));
    // The two neighbours have the same reason: by title.
    expect(r.items).toEqual([
      { title: 'Subject', url: pageAt('Subject'), why: 'lists Ghost under "Related Concepts"' },
      { title: 'Phantom', url: pageAt('Subject', 'Related_Concepts'), why: 'listed together under "Related Concepts" in Subject' },
      { title: 'Present', url: pageAt('Present'), why: 'listed together under "Related Concepts" in Subject' },
    ]);
  });
});

describe('never a namespace page or a URL', () => {
  it('leaves out user, file, category, project and interwiki pages, even when the wiki has them', async () => {
    const library = await pageWiki(temp, {
      Subject: [
        `Subject links ${link('Real Page')}, ${link('User:Someone')}, ${link('File:Picture.jpg')}, ${link('Wikipedia:Policy')},`,
        `${link('Ours Wiki:About')}, ${link('Category:Things', 'the category page')} and [a site](https://example.org/page).`,
        '',
        '## Related Concepts',
        '',
        `- ${link('Wikipedia:Anarchism')} - the encyclopedia's article`,
        '- https://example.org/reading - a reading list',
        '- Real Concept - a concept of the wiki',
      ].join('\n'),
      'Real Page': 'Real Page is a page.',
      'User:Someone': `A user who links ${link('Subject')}.`,
      'Ours Wiki:About': `About this wiki, and ${link('Subject')}.`,
      'Category:Things': `Things, including ${link('Subject')}.`,
    });
    const items = library.related('Subject')!.items;
    expect(titles(items).sort()).toEqual(['Real Concept', 'Real Page']);
  });
});
