// `commonplace import` as a user runs it (the CLI from source through tsx, in a child process),
// then `commonplace ask` over the folder it wrote: the answers name the imported wiki.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/library.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp.js';

const dump = path.join(repoRoot, 'test', 'import', 'fixtures', 'small-dump.xml.bz2');
const temp = tempDirs();
afterAll(() => temp.removeAll());

const run = (args: string[], env: NodeJS.ProcessEnv) => runCli(args, { env });

async function env(): Promise<NodeJS.ProcessEnv> {
  const dir = await temp.make('cp-import-cli-');
  return { PATH: process.env.PATH, HOME: process.env.HOME, CACHE_DIR: path.join(dir, 'cache') };
}

describe('commonplace import', () => {
  it('imports a dump, says what it did, and the bot then answers as that wiki', async () => {
    const e = await env();
    const out = await temp.make('cp-import-out-');
    const imported = await run(['import', dump, '--out', out], e);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      /^Imported 3 pages \(2 articles, 1 redirects\) from small-dump\.xml\.bz2 into .+: 3 written, 0 unchanged, 0 removed\./,
    );
    expect(imported.stdout).toContain('Skipped 2 pages outside the main namespace');
    expect(imported.stdout).toContain('"Example Commons Wiki", links to https://wiki.example.org/wiki/');

    const help = await run(['ask', '--content', out, '/help'], e);
    expect(help.stdout).toContain('Example Commons Wiki');
    const define = await run(['ask', '--json', '--content', out, '/define aid'], e);
    // Aid redirects to the History section of Mutual aid.
    expect(JSON.parse(define.stdout)).toMatchObject({
      title: 'Mutual aid › History',
      url: 'https://wiki.example.org/wiki/Mutual_aid#History',
    });
  }, 60_000);

  it('explains itself with --help, and refuses bad input with one line and exit code 1', async () => {
    const e = await env();
    const help = await run(['import', '--help'], e);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: commonplace import <dump\.xml \| dump\.xml\.gz \| dump\.xml\.bz2> \[--out DIR\] \[--force\]/);

    const bad = path.join(await temp.make('cp-import-bad-'), 'broken.xml');
    await writeFile(bad, '<mediawiki version="0.11"><page><title>A</title></pag></mediawiki>');
    const broken = await run(['import', bad, '--out', await temp.make('cp-import-out-')], e);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toBe('commonplace: broken.xml: not well-formed XML at line 1, column 54: unexpected close tag.\n');

    const none = await run(['import'], e);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^commonplace: import takes one dump file/);
  }, 60_000);
});
