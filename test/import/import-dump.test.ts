// `importDump` on small hand-written dumps: what a user gets when the bot loads the pages it
// wrote (redirects, footnotes from citation templates, quotations with their speakers,
// hatnotes kept out of summaries, boxes dropped, the dump's own templates expanded), in each
// format (schema 0.10 and 0.11, plain, gzip, bzip2 and multistream bzip2), and the errors.
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, type CommandDeps } from '../../commands/index.js';
import { importDump, ImportError, type ImportResult } from '../../src/import/import-dump.js';
import { Library } from '../../src/library/library.js';
import { createLogger } from '../../src/log.js';
import { readSiteFacts, withSiteFacts } from '../../src/site-facts.js';
import { loadContent } from '../../src/wiki/load/load-folder.js';
import type { Article, Content } from '../../src/wiki/model.js';
import { testConfig } from '../helpers/library.js';
import { tempDirs } from '../helpers/temp.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const small = path.join(fixtures, 'small-dump.xml');
const smallXml = readFileSync(small, 'utf8');
const temp = tempDirs();
afterAll(() => temp.removeAll());

async function importInto(file: string, opts: { force?: boolean; outDir?: string } = {}): Promise<{ dir: string; result: ImportResult }> {
  const dir = opts.outDir ?? (await temp.make('cp-import-'));
  const result = await importDump({ file, outDir: dir, force: opts.force });
  return { dir, result };
}

async function writeDump(name: string, content: string | Buffer): Promise<string> {
  const dir = await temp.make('cp-dump-');
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

async function pageFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await readdir(dir)).filter((f) => f.endsWith('.md')).sort()) out[f] = await readFile(path.join(dir, f), 'utf8');
  return out;
}

const load = (dir: string) => loadContent(dir, { baseUrl: 'https://wiki.example.org/wiki/', summaryMaxChars: 600, cacheDir: null });

describe('importing a small dump (schema 0.10)', () => {
  let dir: string;
  let result: ImportResult;
  let content: Content;
  let deps: CommandDeps;
  let aid: Article;

  beforeAll(async () => {
    ({ dir, result } = await importInto(small));
    content = await load(dir);
    deps = {
      library: Library.build(content, { baseUrl: 'https://wiki.example.org/wiki/' }),
      config: testConfig(),
      log: createLogger('silent'),
    };
    aid = content.articles.find((a) => a.title === 'Mutual aid')!;
  });

  const ask = (name: string, input: Record<string, string>) => runCommand(deps, name, input, { platform: 'shell' });

  it('writes the main-namespace pages only, and the bot loads them without a warning', async () => {
    expect(Object.keys(await pageFiles(dir))).toEqual(['Aid.md', 'Mutual_aid.md', 'Peter_Kropotkin.md']);
    expect(result).toMatchObject({ articles: 2, redirects: 1, skipped: 2, templates: 3, schema: '0.10', compression: 'none' });
    expect(content.warnings).toEqual([]);
    expect(content.articles.map((a) => a.title).sort()).toEqual(['Mutual aid', 'Peter Kropotkin']);
  });

  it('keeps a redirect to a section as a redirect to that section of its page', async () => {
    expect(await readFile(path.join(dir, 'Aid.md'), 'utf8')).toContain('REDIRECT [Mutual aid](Mutual_aid.md#History "wikilink")');
    expect(content.redirects).toEqual([{ from: 'Aid', to: 'Mutual aid', anchor: 'History', path: 'Aid.md' }]);
    const reply = await ask('define', { term: 'aid' });
    expect(reply.title).toBe('Mutual aid › History');
  });

  it('answers /define with the lead, not the hatnote or the infobox, and cites the citation templates', async () => {
    const reply = await ask('define', { term: 'mutual aid' });
    expect(reply.text).toMatch(/^Mutual aid is the voluntary exchange of resources and services for common benefit\./);
    expect(reply.text).not.toMatch(/Main article|Infobox Name/);
    expect(reply.citations?.[0]).toEqual({
      label: 'Dean Spade (2020). "What mutual aid is". Example Press.',
      url: 'https://example.org/aid',
    });
    expect(aid.footnotes[1]).toMatchObject({
      text: expect.stringContaining('Peter Kropotkin (1902). Mutual Aid: A Factor of Evolution. Heinemann.'),
      urls: ['https://example.org/book'],
    });
    const kropotkin = await ask('define', { term: 'Peter Kropotkin' });
    expect(kropotkin.text).toBe('Peter Kropotkin was a geographer and anarchist who wrote about mutual aid.');
  });

  it('writes hatnotes as lines the parser knows', async () => {
    const files = await pageFiles(dir);
    expect(files['Mutual_aid.md']).toContain('Main article: [Cooperation](Cooperation.md "wikilink")');
    expect(files['Peter_Kropotkin.md']).toContain(
      'This article is about the geographer. For the village, see [Kropotkin (village)](Kropotkin_(village).md "wikilink").',
    );
  });

  it('drops infoboxes, navboxes, files and galleries without leaving markup', async () => {
    const text = (await pageFiles(dir))['Mutual_aid.md']!;
    expect(text).not.toMatch(/Infobox|Navbox|Anarchy|Ants|Gallery caption|\{\{|\}\}|\[\[|<gallery|File:/);
  });

  it('expands templates the dump defines as text, including one defined after the page', () => {
    expect(aid.lead).toContain('Greetings to every reader, from the wiki.');
    expect(aid.lead).toContain('Nobody is free until everybody is free.');
    expect(aid.lead).not.toContain('documents the template');
    expect(result.deferred).toBe(1);
    expect(result.missingTemplates).toEqual([]);
  });

  it('turns blockquotes and quotation templates into quotes with their speakers and works', async () => {
    const byText = (s: string) => aid.quotes.find((q) => q.text.startsWith(s));
    expect(byText('In the animal world')).toMatchObject({
      speaker: 'Peter Kropotkin',
      year: '1902',
      source: 'https://example.org/book',
      section: 'History',
    });
    expect(byText('Everything in nature')).toMatchObject({ speaker: 'Emma Goldman', work: 'Living My Life' });
    expect(byText('Solidarity, not charity')).toMatchObject({ speaker: 'Dean Spade', work: 'Mutual Aid' });
    const reply = await ask('quote', { name: 'Goldman' });
    expect(reply.quote).toMatchObject({ text: 'Everything in nature is interdependent and cooperative.', speaker: 'Emma Goldman' });
  });

  it('keeps sections, categories, links and Term - description lists', () => {
    expect(aid.sections.map((s) => s.heading)).toEqual(['History', 'Related Concepts', 'References']);
    expect(aid.categories).toEqual(['Concepts', 'Economics']);
    expect(aid.links.map((l) => l.target)).toEqual(expect.arrayContaining(['Cooperation', 'Peter Kropotkin', 'Solidarity']));
    expect(aid.concepts.map((c) => [c.term, c.description])).toEqual([
      ['Solidarity', 'unity of a group around common interests'],
      ['Counterpower', 'power built from below, outside the state'],
      ['Reciprocity', 'giving and receiving in turn'],
    ]);
  });

  it('writes the site facts the configuration then uses', () => {
    expect(readSiteFacts(dir)).toMatchObject({
      name: 'Example Commons Wiki',
      baseUrl: 'https://wiki.example.org/wiki/',
      case: 'first-letter',
    });
    const config = withSiteFacts(testConfig({ CONTENT_DIR: dir }), { CONTENT_DIR: dir });
    expect(config).toMatchObject({ WIKI_NAME: 'Example Commons Wiki', WIKI_BASE_URL: 'https://wiki.example.org/wiki/' });
    // Explicit settings win; the defaults a copied .env.example spells out do not.
    const env = { CONTENT_DIR: dir, WIKI_NAME: 'Our Wiki', WIKI_BASE_URL: 'https://ours.example/w/' };
    expect(withSiteFacts(testConfig(env), env)).toMatchObject({ WIKI_NAME: 'Our Wiki', WIKI_BASE_URL: 'https://ours.example/w/' });
    const copied = { CONTENT_DIR: dir, WIKI_NAME: 'AnarWiki', WIKI_BASE_URL: 'https://anarwiki.org/wiki/' };
    expect(withSiteFacts(testConfig(copied), copied)).toMatchObject({
      WIKI_NAME: 'Example Commons Wiki',
      WIKI_BASE_URL: 'https://wiki.example.org/wiki/',
    });
  });
});

describe('dump formats', () => {
  let expected: Record<string, string>;
  beforeAll(async () => {
    expected = await pageFiles((await importInto(small)).dir);
  });

  it('reads export schema 0.11 like 0.10', async () => {
    const v11 = smallXml.replace(/export-0\.10/g, 'export-0.11').replace('version="0.10"', 'version="0.11"');
    const { dir, result } = await importInto(await writeDump('v11.xml', v11));
    expect(result.schema).toBe('0.11');
    expect(await pageFiles(dir)).toEqual(expected);
  });

  it('reads gzip, bzip2 and multistream bzip2 (told by their bytes, not their names)', async () => {
    const gz = await writeDump('dump.xml.gz', gzipSync(smallXml));
    const disguised = await writeDump('dump.xml', gzipSync(smallXml));
    for (const [file, compression] of [
      [gz, 'gzip'],
      [disguised, 'gzip'],
      [path.join(fixtures, 'small-dump.xml.bz2'), 'bzip2'],
      [path.join(fixtures, 'small-dump-multistream.xml.bz2'), 'bzip2'],
    ] as const) {
      const { dir, result } = await importInto(file);
      expect(result.compression, file).toBe(compression);
      expect(await pageFiles(dir), file).toEqual(expected);
    }
  });
});

describe('imports into a folder again', () => {
  it('leaves unchanged pages alone and removes pages the new dump no longer has', async () => {
    const { dir } = await importInto(small);
    const without = smallXml.replace(/<page>\s*<title>Peter Kropotkin<\/title>[\s\S]*?<\/page>/, '');
    const { result } = await importInto(await writeDump('newer.xml', without), { outDir: dir });
    expect(result).toMatchObject({ written: 0, unchanged: 2, removed: 1 });
    expect(Object.keys(await pageFiles(dir))).toEqual(['Aid.md', 'Mutual_aid.md']);
  });

  it('refuses a folder of pages no import wrote, unless forced', async () => {
    const dir = await temp.make('cp-import-');
    await writeFile(path.join(dir, 'Handmade.md'), '# Handmade\n\nA page.\n');
    await expect(importInto(small, { outDir: dir })).rejects.toThrow(/already holds 1 page that no import wrote.*--force/);
    await importInto(small, { outDir: dir, force: true });
    expect(Object.keys(await pageFiles(dir))).toEqual(['Aid.md', 'Handmade.md', 'Mutual_aid.md', 'Peter_Kropotkin.md']);
  });
});

describe('bad dumps get a clear error, not a crash', () => {
  it('reports malformed XML with its line and column, and keeps what came before', async () => {
    const broken = smallXml.replace('</text>\n      <sha1>e</sha1>', '</txt>\n      <sha1>e</sha1>');
    const file = await writeDump('broken.xml', broken);
    const dir = await temp.make('cp-import-');
    const err = await importDump({ file, outDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(/^broken\.xml: not well-formed XML at line \d+, column \d+: /);
    // A retry after fixing the dump is not refused for the pages the failed run wrote.
    await expect(importDump({ file: small, outDir: dir })).resolves.toMatchObject({ articles: 2 });
  });

  it.each([
    ['not.xml', '<html><body>Not a dump</body></html>', /the root element is <html>, not <mediawiki>/],
    ['empty.xml', '', /not a MediaWiki export|not well-formed/],
    ['truncated.xml', smallXml.slice(0, 2500), /not well-formed XML/],
    ['bad.xml.bz2', Buffer.concat([Buffer.from('BZh9'), Buffer.alloc(600, 7)]), /cannot decompress \(bzip2\)/],
    ['bad.xml.gz', Buffer.concat([gzipSync(smallXml).subarray(0, 10), Buffer.alloc(100, 1)]), /cannot decompress \(gzip\)/],
    ['dump.7z', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), /7z archive; extract it first/],
  ])('%s', async (name, bytes, message) => {
    const file = await writeDump(name, bytes);
    await expect(importDump({ file, outDir: await temp.make('cp-import-') })).rejects.toThrow(message);
  });

  it('reports a missing file and a stub dump (no page text)', async () => {
    await expect(importDump({ file: '/nonexistent/dump.xml', outDir: await temp.make('cp-import-') })).rejects.toThrow(/no such file/);
    const stub = smallXml.replace(/<text xml:space="preserve" bytes="\d+">[\s\S]*?<\/text>/g, '<text bytes="10" id="99" />');
    await expect(importDump({ file: await writeDump('stub.xml', stub), outDir: await temp.make('cp-import-') })).rejects.toThrow(
      /holds no page text/,
    );
  });
});
