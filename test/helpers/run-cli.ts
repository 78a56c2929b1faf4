// Runs the terminal CLI from source (through tsx) in a child process, as a user would.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './library.js';

export const cliPath = path.join(repoRoot, 'adapters', 'shell', 'cli.ts');

export function runCli(
  args: string[],
  opts: { input?: string; env: NodeJS.ProcessEnv; cwd?: string },
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cliPath, ...args], { env: opts.env, cwd: opts.cwd ?? repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(opts.input ?? '');
  });
}
