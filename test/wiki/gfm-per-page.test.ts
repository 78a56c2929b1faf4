// remark-gfm's syntax tried only where a page could use it must give remark-gfm's own tree,
// on pages that use each construct, pages that only seem to, and every page of both wikis.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { page, titles } from '../../bench/generate.js';
import remarkGfmPerPage, { absentMask, SKIPPABLE } from '../../src/wiki/parse/gfm-per-page.js';
import { contentDir, libsocDir } from '../helpers/library.js';

const gfm = remark().use(remarkGfm).freeze();
const whereUsed = remark().use(remarkGfm).use(remarkGfmPerPage).freeze();

/** Both trees as JSON (positions included), so a failure shows where they part. */
function both(source: string): [string, string] {
  return [JSON.stringify(gfm.parse(source)), JSON.stringify(whereUsed.parse(source))];
}

const mdFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(dir, f));

describe('GFM syntax where a page uses it', () => {
  it('skips only constructs remark-gfm has, so a rename upstream fails here instead of going unnoticed', () => {
    const names = new Set<string>();
    const collect = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object' && 'tokenize' in v && 'name' in v) names.add(String(v.name));
    };
    for (const ext of gfm.data('micromarkExtensions') ?? [])
      for (const record of Object.values(ext)) Object.values(record ?? {}).forEach(collect);
    for (const { construct } of SKIPPABLE) expect(names, construct).toContain(construct);
  });

  it('skips everything on a page of plain prose, and nothing a page could need', () => {
    const all = (1 << (SKIPPABLE.length + 1)) - 1;
    expect(absentMask('Just words, some *emphasis* and a [link](Page.md).')).toBe(all);
    expect(absentMask('Mail ann@example.org, see www.example.org or HTTPS://x.org/a | b')).toBe(0);
  });

  const cases: Record<string, string> = {
    'a table with pipes': '| a | b |\n| - | :-: |\n| 1 | 2 |\n',
    'a table without a pipe (left)': 'a\n:-\nb\n',
    'a table without a pipe (right)': 'a\n-:\n',
    'a setext heading, not a table': 'a\n--\n',
    'an email': 'Write to ann.lee+wiki@example.org today.',
    'mailto and xmpp': 'mailto:a@b.co and xmpp:a@b.co/c',
    'an email spelled with a character reference': 'ann&#64;example.org',
    'www in capitals': 'See WWW.EXAMPLE.ORG/path.',
    'www with an escaped dot': 'See www\\.example.org now',
    'www spelled with a character reference': 'See &#119;ww.example.org now',
    'a URL with a referenced colon': 'see http&#58;//x.org/a',
    'a URL in capitals': 'HTTPS://x.org/a?b#c',
    'a URL in a footnote': 'Text.[^1]\n\n[^1]: Kropotkin, Peter. <http://x.org> https://y.org/z',
    'strikethrough and a task list': '~~gone~~ and ~one~\n\n- [ ] to do\n- [x] done\n',
    'a wikilink in raw HTML': '"<a href="Dual_power.md" class="wikilink" title="Dual power">dual\npower</a> grows',
    'nothing at all': '',
  };
  for (const [name, source] of Object.entries(cases)) {
    it(`gives remark-gfm's tree for ${name}`, () => {
      const [expected, actual] = both(source);
      expect(actual).toBe(expected);
    });
  }

  it("gives remark-gfm's tree for every page in content/ and for synthetic pages", () => {
    const all = titles(40, 7);
    let seed = 11;
    const r = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const sources = [...mdFiles(contentDir).map((f) => readFileSync(f, 'utf8')), ...all.map((t) => page(t, all, r))];
    for (const source of sources) {
      const [expected, actual] = both(source);
      expect(actual).toBe(expected);
    }
  });

  const hasLibsoc = existsSync(libsocDir);
  if (!hasLibsoc) console.warn(`[content] skipping the libsocwiki GFM comparison: ${libsocDir} is missing`);
  it.skipIf(!hasLibsoc)(
    "gives remark-gfm's tree for every libsocwiki page",
    () => {
      const differing: string[] = [];
      for (const file of mdFiles(libsocDir)) {
        const [expected, actual] = both(readFileSync(file, 'utf8'));
        if (actual !== expected) differing.push(path.basename(file));
      }
      expect(differing).toEqual([]);
    },
    120_000,
  );
});
