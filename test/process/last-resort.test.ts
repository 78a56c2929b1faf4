// The last-resort policy, in a real process: an unhandled rejection is logged with an id and
// the process keeps serving; an uncaught exception is logged (fatal, with an id) and the process
// exits with code 1 so that its supervisor restarts it clean.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('./last-resort-child.ts', import.meta.url));

function run(what: string): Promise<{ code: number | null; stdout: string; lines: Record<string, unknown>[] }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', child, what], { timeout: 20_000 }, (err, stdout, stderr) => {
      const lines = stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, lines });
    });
  });
}

describe('the last resort', () => {
  it('logs an unhandled rejection with an id, and keeps serving', async () => {
    const out = await run('rejection');
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('still serving\n');
    expect(out.lines).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'unhandled promise rejection; the bot keeps serving',
        errorId: expect.stringMatching(/^[A-Z0-9]{4,}$/),
        count: 1,
        err: expect.objectContaining({ message: 'an async step failed with nobody waiting' }),
      }),
    ]);
  });

  it('logs an uncaught exception as fatal with an id, and exits with code 1 to be restarted', async () => {
    const out = await run('exception');
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.lines).toEqual([
      expect.objectContaining({
        level: 60,
        errorId: expect.stringMatching(/^[A-Z0-9]{4,}$/),
        origin: 'uncaughtException',
        err: expect.objectContaining({ message: 'thrown out of an event handler' }),
      }),
    ]);
  });
});
