// `npm run bench -- --help` and a mistyped option print the usage, never a stack trace.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function bench(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'bench/bench.ts', ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run bench', () => {
  it('prints its usage for --help', async () => {
    const out = await bench('--help');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Usage: npm run bench -- \[options\]/);
    expect(out.stdout).toContain('--pages N');
    expect(out.stdout).toContain('--load');
    expect(out.stderr).toBe('');
  });

  it.each([
    ['an unknown option', ['--bogus'], "Unknown option '--bogus'"],
    ['a page count that is not a number', ['--pages', 'many'], '--pages must be a positive whole number, not "many"'],
    ['a load test rate that is not a number', ['--load', '--rates', 'fast'], '--rates must be positive numbers, not "fast"'],
  ])('says what is wrong with %s, and how to call it', async (_name, args, message) => {
    const out = await bench(...args);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(message);
    expect(out.stderr).toContain('Usage: npm run bench');
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});
