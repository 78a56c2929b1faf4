// The seed page in the real export format (content/Dual_power.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/wiki/model.js';
import { parsePage } from '../../src/wiki/parse/parse-page.js';
import { sectionText } from '../../src/wiki/cache/packed-text.js';
import { contentDir } from '../helpers/library.js';

const source = readFileSync(path.join(contentDir, 'Dual_power.md'), 'utf8');
const page = parsePage('Dual_power.md', source, { summaryMaxChars: 600 });
const a = page.kind === 'article' ? page.article : (undefined as unknown as Article);

function quoteBy(speaker: RegExp) {
  const q = a.quotes.find((x) => x.speaker !== undefined && speaker.test(x.speaker));
  if (!q) throw new Error(`no quote by ${speaker}; speakers: ${a.quotes.map((x) => x.speaker).join(', ')}`);
  return q;
}

describe('seed page Dual_power.md', () => {
  it('is an article with title and slug', () => {
    expect(page.kind).toBe('article');
    expect(a.title).toBe('Dual power');
    expect(a.slug).toBe('Dual_power');
    expect(a.path).toBe('Dual_power.md');
    expect(a.aliases).toEqual([]); // **Dual power** is the title itself
  });

  it('has the expected summary, without stray quotes', () => {
    expect(a.summary).toBe(
      'Dual power refers to a situation where autonomous institutions and official institutions compete against each other for legitimacy and popular allegiance. While the term was coined by Vladimir Lenin in 1917 to describe conditions during the Russian Revolution, the underlying concept and strategy had been articulated by anarchist and socialist theorists decades earlier.',
    );
  });

  it('has 8 categories, kept out of every text', () => {
    expect(a.categories).toHaveLength(8);
    expect(a.categories).toContain('Anarchist Concepts');
    expect(a.categories).toContain('Controversial Concepts');
    expect(a.categories).toContain('Libertarian Socialism');
    const text = [a.lead, a.summary, ...a.sections.map((s) => sectionText(a, s)), ...a.quotes.map((q) => q.text)].join('\n');
    expect(text).not.toContain('Category');
    expect(a.links.some((l) => l.target.startsWith('Category'))).toBe(false);
  });

  it('has no stray quotes or markup left in any text', () => {
    const text = [a.lead, ...a.sections.map((s) => sectionText(a, s)), ...a.quotes.map((q) => q.text)].join('\n');
    expect(text).not.toMatch(/"\s*<a|<\/?a\b|wikilink|\[\^\d+\]|references|\n"|^"/m);
    expect(sectionText(a, a.sections.find((s) => s.heading === 'Leninist Conception')!)).toContain(
      'For Lenin and Leon Trotsky, dual power',
    );
  });

  it('has 9 footnotes with their URLs', () => {
    expect(a.footnotes).toHaveLength(9);
    expect(a.footnotes[0]).toEqual({
      id: '1',
      text: 'https://www.panarchy.org/proudhon/economy.html',
      urls: ['https://www.panarchy.org/proudhon/economy.html'],
    });
    expect(a.footnotes[6]!.text).toBe(
      'Jarach, Lawrence. "Anarcho-Communists, Platformism, and Dual Power: Innovation or Travesty?" Anarchy: A Journal of Desire Armed',
    );
  });

  it('has the sections with heading paths and anchors', () => {
    expect(a.sections.map((s) => s.path.join(' › '))).toContain(
      'Anarchist Criticisms of Leninist Dual Power › Centralization and Party Control',
    );
    expect(a.sections.find((s) => s.heading === 'Anarchist Criticisms of Leninist Dual Power')!.anchor).toBe(
      'Anarchist_Criticisms_of_Leninist_Dual_Power',
    );
    expect(a.sections.find((s) => s.heading === 'Historical Origins')).toMatchObject({ level: 2, anchor: 'Historical_Origins' });
  });

  it('quotes Proudhon with the footnote URL as source', () => {
    expect(quoteBy(/Proudhon/)).toMatchObject({
      kind: 'blockquote',
      speaker: 'Pierre-Joseph Proudhon',
      year: '1851',
      source: 'https://www.panarchy.org/proudhon/economy.html',
      section: 'Historical Origins',
      anchor: 'Historical_Origins',
    });
  });

  it('quotes the IWW preamble inline', () => {
    const q = quoteBy(/Industrial Workers/);
    expect(q).toMatchObject({
      kind: 'inline',
      text: '…forming the structure of the new society within the shell of the old.',
      year: '1905',
      footnote: '2',
    });
    expect(q.work).toBe('Industrial Workers of the World Constitution Preamble');
  });

  it('quotes Lenin from Pravda with the mojibake repaired', () => {
    const q = quoteBy(/Lenin/);
    expect(q.work).toBe('Pravda');
    expect(q.source).toBe('https://www.marxists.org/archive/lenin/works/1917/apr/09.htm');
    expect(q.text).toContain('growing—the Soviets');
    expect(q.section).toBe('Leninist Conception');
  });

  it('quotes Kropotkin with work, year and section', () => {
    expect(quoteBy(/Kropotkin/)).toMatchObject({
      speaker: 'Peter Kropotkin',
      work: 'Modern Science and Anarchy',
      year: '1914',
      section: 'Modern Anarchist Interpretations › Alternate Institution Building',
      anchor: 'Alternate_Institution_Building',
    });
  });

  it('quotes Shantz, Jarach, Crossin and Price', () => {
    expect(quoteBy(/Jeff Shantz/).source).toMatch(/^https:\/\/philosophersforchange\.org\//);
    expect(quoteBy(/Lawrence Jarach/).work).toBe('Anarcho-Communists, Platformism, and Dual Power: Innovation or Travesty?');
    expect(quoteBy(/Matt Crossin/).year).toBe('2022');
    expect(quoteBy(/Wayne Price/)).toMatchObject({ year: '2023', section: 'Contemporary Debate' });
    expect(a.quotes).toHaveLength(8);
  });

  it('has no footnote marks or attribution text in quotes', () => {
    for (const q of a.quotes) {
      expect(q.text).not.toMatch(/\[\^|\^\d/);
      expect(q.text.trim()).toBe(q.text);
    }
  });

  it('has the 5 related concepts', () => {
    expect(a.concepts.map((c) => c.term)).toEqual([
      'Prefiguration',
      'Counterpower',
      "Workers' Self-Management",
      'Platformism',
      'Syndicalism',
    ]);
    expect(a.concepts.every((c) => c.section === 'Related Concepts')).toBe(true);
    expect(a.concepts[1]).toEqual({
      term: 'Counterpower',
      description: 'a term sometimes used instead of "dual power" to distinguish anarchist strategy from Leninist origins',
      target: 'Counterpower',
      section: 'Related Concepts',
    });
  });

  it('has the wiki links, with label and target from the href', () => {
    expect(a.links).toContainEqual({ target: "workers' cooperatives", label: "workers' cooperatives" });
    expect(a.links).toContainEqual({ target: 'Vladimir Lenin', label: 'Vladimir Lenin' });
    expect(a.links).toContainEqual({ target: 'Leon Trotsky', label: 'Leon Trotsky' });
    expect(a.links.filter((l) => l.target === 'mutual aid')).toHaveLength(1);
  });
});
