// Details of how pages are stored and addressed that users notice indirectly: section links
// that survive being pasted into chat, search that ignores hyphenation, and memory.
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { compactString, compactStrings } from '../../src/wiki/parse/one-byte-strings.js';
import { packTerms, searchTerms, unpackTerms, withJoinedHyphens } from '../../src/wiki/parse/search-terms.js';
import { pageUrl, withAnchor } from '../../src/wiki/page-url.js';

describe('section links', () => {
  it('escapes quotes and question marks in anchors so chat links do not break', () => {
    const url = withAnchor(pageUrl('https://anarwiki.org/wiki/', 'Dual_power'), 'Criticisms_of_"Anarchist_Dual_Power"_Terminology');
    expect(url).toBe('https://anarwiki.org/wiki/Dual_power#Criticisms_of_%22Anarchist_Dual_Power%22_Terminology');
    expect(withAnchor('https://w/x', 'Why?')).toBe('https://w/x#Why%3F');
    expect(withAnchor('https://w/x')).toBe('https://w/x');
  });
});

describe('search terms', () => {
  it('survive packing: lead, sections and quotes, wide characters and empty lines kept apart, in fewer bytes', () => {
    const terms = {
      lead: searchTerms('Dual power (двоевластие) is a strategy'),
      sections: [searchTerms('Soviets and workers’ councils — 労働者評議会'), '', searchTerms('Counterpower')],
      quotes: [searchTerms('The state is a hierarchy'), searchTerms('العمال')],
    };
    const packed = packTerms(terms);
    expect(unpackTerms(packed, 3)).toEqual(terms);
    const big = { lead: 'power '.repeat(2000).trim(), sections: [], quotes: [] };
    expect(packTerms(big).byteLength).toBeLessThan(big.lead.length / 10);
  });

  it('adds the joined spelling of hyphenated words', () => {
    expect(withJoinedHyphens('worker co-operatives and self-management')).toBe(
      'worker co-operatives and self-management cooperatives selfmanagement',
    );
    expect(withJoinedHyphens('no hyphen - here')).toBe('no hyphen - here');
  });

  it('finds "cooperatives" in text that says "co-operatives"', () => {
    const doc = searchTerms('by co-operatives without daring').split(' ');
    for (const term of searchTerms('cooperatives').split(' ')) expect(doc).toContain(term);
  });

  it('lists each term once', () => {
    const terms = searchTerms('power to the power of power').split(' ');
    expect(new Set(terms).size).toBe(terms.length);
  });
});

describe('compact strings', () => {
  // A slice of a page with one wide character (an em dash) is stored two bytes per character;
  // the v8 serializer (the cache and the worker messages) shows the representation.
  const page = `${'plain ascii text '.repeat(50)}—`;
  const slice = page.slice(0, 400);

  it('keeps the text and stores Latin-1 text in half the bytes', () => {
    const compact = compactString(slice);
    expect(compact).toBe(slice);
    expect(v8.serialize(compact).length).toBeLessThan(v8.serialize(slice).length * 0.6);
  });

  it('leaves text with wide characters as it is, and walks nested data', () => {
    const data = { a: [slice, page], b: { c: slice }, n: 3, z: null };
    compactStrings(data);
    expect(data).toEqual({ a: [slice, page], b: { c: slice }, n: 3, z: null });
    expect(v8.serialize(data.b.c).length).toBeLessThan(v8.serialize(page.slice(0, 400)).length * 0.6);
  });
});
