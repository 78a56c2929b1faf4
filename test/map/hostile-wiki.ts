// A two-page wiki whose titles and concepts are hostile (mentions, Markdown, a bidi override),
// for the map's end-to-end tests: the shipped Dual power page and one written here.
import fs from 'node:fs';
import path from 'node:path';
import { contentDir, testLibrary } from '../helpers/library.js';
import type { TempDirs } from '../helpers/temp.js';
import type { Library } from '../../src/library/library.js';

export const HOSTILE_TITLE = '@everyone <@123> **Evil** \u202Egnirts';

const PAGE = `---
title: "${HOSTILE_TITLE}"
---
**Evil** is a page for tests about [Dual power](Dual_power.md "wikilink").

## Related Concepts

- Dual power - power beside the state
- @here <#456> &amp; [x](https://evil.example) - a hostile concept
`;

/** The Library over that wiki, built in a folder of `temp`. */
export async function hostileLibrary(temp: TempDirs): Promise<Library> {
  const dir = await temp.make('commonplace-hostile-');
  fs.copyFileSync(path.join(contentDir, 'Dual_power.md'), path.join(dir, 'Dual_power.md'));
  fs.writeFileSync(path.join(dir, 'Evil.md'), PAGE);
  return testLibrary(dir);
}
