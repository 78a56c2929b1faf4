// Site facts: what a wiki says about itself (its name, where its pages live, how it treats the
// case of titles). An import or a sync writes them to `_site.json` beside the pages; the
// configuration takes the name and base URL from there unless WIKI_NAME / WIKI_BASE_URL were
// set explicitly. The loader reads only `*.md`, so the file is never taken for a page.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig, type Config } from './config.js';

export const SITE_FACTS_FILE = '_site.json';

/** MediaWiki's `$wgCapitalLinks`: `first-letter` (the default: [[foo]] is "Foo") or
 *  `case-sensitive`. */
export type CaseRule = 'first-letter' | 'case-sensitive';

export interface SiteFacts {
  /** The wiki's name (siteinfo `sitename`). */
  name?: string;
  /** Page URLs are this plus the page name (`https://wiki.example.org/wiki/`). */
  baseUrl?: string;
  case: CaseRule;
  /** Namespace names by number (siteinfo `namespaces`), e.g. { "6": "File", "14": "Category" }. */
  namespaces?: Record<string, string>;
  /** The software that wrote the dump (`MediaWiki 1.39.5`). */
  generator?: string;
  /** Where these pages came from and when. */
  source?: { kind: 'dump' | 'api'; from: string; at: string };
}

/** The base URL for page links from siteinfo's `base`, the address of the main page:
 *  `https://w.org/wiki/Main_Page` → `https://w.org/wiki/`, `https://w.org/index.php?title=Main_Page`
 *  → `https://w.org/index.php?title=`. Returns undefined for something that is not a URL. */
export function baseUrlFromMainPage(base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(base.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const href = url.href;
  const title = /([?&]title=)[^&#]*/.exec(href);
  if (title) return href.slice(0, title.index + title[1]!.length);
  return href.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
}

/** The facts stored in `dir`, or undefined when there are none or they cannot be read. */
export function readSiteFacts(dir: string): SiteFacts | undefined {
  let raw: string;
  try {
    raw = readFileSync(path.join(dir, SITE_FACTS_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(raw) as Partial<SiteFacts>;
    if (!data || typeof data !== 'object') return undefined;
    return {
      name: typeof data.name === 'string' && data.name.trim() ? data.name.trim() : undefined,
      baseUrl: typeof data.baseUrl === 'string' && baseUrlIsValid(data.baseUrl) ? data.baseUrl : undefined,
      case: data.case === 'case-sensitive' ? 'case-sensitive' : 'first-letter',
      namespaces: data.namespaces && typeof data.namespaces === 'object' ? data.namespaces : undefined,
      generator: typeof data.generator === 'string' ? data.generator : undefined,
      source: data.source,
    };
  } catch {
    return undefined;
  }
}

function baseUrlIsValid(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export async function writeSiteFacts(dir: string, facts: SiteFacts): Promise<void> {
  await writeFile(path.join(dir, SITE_FACTS_FILE), `${JSON.stringify(facts, null, 2)}\n`);
}

/** The configuration with the wiki's own name and base URL from `_site.json` in its content
 *  folder, for each of WIKI_NAME and WIKI_BASE_URL that `env` leaves unset or at its default
 *  (`.env.example` spells the defaults out, and a copied `.env` must not hide the wiki's name). */
export function withSiteFacts(config: Config, env: Record<string, string | undefined>): Config {
  const facts = readSiteFacts(config.CONTENT_DIR);
  if (!facts) return config;
  const defaults = loadConfig({});
  const chosen = (key: 'WIKI_NAME' | 'WIKI_BASE_URL') => Boolean(env[key]?.trim()) && config[key] !== defaults[key];
  const out = { ...config };
  if (facts.name && !chosen('WIKI_NAME')) out.WIKI_NAME = facts.name;
  if (facts.baseUrl && !chosen('WIKI_BASE_URL')) out.WIKI_BASE_URL = facts.baseUrl;
  return out;
}
