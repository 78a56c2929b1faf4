// The settings the docs list are the settings the code reads: every key of the config schema has
// a documented line in .env.example and a row in the README's configuration table, and neither
// lists a setting the code does not read. Defaults are checked by what they configure: the
// example file as shipped configures exactly the defaults, and each default the table names
// configures what leaving the setting unset does.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { beforeAll, describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../../src/config.js';
import { parseDatabaseUrl } from '../../src/store/index.js';
import { repoRoot } from '../helpers/library.js';

const settings = Object.keys(configSchema.shape).sort();
let example: string;
let readme: string;

beforeAll(async () => {
  example = await readFile(path.join(repoRoot, '.env.example'), 'utf8');
  readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
});

/** The README's configuration table: setting → its default cell. */
function readmeTable(): Map<string, string> {
  const start = readme.indexOf('\n## Configuration\n');
  const end = readme.indexOf('\n## ', start + 1);
  expect(start).toBeGreaterThan(-1);
  const rows = new Map<string, string>();
  for (const m of readme.slice(start, end).matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|([^|]*)\|/gm)) rows.set(m[1]!, m[2]!.trim());
  return rows;
}

describe('.env.example', () => {
  it('has one line for each setting the code reads, and no other', () => {
    const keys = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
    expect([...keys].sort()).toEqual(settings);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('explains each setting in a comment right above its line', () => {
    const lines = example.split('\n');
    const undocumented = lines.flatMap((line, i) => (/^[A-Z][A-Z0-9_]*=/.test(line) && !lines[i - 1]?.startsWith('#') ? [line] : []));
    expect(undocumented).toEqual([]);
  });

  it('copied to .env as it is, configures exactly the defaults', () => {
    expect(loadConfig(parseDotenv(example))).toEqual(loadConfig({}));
  });
});

describe("the README's configuration table", () => {
  it('has one row for each setting the code reads, and no other', () => {
    expect([...readmeTable().keys()].sort()).toEqual(settings);
  });

  it('names defaults that configure what leaving the setting unset does', () => {
    const defaults = loadConfig({}) as Record<string, unknown>;
    for (const [setting, cell] of readmeTable()) {
      const named = /^`([^`]*)`/.exec(cell)?.[1];
      if (named === undefined) {
        // No default named: the setting is off (empty) until set.
        expect([undefined, '', []], setting).toContainEqual(defaults[setting]);
      } else if (setting === 'DATABASE_URL') {
        // Unset, the store picks its file itself.
        expect(parseDatabaseUrl(named)).toEqual(parseDatabaseUrl(undefined));
      } else {
        expect((loadConfig({ [setting]: named }) as Record<string, unknown>)[setting], setting).toEqual(defaults[setting]);
      }
    }
  });
});

describe('README', () => {
  it('names only npm scripts that package.json has', async () => {
    const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const named = new Set([...readme.matchAll(/npm run (?:--silent )?([a-z][a-z:-]*[a-z])/g)].map((m) => m[1]!));
    expect(named.size).toBeGreaterThan(5);
    expect([...named].filter((s) => !(s in pkg.scripts))).toEqual([]);
  });

  it('links to nothing outside the repository by a relative path (../shared is not shipped)', () => {
    const links = [...readme.matchAll(/\]\((\.\.\/[^)]*)\)/g)].map((m) => m[1]);
    expect(links).toEqual([]);
  });
});
