// The folder watcher: a burst of writes is one reload, started once the writes settle, and the
// parser is got ready at the burst's first write (while the watcher waits).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { watchFolder } from '../../src/reload/watch-folder.js';
import { warmParser } from '../../src/wiki/load/warm-parser.js';
import { tempDirs } from '../helpers/temp.js';
import { sleep, until } from '../helpers/wait.js';

const temp = tempDirs();
afterAll(() => temp.removeAll());

describe('watching the content folder', () => {
  it('folds a burst of writes into one change, and says when each burst starts', async () => {
    const dir = await temp.make('cp-watch-');
    const events: string[] = [];
    const watch = watchFolder(dir, () => events.push('change'), { debounceMs: 200, onBurst: () => events.push('burst') });
    try {
      for (let i = 0; i < 5; i++) await writeFile(path.join(dir, `Page_${i}.md`), `Page ${i}.\n`);
      await until(() => events.includes('change'), 'the burst to settle');
      await sleep(300);
      expect(events).toEqual(['burst', 'change']);
      await writeFile(path.join(dir, 'Page_0.md'), 'Edited.\n');
      await until(() => events.length === 4, 'a second burst');
      expect(events).toEqual(['burst', 'change', 'burst', 'change']);
    } finally {
      watch.close();
    }
  });

  it('ignores dotfiles (a sync writes each page to one before renaming it)', async () => {
    const dir = await temp.make('cp-watch-dot-');
    const events: string[] = [];
    const watch = watchFolder(dir, () => events.push('change'), { debounceMs: 50, onBurst: () => events.push('burst') });
    try {
      await writeFile(path.join(dir, '.Page.md.tmp'), 'Half written.\n');
      await sleep(300);
      expect(events).toEqual([]);
    } finally {
      watch.close();
    }
  });

  it('gets the parser ready once per process, and never fails', async () => {
    const first = warmParser();
    expect(warmParser()).toBe(first);
    await expect(first).resolves.toBeUndefined();
  });
});
