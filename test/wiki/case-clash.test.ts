import { describe, expect, it } from 'vitest';
import { nameCaseClashes } from '../../src/wiki/load/case-clash.js';
import type { Article, Redirect } from '../../src/wiki/model.js';
import { isCaseClashFile, titleFromFileName } from '../../src/wiki/page-names.js';

function page(path: string, title = titleFromFileName(path), links: string[] = []): Article {
  return {
    title,
    slug: title.replace(/ /g, '_'),
    url: '',
    path,
    links: links.map((target) => ({ target, label: target })),
  } as unknown as Article;
}

describe('case clashes', () => {
  it('knows a clash file by a number in brackets glued to the name', () => {
    expect(isCaseClashFile('Dual_Power(1).md')).toBe(true);
    expect(isCaseClashFile('sub/dual_power(12).md')).toBe(true);
    expect(isCaseClashFile('Paris_Commune_(1871).md')).toBe(false);
    expect(isCaseClashFile('Dual_power.md')).toBe(false);
    expect(titleFromFileName('Dual_Power(1).md')).toBe('Dual Power');
  });

  it('gives a clash page the spelling links use for it that no other page has', () => {
    const first = page('Dual_power.md');
    const clash = page('dual_power(1).md');
    const linking = page('Other.md', 'Other', ['Dual power', 'Dual Power', 'dual Power', 'Dual_Power']);
    nameCaseClashes([first, clash, linking], []);
    expect(clash).toMatchObject({ title: 'Dual Power', slug: 'Dual_Power' });
    expect(first.title).toBe('Dual power');
  });

  it('reads the spelling from redirects too, and leaves a title front matter gave alone', () => {
    const clash = page('dual_power(1).md');
    const named = page('mutual_aid(1).md', 'Mutual Aid (book)');
    nameCaseClashes([page('Dual_power.md'), clash, named], [{ from: 'DP', to: 'Dual Power', path: 'DP.md' } satisfies Redirect]);
    expect(clash.title).toBe('Dual Power');
    expect(named.title).toBe('Mutual Aid (book)');
  });

  it('keeps the file name without its "(1)" when no link tells', () => {
    const clash = page('Dual_Power(1).md');
    nameCaseClashes([page('Dual_power.md'), clash], []);
    expect(clash).toMatchObject({ title: 'Dual Power', slug: 'Dual_Power' });
  });
});
