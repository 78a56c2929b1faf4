// The wiki's public face: its name and the base of its page addresses. They come from
// WIKI_NAME and WIKI_BASE_URL, or from a live wiki's site info (WIKI_API_URL); the defaults
// name the wiki of the bundled sample page, so a bot over any other wiki that keeps them
// links every answer to the wrong site.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_WIKI_BASE_URL = 'https://anarwiki.org/wiki/';
export const DEFAULT_WIKI_NAME = 'AnarWiki';

/** The content folder shipped with the bot (src/ or dist/src/ → the repository's content/). */
export function bundledContentDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.basename(path.dirname(here)) === 'dist' ? path.resolve(here, '..', '..') : path.resolve(here, '..');
  return path.join(root, 'content');
}

/** Why the site settings look wrong for this content, or undefined: a folder other than the
 *  bundled sample with WIKI_BASE_URL or WIKI_NAME still at the sample's values, when no live
 *  wiki will give them. */
export function siteSettingsWarning(
  config: { WIKI_BASE_URL: string; WIKI_NAME: string; WIKI_API_URL?: string },
  contentDir: string,
): string | undefined {
  if (config.WIKI_API_URL || path.resolve(contentDir) === bundledContentDir()) return undefined;
  const unset = [
    config.WIKI_BASE_URL === DEFAULT_WIKI_BASE_URL && 'WIKI_BASE_URL',
    config.WIKI_NAME === DEFAULT_WIKI_NAME && 'WIKI_NAME',
  ].filter(Boolean);
  if (!unset.length) return undefined;
  return `${unset.join(' and ')} still ${unset.length > 1 ? 'have their defaults' : 'has its default'} (the sample wiki's), but the content comes from ${contentDir}: answers would link to ${DEFAULT_WIKI_BASE_URL} and name ${DEFAULT_WIKI_NAME}. Set them in .env, or set WIKI_API_URL to follow the wiki.`;
}
