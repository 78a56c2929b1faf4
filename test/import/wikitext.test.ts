// The wikitext converter on its own (what an API client would call for one page), checked
// through the page parser the bot uses, so each case asserts what the bot reads.
import { describe, expect, it } from 'vitest';
import { convertPage } from '../../src/import/wikitext/page.js';
import { SiteNames } from '../../src/import/wikitext/site-names.js';
import { TemplateStore } from '../../src/import/wikitext/templates.js';
import { parsePage } from '../../src/wiki/parse/parse-page.js';
import type { Article } from '../../src/wiki/model.js';

const site = new SiteNames({ case: 'first-letter', namespaces: { '6': 'Datei', '14': 'Kategorie', '10': 'Vorlage' } });

function convert(wikitext: string, templates?: TemplateStore, title = 'Test page') {
  return convertPage({ title, wikitext }, { site, templates });
}

function read(wikitext: string, templates?: TemplateStore): Article {
  const page = parsePage('Test_page.md', convert(wikitext, templates).text, { summaryMaxChars: 600 });
  if (page.kind !== 'article') throw new Error('expected an article');
  return page.article;
}

function body(wikitext: string): string {
  return convert(wikitext)
    .text.replace(/^---\n[\s\S]*?\n---\n\n/, '')
    .trim();
}

describe('wikitext → Markdown', () => {
  it('writes front matter the parser reads back, with the title normalised', () => {
    const page = parsePage('x.md', convert('Text.', undefined, 'foo_bar: a "title"').text, { summaryMaxChars: 600 });
    expect(page.kind === 'article' && [page.article.title, page.article.slug]).toEqual(['Foo bar: a "title"', 'Foo_bar:_a_"title"']);
  });

  it('links: labels, trails, the pipe trick, sections, other namespaces and languages', () => {
    const a = read(
      '[[Russia]]n, [[anarchism|anarchists]], [[Paris (France)|]], [[Commune#History|the commune]], [[User:Ed|Ed]], [[wikipedia:Anarchy|Anarchy]], [[#Top|above]].\n[[fr:Paris]]',
    );
    expect(a.lead).toBe('Russian, anarchists, Paris, the commune, Ed, Anarchy, above.');
    expect(a.links).toEqual([
      { target: 'Russia', label: 'Russian' },
      { target: 'Anarchism', label: 'anarchists' },
      { target: 'Paris (France)', label: 'Paris' },
      { target: 'Commune', label: 'the commune' },
    ]);
  });

  it("uses the wiki's own namespace names for categories and files", () => {
    const a = read('Text [[Datei:Bild.png|mini|Caption [[X]]]] more.\n\n[[Kategorie:Leute]] [[Category:Other]]');
    expect(a.lead).toBe('Text more.');
    expect(a.categories).toEqual(['Leute', 'Other']);
  });

  it('bold and italics, including odd apostrophes, without stray asterisks', () => {
    expect(body("'''Bold''' and ''italic'' and '''''both''''' and l'''amour'' and ''' spaced ''' end")).toBe(
      "**Bold** and *italic* and ***both*** and l'*amour* and **spaced** end",
    );
    expect(read("word'''\"quoted\"'''word and ''unclosed").lead).toBe('word"quoted"word and unclosed');
  });

  it('escapes Markdown in text and at the start of a paragraph', () => {
    const a = read('1936. The *war* [began] with <angle> & _under_ | pipe\n\n> not a quote\n\n+ not a list\n\n---\n\n----\n\nEnd');
    expect(a.lead).toBe('1936. The *war* [began] with <angle> & _under_ | pipe\n\n> not a quote\n\n+ not a list\n\nEnd');
    expect(body('---')).toBe('\\---');
    expect(a.sections).toEqual([]);
  });

  it('entities, nowiki, HTML tags and copied citation marks', () => {
    const wikitext =
      "A&nbsp;B &mdash; C&#39;s <nowiki>{{not a template}} ''x''</nowiki> <span style=\"x\">kept</span><sup>[12]</sup> H<sub>2</sub>O <freeofstate>";
    const a = read(wikitext);
    // The page file keeps the nowiki text as written; a reader never sees '' (issue #16: the
    // parser reads every run of apostrophes as an export's leftover markup).
    expect(body(wikitext)).toContain("{{not a template}} ''x''");
    expect(a.lead).toBe("A B — C's {{not a template}} x kept H2O <freeofstate>");
    expect(a.links).toEqual([]);
  });

  it('external links and bare URLs', () => {
    const a = read('See [https://example.org/a_b the site] or https://example.org/c_(d). Or [http://x.org].');
    expect(a.lead).toBe('See the site or https://example.org/c_(d). Or http://x.org.');
  });

  it('footnotes: named refs shared, list-defined refs, groups, empty refs dropped, {{efn}}', () => {
    const a = read(
      'One.<ref name="a">First source.</ref> Two.<ref name="a"/> Three.<ref name="later"/> Four.<ref></ref> Five.{{efn|A note.}}\n' +
        '<references>\n<ref name="later">Defined in the list.</ref>\n</references>',
    );
    expect(a.footnotes.map((f) => [f.id, f.text])).toEqual([
      ['1', 'First source.'],
      ['2', 'Defined in the list.'],
      ['3', 'A note.'],
    ]);
    expect(a.lead).toBe('One. Two. Three. Four. Five.');
  });

  it('citation templates without a year or an author', () => {
    const a = read(
      'X.<ref>{{cite news |author=Jane Roe |title=Strike ends |newspaper=The Daily |url=https://d.example/s}}</ref> Y.<ref>{{Cite web|title=Untitled page|website=Site|date=5 May 2019}}</ref>',
    );
    expect(a.footnotes.map((f) => f.text)).toEqual([
      'Jane Roe, "Strike ends". The Daily. https://d.example/s',
      '"Untitled page". Site. 2019.',
    ]);
  });

  it('lists: nesting, numbers, definitions and indented text', () => {
    expect(body('* one\n** one.one\n*# one.first\n# first\n#* first.bullet\n; Term : its definition\n; Alone\n\n: indented')).toBe(
      '- one\n  - one.one\n  1. one.first\n1. first\n   - first.bullet\n- **Term** - its definition\n\n**Alone**\n\nindented',
    );
  });

  it('tables as GFM tables; boxes dropped', () => {
    expect(body('{| class="wikitable"\n! Year !! Event\n|-\n| 1871 || [[Paris Commune]]\n|-\n| style="x" | 1936 || Revolution\n|}')).toBe(
      '| Year | Event |\n|---|---|\n| 1871 | [Paris Commune](Paris_Commune.md "wikilink") |\n| 1936 | Revolution |',
    );
    expect(body('{| class="metadata ambox"\n| This article needs citations.\n|}\nText.')).toBe('Text.');
  });

  it('blockquotes with paragraphs, and <poem>', () => {
    expect(body('Intro:\n<blockquote>First.\n\nSecond.<ref>Src.</ref></blockquote>\n<poem>\nLine one\nLine two\n</poem>')).toBe(
      'Intro:\n\n> First.\n>\n> Second.[^1]\n\nLine one\\\nLine two\n\n[^1]: Src.',
    );
  });

  it('hatnote templates in the words the parser recognises', () => {
    const a = read(
      '{{See also|Mutual aid|Solidarity}}\n{{Distinguish|Anarchy}}\n{{For|other uses|Commune (disambiguation)}}\nThe lead sentence.',
    );
    expect(a.summary).toBe('The lead sentence.');
    expect(a.lead).toContain('See also: Mutual aid and Solidarity');
    expect(a.lead).toContain('Not to be confused with Anarchy.');
    expect(a.lead).toContain('For other uses (other uses), see Commune (disambiguation).');
  });

  it("expands the wiki's templates: parameters, defaults, #if, nesting; not programming or boxes", () => {
    const store = new TemplateStore(site);
    store.add(
      'Vorlage:Born',
      '{{{1}}} (born {{{2|unknown}}}{{#if:{{{place|}}}|, {{{place}}}}}){{Dot}}<noinclude>[[Kategorie:Templates]]</noinclude>',
    );
    store.add('Template:Dot', '.');
    store.add('Template:Switchy', '{{#switch:{{{1}}}|a=A|B}}');
    store.add('Template:Boxy', '<div class="navbox">[[X]]</div>');
    store.add('Template:Loop', 'again {{Loop}}');
    const a = read('{{born|Emma Goldman|1869|place=Kaunas}} {{Born|Someone}} {{Switchy|a}} {{Boxy}} {{Loop}} {{Unknown thing|x}}', store);
    expect(a.lead).toBe('Emma Goldman (born 1869, Kaunas). Someone (born unknown). again');
    expect(a.categories).toEqual([]);
    expect(convert('{{Unknown thing|x}} {{Born|X}}', store).missingTemplates).toEqual(['Unknown thing']);
  });

  it('redirects, with a section, in any case', () => {
    expect(convert('#redirect: [[mutual aid#In nature|x]]').text).toContain(
      '1.  REDIRECT [Mutual aid](Mutual_aid.md#In_nature "wikilink")',
    );
    const page = parsePage('Aid.md', convert('#REDIRECT [[Mutual aid]]').text, { summaryMaxChars: 600 });
    expect(page).toMatchObject({ kind: 'redirect', redirect: { to: 'Mutual aid' } });
  });

  it('odd input never throws', () => {
    for (const w of [
      '{{',
      '}}{{a|',
      '[[',
      '[[a|',
      "'''",
      '<ref>open',
      '<blockquote>',
      '{|\n|',
      '{{{1}}}',
      '\u0000',
      '&#xD800;',
      '{{#if:}}',
    ]) {
      expect(() => read(w)).not.toThrow();
    }
  });
});
