// Vitest global setup: no test may write outside a temporary folder. Lists the repository's
// files before the run and fails the run if any new one appears (./data/cache, a database,
// a manifest), naming it. node_modules, dist and .git are left out.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SKIP = new Set(['node_modules', 'dist', '.git']);

export function repoFiles(dir = root, out = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (dir === root && SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) repoFiles(full, out);
    else out.add(path.relative(root, full));
  }
  return out;
}

export default function setup(): () => void {
  const before = repoFiles();
  return () => {
    const stray = [...repoFiles()].filter((f) => !before.has(f));
    if (stray.length) {
      // Vitest logs an error thrown here but still exits 0: set the exit code as well.
      process.exitCode = 1;
      throw new Error(
        `Tests wrote files into the repository (every test must write under a temporary folder):\n  ${stray.slice(0, 20).join('\n  ')}`,
      );
    }
  };
}
