// The systemd unit the README ships: systemd's own checker accepts it (skipped with a notice
// where systemd-analyze is not installed), and it runs what `npm start` runs.
import { execFile as execFileCb, execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { repoRoot } from '../helpers/library.js';
import { tempDirs } from '../helpers/temp.js';

const execFile = promisify(execFileCb);
const unitFile = path.join(repoRoot, 'deploy', 'commonplace.service');
const temp = tempDirs();
afterAll(() => temp.removeAll());

function hasSystemdAnalyze(): boolean {
  try {
    execFileSync('systemd-analyze', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    console.warn('test/docs/deploy.test.ts: systemd-analyze is not installed; the unit is not verified');
    return false;
  }
}

it('runs the built composition root, as npm start does, and stops it with SIGTERM', async () => {
  const unit = await readFile(unitFile, 'utf8');
  const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8'));
  expect(pkg.scripts.start).toBe('node dist/adapters/main.js');
  expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node \/opt\/commonplace\/dist\/adapters\/main\.js$/m);
  expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
  // Longer than the shutdown's own wait for answers in flight (10 s).
  expect(Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1])).toBeGreaterThan(10);
});

it.skipIf(!hasSystemdAnalyze())('passes systemd-analyze verify', async () => {
  // Node's path differs between machines: verify the unit with this machine's node.
  const dir = await temp.make('cp-unit-');
  const copy = path.join(dir, 'commonplace.service');
  await writeFile(copy, (await readFile(unitFile, 'utf8')).replace('/usr/bin/node', process.execPath));
  const { stderr } = await execFile('systemd-analyze', ['verify', copy]).catch((err: { stderr: string }) => ({ stderr: err.stderr }));
  expect(stderr.split('\n').filter((l) => l.includes('commonplace.service'))).toEqual([]);
});
