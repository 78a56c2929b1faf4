// Getting CACHE_DIR ready before the cache is read: whatever stands in the way of the cache
// files is reported and cleared, so a start does not silently parse everything again, and the
// next one, and every one after. Nothing here throws: at worst the cache is off for this start, and that is said.
import { lstat, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Something wrong with the cache, for the log: what, where, and what the loader does about it. */
export interface CacheProblem {
  file: string;
  problem: string;
  next: string;
  /** 'info' for routine housekeeping, 'warn' when a start is slower or a user must act. */
  level: 'info' | 'warn';
}

export type CacheReport = (problem: CacheProblem) => void;

/** A temporary file from a write older than this is stale even if its pid is alive (reused). */
const STALE_TMP_MS = 60 * 60 * 1000;
/** writeRecordFile's temporary names: `<file>.<pid>.<8 hex>.tmp`. */
const TMP_NAME = /\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Makes `cacheDir` a folder the cache files can be written to: a file standing in its place is
 * moved aside (it is not ours to delete), a folder standing where one of this content's cache
 * files goes (`<stem>.cache`, `<stem>.index`, …) is removed (inside CACHE_DIR, at our own file
 * names, it can only be debris), and temporary files left by a write that never finished (the
 * process was killed) are removed. Returns false when the folder cannot be made: the cache is
 * off for this start.
 */
export async function prepareCacheDir(cacheDir: string, stem: string, report: CacheReport): Promise<boolean> {
  const dir = path.resolve(cacheDir);
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) {
    const aside = `${dir}.not-a-folder-${Date.now()}`;
    try {
      await rename(dir, aside);
      report({
        level: 'warn',
        file: dir,
        problem: 'CACHE_DIR names a file, not a folder',
        next: `moved it to ${aside} and made the folder; the cache works again from this start`,
      });
    } catch (err) {
      report({
        level: 'warn',
        file: dir,
        problem: `CACHE_DIR names a file, not a folder, and it could not be moved aside (${reason(err)})`,
        next: 'the cache is off: every start parses every page; point CACHE_DIR at a folder',
      });
      return false;
    }
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    report({
      level: 'warn',
      file: dir,
      problem: `cannot create CACHE_DIR (${reason(err)})`,
      next: 'the cache is off: every start parses every page',
    });
    return false;
  }
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(`${stem}.`) || TMP_NAME.test(name)) continue;
    const file = path.join(dir, name);
    const at = await lstat(file).catch(() => undefined);
    if (!at?.isDirectory()) continue;
    try {
      await rm(file, { recursive: true, force: true });
      report({
        level: 'warn',
        file,
        problem: 'a folder stood where the cache file goes',
        next: 'removed it; the cache is written there again from this start',
      });
    } catch (err) {
      report({
        level: 'warn',
        file,
        problem: `a folder stands where the cache file goes and could not be removed (${reason(err)})`,
        next: 'the cache cannot be saved: every start parses every page until it is removed',
      });
    }
  }
  await removeStaleTemporaryFiles(dir, names, report);
  return true;
}

async function removeStaleTemporaryFiles(dir: string, names: readonly string[], report: CacheReport): Promise<void> {
  let removed = 0;
  for (const name of names) {
    const m = TMP_NAME.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    const info = await lstat(file).catch(() => undefined);
    if (!info) continue;
    // Another process (a shard) may be writing its cache right now: leave its file alone. Our
    // own pid's file is from an earlier run (in a container the bot is often pid 1 every time).
    const pid = Number(m[1]);
    if (pid !== process.pid && processAlive(pid) && Date.now() - info.mtimeMs < STALE_TMP_MS) continue;
    await rm(file, { recursive: true, force: true }).then(
      () => removed++,
      () => undefined,
    );
  }
  if (removed > 0) {
    report({
      level: 'info',
      file: dir,
      problem: `${removed} temporary file(s) left by a cache write that never finished`,
      next: 'removed them',
    });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${e.message}` : String(err);
}
