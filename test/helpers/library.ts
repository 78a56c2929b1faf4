// The real Library over the shipped content/ folder, built once per test file.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHAT_PLATFORMS } from '../../adapters/platforms.js';
import type { CommandDeps } from '../../commands/types.js';
import { loadConfig, type Config } from '../../src/config.js';
import { loadContent } from '../../src/wiki/load/load-folder.js';
import { Library } from '../../src/library/library.js';
import { createLogger } from '../../src/log.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const contentDir = path.join(repoRoot, 'content');
/** libsocwiki's pages in the shared folder beside the repository (`../shared`), or beside the
 *  folder of worktrees a repository may be checked out in (`../../shared`). */
export const libsocDir =
  [path.resolve(repoRoot, '..', 'shared'), path.resolve(repoRoot, '..', '..', 'shared')]
    .map((shared) => path.join(shared, 'corpus', 'libsocwiki', 'pages'))
    .find((dir) => existsSync(dir)) ?? path.resolve(repoRoot, '..', 'shared', 'corpus', 'libsocwiki', 'pages');

const cache = new Map<string, Promise<Library>>();

export function testConfig(env: Record<string, string | undefined> = {}): Config {
  return loadConfig({ CONTENT_DIR: contentDir, LOG_LEVEL: 'silent', ...env });
}

/** A Library over a content folder (default: content/), without the on-disk cache. */
export function testLibrary(dir = contentDir): Promise<Library> {
  let lib = cache.get(dir);
  if (!lib) {
    const config = testConfig();
    lib = loadContent(dir, { baseUrl: config.WIKI_BASE_URL, summaryMaxChars: config.SUMMARY_MAX_CHARS, cacheDir: null }).then((content) =>
      Library.build(content, { baseUrl: config.WIKI_BASE_URL }),
    );
    cache.set(dir, lib);
  }
  return lib;
}

/** Command dependencies over content/, as the adapters receive them. A fresh object each call, so a test may swap its library. */
export async function testDeps(env: Record<string, string | undefined> = {}): Promise<CommandDeps> {
  return { library: await testLibrary(), config: testConfig(env), log: createLogger('silent'), profiles: CHAT_PLATFORMS };
}

/** Replaces `target[key]` with a Proxy over it built from `handler` (a broken dependency), runs
 *  `fn`, and always puts the real one back, so the caller can check the app answers again. */
export async function withBrokenDep<T extends object, K extends keyof T>(
  target: T,
  key: K,
  handler: ProxyHandler<T[K] & object>,
  fn: () => Promise<void>,
): Promise<void> {
  const real = target[key];
  target[key] = new Proxy(real as T[K] & object, handler) as T[K];
  try {
    await fn();
  } finally {
    target[key] = real;
  }
}
