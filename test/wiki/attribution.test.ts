import { describe, expect, it } from 'vitest';
import {
  attributionFromIntro,
  attributionFromLine,
  cleanName,
  combineAttribution,
  expandName,
  isPlausibleName,
  looksLikeAttribution,
  parseCitation,
  speakerAfterQuote,
  type NamedSpan,
} from '../../src/wiki/parse/attribution.js';

/** A link span over `label` inside `sentence`. */
function link(sentence: string, label: string, target = label): NamedSpan {
  const start = sentence.indexOf(label);
  if (start < 0) throw new Error(`${label} not in sentence`);
  return { start, end: start + label.length, target, label };
}

describe('attributionFromIntro: speaker', () => {
  it.each([
    ['As Peter Kropotkin warned, cooperatives alone cannot transform society:', 'Peter Kropotkin'],
    ['Jeff Shantz argues that Lenin conceived of dual power not as genuine popular self-governance:', 'Jeff Shantz'],
    ['Matt Crossin similarly argues that genuine dual power as Lenin described it involved armed organs:', 'Matt Crossin'],
    ['Wayne Price argues that both approaches have their place:', 'Wayne Price'],
    ['Lawrence Jarach argues that the term "dual power" is inseparable from its statist origins:', 'Lawrence Jarach'],
    ['Lenin wrote in Pravda:', 'Lenin'],
    ['Dennis describes their decision-making process as follows:', 'Dennis'],
    ['According to Errico Malatesta, anarchy means', 'Errico Malatesta'],
    ['In the words of Emma Goldman,', 'Emma Goldman'],
    ['As Noam Chomsky put it,', 'Noam Chomsky'],
    ['Bakunin, the Russian revolutionary, wrote:', 'Bakunin'],
    ['Later, Pierre-Joseph Proudhon famously declared that', 'Pierre-Joseph Proudhon'],
    ['The historian A. S. Embree noted:', 'A. S. Embree'],
    ['Rudolf Rocker also pointed out that', 'Rudolf Rocker'],
  ])('%s → %s', (sentence, speaker) => {
    expect(attributionFromIntro(sentence).speaker).toBe(speaker);
  });

  it.each([
    'Critics within the anarchist movement, however, argue this approach faces several problems:',
    'Anarchists have raised several fundamental criticisms:',
    'He wrote:',
    'They argued that:',
    'According to the codex (the in-game lore/wiki)',
    'This approach emphasizes:',
    'Some anarchists argue that',
    'Historians have noted:',
    'The fundamental characteristics included:',
    'In 1917 it was said:',
  ])('no speaker in: %s', (sentence) => {
    expect(attributionFromIntro(sentence).speaker).toBeUndefined();
  });

  it('takes the speaker from a person link right before the verb', () => {
    const s = 'In 1851, Pierre-Joseph Proudhon described a vision of revolutionary transformation:';
    const a = attributionFromIntro(s, [link(s, 'Pierre-Joseph Proudhon')]);
    expect(a).toEqual({ speaker: 'Pierre-Joseph Proudhon', year: '1851' });
  });

  it('uses the link target when the label is a short form of it', () => {
    const s = 'As Kropotkin warned,';
    expect(attributionFromIntro(s, [link(s, 'Kropotkin', 'Peter Kropotkin')]).speaker).toBe('Peter Kropotkin');
  });

  it('reads an organisation that is linked as the subject', () => {
    const s = 'In 1905, the Industrial Workers of the World articulated a similar concept in their preamble, calling for';
    const a = attributionFromIntro(s, [link(s, 'Industrial Workers of the World')]);
    expect(a.speaker).toBe('Industrial Workers of the World');
    expect(a.year).toBe('1905');
    expect(a.work).toBeUndefined();
  });

  it('does not take a linked place or event as the speaker', () => {
    const s = 'During the Russian Revolution the soviets grew:';
    expect(attributionFromIntro(s, [link(s, 'Russian Revolution')]).speaker).toBeUndefined();
  });
});

describe('attributionFromIntro: work and year', () => {
  it('reads an italic work after "wrote in"', () => {
    const s = 'Lenin wrote in Pravda:';
    const start = s.indexOf('Pravda');
    expect(attributionFromIntro(s, [], [{ start, end: start + 6 }])).toEqual({ speaker: 'Lenin', work: 'Pravda' });
  });

  it('does not treat a plain place after "wrote in" as a work', () => {
    expect(attributionFromIntro('Marx wrote in London:').work).toBeUndefined();
  });

  it('reads a work named after an explicit noun', () => {
    expect(attributionFromIntro('Kropotkin wrote in his book The Conquest of Bread:').work).toBe('The Conquest of Bread');
  });

  it('reads a quoted title after "wrote in"', () => {
    expect(attributionFromIntro('Goldman wrote in "Anarchism and Other Essays" that').work).toBe('Anarchism and Other Essays');
  });

  it.each([
    ['In 1851, Proudhon described', '1851'],
    ['In April 1917, Lenin said:', '1917'],
    ['Writing in 1892 (1892), Kropotkin argued:', '1892'],
    ['Kropotkin argued:', undefined],
  ])('%s → year %s', (s, year) => {
    expect(attributionFromIntro(s).year).toBe(year);
  });
});

describe('parseCitation', () => {
  it.each([
    [
      'Kropotkin, Peter. Modern Science and Anarchy, 1914',
      { speaker: 'Peter Kropotkin', work: 'Modern Science and Anarchy', year: '1914' },
    ],
    [
      'Jarach, Lawrence. "Anarcho-Communists, Platformism, and Dual Power: Innovation or Travesty?" Anarchy: A Journal of Desire Armed',
      { speaker: 'Lawrence Jarach', work: 'Anarcho-Communists, Platformism, and Dual Power: Innovation or Travesty?' },
    ],
    ['Lenin, "The Dual Power," Pravda, April 9, 1917', { speaker: 'Lenin', work: 'The Dual Power', year: '1917' }],
    [
      'Industrial Workers of the World Constitution Preamble, 1905',
      { work: 'Industrial Workers of the World Constitution Preamble', year: '1905' },
    ],
    [
      'Crossin, Matt. "Anarchists and Dual Power: Situation or Strategy?" Red and Black Notes, 2022',
      { speaker: 'Matt Crossin', work: 'Anarchists and Dual Power: Situation or Strategy?', year: '2022' },
    ],
    [
      'Price, Wayne. "Conceptions of Dual Power and Prefigurative Politics," New Politics, Winter 2023',
      { speaker: 'Wayne Price', work: 'Conceptions of Dual Power and Prefigurative Politics', year: '2023' },
    ],
    [
      'Mikhail Bakunin (1842) The Reaction in Germany www.marxists.org/reference/archive/bakunin/works/1842/reaction-germany.htm - He wrote under the fake name Jules Elysard.',
      { speaker: 'Mikhail Bakunin', work: 'The Reaction in Germany', year: '1842' },
    ],
    ['Sam Dolgoff (1974) - The Anarchist Collectives', { speaker: 'Sam Dolgoff', work: 'The Anarchist Collectives', year: '1974' }],
    ['See Isaac Deutscher, The Prophet Armed, p. 76.', { speaker: 'Isaac Deutscher', work: 'The Prophet Armed' }],
    [
      'John A. Rothchild - Introduction to Athenian Democracy',
      { speaker: 'John A. Rothchild', work: 'Introduction to Athenian Democracy' },
    ],
    [
      'Kropotkin, Peter A. Mutual Aid: A Factor of Evolution, 1902',
      { speaker: 'Peter A. Kropotkin', work: 'Mutual Aid: A Factor of Evolution', year: '1902' },
    ],
  ])('%s', (text, expected) => {
    expect(parseCitation(text)).toEqual(expected);
  });

  it.each([
    'https://www.panarchy.org/proudhon/economy.html',
    'Wikipedia - https://en.wikipedia.org/wiki/A._S._Embree',
    'Wikipedia - Cave of the Patriarchs massacre',
    'CNN (1997) - Ray speaks',
    'YouTube (2018) - Solomon Jones and the case',
    'Notably, their page on this subject was edited by a self-declared expert.',
    'Sobraniye uzakonenii 1917-1918, no. 4, art. 58.',
  ])('no author in: %s', (text) => {
    expect(parseCitation(text).speaker).toBeUndefined();
  });

  it('returns nothing for an empty footnote', () => {
    expect(parseCitation('')).toEqual({});
  });
});

describe('attribution lines', () => {
  it.each([
    ['— Errico Malatesta', { speaker: 'Errico Malatesta' }],
    ['- Errico Malatesta', { speaker: 'Errico Malatesta' }],
    ['Errico Malatesta', { speaker: 'Errico Malatesta' }],
    [
      '-- Emma Goldman, "Anarchism: What It Really Stands For" (1910)',
      { speaker: 'Emma Goldman', work: 'Anarchism: What It Really Stands For', year: '1910' },
    ],
    ['- Winston Churchill, Prime Minister of the UK', { speaker: 'Winston Churchill' }],
    ['- Fleet Admiral Chester Nimitz, Commander in Chief of the US Pacific Fleet', { speaker: 'Chester Nimitz' }],
    ['- Major General Curtis LeMay, US 21st Bomber Command', { speaker: 'Curtis LeMay' }],
  ])('%s', (line, expected) => {
    expect(attributionFromLine(line)).toEqual(expected);
  });

  it('reads an italic work in the line', () => {
    const line = '— Errico Malatesta, Anarchy (1891)';
    const start = line.indexOf('Anarchy');
    expect(attributionFromLine(line, [{ start, end: start + 7 }])).toEqual({ speaker: 'Errico Malatesta', work: 'Anarchy', year: '1891' });
  });

  it('tells attribution lines from quoted text', () => {
    expect(looksLikeAttribution('— Errico Malatesta', true)).toBe(true);
    expect(looksLikeAttribution('Errico Malatesta', true)).toBe(false);
    expect(looksLikeAttribution('Errico Malatesta', false)).toBe(true);
    expect(looksLikeAttribution('— and then they all went home.', true)).toBe(false);
    expect(looksLikeAttribution('keep them up and remain their slave!', false)).toBe(false);
  });
});

describe('names', () => {
  it('isPlausibleName', () => {
    for (const n of [
      'Lenin',
      'Peter Kropotkin',
      'Pierre-Joseph Proudhon',
      'A. S. Embree',
      'Industrial Workers of the World',
      'Ursula K. Le Guin',
      'IWW',
    ]) {
      expect(isPlausibleName(n), n).toBe(true);
    }
    for (const n of ['He', 'They', 'Critics', 'Anarchists', 'Historians', 'the soviets', 'In 1851', 'April', 'Some', '']) {
      expect(isPlausibleName(n), n).toBe(false);
    }
  });

  it('cleanName drops honorifics, possessives and punctuation but keeps initials', () => {
    expect(cleanName('Dr. Martin Luther King Jr.')).toBe('Martin Luther King Jr.');
    expect(cleanName("Lenin's")).toBe('Lenin');
    expect(cleanName('Peter Kropotkin,')).toBe('Peter Kropotkin');
    expect(cleanName('Admiral William Leahy')).toBe('William Leahy');
    expect(cleanName('A. S.')).toBe('A. S.');
  });

  it('expandName completes a surname from a single matching person', () => {
    const people = ['Vladimir Lenin', 'Leon Trotsky', 'Russian Revolution', 'Karl Marx', 'Eleanor Marx'];
    expect(expandName('Lenin', people)).toBe('Vladimir Lenin');
    expect(expandName('Trotsky', people)).toBe('Leon Trotsky');
    expect(expandName('Marx', people)).toBe('Marx'); // two Marxes: ambiguous
    expect(expandName('Bakunin', people)).toBe('Bakunin');
    expect(expandName('Peter Kropotkin', people)).toBe('Peter Kropotkin');
  });
});

describe('combineAttribution', () => {
  it('prefers the attribution line, then the intro, then the citation', () => {
    expect(
      combineAttribution({ line: { speaker: 'A Person' }, intro: { speaker: 'B Person' }, citation: { speaker: 'C Person' } }).speaker,
    ).toBe('A Person');
    expect(combineAttribution({ intro: { speaker: 'B Person' }, citation: { speaker: 'C Person' } }).speaker).toBe('B Person');
    expect(combineAttribution({ citation: { speaker: 'C Person', work: 'W', year: '1900' } })).toEqual({
      speaker: 'C Person',
      work: 'W',
      year: '1900',
    });
  });

  it('completes a surname from the citation and takes its work and year', () => {
    expect(
      combineAttribution({
        intro: { speaker: 'Kropotkin' },
        citation: { speaker: 'Peter Kropotkin', work: 'Modern Science and Anarchy', year: '1914' },
      }),
    ).toEqual({ speaker: 'Peter Kropotkin', work: 'Modern Science and Anarchy', year: '1914' });
  });

  it('completes a surname from the people the page links', () => {
    expect(combineAttribution({ intro: { speaker: 'Lenin', work: 'Pravda' }, people: ['Vladimir Lenin', 'Leon Trotsky'] })).toEqual({
      speaker: 'Vladimir Lenin',
      work: 'Pravda',
    });
  });

  it("ignores a secondary source's work when its author is someone else", () => {
    expect(
      combineAttribution({ intro: { speaker: 'Karl Marx' }, citation: { speaker: 'John Smith', work: 'Marx and Us', year: '2001' } }),
    ).toEqual({
      speaker: 'Karl Marx',
    });
  });

  it('keeps the intro year over the citation year', () => {
    expect(combineAttribution({ intro: { speaker: 'IWW', year: '1905' }, citation: { work: 'Preamble', year: '1908' } })).toEqual({
      speaker: 'IWW',
      work: 'Preamble',
      year: '1905',
    });
  });

  it('invents nothing when no source names a speaker', () => {
    expect(combineAttribution({ citation: { work: 'Some Report' } })).toEqual({ work: 'Some Report' });
    expect(combineAttribution({})).toEqual({});
  });
});

describe('parseCitation: harder shapes from the libsocwiki corpus', () => {
  it('keeps commas in a title after "(year)"', () => {
    expect(parseCitation('Mikhail Bakunin (1867) Federalism, Socialism and Anti-Theologism - https://www.marxists.org/x.htm')).toEqual({
      speaker: 'Mikhail Bakunin',
      work: 'Federalism, Socialism and Anti-Theologism',
      year: '1867',
    });
  });

  it('keeps a list of authors together', () => {
    expect(parseCitation('~ Davy Castel, Claude Lemoine and Annick Durand-Delvigne (2011) - Working in Cooperatives')).toEqual({
      speaker: 'Davy Castel, Claude Lemoine and Annick Durand-Delvigne',
      work: 'Working in Cooperatives',
      year: '2011',
    });
  });

  it('reads through emphasis micromark could not close', () => {
    expect(parseCitation('Colin Turnbull - *The Forest People,*page 28')).toEqual({ speaker: 'Colin Turnbull', work: 'The Forest People' });
  });

  it('does not take a long quoted sentence for a title', () => {
    const cite =
      'Essay by administrator Forte (in Portuguese) "Quando os maoistas, os trotskyistas, anarquistas, liberais, ou, enfim, os esquerdistas infantis chamam essas experiências socialistas de"';
    expect(parseCitation(cite).work).toBeUndefined();
  });
});

describe('attributions in the text (issue #16)', () => {
  it.each([
    ['Durruti, arguing:', 'Durruti'],
    ['Peter Kropotkin, writing in 1892:', 'Peter Kropotkin'],
  ])('reads a name before a participle: %s', (sentence, speaker) => {
    expect(attributionFromIntro(sentence).speaker).toBe(speaker);
  });

  it.each([
    ['"Words," wrote Paul Krugman in a column.', 'Paul Krugman'],
    ['"Words", said Krugman.', 'Krugman'],
    ['"Words," Paul Krugman wrote.', 'Paul Krugman'],
    ['"Words," according to Paul Krugman.', 'Paul Krugman'],
  ])('reads the speaker after a quotation: %s', (text, speaker) => {
    expect(speakerAfterQuote(text, text.indexOf('"', 1) + 1)).toBe(speaker);
  });

  it.each([['"Words" said nothing at all.'], ['"Words," he wrote.'], ['"Words" and more.'], ['"Words." Kennedy commented later.']])(
    'finds no speaker after %s',
    (text) => {
      expect(speakerAfterQuote(text, text.indexOf('"', 1) + 1)).toBeUndefined();
    },
  );
});

describe('parseCitation: who is the speaker (issue #16)', () => {
  it('names every author of a citation of several', () => {
    expect(parseCitation('Noam Chomsky and Edward Herman, Manufacturing Consent, 1988')).toEqual({
      speaker: 'Noam Chomsky and Edward Herman',
      work: 'Manufacturing Consent',
      year: '1988',
    });
    expect(parseCitation('Ann Example, Bob Sample and Carl Person, A Shared Book, 1999').speaker).toBe(
      'Ann Example, Bob Sample and Carl Person',
    );
  });

  it.each([
    ['Sam Dolgoff (ed.), The Anarchist Collectives, 1974', 'The Anarchist Collectives'],
    ['Sam Dolgoff, ed., The Anarchist Collectives, 1974', 'The Anarchist Collectives'],
    ['Edited by Sam Dolgoff. The Anarchist Collectives, 1974', undefined],
    ['Freedom Press, The Anarchist Collectives, 1974', 'The Anarchist Collectives'],
    ['Monthly Review, "Socialism Now", 1990', 'Socialism Now'],
    ['Anarchist FAQ, Section A.2', 'Anarchist FAQ'],
    ['Mutual Aid, chapter 3', 'Mutual Aid'],
  ])('takes an editor, a publisher, a series or a work as the source, never the speaker: %s', (text, work) => {
    const a = parseCitation(text);
    expect(a.speaker).toBeUndefined();
    expect(a.work).toBe(work);
  });

  it('still reads a single author with a work and a page', () => {
    expect(parseCitation('Isaac Deutscher, The Prophet Armed, p. 76.')).toMatchObject({
      speaker: 'Isaac Deutscher',
      work: 'The Prophet Armed',
    });
  });
});
