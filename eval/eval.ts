// npm run eval -- --content DIR [--seed N] [--per-kind N] [--failures N] [--kind TEXT] (see USAGE)
// Generates cases of what people type from the wiki in DIR (fixed seed), runs each through
// the real commands (runCommand, as every adapter does) and prints the share answered right,
// by kind and overall. It reports; it never fails on a figure (exit code 1 only on a crash).
import { existsSync } from 'node:fs';
import { runCommand } from '../commands/index.js';
import { loadWiki } from '../src/boot.js';
import { toolArgs } from '../bench/tool-args.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { generateCases, KINDS, type EvalCase } from './cases.js';
import { describeReply, judge } from './judge.js';
import { evalWiki } from './wiki.js';

const INPUT_NAME = { define: 'term', related: 'term', search: 'text', quote: 'name' } as const;

interface Tally {
  n: number;
  ok: number;
  subs: Map<string, { n: number; ok: number }>;
  failures: string[];
}

export const USAGE = `Usage: npm run eval -- [options]

Generates cases of what people type from a wiki folder (questions, a leading article, surnames,
acronyms, spelling variants, typos, searches by title, quotation speakers and topics), runs
them through the commands and prints the share answered right, by kind and overall. It
reports; a figure never makes it fail.

  --content DIR      the wiki folder (default: CONTENT_DIR, else ./content)
  --seed N           the seed the cases are drawn with (default 1)
  --per-kind N       at most this many cases of each kind (default 200)
  --failures N       failed cases listed per kind (default 0)
  --kind TEXT        only the kinds whose name contains TEXT
  --no-cache         parse every page (the parse cache is used otherwise, as at start-up)
  -h, --help         this help`;

async function main(): Promise<void> {
  const values = toolArgs(
    {
      content: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'per-kind': { type: 'string', default: '200' },
      failures: { type: 'string', default: '0' },
      kind: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
    },
    USAGE,
    ['seed', 'per-kind', 'failures'],
  );
  if (!values) return;
  const config = loadConfig({ ...process.env, ...(values.content ? { CONTENT_DIR: values.content } : {}), LOG_LEVEL: 'silent' });
  if (!existsSync(config.CONTENT_DIR)) {
    console.error(`commonplace eval: no wiki folder at ${config.CONTENT_DIR}\n\n${USAGE}`);
    process.exit(2);
  }
  const started = performance.now();
  const wiki = await loadWiki(config, createLogger('silent'), { cacheDir: values['no-cache'] ? null : undefined });
  const cases = generateCases(evalWiki(wiki.content), { seed: Number(values.seed), perKind: Number(values['per-kind']) }).filter(
    (c) => !values.kind || c.kind.includes(values.kind),
  );
  const deps = { library: wiki.library, config };
  const tallies = new Map<string, Tally>();
  for (const c of cases) {
    const reply = await runCommand(deps, c.command, { [INPUT_NAME[c.command]]: c.text }, { platform: 'shell' });
    const ok = judge(c, reply);
    const t: Tally = tallies.get(c.kind) ?? { n: 0, ok: 0, subs: new Map(), failures: [] };
    tallies.set(c.kind, t);
    t.n++;
    if (ok) t.ok++;
    const sub = t.subs.get(c.sub) ?? { n: 0, ok: 0 };
    t.subs.set(c.sub, sub);
    sub.n++;
    if (ok) sub.ok++;
    else t.failures.push(`/${c.command} ${c.text}  →  ${describeReply(reply)}  (expected ${expectation(c)})`);
  }
  print(values.content ?? config.CONTENT_DIR, wiki.library.stats.articles, tallies, Number(values.failures), performance.now() - started);
}

function expectation(c: EvalCase): string {
  return JSON.stringify(c.expect);
}

const pct = (ok: number, n: number) => (n ? `${((100 * ok) / n).toFixed(1)}%` : '–');

function print(dir: string, pages: number, tallies: Map<string, Tally>, failures: number, ms: number): void {
  const out: string[] = [
    `commonplace eval: ${dir} (${pages} pages)`,
    '',
    `${'kind'.padEnd(40)} ${'cases'.padStart(6)} ${'right'.padStart(8)}`,
  ];
  let n = 0;
  let ok = 0;
  for (const kind of KINDS) {
    const t = tallies.get(kind);
    if (!t) {
      out.push(`${kind.padEnd(40)} ${'0'.padStart(6)} ${'–'.padStart(8)}`);
      continue;
    }
    n += t.n;
    ok += t.ok;
    out.push(`${kind.padEnd(40)} ${String(t.n).padStart(6)} ${pct(t.ok, t.n).padStart(8)}`);
    if (t.subs.size > 1)
      for (const [sub, s] of [...t.subs].sort()) out.push(`  ${sub.padEnd(38)} ${String(s.n).padStart(6)} ${pct(s.ok, s.n).padStart(8)}`);
    for (const f of t.failures.slice(0, failures)) out.push(`    ✗ ${f}`);
  }
  out.push('', `${'overall'.padEnd(40)} ${String(n).padStart(6)} ${pct(ok, n).padStart(8)}`, `(${(ms / 1000).toFixed(1)} s)`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
