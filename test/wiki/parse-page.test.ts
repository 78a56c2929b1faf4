import { describe, expect, it } from 'vitest';
import type { Article, ParsedPage } from '../../src/wiki/model.js';
import { parsePage } from '../../src/wiki/parse/parse-page.js';
import { sectionText } from '../../src/wiki/cache/packed-text.js';

const opts = { summaryMaxChars: 600 };

function article(source: string, relPath = 'Test_page.md', options = opts): Article {
  return articleOf(source, relPath, options);
}

function articleOf(source: string, relPath = 'Test_page.md', options = opts): Article {
  const page: ParsedPage = parsePage(relPath, source, options);
  if (page.kind !== 'article') throw new Error(`expected an article, got a redirect to ${page.redirect.to}`);
  return page.article;
}

/** Every piece of plain text the parser produced for a page. */
function allText(a: Article): string {
  return [
    a.lead,
    a.summary,
    ...a.sections.map((s) => `${s.heading}\n${sectionText(a, s)}`),
    ...a.quotes.map((q) => q.text),
    ...a.concepts.map((c) => `${c.term} ${c.description}`),
  ].join('\n');
}

// Wikilinks are normally taken out of the source before micromark runs; a page that already
// contains the private-use marker characters is parsed without that step, on the tree alone.
// Both ways must give the same result.
describe.each([
  ['source pre-pass', ''],
  ['tree only', '\n\n\uE000'],
])('raw-HTML wikilinks (pandoc MediaWiki export), %s', (_mode, suffix) => {
  const article = (source: string) => articleOf(source + suffix);

  it('takes the target from the href and the label from the text', () => {
    const a = article('A "<a href="Science.md" class="wikilink" title="biologist">biologist</a> studies life.');
    expect(a.links).toEqual([{ target: 'Science', label: 'biologist' }]);
    expect(a.lead).toBe('A biologist studies life.');
  });

  it('accepts hrefs without .md, with _ for spaces and with HTML entities', () => {
    const a = article(
      'See <a href="Leon_Trotsky" class="wikilink" title="Leon Trotsky">Trotsky</a> and ' +
        '"<a href="workers&#39;_cooperatives.md" class="wikilink" title="workers&#39; cooperatives">co-ops</a>.',
    );
    expect(a.links).toEqual([
      { target: 'Leon Trotsky', label: 'Trotsky' },
      { target: "workers' cooperatives", label: 'co-ops' },
    ]);
  });

  it('merges tags and labels wrapped over lines, and drops the stray quote', () => {
    const a = article(
      'For Lenin and\n"<a   href="Leon_Trotsky.md" class="wikilink" title="Leon Trotsky">Leon\nTrotsky</a>, dual power was\nunderstood as a category.',
    );
    expect(a.links).toEqual([{ target: 'Leon Trotsky', label: 'Leon Trotsky' }]);
    expect(a.lead).toBe('For Lenin and Leon Trotsky, dual power was understood as a category.');
    expect(a.lead).not.toContain('"');
  });

  it('handles a link whose opening tag spans lines', () => {
    const a = article('coined by\n"<a   href="Vladimir_Lenin.md" class="wikilink"\ntitle="Vladimir Lenin">Vladimir Lenin</a> in 1917.');
    expect(a.links).toEqual([{ target: 'Vladimir Lenin', label: 'Vladimir Lenin' }]);
    expect(a.lead).toBe('coined by Vladimir Lenin in 1917.');
  });

  it('handles a paragraph that starts with the tag on a line of its own (an HTML block)', () => {
    const a = article(
      '<a href="Mutual_aid.md" class="wikilink" title="mutual aid">\nMutual aid</a> is a practice of\n"<a href="Solidarity.md" class="wikilink" title="Solidarity">solidarity</a>.',
    );
    expect(a.links).toEqual([
      { target: 'Mutual aid', label: 'Mutual aid' },
      { target: 'Solidarity', label: 'solidarity' },
    ]);
    expect(a.lead).toBe('Mutual aid is a practice of solidarity.');
  });

  it('keeps a real quotation mark that is not right before a tag', () => {
    const a = article('The slogan "<a href="Bread.md" class="wikilink" title="Bread">bread</a> and roses" was sung.');
    // The export's stray quote goes; the closing one stays as text.
    expect(a.lead).toBe('The slogan bread and roses" was sung.');
  });

  it('does not treat an external <a> as a wiki link', () => {
    const a = article('Read <a href="https://example.org/x">the essay</a> online.');
    expect(a.links).toEqual([]);
    expect(a.lead).toBe('Read the essay online.');
  });
});

describe.each([
  ['source pre-pass', ''],
  ['tree only', '\n\n\uE000'],
])('other link forms, %s', (_mode, suffix) => {
  const article = (source: string) => articleOf(source + suffix);

  it('reads pandoc legacy [label](Target.md "wikilink")', () => {
    const a = article(
      'He was a [syndicalist](Syndicalism.md "wikilink") and an\n[IWW](Industrial_Workers_of_the_World.md "wikilink") organiser.',
    );
    expect(a.links).toEqual([
      { target: 'Syndicalism', label: 'syndicalist' },
      { target: 'Industrial Workers of the World', label: 'IWW' },
    ]);
    expect(a.lead).toBe('He was a syndicalist and an IWW organiser.');
  });

  it('reads Obsidian [[Target|label]] and [[Target]], also wrapped', () => {
    const a = article('See [[Peter_Kropotkin|Kropotkin]], [[Mutual aid]] and [[Leon\nTrotsky]].');
    expect(a.links).toEqual([
      { target: 'Peter Kropotkin', label: 'Kropotkin' },
      { target: 'Mutual aid', label: 'Mutual aid' },
      { target: 'Leon Trotsky', label: 'Leon Trotsky' },
    ]);
    expect(a.lead).toBe('See Kropotkin, Mutual aid and Leon Trotsky.');
  });

  it('reads plain Markdown links to .md pages, with anchors and percent-escapes', () => {
    const a = article('See [x](Other_page.md), [y](./Dual%20power.md#Leninist_Conception) and [z](sub/Page.md).');
    expect(a.links).toEqual([
      { target: 'Other page', label: 'x' },
      { target: 'Dual power', label: 'y' },
      { target: 'sub/Page', label: 'z' },
    ]);
  });

  it('does not count external links, images or bare anchors as wiki links', () => {
    const a = article('See [site](https://example.org/page.md), [mail](mailto:a@b.c), [top](#Top) and <https://x.org>.');
    expect(a.links).toEqual([]);
  });

  it('deduplicates links by target and label', () => {
    const a = article('[A](A.md "wikilink") [A](A.md "wikilink") [a](A.md "wikilink") [[A]]');
    expect(a.links).toEqual([
      { target: 'A', label: 'A' },
      { target: 'A', label: 'a' },
    ]);
  });
});

describe('front matter, title and slug', () => {
  it('uses title, aliases (list) and permalink', () => {
    const a = article('---\ntitle: Can Masdeu\naliases:\n  - Masdeu\n  - CM\npermalink: /Can_Masdeu_Page/\n---\n\nText.', 'x.md');
    expect(a.title).toBe('Can Masdeu');
    expect(a.slug).toBe('Can_Masdeu_Page');
    expect(a.aliases).toEqual(['Masdeu', 'CM']);
  });

  it('accepts aliases as a comma string and an unquoted title with a colon', () => {
    const a = article('---\ntitle: Bullshit Jobs: A Theory\naliases: BS Jobs, Bullshit jobs book\n---\nA book.', 'Bullshit_Jobs.md');
    expect(a.title).toBe('Bullshit Jobs: A Theory');
    expect(a.aliases).toEqual(['BS Jobs', 'Bullshit jobs book']);
    expect(a.slug).toBe('Bullshit_Jobs');
  });

  it('derives title and slug from the file name without front matter', () => {
    const a = article('Text.', 'sub/workers&#39;_self-management.md');
    expect(a.title).toBe("workers' self-management");
    expect(a.slug).toBe('workers&#39;_self-management');
    expect(a.path).toBe('sub/workers&#39;_self-management.md');
    expect(a.url).toBe('');
  });

  it('does not mistake the front matter for text or a heading', () => {
    const a = article('---\ntitle: T\npermalink: /T/\n---\n\nBody text.');
    expect(a.sections).toEqual([]);
    expect(a.lead).toBe('Body text.');
  });

  it('throws on front matter that is not a mapping', () => {
    expect(() => parsePage('x.md', '---\n- a\n- b\n---\ntext', opts)).toThrow(/front matter/);
  });
});

describe('redirects', () => {
  it('recognises the legacy link form', () => {
    expect(
      parsePage(
        'Can_Masdeu_Uprising.md',
        '---\ntitle: Can Masdeu Uprising\n---\n\n1.  REDIRECT [Battle of Can Masdeu](Battle_of_Can_Masdeu.md "wikilink")',
        opts,
      ),
    ).toEqual({
      kind: 'redirect',
      redirect: { from: 'Can Masdeu Uprising', to: 'Battle of Can Masdeu', path: 'Can_Masdeu_Uprising.md' },
    });
  });

  it('recognises a raw-HTML link wrapped over lines', () => {
    const page = parsePage(
      'Old.md',
      '1.  REDIRECT "<a   href="New_Page.md" class="wikilink"\n    title="New Page">New\n    Page</a>\n',
      opts,
    );
    expect(page).toEqual({ kind: 'redirect', redirect: { from: 'Old', to: 'New Page', path: 'Old.md' } });
  });

  it('recognises #REDIRECT [[Target]]', () => {
    const page = parsePage('Old.md', '#REDIRECT [[Target Page]]', opts);
    expect(page.kind === 'redirect' && page.redirect.to).toBe('Target Page');
  });

  it.each([
    ['#REDIRECT [[Peter Kropotkin#Early life]]', 'Early_life'],
    ['1.  REDIRECT [Peter Kropotkin](Peter_Kropotkin.md#Early_life "wikilink")', 'Early_life'],
    ['1.  REDIRECT "<a href="Peter_Kropotkin.md#Mutual%20aid" class="wikilink" title="Peter Kropotkin">Peter Kropotkin</a>', 'Mutual_aid'],
  ])('keeps the section a redirect names: %s', (source, anchor) => {
    expect(parsePage('Old.md', source, opts)).toEqual({
      kind: 'redirect',
      redirect: { from: 'Old', to: 'Peter Kropotkin', anchor, path: 'Old.md' },
    });
  });

  it('does not take a page that mentions redirects for one', () => {
    expect(parsePage('x.md', 'This page explains how to REDIRECT traffic.', opts).kind).toBe('article');
  });
});

describe('categories', () => {
  const source = [
    'Text about [Kropotkin](Peter_Kropotkin.md "wikilink").',
    '',
    '## References',
    '',
    '<references />',
    '',
    '"<a href="Category:Anarchist_Concepts.md" class="wikilink" title="Category:Anarchist Concepts">Category:Anarchist Concepts</a>',
    '"<a href="Category:Concepts.md" class="wikilink" title="Category:Concepts">Category:Concepts</a>',
    '[Category:North',
    'America](Category:North_America.md "wikilink") [[Category:Obsidian Cat]]',
  ].join('\n');
  const a = article(source);

  it('collects categories without the prefix, in order, once each', () => {
    expect(a.categories).toEqual(['Anarchist Concepts', 'Concepts', 'North America', 'Obsidian Cat']);
  });

  it('keeps category links out of links and out of every text', () => {
    expect(a.links).toEqual([{ target: 'Peter Kropotkin', label: 'Kropotkin' }]);
    expect(allText(a)).not.toMatch(/Category|Concepts|America/);
    expect(sectionText(a, a.sections[0]!)).toBe('');
  });

  it('files a category link in the lead without leaving text behind', () => {
    const b = article('[Category:People](Category:People.md "wikilink")\nBakunin was a revolutionary.');
    expect(b.categories).toEqual(['People']);
    expect(b.lead).toBe('Bakunin was a revolutionary.');
  });
});

describe('HTML leftovers, images and citation marks', () => {
  it('drops <references/>, figures and images', () => {
    const a = article(
      [
        '![A portrait](portrait.png "Portrait") The lead text.',
        '',
        '<figure>',
        '<img src="Placeholder" title="Placeholder" width="298" />',
        '<figcaption>Placeholder caption</figcaption>',
        '</figure>',
        '',
        '## Notes',
        '',
        'Body <img src="x.png"> text.',
        '',
        '<references/>',
      ].join('\n'),
    );
    expect(a.lead).toBe('The lead text.');
    expect(a.summary).toBe('The lead text.');
    expect(allText(a)).not.toMatch(/Placeholder|portrait|Portrait|references|<img/);
    expect(sectionText(a, a.sections[0]!)).toBe('Body text.');
  });

  it('drops Wikipedia citation marks and inline <ref> notes', () => {
    const a = article(
      'Some US military<sup>\\[6\\]</sup> personnel.<sup>139</sup> Then more.<ref>A note [x](X.md "wikilink")</ref> End <sup>th</sup>.',
    );
    expect(a.lead).toBe('Some US military personnel. Then more. End th.');
  });
});

describe('footnotes', () => {
  const source = [
    'A claim.[^1] Another claim.[^2]',
    '',
    '[^1]: <https://example.org/one>',
    '',
    '[^2]: Jarach, Lawrence. "Anarcho-Communists, Platformism, and Dual',
    '    Power: Innovation or Travesty?" see https://example.org/two and',
    '    [archive](https://web.archive.org/x).',
  ].join('\n');
  const a = article(source);

  it('collects id, plain text and URLs, multi-line definitions included', () => {
    expect(a.footnotes).toEqual([
      { id: '1', text: 'https://example.org/one', urls: ['https://example.org/one'] },
      {
        id: '2',
        text: 'Jarach, Lawrence. "Anarcho-Communists, Platformism, and Dual Power: Innovation or Travesty?" see https://example.org/two and archive.',
        urls: ['https://example.org/two', 'https://web.archive.org/x'],
      },
    ]);
  });

  it('keeps footnote marks out of the text', () => {
    expect(a.lead).toBe('A claim. Another claim.');
    expect(allText(a)).not.toMatch(/\[\^|\^1|\^2/);
  });
});

describe('lead and summary', () => {
  it('takes the summary from the first section when the lead is empty', () => {
    const a = article('## Overview\n\nFirst section text. More text here.\n\n## Later\n\nOther.');
    expect(a.lead).toBe('');
    expect(a.summary).toBe('First section text. More text here.');
  });

  it('cuts the summary at whole sentences within the limit, on one line', () => {
    const lead = 'First sentence is here. Second sentence is here too.\n\nA new paragraph follows with more.';
    const a = article(lead, 'x.md', { summaryMaxChars: 60 });
    expect(a.summary).toBe('First sentence is here. Second sentence is here too.');
    const b = article(lead, 'x.md', { summaryMaxChars: 100 });
    expect(b.summary).toBe('First sentence is here. Second sentence is here too. A new paragraph follows with more.');
    expect(b.lead).toContain('\n\n');
  });

  it('does not end the summary inside an abbreviation or initials', () => {
    const a = article('**A. S. Embree** was an IWW organiser in the U.S. state of Arizona c. 1917. He was deported.', 'A.S._Embree.md', {
      summaryMaxChars: 80,
    });
    expect(a.summary).toBe('A. S. Embree was an IWW organiser in the U.S. state of Arizona c. 1917.');
  });

  it('cuts an over-long first sentence at a word with an ellipsis', () => {
    const a = article('This single sentence goes on and on about many things without ever stopping for breath at all.', 'x.md', {
      summaryMaxChars: 40,
    });
    expect(a.summary.length).toBeLessThanOrEqual(40);
    expect(a.summary).toMatch(/^This single sentence goes on and on\S*…$/);
  });

  it('collects bold lead terms that differ from the title as aliases', () => {
    const a = article(
      '**Dual power**, also **counter-power** or **dual-power strategy**, is a thing. Not **this one** later.\n\n## S\n\n**Bold** here is not an alias.',
      'Dual_power.md',
    );
    expect(a.aliases).toEqual(['counter-power', 'dual-power strategy', 'this one']);
  });
});

describe('sections', () => {
  const a = article(
    [
      'Lead.',
      '',
      '## Top One',
      '',
      'Text one.',
      '',
      '### Child',
      '',
      'Child text',
      'wrapped.',
      '',
      '- item a',
      '- item b',
      '',
      '## Top Two',
      '',
      'Two.',
      '',
      '## Top One',
      '',
      'Again.',
    ].join('\n'),
  );

  it('has heading paths, levels and MediaWiki anchors (repeats numbered)', () => {
    expect(a.sections.map((s) => [s.path, s.heading, s.anchor, s.level])).toEqual([
      [['Top One'], 'Top One', 'Top_One', 2],
      [['Top One', 'Child'], 'Child', 'Child', 3],
      [['Top Two'], 'Top Two', 'Top_Two', 2],
      [['Top One'], 'Top One', 'Top_One_2', 2],
    ]);
  });

  it('holds the text up to the next heading, blocks separated by blank lines', () => {
    expect(a.sections.map((s) => sectionText(a, s))).toEqual(['Text one.', 'Child text wrapped.\n\nitem a\nitem b', 'Two.', 'Again.']);
  });

  it('keeps each section text exact with multi-byte characters before it', () => {
    const w = article('## Één — “one”\n\nÅland 🚩 مجالس text.\n\n## Two\n\nAfter the emoji.\n');
    expect(w.sections.map((s) => [s.heading, sectionText(w, s)])).toEqual([
      ['Één — “one”', 'Åland 🚩 مجالس text.'],
      ['Two', 'After the emoji.'],
    ]);
  });

  it('renders tables as rows of cells', () => {
    const t = article('## Table\n\n| Name | Year |\n|---|---|\n| [Paris Commune](Paris_Commune.md "wikilink") | 1871 |\n');
    expect(sectionText(t, t.sections[0]!)).toBe('Name | Year\nParis Commune | 1871');
    expect(t.links).toEqual([{ target: 'Paris Commune', label: 'Paris Commune' }]);
  });
});

describe('mojibake', () => {
  it('repairs cp1252-decoded UTF-8 in page text and leaves correct text alone', () => {
    const a = article('It is growingâ€”the Soviets. Itâ€™s a cafÃ© in Ã‡ayÃ¶nÃ¼, not a café in Çayönü; naïve.');
    expect(a.lead).toBe('It is growing—the Soviets. It’s a café in Çayönü, not a café in Çayönü; naïve.');
  });
});

describe('quotes', () => {
  it('reads a blockquote with an attribution line parsed as a list item', () => {
    const a = article(
      '## Words\n\nA thought:\n\n> Anarchy is the absence of government,\n> and more text here.\n> - Errico Malatesta[^1]\n\n[^1]: <https://example.org/malatesta>',
    );
    expect(a.quotes).toEqual([
      {
        kind: 'blockquote',
        text: 'Anarchy is the absence of government, and more text here.',
        speaker: 'Errico Malatesta',
        source: 'https://example.org/malatesta',
        footnote: '1',
        section: 'Words',
        anchor: 'Words',
      },
    ]);
  });

  it('reads an em-dash attribution on the last line of the quote', () => {
    const a = article('> The passion for destruction is a creative passion.\n> — Mikhail Bakunin');
    expect(a.quotes).toEqual([
      { kind: 'blockquote', text: 'The passion for destruction is a creative passion.', speaker: 'Mikhail Bakunin' },
    ]);
  });

  it('reads an attribution paragraph at the end of the quote', () => {
    const a = article('> Property is theft, and the proprietor is a thief.\n>\n> — Pierre-Joseph Proudhon, *What is Property?* (1840)');
    expect(a.quotes).toEqual([
      {
        kind: 'blockquote',
        text: 'Property is theft, and the proprietor is a thief.',
        speaker: 'Pierre-Joseph Proudhon',
        work: 'What is Property?',
        year: '1840',
      },
    ]);
  });

  it('takes the speaker from the introducing sentence and a person link in it', () => {
    const a = article(
      'Cooperatives face problems. As\n"<a href="Peter_Kropotkin.md" class="wikilink" title="Peter Kropotkin">Peter\nKropotkin</a> warned, they cannot transform society:\n\n> Work for us, poor creature, and remain our slave![^6]\n\n[^6]: Kropotkin, Peter. Modern Science and Anarchy, 1914',
    );
    expect(a.quotes[0]).toMatchObject({
      speaker: 'Peter Kropotkin',
      work: 'Modern Science and Anarchy',
      year: '1914',
      footnote: '6',
      text: 'Work for us, poor creature, and remain our slave!',
    });
  });

  it('completes a surname from a person the page links', () => {
    const a = article(
      '[Vladimir Lenin](Vladimir_Lenin.md "wikilink") led. Lenin wrote in *Pravda*:\n\n> What is this dual power, and what does it mean?[^3]\n\n[^3]: <https://www.marxists.org/x.htm>',
    );
    expect(a.quotes[0]).toMatchObject({ speaker: 'Vladimir Lenin', work: 'Pravda', source: 'https://www.marxists.org/x.htm' });
  });

  it('reads an inline quotation that carries a footnote, without marks', () => {
    const a = article(
      'In 1905, the "<a href="Industrial_Workers_of_the_World.md" class="wikilink" title="IWW">Industrial Workers of the World</a> articulated a concept, calling for\n"forming the structure of the new society within the shell of the\nold."[^2] Nothing "short"[^3] here.\n\n[^2]: Industrial Workers of the World Constitution Preamble, 1905\n\n[^3]: x',
    );
    expect(a.quotes).toEqual([
      {
        kind: 'inline',
        // It starts inside the page's sentence: marked as cut.
        text: '…forming the structure of the new society within the shell of the old.',
        speaker: 'Industrial Workers of the World',
        work: 'Industrial Workers of the World Constitution Preamble',
        year: '1905',
        footnote: '2',
      },
    ]);
  });

  it('reads a quoted paragraph with a trailing dash attribution', () => {
    const a = article(
      '## Quotes by Critics\n\n"The atomic bomb had nothing to do with the end of the war at all." -\nMajor General Curtis LeMay, US 21st Bomber Command',
    );
    expect(a.quotes).toEqual([
      {
        kind: 'inline',
        text: 'The atomic bomb had nothing to do with the end of the war at all.',
        speaker: 'Curtis LeMay',
        section: 'Quotes by Critics',
        anchor: 'Quotes_by_Critics',
      },
    ]);
  });

  it('leaves the speaker undefined when nothing reliable names one', () => {
    const a = article(
      'Critics argue this is wrong.\n\n> Some words that someone once said about things.[^1]\n\n[^1]: <https://example.org/a>',
    );
    expect(a.quotes).toHaveLength(1);
    expect(a.quotes[0]!.speaker).toBeUndefined();
    expect(a.quotes[0]!.source).toBe('https://example.org/a');
  });

  it('does not take a paragraph that ends with a full stop as an introduction', () => {
    const a = article('Kropotkin argued for mutual aid.\n\n> An unrelated epigraph of some length.');
    expect(a.quotes[0]!.speaker).toBeUndefined();
  });

  it('gives the quotes in a "Quotes" section of a person page to that person', () => {
    const a = article(
      '---\ntitle: Barry Commoner\n---\nBarry Commoner was a biologist.\n\n## Quotes\n\n> "Everything is connected to everything else."\n\n[Category:Environmentalists](Category:Environmentalists.md "wikilink")',
    );
    expect(a.quotes).toEqual([
      {
        kind: 'blockquote',
        text: 'Everything is connected to everything else.',
        speaker: 'Barry Commoner',
        section: 'Quotes',
        anchor: 'Quotes',
      },
    ]);
  });
});

describe('concepts', () => {
  const a = article(
    [
      '## Related Concepts',
      '',
      '- "<a href="Counterpower.md" class="wikilink" title="Counterpower">Counterpower</a> - a term sometimes used instead',
      '  of "dual power"',
      '- [Prefiguration](Prefiguration.md "wikilink") – creating new relations now',
      '- Mutual aid — voluntary reciprocal exchange',
      '- [Afghanistan](Socialist_Afghanistan.md "wikilink") (1978 - 1992)',
      '- [Revolutions of 1989 - 1992](Revolutions.md "wikilink")',
      '- 2007 - 2014: a period of protest',
      '- Creating spaces like infoshops and social centers',
      '- This is a whole sentence. It goes on - and on',
      '- Dual power: a definition with a colon',
    ].join('\n'),
  );

  it('reads Term - description items (hyphen, en and em dash)', () => {
    expect(a.concepts).toEqual([
      {
        term: 'Counterpower',
        description: 'a term sometimes used instead of "dual power"',
        target: 'Counterpower',
        section: 'Related Concepts',
      },
      { term: 'Prefiguration', description: 'creating new relations now', target: 'Prefiguration', section: 'Related Concepts' },
      { term: 'Mutual aid', description: 'voluntary reciprocal exchange', section: 'Related Concepts' },
    ]);
  });
});

describe('errors', () => {
  it('throws on binary content', () => {
    expect(() => parsePage('x.md', 'abc\u0000def', opts)).toThrow(/not a text file/);
  });

  it('parses an empty page as an article with no text, with a warning for its author', () => {
    const a = article('---\ntitle: Empty\n---\n');
    expect(a).toMatchObject({ title: 'Empty', lead: '', summary: '', sections: [] });
    expect(parsePage('Empty.md', '---\ntitle: Empty\n---\n', opts).warnings).toEqual(['empty page: no text after the front matter']);
  });
});

describe('summary details', () => {
  it('skips a hatnote at the top of the lead', () => {
    const a = article('*Not to be confused with the White Terrors in France.*\n\nThe **White Terror** was a campaign of repression.');
    expect(a.summary).toBe('The White Terror was a campaign of repression.');
    expect(a.lead).toContain('Not to be confused');
  });

  it('takes the summary from paragraphs, not from a list in the lead', () => {
    const a = article('Intro sentence.\n\n- [:Category:Templates](:Category:Templates.md "wikilink") should cover all templates.');
    expect(a.summary).toBe('Intro sentence.');
    expect(a.lead).toBe('Intro sentence.\n\nCategory:Templates should cover all templates.');
    expect(a.categories).toEqual([]);
    // A link to a Category: page is no related page either.
    expect(a.links).toEqual([]);
  });
});

describe('wikilink pre-pass edge cases', () => {
  it('handles destinations with parentheses and labels over lines', () => {
    const a = article('He helped organise the [Columbine Coalminers\'\nStrike](Columbine_Massacre_(1927).md "wikilink").');
    expect(a.links).toEqual([{ target: 'Columbine Massacre (1927)', label: "Columbine Coalminers' Strike" }]);
    expect(a.lead).toBe("He helped organise the Columbine Coalminers' Strike.");
  });

  it('keeps formatting inside a label', () => {
    const a = article('Lenin wrote in [*Pravda*](Pravda.md "wikilink"):\n\n> What is this dual power, and what does it mean?');
    expect(a.links).toEqual([{ target: 'Pravda', label: 'Pravda' }]);
    expect(a.quotes[0]).toMatchObject({ speaker: 'Lenin', work: 'Pravda' });
  });

  it('never leaks its markers, even when emphasis straddles a link', () => {
    const a = article('*foo [bar* baz](X.md "wikilink") and `[c](C.md "wikilink")` end.');
    expect(a.lead).not.toMatch(/[\uE000-\uE002]/);
    expect(a.lead).toContain('baz');
  });

  it('leaves links across a blank line, images and escaped brackets alone', () => {
    const a = article('A [broken\n\nlink](X.md "wikilink") and ![img](I.md "wikilink") and \\[esc](E.md "wikilink").');
    expect(a.links).toEqual([]);
  });

  it('reads a tag whose closing bracket starts a line', () => {
    const a = article('See "<a href="X.md" class="wikilink"\n>the X</a> and "<a href="Y.md" class="wikilink" title="Y">Y</a>.');
    expect(a.links).toEqual([
      { target: 'X', label: 'the X' },
      { target: 'Y', label: 'Y' },
    ]);
  });

  it('keeps a link inside a blockquote and a list', () => {
    const a = article(
      '> As [Kropotkin](Peter_Kropotkin.md "wikilink") wrote\n> "<a href="Mutual_Aid.md" class="wikilink"\n> title="Mutual Aid">Mutual\n> Aid</a> matters.\n\n- item "<a href="X.md" class="wikilink"\n  title="X">X</a>',
    );
    expect(a.links).toEqual([
      { target: 'Peter Kropotkin', label: 'Kropotkin' },
      { target: 'Mutual Aid', label: 'Mutual Aid' },
      { target: 'X', label: 'X' },
    ]);
    expect(a.quotes[0]!.text).toBe('As Kropotkin wrote Mutual Aid matters.');
    // A block quote's text is the lead's too (search finds it); the summary is made apart.
    expect(a.lead).toBe('As Kropotkin wrote Mutual Aid matters.\n\nitem X');
  });
});

describe('saying it cleanly (issue #16)', () => {
  describe('leads', () => {
    it.each([
      ['*Not to be confused with [barter](Barter.md "wikilink").*'],
      ['*For a broader article, see [Reciprocity](Reciprocity.md "wikilink").*'],
      ['Main article: [Exchange](Exchange.md "wikilink")'],
      ['Also known as: gift giving'],
      ['See also: [Potlatch](Potlatch.md "wikilink")'],
      ['*This page is a stub: a line in italics above the lead is a note, not the lead.*'],
      ['*Content warning: this page describes violence.*'],
    ])('never gives a hatnote as the summary: %s', (hatnote) => {
      const a = article(`${hatnote}\n\nA **gift economy** shares goods without a price. Gifts build ties.`);
      expect(a.summary).toBe('A gift economy shares goods without a price. Gifts build ties.');
      expect(a.hatnote).toBeDefined();
      expect(a.aliases).toEqual(['gift economy']);
    });

    it('takes the first paragraph that stands on its own when the lead is only a hatnote', () => {
      const a = article(
        '*Not to be confused with barter.*\n\n## History\n\nA list follows:\n\n- one\n\nGift economies are older than money. They still exist.',
      );
      expect(a.summary).toBe('Gift economies are older than money. They still exist.');
    });

    it.each([
      ['> The land was never made for one alone to hold against the others.\n\n— Greta Holloway\n\n'],
      ['"The land was never made for one alone to hold against the others." — Greta Holloway\n\n'],
      ['*"The land was never made for one alone to hold against the others."*\n\n— Greta Holloway\n\n'],
      ['*The land was never made for one alone to hold against the others.*\n\n— Greta Holloway\n\n'],
      ['The land was never made for one alone to hold against the others.\n\n— Greta Holloway\n\n'],
    ])('reads an epigraph as a quotation, apart from the summary: %j', (epigraph) => {
      const a = article(`${epigraph}The **commons** are resources held by a community.`);
      expect(a.summary).toBe('The commons are resources held by a community.');
      expect(a.quotes).toEqual([
        { kind: expect.any(String), text: 'The land was never made for one alone to hold against the others.', speaker: 'Greta Holloway' },
      ]);
    });

    it('does not take a lead that opens and closes with quoted words for an epigraph', () => {
      expect(article('"Dual power" is a term for two powers that compete, a "situation"').summary).toBe(
        '"Dual power" is a term for two powers that compete, a "situation".',
      );
    });

    it('gives an introduction the passage it introduces, quoted and cut at a sentence', () => {
      const passage = 'A free school is a school where children decide what they learn. Adults help. '.repeat(8).trim();
      const a = article(`From [The Open Classroom](The_Open_Classroom.md "wikilink"):\n\n> ${passage}`, 'x.md', { summaryMaxChars: 200 });
      expect(a.summary).toBe(
        'From The Open Classroom: “A free school is a school where children decide what they learn. Adults help. A free school is a school where children decide what they learn. Adults help.”',
      );
    });

    it('drops an introduction whose passage does not fit behind the sentences before it', () => {
      const a = article(`Free schools exist. Many critique them:\n\n> ${'Long words of criticism without an end in sight '.repeat(20)}`);
      expect(a.summary).toBe('Free schools exist.');
    });

    it('inlines the items of an introduced list when they fit, and otherwise drops the introduction', () => {
      expect(article('Capitalism has three traits:\n\n1. Private property\n2. Markets\n3. Wage labour').summary).toBe(
        'Capitalism has three traits: Private property; Markets; Wage labour.',
      );
      expect(article('The state made advances, including\n\n- Schools\n- Hospitals').summary).toBe(
        'The state made advances, including Schools; Hospitals.',
      );
      const long = `Capitalism is old. It has traits:\n\n${'- a trait that takes a great many words to describe in full detail\n'.repeat(12)}`;
      expect(article(long).summary).toBe('Capitalism is old.');
    });

    it('never gives a reading list or an address as the summary', () => {
      expect(
        article(
          'Further reading:\n\n- Nora Writer - The Shared Shed\n- Ola Writer - Tools\n\n## History\n\nTool libraries began in the 1970s. They spread.',
        ).summary,
      ).toBe('Tool libraries began in the 1970s. They spread.');
      expect(
        article(
          'A tool library lends tools (see https://tools.example.org/about). Members pay a fee, online at https://example.org/pay. See www.example.org',
        ).summary,
      ).toBe('A tool library lends tools. Members pay a fee, online.');
    });

    it('leaves out a sentence that only points at a link, which says nothing once the link is gone', () => {
      expect(article('A library of texts. You can view it [here](https://example.org/index). It opened in 2005.').summary).toBe(
        'A library of texts. It opened in 2005.',
      );
      expect(article('A wiki page. Read [this link](Other.md "wikilink") for more.').summary).toBe('A wiki page.');
      expect(article('He moved [here](Town.md "wikilink") in 1990.').summary).toBe('He moved here in 1990.');
    });

    it('never ends on a sentence the export cut short, nor inside a quotation that closes later', () => {
      expect(article('The strike was long. It was a').summary).toBe('The strike was long.');
      expect(article('Disaster communism is what people do after disasters, when they become altruistic and').summary).toBe(
        'Disaster communism is what people do after disasters, when they become altruistic…',
      );
      expect(article('Shmuel Alexandrov (1865 - 1941) was a Jewish religious scholar').summary).toBe(
        'Shmuel Alexandrov (1865 - 1941) was a Jewish religious scholar.',
      );
      const quoted = article('He was a guerilla. He was "a sort of hero. He read a lot. He met us in 1936." Then he left.', 'x.md', {
        summaryMaxChars: 50,
      });
      expect(quoted.summary).toBe('He was a guerilla.');
    });
  });

  describe('glued words and leftovers', () => {
    it.each([
      ['**Sweden**is a country.', 'Sweden is a country.'],
      ['Council Communism**or**council rule.', 'Council Communism or council rule.'],
      ['the"<a href="Dictatorship.md" class="wikilink" title="Dictatorship">dictatorship</a>of the few.', 'the dictatorship of the few.'],
      ['the[dictatorship](Dictatorship.md "wikilink")of the few.', 'the dictatorship of the few.'],
      ["Sweden's **king**, 'the' word and **Sweden**'s flag.", "Sweden's king, 'the' word and Sweden's flag."],
      ['**Orenthal Simpson,**nicknamed "the Juice", is famous.', 'Orenthal Simpson, nicknamed "the Juice", is famous.'],
      ["An ''italic'' and '''bold''' word.", 'An italic and bold word.'],
      ['A [[Target|label]] and [[File:x.jpg|thumb|a caption]] here.', 'A label and here.'],
      ['Double &amp;nbsp; and \\\\[17\\\\] marks.', 'Double and [17] marks.'],
      ['In Copenhagen**,** Denmark (**January 2021).', 'In Copenhagen, Denmark (January 2021).'],
      ['A literal \\*word\\* and a note*.', 'A literal *word* and a note*.'],
      ['日本**語**です。', '日本語です。'],
      ['**Lorenzo Ervin**(1947) is a writer.', 'Lorenzo Ervin (1947) is a writer.'],
      [
        'An area of 4,233 km<sup>2</sup> (1,634 sq mi) and 12 m<sup>3</sup> of water.',
        'An area of 4,233 km² (1,634 sq mi) and 12 m³ of water.',
      ],
      ['The war ended.<sup>139</sup> Then peace<sup>2</sup> came.', 'The war ended. Then peace came.'],
    ])('%j reads %j', (source, text) => {
      expect(article(source).lead).toBe(text);
    });

    it('drops an image link and its caption from the text and the links', () => {
      const a = article('A [thumb|The old mill](File:Mill.jpg "wikilink") mill stood here.');
      expect(a.lead).toBe('A mill stood here.');
      expect(a.links).toEqual([]);
    });
  });

  describe('links and concepts', () => {
    it('keeps namespace pages, footnotes and reading lists out of the links', () => {
      const a = article(
        [
          'A [tool library](Tool_library.md "wikilink") by [Mona](User:Mona.md "wikilink"), see [help](Help:Contents.md "wikilink").[^1]',
          '## Further reading',
          '- [Shared Shed](Shared_Shed.md "wikilink") - a book',
          '## External links',
          '- [Network](https://tools.example.org)',
          '[^1]: [Wikipedia](Wikipedia.md "wikilink") - <https://en.wikipedia.org/wiki/Tool_library>',
        ].join('\n\n'),
      );
      expect(a.links).toEqual([{ target: 'Tool library', label: 'tool library' }]);
      expect(a.concepts).toEqual([]);
      expect(a.footnotes[0]!.urls).toEqual(['https://en.wikipedia.org/wiki/Tool_library']);
    });

    it('reads a bold term before a colon as a concept, and a bold item alone as none', () => {
      const a = article(
        '## Related Concepts\n\n- **Repair café**: a meeting where people mend things\n- **Seed swap**\n- **Note:** sometimes\n- [User:Mona](User:Mona.md "wikilink") - an author\n- https://x.example.org - a website',
      );
      expect(a.concepts).toEqual([
        { term: 'Repair café', description: 'a meeting where people mend things', section: 'Related Concepts' },
        { term: 'Note', description: 'sometimes', section: 'Related Concepts' },
      ]);
    });
  });

  describe('files', () => {
    it('never keeps the "(1)" of a case-clash file in a title or a slug', () => {
      expect(article('Text.', 'Dual_Power(1).md')).toMatchObject({ title: 'Dual Power', slug: 'Dual_Power' });
      expect(article('---\ntitle: Dual Power\npermalink: /Dual_Power(1)/\n---\nText.', 'Dual_Power(1).md')).toMatchObject({
        title: 'Dual Power',
        slug: 'Dual_Power',
      });
      expect(article('Text.', 'Paris_Commune_(1871).md')).toMatchObject({ title: 'Paris Commune (1871)', slug: 'Paris_Commune_(1871)' });
    });
  });

  describe('quotations', () => {
    it('cuts a long quotation at a sentence end within 600 characters, marked "…"', () => {
      const sentence = 'Every strike is a lesson in what people can do without being told by anyone. ';
      const a = article(`> ${sentence.repeat(12)}\n> — Jon Alder`);
      const q = a.quotes[0]!;
      expect(q.text.length).toBeLessThanOrEqual(600);
      expect(q.text).toBe(`${sentence.repeat(7).trim()} …`);
      expect(q.speaker).toBe('Jon Alder');
    });

    it('marks the cut of a quotation that stops on its own ellipsis once', () => {
      const sentence = 'Every strike is a lesson in what people can do without being told by anyone... ';
      const q = article(`> ${sentence.repeat(12)}\n> — Jon Alder`).quotes[0]!;
      expect(q.text).toMatch(/anyone…$/);
      expect(q.text).not.toMatch(/\.\.\.\s*…$/);
      expect(q.text.length).toBeLessThanOrEqual(600);
    });

    it('quotes the sentence around a fragment, and marks a quotation that starts inside a sentence', () => {
      const a = article(
        'Proudhon declared that "property is theft,"[^1] and was jailed.\n\nThe union called for "forming the structure of the new society within the shell of the old."[^2]\n\n[^1]: Lena Quill, *Crowds*, 1930.\n\n[^2]: x',
      );
      expect(a.quotes.map((q) => q.text)).toEqual([
        'Proudhon declared that "property is theft," and was jailed.',
        '…forming the structure of the new society within the shell of the old.',
      ]);
    });

    it('drops a blockquote of fewer than six words and marks one that stops mid-clause', () => {
      const a = article('> Free the land now\n\nText.\n\n> Wages have increased by half since the workers took over, with');
      expect(a.quotes.map((q) => q.text)).toEqual(['Wages have increased by half since the workers took over, with…']);
    });

    it('reads "— Name" on the line after a blockquote, and a name with a participle before one', () => {
      const a = article(
        '> Every strike is a lesson in what people can do.\n\n— Kira Lund\n\nJon Alder, arguing:\n\n> No petition has ever taught people what they can do alone.',
      );
      expect(a.quotes.map((q) => q.speaker)).toEqual(['Kira Lund', 'Jon Alder']);
    });
  });
});
