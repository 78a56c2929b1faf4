// Temporary folders a test file makes, removed together when it is done.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface TempDirs {
  /** A new empty folder under the system's temporary folder. */
  make(prefix: string): Promise<string>;
  /** Removes every folder made so far. */
  removeAll(): Promise<void>;
}

export function tempDirs(): TempDirs {
  const made: string[] = [];
  return {
    async make(prefix) {
      const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    async removeAll() {
      await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}
