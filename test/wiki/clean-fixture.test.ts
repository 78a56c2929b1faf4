// The hand-written fixture wiki (test/fixtures/wiki/): one page per shape that exports get
// wrong, each asked through the commands and asserted as a reader would see the answer.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runText } from '../../commands/index.js';
import type { CommandDeps } from '../../commands/types.js';
import type { Reply } from '../../src/reply.js';
import { loadContent } from '../../src/wiki/load/load-folder.js';
import type { Content } from '../../src/wiki/model.js';
import { repoRoot, testConfig, testLibrary } from '../helpers/library.js';

const fixtureDir = path.join(repoRoot, 'test', 'fixtures', 'wiki');
const WIKI = 'https://anarwiki.org/wiki/';

let deps: CommandDeps;
let content: Content;
const ask = (line: string): Promise<Reply> => runText(deps, line, { platform: 'shell' });

beforeAll(async () => {
  deps = { library: await testLibrary(fixtureDir), config: testConfig() };
  content = await loadContent(fixtureDir, { baseUrl: WIKI, summaryMaxChars: 600, cacheDir: null });
});

describe('leads', () => {
  it('sets hatnotes aside and keeps the first one as the page hatnote', async () => {
    const r = await ask('/define gift economy');
    expect(r.text).toBe(
      'A gift economy is a way of sharing goods in which things are given without any explicit agreement of something in return. Gifts build lasting ties between the people who give and receive them.',
    );
    expect(content.articles.find((a) => a.title === 'Gift economy')!.hatnote).toBe('Not to be confused with barter.');
  });

  it('reads an epigraph as a quotation, not as the start of the summary', async () => {
    const r = await ask('/define commons');
    expect(r.text).toBe(
      'The commons are resources held and looked after by a community rather than by an owner. Fields, forests and fisheries were long managed this way.',
    );
    const q = await ask('/quote Holloway');
    expect(q.quote).toMatchObject({
      text: 'The land was never made for one alone to hold against all the others who must live upon it.',
      speaker: 'Greta Holloway',
      work: 'Songs of the Field',
      year: '1911',
      page: 'Commons',
    });
  });

  it('gives an introduction with the passage it introduces, quoted', async () => {
    const r = await ask('/define free school');
    expect(r.text).toBe(
      'From The Open Classroom: “A free school is a school where the children decide what they learn and when they learn it. Adults are there to help, never to command. Classes happen when someone asks for them, and nobody is made to attend. The meeting of the whole school, children and adults alike, makes the rules.”',
    );
  });

  it('reads bold and linked words glued to their neighbours with a space', async () => {
    const r = await ask('/define council democracy');
    expect(r.text).toBe(
      "Council democracy is a form of self-government through councils of delegates, sometimes called council rule or workers' councils. Delegates are sent by the assembly of each workplace and can be recalled at any time.",
    );
  });
});

describe('files', () => {
  it('loads a page with bytes that are not UTF-8, reads them as Windows-1252, and says where they were', async () => {
    expect(content.warnings).toEqual([
      { path: 'Café_collective.md', reason: 'not valid UTF-8 at byte 14 (and 2 more); read as Windows-1252 and loaded', kept: true },
      // Titles that differ only by case share one name; each page answers to its own spelling (see below).
      {
        path: 'mutual_credit(1).md',
        reason:
          'has the title "Mutual Credit", which differs from Mutual_credit.md\'s "Mutual credit" only in case: each page answers when its title is typed with its capitals, Mutual_credit.md otherwise',
        kept: true,
      },
    ]);
    const r = await ask('/define café collective');
    expect(r.title).toBe('Café collective');
    expect(r.text).toBe(
      'A café collective is a café run by the people who work in it. Its members don’t have a boss and share the takings equally.',
    );
  });

  it('names a case-clash file by the spelling links give it, never with its "(1)"', () => {
    const clash = content.articles.find((a) => a.path === 'mutual_credit(1).md')!;
    expect(clash.title).toBe('Mutual Credit');
    expect(clash.url).toBe(`${WIKI}Mutual_Credit`);
    expect(clash.summary).toBe('Mutual Credit was a newsletter about lending circles, printed by volunteers and given away at markets.');
    for (const a of content.articles) expect(`${a.title} ${a.url}`).not.toMatch(/\(1\)/);
  });

  it('answers each of two titles that differ only in case when it is typed with its capitals, as MediaWiki does', async () => {
    const newsletter = 'Mutual Credit was a newsletter about lending circles, printed by volunteers and given away at markets.';
    for (const typed of ['Mutual Credit', 'mutual Credit', 'Mutual_Credit']) {
      const r = await ask(`/define ${typed}`);
      expect({ typed, title: r.title, text: r.text }).toEqual({ typed, title: 'Mutual Credit', text: newsletter });
    }
    for (const typed of ['Mutual credit', 'mutual credit', 'MUTUAL CREDIT']) {
      const r = await ask(`/define ${typed}`);
      expect({ typed, title: r.title }).toEqual({ typed, title: 'Mutual credit' });
      expect(r.text).not.toBe(newsletter);
    }
    // Both are offered while typing, each under its own title.
    expect(deps.library.complete('terms', 'mutual cr')).toEqual(expect.arrayContaining(['Mutual credit', 'Mutual Credit']));
  });
});

describe('quotations', () => {
  it('names every author of a footnote that cites several', async () => {
    const r = await ask('/quote Ann Example and Bob Sample');
    expect(r.quote).toMatchObject({
      text: '…members stay in their homes for twice as long as tenants do, and most of them take part in running the building.',
      speaker: 'Ann Example and Bob Sample',
      work: 'Living Together',
      year: '1999',
    });
    const three = await ask('/quote Carl Sample, Dora Example and Eve Person');
    expect(three.quote).toMatchObject({ speaker: 'Carl Sample, Dora Example and Eve Person', work: 'Housing and Safety', year: '2004' });
  });

  it('takes a citation of an editor or a publication as the source, not the speaker', () => {
    const quotes = content.articles.find((a) => a.title === 'Cooperative housing')!.quotes;
    expect(quotes.find((q) => q.footnote === '3')).toEqual({
      kind: 'inline',
      text: '…shared ownership makes neighbours out of strangers who would never have met.',
      work: 'Collected Essays on Housing',
      year: '2001',
      footnote: '3',
      section: 'Research',
      anchor: 'Research',
    });
    expect(quotes.find((q) => q.footnote === '4')).toMatchObject({ work: 'The Cooperative Question', year: '2010' });
    expect(quotes.find((q) => q.footnote === '4')!.speaker).toBeUndefined();
  });

  it.each([
    ['Helen Marsh', 'The only way to change what is done is to do something different ourselves'],
    ['Ivo Brandt', 'Asking for permission teaches people that they need it'],
    [
      'Jon Alder',
      'Every strike, every occupation and every blockade is a lesson in what people can do without being told. No petition has ever taught that.',
    ],
    ['Kira Lund', 'Take the bread and break it, share it out among the many hands that made it.'],
  ])('reads an attribution in the text: %s', async (speaker, text) => {
    const r = await ask(`/quote ${speaker}`);
    expect(r.quote).toMatchObject({ speaker, text, page: 'Direct action', section: 'Views' });
    expect(r.total).toBe(1);
  });

  it('quotes the sentence around a fragment', async () => {
    const r = await ask('/quote Quill');
    expect(r.quote).toMatchObject({
      text: 'A reporter once asked whether "property is theft," and the crowd answered at length.',
      speaker: 'Lena Quill',
      work: 'Crowds',
    });
  });
});

describe('related items', () => {
  it('lists concepts of a definition list, never reading lists, namespace pages, files or addresses', async () => {
    const article = content.articles.find((a) => a.title === 'Tool library')!;
    expect(article.concepts.map((c) => `${c.term}: ${c.description}`)).toEqual([
      'Gift economy: sharing without a price',
      'Repair café: a meeting where people mend things together',
    ]);
    expect(article.links.map((l) => l.target)).toEqual(['Gift economy']);
    const r = await ask('/related tool library');
    const titles = r.items!.map((i) => i.title);
    expect(titles).toContain('Gift economy');
    expect(titles).toContain('Repair café');
    for (const t of titles) expect(t).not.toMatch(/^(?:User|File):|Nora Writer|Shared Shed|Tool Library Network|https?:|tools\.example/);
    for (const i of r.items!) expect(i.url).toMatch(/^https:\/\/anarwiki\.org\/wiki\//);
  });
});
