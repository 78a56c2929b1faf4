// `node dist/bench/import-bench.js [--mb 200] [--gzip]`: writes a synthetic MediaWiki dump of
// about that size (pages like a community wiki's: infobox, refs with citation templates,
// quotes, lists, categories, plus a template defined at the end of the dump that some pages call
// earlier), then imports it in a child process and reports the time and the child's peak
// resident memory. Run it at two sizes to see that memory does not grow with the dump.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { importDump } from '../src/import/import-dump.js';

const WORDS =
  'solidarity mutual aid workers council commune strike union cooperative assembly federation autonomy direct action organise collective land freedom bread'.split(
    ' ',
  );

function sentence(i: number, n: number): string {
  const w: string[] = [];
  for (let k = 0; k < n; k++) w.push(WORDS[(i * 7 + k * 13) % WORDS.length]!);
  return `${w.join(' ')}.`;
}

function page(i: number): string {
  const title = `Page ${i}`;
  const late = i % 50 === 0 ? ' {{Late note}}' : '';
  const paragraphs: string[] = [];
  for (let p = 0; p < 12; p++) {
    paragraphs.push(
      `${sentence(i + p, 14)} It links [[Page ${(i * 31 + p) % 5000}]] and [[Page ${(i + p + 1) % 5000}|another page]].<ref>{{cite book |last=Writer${p} |first=Ann |title=Book ${i}-${p} |year=19${10 + (p % 80)} |url=https://example.org/${i}/${p}}}</ref> ${sentence(i * p + 3, 20)}${late}`,
    );
  }
  const text = [
    `{{Infobox event|title=${title}|date=${1900 + (i % 120)}}}`,
    `'''${title}''' is ${sentence(i, 16)}`,
    `== History ==`,
    ...paragraphs.slice(0, 6),
    `As Emma Goldman wrote in 1910:\n<blockquote>${sentence(i + 5, 25)}<ref name="q">Emma Goldman, ''Anarchism and Other Essays'', 1910.</ref></blockquote>`,
    `{{Quote|${sentence(i + 9, 18)}|Peter Kropotkin|Mutual Aid}}`,
    `== Related Concepts ==`,
    `* [[Page ${(i + 2) % 5000}]] - ${sentence(i + 2, 10)}\n* Counterpower - ${sentence(i + 4, 9)}`,
    `== Later ==`,
    ...paragraphs.slice(6),
    `== References ==\n<references />\n[[Category:Topic ${i % 40}]]\n[[Category:Everything]]`,
  ].join('\n\n');
  return xmlPage(title, 0, text);
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmlPage(title: string, ns: number, text: string): string {
  return `  <page>\n    <title>${xmlEscape(title)}</title>\n    <ns>${ns}</ns>\n    <revision>\n      <model>wikitext</model>\n      <format>text/x-wiki</format>\n      <text xml:space="preserve">${xmlEscape(text)}</text>\n    </revision>\n  </page>\n`;
}

async function generate(file: string, mb: number, gzip: boolean): Promise<number> {
  const out = createWriteStream(file);
  const sink = gzip ? createGzip() : out;
  if (gzip) (sink as NodeJS.ReadWriteStream).pipe(out);
  const write = (s: string) => (sink.write(s) ? Promise.resolve() : new Promise<void>((r) => sink.once('drain', () => r())));
  await write(
    '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">\n  <siteinfo>\n    <sitename>Synthetic Wiki</sitename>\n    <base>https://synthetic.example/wiki/Main_Page</base>\n    <case>first-letter</case>\n    <namespaces><namespace key="0" /><namespace key="10">Template</namespace><namespace key="14">Category</namespace></namespaces>\n  </siteinfo>\n',
  );
  let bytes = 0;
  let i = 0;
  while (bytes < mb * 1024 * 1024) {
    const p = page(i++);
    bytes += Buffer.byteLength(p);
    await write(p);
  }
  await write(xmlPage('Template:Late note', 10, 'This note was defined at the end of the dump.'));
  await write('</mediawiki>\n');
  await new Promise<void>((r) => {
    out.once('finish', () => r());
    sink.end();
  });
  return i;
}

async function child(file: string, outDir: string): Promise<void> {
  const started = performance.now();
  const result = await importDump({ file, outDir });
  const ms = performance.now() - started;
  process.stdout.write(
    JSON.stringify({
      ms,
      pages: result.articles + result.redirects,
      deferred: result.deferred,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      mb: { type: 'string', default: '200' },
      gzip: { type: 'boolean', default: false },
      run: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.run) return child(values.run, values.out!);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'commonplace-import-bench-'));
  try {
    const file = path.join(dir, values.gzip ? 'dump.xml.gz' : 'dump.xml');
    const pages = await generate(file, Number(values.mb), values.gzip ?? false);
    const size = (await stat(file)).size;
    const self = fileURLToPath(import.meta.url);
    const output = await new Promise<string>((resolve, reject) => {
      const c = spawn(process.execPath, [self, '--run', file, '--out', path.join(dir, 'out')], { stdio: ['ignore', 'pipe', 'inherit'] });
      let s = '';
      c.stdout.on('data', (d) => (s += d));
      c.on('close', (code) => (code === 0 ? resolve(s) : reject(new Error(`import exited with ${code}`))));
    });
    const r = JSON.parse(output) as { ms: number; pages: number; deferred: number; peakRssMb: number };
    console.log(
      `dump ${(size / 1024 / 1024).toFixed(0)} MB${values.gzip ? ' (gzip)' : ''}, ${pages} pages (${((Number(values.mb) * 1024 * 1024) / pages / 1024).toFixed(1)} KB of XML each): imported ${r.pages} in ${(r.ms / 1000).toFixed(1)} s (${r.deferred} set aside until the end for a late template), peak RSS ${r.peakRssMb.toFixed(0)} MB`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
