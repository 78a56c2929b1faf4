import { describe, expect, it } from 'vitest';
import { dailyReply, eligibleArticles, type DailyLibrary } from '../../src/daily/post.js';
import type { Library } from '../../src/library/library.js';
import { article, DUAL_POWER, fixtureLibrary, manyArticles } from './fixture.js';

describe('dailyReply', () => {
  // The pages Dual power links to are pages of this wiki: /related never lists a page it lacks.
  const library = fixtureLibrary([DUAL_POWER, ...DUAL_POWER.links.map((l) => article(l.target)), ...manyArticles(3)]);

  it('has the title linking to the page, the summary, a quotation and up to three related concepts', () => {
    const reply = dailyReply(library, DUAL_POWER);
    expect(reply).toMatchObject({
      kind: 'daily',
      title: 'Dual power',
      url: 'https://wiki.example.org/wiki/Dual_power',
      text: DUAL_POWER.summary,
    });
    expect(reply.private).toBeUndefined();
    // the attributed, sourced blockquote, not the bare inline remark
    expect(reply.quote).toMatchObject({
      speaker: 'Pierre-Joseph Proudhon',
      work: 'General Idea of the Revolution',
      source: 'https://example.org/proudhon',
      page: 'Dual power',
      sectionUrl: 'https://wiki.example.org/wiki/Dual_power#Historical_Origins',
    });
    expect(reply.items).toHaveLength(3);
    for (const item of reply.items!) {
      expect(item.title).not.toBe('Dual power');
      expect(item.why).toBeTruthy();
      expect(item.url).toMatch(/^https:\/\/wiki\.example\.org\/wiki\//);
    }
    expect(library.related('Dual power')!.items.map((i) => i.title)).toEqual(expect.arrayContaining(reply.items!.map((i) => i.title)));
  });

  it('leaves out the quotation and related concepts when there are none', () => {
    const plain = article('Mutual aid');
    const reply = dailyReply(fixtureLibrary([plain]), plain);
    expect(reply.quote).toBeUndefined();
    expect(reply.items).toBeUndefined();
    expect(reply.text).toBe(plain.summary);
  });

  it('survives a Library that throws on related()', () => {
    const lib = {
      articles: [DUAL_POWER],
      related: () => {
        throw new Error('index broken');
      },
    };
    expect(dailyReply(lib, DUAL_POWER).items).toBeUndefined();
  });
});

describe('eligibleArticles', () => {
  const pages = [
    DUAL_POWER,
    article('Empty', { summary: '', lead: '' }),
    article('Commune', { categories: ['Category:Historical_events'] }),
  ];
  const library = fixtureLibrary(pages);

  it('takes every page with a summary when no category is set', () => {
    expect(eligibleArticles(library, []).map((a) => a.title)).toEqual(['Dual power', 'Commune']);
  });

  it('keeps pages of DAILY_CATEGORIES, however the category is spelt', () => {
    expect(eligibleArticles(library, ['historical events']).map((a) => a.title)).toEqual(['Commune']);
    expect(eligibleArticles(library, ['STRATEGY', 'Historical_events']).map((a) => a.title)).toEqual(['Dual power', 'Commune']);
  });
});

// The real Library is a DailyLibrary (checked by the compiler; erased at run time).
const libraryFits: Library extends DailyLibrary ? true : never = true;
void libraryFits;
