// Which link destinations are wiki links, and to which page. Shared by the source pre-pass
// (wikilink-prepass.ts) and the remark plugin (wikilink-plugin.ts).
import { categoryName, decodeEntities, isExternalUrl, isMarkdownPageUrl, isMediaPage, pageNameFromHref } from '../page-names.js';

export interface WikiLinkData {
  /** Page name: spaces, no `.md`, entities decoded. For a category link, the full `Category:X`. */
  target: string;
  /** Category name (without the prefix) when the link files the page under a category. */
  category?: string;
  /** Set when the link shows a file or an image (`[[File:x.jpg|thumb|caption]]`): its label is
   *  a caption, not text of the page. */
  media?: true;
}

// Wiki links carry their target on the mdast node: `link.data.wiki`.
declare module 'mdast' {
  interface LinkData {
    wiki?: WikiLinkData;
  }
}

const ATTR = /([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;

/** The attributes of an HTML tag, values entity-decoded, names lowercased. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(tag); m; m = ATTR.exec(tag)) {
    out[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/** Wiki data for a link destination, or null when it is not a wiki link. */
export function wikiTarget(href: string, markedWiki: boolean): WikiLinkData | null {
  if (isExternalUrl(href)) return null;
  if (!markedWiki && !isMarkdownPageUrl(href)) return null;
  const target = pageNameFromHref(href);
  return target ? classify(target) : null;
}

/** Wiki data for a page name: a category link when it names a `Category:` page. */
export function classify(target: string): WikiLinkData | null {
  if (target.startsWith(':')) {
    // `:Category:Foo` links to the category page without filing this page under it.
    target = target.slice(1).trim();
    return target ? { target } : null;
  }
  const category = categoryName(target);
  if (category) return { target, category };
  return isMediaPage(target) ? { target, media: true } : { target };
}

/** The wiki target of an `<a …>` opening tag, or null when it is not a wiki link. */
export function htmlAnchorTarget(tag: string): { wiki: WikiLinkData; title: string; url: string } | null {
  const attrs = attributes(tag);
  const href = attrs.href;
  if (href === undefined) return null;
  const marked = /(?:^|\s)wikilink(?:\s|$)/i.test(attrs.class ?? '');
  const wiki = wikiTarget(href, marked);
  return wiki ? { wiki, title: attrs.title ?? '', url: href } : null;
}
