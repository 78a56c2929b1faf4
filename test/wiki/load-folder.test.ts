import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, truncate, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sectionText } from '../../src/wiki/cache/packed-text.js';
import { ParseCache } from '../../src/wiki/cache/parse-cache.js';
import { loadContent, type LoadContentOptions } from '../../src/wiki/load/load-folder.js';
import type { CacheProblem } from '../../src/wiki/cache/cache-dir.js';
import type { ContentWarning } from '../../src/wiki/model.js';
import { makeReadOnly } from '../helpers/read-only.js';

let tmp: string;
let dir: string;
let cacheDir: string;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'commonplace-content-'));
  dir = path.join(tmp, 'content');
  cacheDir = path.join(tmp, 'cache');
  await mkdir(dir);
});

afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const base: LoadContentOptions = { baseUrl: 'https://wiki.example/wiki/', summaryMaxChars: 300, workers: 0 };

function page(title: string, body = `${title} is a page about ${title.toLowerCase()}.`): string {
  return `---\ntitle: ${title}\n---\n\n${body}\n\n## Section\n\nMore about [Dual power](Dual_power.md "wikilink").\n`;
}

async function write(rel: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await writeFile(path.join(dir, rel), content);
}

describe('loadContent', () => {
  it('loads every page recursively, sets urls, skips README, dotfiles and node_modules', async () => {
    await write('Alpha.md', page('Alpha'));
    await write('sub/Beta.md', page('Beta'));
    await write('sub/README.md', page('Sub readme'));
    await write('README.md', '# How this folder works\n');
    await write('.hidden.md', page('Hidden'));
    await write('.git/Gitpage.md', page('Git'));
    await write('node_modules/pkg/Dep.md', page('Dep'));
    await write('notes.txt', 'not a page');
    await write('Old.md', '1.  REDIRECT [Alpha](Alpha.md "wikilink")');
    const content = await loadContent(dir, base);
    expect(content.articles.map((a) => a.title).sort()).toEqual(['Alpha', 'Beta', 'Sub readme']);
    expect(content.redirects).toEqual([{ from: 'Old', to: 'Alpha', path: 'Old.md' }]);
    expect(content.warnings).toEqual([]);
    const beta = content.articles.find((a) => a.title === 'Beta')!;
    expect(beta.path).toBe('sub/Beta.md');
    expect(beta.url).toBe('https://wiki.example/wiki/Beta');
    expect(content.stats).toMatchObject({ files: 4, parsed: 4, fromCache: 0, workers: 0 });
    expect(content.stats.ms).toBeGreaterThan(0);
  });

  it('throws a clear error when the folder does not exist or is a file', async () => {
    await expect(loadContent(path.join(tmp, 'nope'), base)).rejects.toThrow(/content folder not found: .*nope/);
    await write('file.md', 'x');
    await expect(loadContent(path.join(dir, 'file.md'), base)).rejects.toThrow(/not a folder/);
  });

  it('reports broken files with their path and reason, and loads the rest', async () => {
    await write('Good.md', page('Good'));
    await write('Latin1.md', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])); // "café" in Latin-1: not UTF-8
    await mkdir(path.join(dir, 'Folder.md'));
    await write('Folder.md/Inside.md', page('Inside'));
    await write('Binary.md', Buffer.from('abc\u0000def'));
    await write('BadYaml.md', '---\n- just\n- a list\n---\nText.');
    await symlink(path.join(tmp, 'missing-target.md'), path.join(dir, 'Dangling.md'));
    const seen: ContentWarning[] = [];
    const content = await loadContent(dir, { ...base, onWarning: (w) => seen.push(w) });
    // A page with bytes that are not UTF-8 is loaded (read as Windows-1252) and reported.
    expect(content.articles.map((a) => a.title).sort()).toEqual(['Good', 'Inside', 'Latin1']);
    expect(content.articles.find((a) => a.title === 'Latin1')!.lead).toBe('café');
    expect(content.warnings.map((w) => w.path)).toEqual(['BadYaml.md', 'Binary.md', 'Dangling.md', 'Folder.md', 'Latin1.md']);
    const reason = (p: string) => content.warnings.find((w) => w.path === p)!.reason;
    expect(reason('Latin1.md')).toBe('not valid UTF-8 at byte 3; read as Windows-1252 and loaded');
    expect(content.warnings.filter((w) => w.kept).map((w) => w.path)).toEqual(['Latin1.md']);
    expect(reason('Folder.md')).toMatch(/folder/);
    expect(reason('Binary.md')).toMatch(/not a text file/);
    expect(reason('BadYaml.md')).toMatch(/front matter/);
    expect(reason('Dangling.md')).toMatch(/symbolic link/);
    expect(seen).toEqual(content.warnings);
  });

  it('reports a symbolic link loop as a loop, not as a broken link', async () => {
    await write('Good.md', page('Good'));
    await symlink(path.join(dir, 'Loop_b.md'), path.join(dir, 'Loop_a.md'));
    await symlink(path.join(dir, 'Loop_a.md'), path.join(dir, 'Loop_b.md'));
    await symlink(path.join(dir, 'Self.md'), path.join(dir, 'Self.md'));
    const content = await loadContent(dir, base);
    expect(content.articles.map((a) => a.title)).toEqual(['Good']);
    expect(content.warnings).toEqual([
      { path: 'Loop_a.md', reason: 'symbolic link loop' },
      { path: 'Loop_b.md', reason: 'symbolic link loop' },
      { path: 'Self.md', reason: 'symbolic link loop' },
    ]);
  });

  it('reports two pages with the same title, saying which one wins', async () => {
    await write('a/Dual_power.md', page('Dual power', 'The first one.'));
    await write('b/Dual_power.md', page('Dual Power', 'The second one.'));
    await write('c/Other.md', page('dual  power', 'The third one.'));
    const content = await loadContent(dir, base);
    // All stay loaded. A title that differs in case is a page of its own (MediaWiki's rule), found
    // by its capitals; one that differs only in spaces or its first letter is the same title, and
    // the first answers it.
    expect(content.articles).toHaveLength(3);
    expect(content.warnings).toEqual([
      {
        path: 'b/Dual_power.md',
        kept: true,
        reason:
          'has the title "Dual Power", which differs from a/Dual_power.md\'s "Dual power" only in case: each page answers when its title is typed with its capitals, a/Dual_power.md otherwise',
      },
      {
        path: 'c/Other.md',
        kept: true,
        reason: 'has the same title ("dual  power") as a/Dual_power.md, which wins: commands answer with that page',
      },
    ]);
  });

  it('reports YAML warnings with the file instead of printing them on the process', async () => {
    const printed: unknown[] = [];
    const onWarning = (w: unknown) => printed.push(w);
    process.on('warning', onWarning);
    try {
      await write('Tagged.md', '---\ntitle: !custom Tagged page\naliases: [a, b]\n---\n\nText of the tagged page.\n');
      const content = await loadContent(dir, base);
      expect(content.articles.map((a) => a.title)).toEqual(['Tagged page']);
      expect(content.warnings).toEqual([
        { path: 'Tagged.md', kept: true, reason: expect.stringMatching(/^YAML front matter: Unresolved tag: !custom at line 1, column 8/) },
      ]);
      await new Promise((r) => setImmediate(r));
      expect(printed).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('reports an empty page, and keeps it', async () => {
    await write('Empty.md', '');
    await write('Blank.md', '---\ntitle: Blank\n---\n\n  \n');
    const content = await loadContent(dir, base);
    expect(content.articles.map((a) => a.title).sort()).toEqual(['Blank', 'Empty']);
    expect(content.warnings).toEqual([
      { path: 'Blank.md', kept: true, reason: 'empty page: no text after the front matter' },
      { path: 'Empty.md', kept: true, reason: 'empty page: no text' },
    ]);
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable file', async () => {
    await write('Good.md', page('Good'));
    await write('Secret.md', page('Secret'));
    await chmod(path.join(dir, 'Secret.md'), 0o000);
    const content = await loadContent(dir, base);
    expect(content.articles.map((a) => a.title)).toEqual(['Good']);
    expect(content.warnings).toEqual([{ path: 'Secret.md', reason: 'cannot read: permission denied' }]);
  });
});

describe('parse cache', () => {
  async function fill(n: number): Promise<void> {
    for (let i = 0; i < n; i++) await write(`Page_${i}.md`, page(`Page ${i}`));
  }
  const cached = { ...base, cacheDir: '' };
  beforeEach(() => {
    cached.cacheDir = cacheDir;
  });
  const cacheFile = () => ParseCache.fileFor(cacheDir, dir);

  it('parses nothing on a restart with unchanged content', async () => {
    await fill(5);
    const first = await loadContent(dir, cached);
    expect(first.stats).toMatchObject({ files: 5, parsed: 5, fromCache: 0 });
    const second = await loadContent(dir, cached);
    expect(second.stats).toMatchObject({ files: 5, parsed: 0, fromCache: 5 });
    expect(second.articles).toEqual(first.articles);
    expect(second.articles[0]!.url).toBe('https://wiki.example/wiki/Page_0');
    // One cache file, no temporary files left behind.
    expect(await readdir(cacheDir)).toEqual([path.basename(cacheFile())]);
  });

  it('reports a page loaded despite bytes that are not UTF-8 on every start, from the cache too', async () => {
    await write('Cafe.md', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const first = await loadContent(dir, cached);
    const second = await loadContent(dir, cached);
    expect(second.stats).toMatchObject({ parsed: 0, fromCache: 1 });
    expect(second.warnings).toEqual(first.warnings);
    expect(second.warnings).toEqual([
      { path: 'Cafe.md', reason: 'not valid UTF-8 at byte 3; read as Windows-1252 and loaded', kept: true },
    ]);
    expect(second.articles[0]!.lead).toBe('café');
  });

  it('names a case-clash page from the links on every start, from the cache too', async () => {
    await write('Dual_power.md', page('Dual power', 'See [Dual Power](Dual_Power.md "wikilink").'));
    await write('dual_power(1).md', 'A newsletter.');
    for (const run of [await loadContent(dir, cached), await loadContent(dir, cached)]) {
      expect(run.articles.map((a) => [a.title, a.url])).toEqual([
        ['Dual power', 'https://wiki.example/wiki/Dual_power'],
        ['Dual Power', 'https://wiki.example/wiki/Dual_Power'],
      ]);
    }
  });

  it('gives back the same section text and links from the cache, wide characters included, in bytes of its own', async () => {
    const body =
      'Lead on [councils](Workers_council.md "wikilink").\n\n## Über “Räte”\n\nCouncils — sovieti 🚩 and مجالس.\n\n## Next\n\nPlain.';
    await write('Rate.md', page('Räte', body));
    const first = await loadContent(dir, cached);
    const second = await loadContent(dir, cached);
    expect(second.stats).toMatchObject({ parsed: 0, fromCache: 1 });
    const [a, b] = [first.articles[0]!, second.articles[0]!];
    expect(b.sections.map((s) => sectionText(b, s))).toEqual(a.sections.map((s) => sectionText(a, s)));
    expect(sectionText(b, b.sections[0]!)).toBe('Councils — sovieti 🚩 and مجالس.');
    expect(b.links).toEqual([
      { target: 'Workers council', label: 'councils' },
      { target: 'Dual power', label: 'Dual power' },
    ]);
    // Not a view into the buffer the cache file was read through (that would pin megabytes).
    expect(b.packedText.buffer.byteLength).toBe(b.packedText.byteLength);
  });

  it('re-parses exactly the page that changed, and new pages', async () => {
    await fill(5);
    await loadContent(dir, cached);
    await write('Page_2.md', page('Page 2', 'Page 2 has new text now.'));
    await write('Page_9.md', page('Page 9'));
    const next = await loadContent(dir, cached);
    expect(next.stats).toMatchObject({ files: 6, parsed: 2, fromCache: 4 });
    expect(next.articles.find((a) => a.title === 'Page 2')!.lead).toBe('Page 2 has new text now.');
    const again = await loadContent(dir, cached);
    expect(again.stats).toMatchObject({ parsed: 0, fromCache: 6 });
  });

  it('forgets deleted pages', async () => {
    await fill(3);
    await loadContent(dir, cached);
    await rm(path.join(dir, 'Page_1.md'));
    const next = await loadContent(dir, cached);
    expect(next.articles.map((a) => a.title)).toEqual(['Page 0', 'Page 2']);
    expect(next.stats).toMatchObject({ files: 2, parsed: 0, fromCache: 2 });
  });

  it('remembers broken pages but still reports them', async () => {
    await fill(2);
    await write('Broken.md', Buffer.from('x\u0000y'));
    const first = await loadContent(dir, cached);
    const second = await loadContent(dir, cached);
    expect(second.stats).toMatchObject({ parsed: 0, fromCache: 3 });
    expect(second.warnings).toEqual(first.warnings);
    expect(second.warnings).toEqual([{ path: 'Broken.md', reason: 'not a text file (contains NUL bytes)' }]);
  });

  it.each([
    ['truncated', async (f: string) => truncate(f, Math.floor((await readFile(f)).length / 2))],
    ['empty', async (f: string) => truncate(f, 0)],
    ['garbage', async (f: string) => writeFile(f, 'this is not a cache file at all')],
    [
      'a flipped byte',
      async (f: string) => {
        const buf = await readFile(f);
        buf[buf.length - 10] ^= 0xff;
        await writeFile(f, buf);
      },
    ],
  ])('rebuilds a %s cache file without crashing', async (_name, corrupt) => {
    await fill(4);
    const first = await loadContent(dir, cached);
    await corrupt(cacheFile());
    const rebuilt = await loadContent(dir, cached);
    expect(rebuilt.stats).toMatchObject({ parsed: 4, fromCache: 0 });
    expect(rebuilt.articles).toEqual(first.articles);
    const healed = await loadContent(dir, cached);
    expect(healed.stats).toMatchObject({ parsed: 0, fromCache: 4 });
  });

  it('does not trust a cache written with other options', async () => {
    await fill(3);
    await loadContent(dir, cached);
    const other = await loadContent(dir, { ...cached, summaryMaxChars: 120 });
    expect(other.stats).toMatchObject({ parsed: 3, fromCache: 0 });
  });

  it('works without a cache (null) and leaves nothing on disk', async () => {
    await fill(2);
    const a = await loadContent(dir, { ...base, cacheDir: null });
    const b = await loadContent(dir, { ...base, cacheDir: null });
    expect(b.stats).toMatchObject({ parsed: 2, fromCache: 0 });
    expect(b.articles).toEqual(a.articles);
    await expect(readdir(cacheDir)).rejects.toThrow();
  });

  function problems(): { seen: CacheProblem[]; onCacheProblem: (p: CacheProblem) => void } {
    const seen: CacheProblem[] = [];
    return { seen, onCacheProblem: (p) => seen.push(p) };
  }

  it('removes the temporary files of a cache write that was killed, and leaves a live one alone', async () => {
    await fill(2);
    await loadContent(dir, cached);
    const killed = `${cacheFile()}.999999999.0badf00d.tmp`; // no such process
    const old = `${cacheFile()}.${process.ppid}.0000beef.tmp`; // alive, but written two hours ago
    const live = `${cacheFile()}.${process.ppid}.1234abcd.tmp`; // alive and recent: another process writing now
    for (const f of [killed, old, live]) await writeFile(f, 'half a cache');
    await utimes(old, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    const { seen, onCacheProblem } = problems();
    const content = await loadContent(dir, { ...cached, onCacheProblem });
    expect(content.stats).toMatchObject({ parsed: 0, fromCache: 2 });
    expect((await readdir(cacheDir)).sort()).toEqual([path.basename(cacheFile()), path.basename(live)].sort());
    expect(seen).toEqual([
      { level: 'info', file: cacheDir, problem: '2 temporary file(s) left by a cache write that never finished', next: 'removed them' },
    ]);
  });

  it('says at warn when the cache is damaged, and what happens next', async () => {
    await fill(3);
    await loadContent(dir, cached);
    const buf = await readFile(cacheFile());
    buf[buf.length - 10] ^= 0xff;
    await writeFile(cacheFile(), buf);
    const { seen, onCacheProblem } = problems();
    const content = await loadContent(dir, { ...cached, onCacheProblem });
    expect(content.stats).toMatchObject({ parsed: 3 });
    expect(seen).toEqual([
      {
        level: 'warn',
        file: cacheFile(),
        problem: 'the parse cache is damaged (truncated, or its checksum does not match)',
        next: 'every page is parsed again and the cache written anew',
      },
    ]);
  });

  it('says at warn when the cache cannot be saved, and what happens next', async (ctx) => {
    await fill(2);
    await mkdir(cacheDir);
    const undo = await makeReadOnly(cacheDir);
    if (!undo) {
      console.warn('[content] skipping the unsaveable-cache test: cannot make a folder read-only here (root without chattr)');
      ctx.skip();
      return;
    }
    try {
      const { seen, onCacheProblem } = problems();
      const content = await loadContent(dir, { ...cached, onCacheProblem });
      expect(content.articles).toHaveLength(2);
      expect(seen).toEqual([
        {
          level: 'warn',
          file: cacheFile(),
          problem: expect.stringMatching(/^could not save the parse cache \((EPERM|EACCES)/),
          next: 'the pages are loaded; the next start parses them again',
        },
      ]);
    } finally {
      await undo();
    }
  });

  it('removes a folder standing where the cache file goes, so the next start is warm again', async () => {
    await fill(3);
    await mkdir(cacheFile(), { recursive: true });
    await writeFile(path.join(cacheFile(), 'junk'), 'x');
    const { seen, onCacheProblem } = problems();
    const first = await loadContent(dir, { ...cached, onCacheProblem });
    expect(first.stats).toMatchObject({ parsed: 3 });
    expect(seen).toEqual([
      {
        level: 'warn',
        file: cacheFile(),
        problem: 'a folder stood where the cache file goes',
        next: 'removed it; the cache is written there again from this start',
      },
    ]);
    expect((await stat(cacheFile())).isFile()).toBe(true);
    const second = await loadContent(dir, cached);
    expect(second.stats).toMatchObject({ parsed: 0, fromCache: 3 });
  });

  it('moves aside a file that CACHE_DIR names, and makes the folder', async () => {
    await fill(2);
    await writeFile(cacheDir, "somebody else's file");
    const { seen, onCacheProblem } = problems();
    const first = await loadContent(dir, { ...cached, onCacheProblem });
    expect(first.articles).toHaveLength(2);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ level: 'warn', file: cacheDir, problem: 'CACHE_DIR names a file, not a folder' });
    const aside = /moved it to (\S+) and made the folder/.exec(seen[0]!.next)![1]!;
    expect(await readFile(aside, 'utf8')).toBe("somebody else's file");
    expect((await loadContent(dir, cached)).stats).toMatchObject({ parsed: 0, fromCache: 2 });
  });

  it('keeps loading when the cache folder cannot be written', async () => {
    await fill(2);
    await writeFile(path.join(tmp, 'blocker'), 'a file where the cache folder should be');
    const content = await loadContent(dir, { ...base, cacheDir: path.join(tmp, 'blocker', 'cache') });
    expect(content.articles).toHaveLength(2);
  });
});

describe('parallel parsing', () => {
  it('gives the same result on worker threads as on the main thread', async () => {
    for (let i = 0; i < 100; i++) {
      const body =
        i % 10 === 0
          ? `**Page ${i}** quotes:\n\n> Words of wisdom number ${i}, spoken once and long remembered.[^1]\n\n[^1]: Kropotkin, Peter. Book ${i}, 1900`
          : `Page ${i} text.`;
      await write(`p/Page_${String(i).padStart(3, '0')}.md`, page(`Page ${i}`, body));
    }
    await write('Bad.md', Buffer.from([0xff, 0xfe, 0x00]));
    const inThread = await loadContent(dir, { ...base, workers: 0 });
    const parallel = await loadContent(dir, { ...base, workers: 2 });
    expect(inThread.stats.workers).toBe(0);
    expect(parallel.stats.workers).toBe(2);
    expect(parallel.stats.parsed).toBe(101);
    expect(parallel.articles).toHaveLength(100);
    expect(parallel.articles).toEqual(inThread.articles);
    expect(parallel.warnings).toEqual(inThread.warnings);
    expect(parallel.articles[10]!.quotes[0]).toMatchObject({ speaker: 'Peter Kropotkin', work: 'Book 10', year: '1900' });
  });

  it('parses few files on the main thread even when workers are allowed', async () => {
    for (let i = 0; i < 10; i++) await write(`Page_${i}.md`, page(`Page ${i}`));
    const content = await loadContent(dir, { ...base, workers: 'auto' });
    expect(content.stats.workers).toBe(0);
    expect(content.articles).toHaveLength(10);
  });
});
