// Watching the content folder: any change under it (a page written, renamed or removed, a
// folder added) calls `onChange` once things have been quiet for `debounceMs`, or at the
// latest `maxWaitMs` after the first change of a burst (a sync writing thousands of pages is
// picked up as it goes). Node's own recursive fs.watch suffices here (Node 20 has it on Linux,
// macOS and Windows): an event only triggers a rescan that compares every file's stats
// (reload-folder.ts), so an event that names no file, or two changes folded into one, lose
// nothing, and no watcher library is needed.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.js';

export interface FolderWatch {
  close(): void;
}

export interface WatchOptions {
  debounceMs?: number;
  /** Called at the first change of each burst, before the wait for it to settle. */
  onBurst?: () => void;
  maxWaitMs?: number;
  log?: Logger;
}

export function watchFolder(dir: string, onChange: () => void, opts: WatchOptions = {}): FolderWatch {
  const debounceMs = opts.debounceMs ?? 150;
  const maxWaitMs = opts.maxWaitMs ?? 2000;
  let quiet: NodeJS.Timeout | undefined;
  let burstStarted = 0;
  let closed = false;
  const fire = () => {
    clearTimeout(quiet);
    quiet = undefined;
    burstStarted = 0;
    if (!closed) onChange();
  };
  const changed = (name: string | null) => {
    // Dotfiles are skipped by the loader; a sync writes each page to one and renames it.
    if (name && path.basename(name).startsWith('.')) return;
    const now = Date.now();
    if (!burstStarted) {
      burstStarted = now;
      opts.onBurst?.();
    }
    clearTimeout(quiet);
    quiet = setTimeout(fire, Math.max(0, Math.min(debounceMs, burstStarted + maxWaitMs - now)));
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true, persistent: false }, (_event, name) => changed(name));
    watcher.on('error', (err) => opts.log?.warn({ err, dir }, 'stopped watching the content folder: send SIGHUP to reload'));
  } catch (err) {
    opts.log?.warn({ err, dir }, 'cannot watch the content folder: send SIGHUP to reload');
  }
  return {
    close() {
      closed = true;
      clearTimeout(quiet);
      watcher?.close();
    },
  };
}
