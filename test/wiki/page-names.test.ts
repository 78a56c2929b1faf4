import { describe, expect, it } from 'vitest';
import { decodeEntities, isExternalUrl, pageNameFromHref, slugFromPermalink, titleFromFileName } from '../../src/wiki/page-names.js';
import { pageUrl } from '../../src/wiki/page-url.js';

describe('page names', () => {
  it.each([
    ['Peter_Kropotkin.md', 'Peter Kropotkin'],
    ['Peter_Kropotkin', 'Peter Kropotkin'],
    ['workers&#39;_cooperatives.md', "workers' cooperatives"],
    ['Dual%20power.md#Leninist', 'Dual power'],
    ['./A_%26_B.md', 'A & B'],
    ['Category:North_America.md', 'Category:North America'],
    ['#Only_anchor', ''],
  ])('pageNameFromHref(%s) = %s', (href, name) => {
    expect(pageNameFromHref(href)).toBe(name);
  });

  it('decodes numeric and common named entities only', () => {
    expect(decodeEntities('a&#39;b&#x2014;c&amp;d&quot;&unknown;')).toBe('a\'b—c&d"&unknown;');
  });

  it('tells external URLs from page names with a namespace', () => {
    expect(isExternalUrl('https://x.org')).toBe(true);
    expect(isExternalUrl('mailto:a@b')).toBe(true);
    expect(isExternalUrl('www.example.org')).toBe(true);
    expect(isExternalUrl('Category:Foo.md')).toBe(false);
    expect(isExternalUrl('File:Image.png')).toBe(false);
  });

  it('derives titles and slugs', () => {
    expect(titleFromFileName('sub/Leon_Trotsky.md')).toBe('Leon Trotsky');
    expect(titleFromFileName('AFL_Struggles_(Australia).md')).toBe('AFL Struggles (Australia)');
    expect(slugFromPermalink('/Can_Masdeu_Uprising/')).toBe('Can_Masdeu_Uprising');
  });
});

describe('pageUrl', () => {
  const base = 'https://anarwiki.org/wiki/';
  it('keeps MediaWiki-readable characters', () => {
    expect(pageUrl(base, 'Dual_power')).toBe('https://anarwiki.org/wiki/Dual_power');
    expect(pageUrl(base, "Workers'_Self-Management")).toBe("https://anarwiki.org/wiki/Workers'_Self-Management");
    expect(pageUrl(base, 'Paris_Commune_(1871)')).toBe('https://anarwiki.org/wiki/Paris_Commune_(1871)');
    expect(pageUrl(base, 'Bullshit_Jobs:_A_Theory,_Part_1')).toBe('https://anarwiki.org/wiki/Bullshit_Jobs:_A_Theory,_Part_1');
  });

  it('escapes what would break the URL', () => {
    expect(pageUrl(base, 'What_is_it?')).toBe('https://anarwiki.org/wiki/What_is_it%3F');
    expect(pageUrl(base, 'A_&_B#x')).toBe('https://anarwiki.org/wiki/A_%26_B%23x');
    expect(pageUrl(base, 'Çayönü')).toBe('https://anarwiki.org/wiki/%C3%87ay%C3%B6n%C3%BC');
    expect(pageUrl(base, 'with space')).toBe('https://anarwiki.org/wiki/with_space');
  });

  it('appends an anchor and fixes a base without a slash', () => {
    expect(pageUrl(base, 'Dual_power', 'Historical_Origins')).toBe('https://anarwiki.org/wiki/Dual_power#Historical_Origins');
    expect(pageUrl('https://x.org/wiki', 'A')).toBe('https://x.org/wiki/A');
    expect(pageUrl('https://x.org/index.php?title=', 'A')).toBe('https://x.org/index.php?title=A');
  });
});
