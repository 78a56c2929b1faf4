// `commonplace import <dump> [--out DIR] [--force]`: a MediaWiki XML dump into the content
// folder, with a progress bar on a terminal and a summary of what came through.
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { configFromEnvironment } from '../env.js';
import { importDump, type ImportResult } from '../../src/import/import-dump.js';

export const IMPORT_USAGE = `Usage: commonplace import <dump.xml | dump.xml.gz | dump.xml.bz2> [--out DIR] [--force]

Reads a MediaWiki XML dump (Special:Export or dumpBackup.php, export schema 0.10/0.11) and
writes its main-namespace pages as Markdown page files, with the wiki's name and link base in
DIR/_site.json. DIR defaults to CONTENT_DIR (./content).

  --out DIR   the content folder to write (created if missing)
  --force     write even where the folder holds pages no import wrote
  -h, --help  this text`;

function progressBar(): { update(fraction: number, pages: number): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'Importing {bar} {percentage}% | {pages} pages', clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1000, 0, { pages: 0 });
  return {
    update: (fraction, pages) => bar.update(Math.min(1000, Math.round(fraction * 1000)), { pages }),
    stop: () => bar.stop(),
  };
}

export function importSummary(r: ImportResult, file: string, outDir: string): string {
  const lines = [
    `Imported ${r.articles + r.redirects} pages (${r.articles} articles, ${r.redirects} redirects) from ${path.basename(file)} into ${outDir} in ${(r.ms / 1000).toFixed(1)} s: ${r.written} written, ${r.unchanged} unchanged, ${r.removed} removed.`,
    `Skipped ${r.skipped} pages outside the main namespace${r.notWikitext ? ` and ${r.notWikitext} that are not wikitext` : ''}; read ${r.templates} templates.`,
  ];
  if (r.missingTemplates.length) {
    const top = r.missingTemplates
      .slice(0, 8)
      .map(([name, n]) => `${name} (${n})`)
      .join(', ');
    lines.push(
      `Dropped templates the dump does not define as plain text: ${top}${r.missingTemplates.length > 8 ? `, and ${r.missingTemplates.length - 8} more` : ''}.`,
    );
  }
  const site = [r.site.name && `"${r.site.name}"`, r.site.baseUrl && `links to ${r.site.baseUrl}`].filter(Boolean).join(', ');
  lines.push(
    `Site facts${site ? ` (${site})` : ''} are in ${path.join(outDir, '_site.json')}; WIKI_NAME and WIKI_BASE_URL override them when set.`,
  );
  lines.push(`Ask it: npx commonplace ask --content ${outDir} "/help"`);
  return lines.join('\n');
}

export async function runImport(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${IMPORT_USAGE}\n`);
    return;
  }
  if (positionals.length !== 1) throw new Error(`import takes one dump file\n${IMPORT_USAGE}`);
  const file = positionals[0]!;
  const outDir = values.out ?? configFromEnvironment().CONTENT_DIR;
  const bar = progressBar();
  let result: ImportResult;
  try {
    result = await importDump({
      file,
      outDir,
      force: values.force,
      onProgress: (p) => bar.update(p.totalBytes ? p.bytesRead / p.totalBytes : 0, p.pages),
    });
  } finally {
    bar.stop();
  }
  process.stdout.write(`${importSummary(result, file, outDir)}\n`);
}
