// `node dist/bench/map-bench.js [--content DIR] [--maps 40]`: how long a concept map takes from
// a /related result to PNG bytes (the layout alone, and the whole), over the first pages of a
// wiki that have related concepts, after a few warm-up maps; and how big the PNGs are. The
// target is under 200 ms a map and under 1 MB a picture (bench/README.md).
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { Library } from '../src/library/library.js';
import { conceptMapDrawing, conceptMapImage } from '../src/map/concept-map.js';
import { loadContent } from '../src/wiki/load/load-folder.js';

const WARM_UP = 5;

const USAGE = `Usage: npm run bench:map [-- --content DIR] [--maps N]
  Times concept maps (layout + SVG, and the whole map to PNG) over the first N pages (default 40)
  of the wiki in DIR (default CONTENT_DIR) that have related concepts, after ${WARM_UP} warm-up maps,
  and reports the PNGs' sizes.`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { content: { type: 'string' }, maps: { type: 'string', default: '40' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!/^[1-9]\d{0,4}$/.test(values.maps ?? '')) throw new Error(`--maps must be a whole number from 1 to 99999\n${USAGE}`);
  const config = loadConfig({ ...process.env, ...(values.content ? { CONTENT_DIR: values.content } : {}) });
  const content = await loadContent(config.CONTENT_DIR, {
    baseUrl: config.WIKI_BASE_URL,
    summaryMaxChars: config.SUMMARY_MAX_CHARS,
    cacheDir: null,
  });
  const library = Library.build(content, { baseUrl: config.WIKI_BASE_URL });
  const wanted = Number(values.maps);
  const results = library.articles
    .map((a) => library.related(a.title))
    .filter((r) => r !== undefined && r.items.length > 0)
    .slice(0, wanted + WARM_UP);
  if (!results.length) throw new Error(`no page in ${config.CONTENT_DIR} has related concepts`);
  const layoutMs: number[] = [];
  const totalMs: number[] = [];
  const bytes: number[] = [];
  for (const [i, result] of results.entries()) {
    let t = performance.now();
    conceptMapDrawing(result!);
    const layout = performance.now() - t;
    t = performance.now();
    const image = await conceptMapImage(result!);
    const total = performance.now() - t;
    if (i < WARM_UP && results.length > WARM_UP) continue;
    layoutMs.push(layout);
    totalMs.push(total);
    bytes.push(image.png.byteLength);
  }
  const row = (name: string, xs: number[], unit: string, digits = 1) => {
    const s = [...xs].sort((a, b) => a - b);
    return `${name.padEnd(22)} median ${percentile(s, 50).toFixed(digits)} ${unit}  p95 ${percentile(s, 95).toFixed(digits)} ${unit}  max ${s[s.length - 1]!.toFixed(digits)} ${unit}`;
  };
  process.stdout.write(
    [
      `${totalMs.length} maps from ${config.CONTENT_DIR} (after ${Math.min(WARM_UP, results.length - totalMs.length)} warm-up)`,
      row('layout + SVG', layoutMs, 'ms'),
      row('whole map (to PNG)', totalMs, 'ms'),
      row(
        'PNG size',
        bytes.map((b) => b / 1024),
        'KB',
        0,
      ),
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`map-bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
