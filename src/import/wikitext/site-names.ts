// Page names as one wiki spells them: its namespace names (from siteinfo, plus MediaWiki's
// canonical English ones, which every wiki accepts) and its case rule.
import { decodeCharacterReferences } from './entities.js';
import type { SiteFacts } from '../../site-facts.js';

export const NS = { media: -2, special: -1, main: 0, file: 6, template: 10, category: 14 } as const;

// MediaWiki's canonical namespace names, valid on every wiki whatever its language.
const CANONICAL: Record<string, number> = {
  media: -2,
  special: -1,
  talk: 1,
  user: 2,
  'user talk': 3,
  project: 4,
  'project talk': 5,
  file: 6,
  image: 6,
  'file talk': 7,
  'image talk': 7,
  mediawiki: 8,
  'mediawiki talk': 9,
  template: 10,
  'template talk': 11,
  help: 12,
  'help talk': 13,
  category: 14,
  'category talk': 15,
  module: 828,
  'module talk': 829,
};

// Interwiki prefixes every Wikimedia-style wiki knows; a link through one leaves the wiki.
const INTERWIKI = new Set([
  'wikipedia',
  'w',
  'wikt',
  'wiktionary',
  'wikiquote',
  'q',
  'wikisource',
  's',
  'wikibooks',
  'b',
  'wikinews',
  'n',
  'wikiversity',
  'v',
  'wikivoyage',
  'voy',
  'wikispecies',
  'species',
  'wikidata',
  'd',
  'commons',
  'c',
  'meta',
  'm',
  'mw',
  'mediawikiwiki',
  'metawikimedia',
  'foundation',
  'wmf',
  'phab',
  'google',
  'imdb',
  'doi',
  'arxiv',
]);

export type TitleKind = { kind: 'page'; ns: number; title: string } | { kind: 'interwiki' } | { kind: 'interlanguage' };

export class SiteNames {
  private readonly byName = new Map<string, number>();
  private readonly firstLetter: boolean;

  constructor(readonly facts: SiteFacts) {
    this.firstLetter = facts.case !== 'case-sensitive';
    for (const [name, ns] of Object.entries(CANONICAL)) this.byName.set(name, ns);
    for (const [key, name] of Object.entries(facts.namespaces ?? {})) {
      if (name) this.byName.set(spaced(name).toLowerCase(), Number(key));
    }
  }

  /** `foo_bar` → `Foo bar` on a first-letter wiki: underscores as spaces, entities decoded,
   *  spaces collapsed, the first letter upper-cased where the wiki does. */
  normalize(name: string): string {
    const s = spaced(decodeCharacterReferences(name));
    return this.firstLetter ? upperFirst(s) : s;
  }

  /** The namespace number of a prefix (`Category`, `file`, the wiki's own names), or undefined. */
  namespace(prefix: string): number | undefined {
    return this.byName.get(spaced(prefix).toLowerCase());
  }

  /** What a link target names: a page (with its namespace and normalised title), a page on
   *  another wiki, or the same page in another language (an interlanguage link). */
  classify(target: string): TitleKind {
    const t = spaced(decodeCharacterReferences(target)).replace(/^:\s*/, '');
    const colon = t.indexOf(':');
    if (colon > 0) {
      const prefix = t.slice(0, colon).trim();
      const ns = this.namespace(prefix);
      if (ns !== undefined) {
        const rest = spaced(t.slice(colon + 1));
        const name = this.facts.namespaces?.[String(ns)] || canonicalName(ns) || prefix;
        return { kind: 'page', ns, title: `${name}:${this.firstLetter ? upperFirst(rest) : rest}` };
      }
      const lower = prefix.toLowerCase();
      if (INTERWIKI.has(lower)) return { kind: 'interwiki' };
      if (/^[a-z]{2,3}(?:-[a-z]{2,8})*$/.test(prefix)) return { kind: 'interlanguage' };
    }
    return { kind: 'page', ns: NS.main, title: this.firstLetter ? upperFirst(t) : t };
  }

  /** The title without its namespace prefix, for a title in namespace `ns`. */
  stripNamespace(title: string): string {
    const colon = title.indexOf(':');
    return colon > 0 && this.namespace(title.slice(0, colon)) !== undefined ? title.slice(colon + 1).trim() : title;
  }
}

function canonicalName(ns: number): string | undefined {
  for (const [name, n] of Object.entries(CANONICAL)) if (n === ns) return name.replace(/(^|\s)\p{Ll}/gu, (c) => c.toUpperCase());
  return undefined;
}

function spaced(s: string): string {
  return s.replace(/[_\s\u00a0]+/g, ' ').trim();
}

export function upperFirst(s: string): string {
  if (!s) return s;
  const cp = s.codePointAt(0)!;
  const first = String.fromCodePoint(cp);
  return first.toUpperCase() + s.slice(first.length);
}
