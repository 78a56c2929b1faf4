// Redirect pages: `1.  REDIRECT [Target](Target.md "wikilink")` in pandoc's export (the
// MediaWiki `#REDIRECT` became an ordered list item), the raw-HTML link form, possibly wrapped
// over lines, or `#REDIRECT [[Target]]`.
import type { Link, Nodes, Root } from 'mdast';
import { decodeEntities, pageNameFromTarget } from '../page-names.js';
import { inlineText, isBlank } from './block-text.js';

/** The first wiki link (category links included) inside a node. */
function firstWikiLink(node: Nodes): Link | undefined {
  if (node.type === 'link' && node.data?.wiki) return node;
  if ('children' in node) {
    for (const c of node.children as Nodes[]) {
      const t = firstWikiLink(c);
      if (t) return t;
    }
  }
  return undefined;
}

/** Where a redirect leads: a page, and a section of it when the link names one (`X#Section`). */
export interface RedirectTarget {
  to: string;
  anchor?: string;
}

/** The section a link's destination names after `#`, as a heading's anchor ("Early_life"). */
function anchorOf(url: string): string | undefined {
  const hash = url.indexOf('#');
  if (hash < 0) return undefined;
  let anchor = decodeEntities(url.slice(hash + 1));
  try {
    anchor = decodeURIComponent(anchor);
  } catch {
    // A stray % is part of the heading.
  }
  anchor = anchor.trim().replace(/\s+/g, '_');
  return anchor || undefined;
}

/** The target of a redirect page (`1. REDIRECT [X](X.md)`, `#REDIRECT [[X#Section]]`), or null
 *  when the page is not a redirect. */
export function redirectTarget(tree: Root): RedirectTarget | null {
  for (const node of tree.children) {
    const first: Nodes = node.type === 'list' ? (node.children[0] ?? node) : node;
    const text = inlineText(first, null).text;
    const link = firstWikiLink(first);
    if (isBlank(text) && !link) continue;
    if (!/^#?\s*REDIRECT\b/i.test(text)) return null;
    if (link) {
      const anchor = anchorOf(link.url);
      return anchor ? { to: link.data!.wiki!.target, anchor } : { to: link.data!.wiki!.target };
    }
    const rest = text.replace(/^#?\s*REDIRECT\s*:?\s*/i, '').trim();
    if (!rest) throw new Error('redirect page names no target');
    const anchor = anchorOf(rest);
    const to = pageNameFromTarget(rest.replace(/#.*$/s, ''));
    return anchor ? { to, anchor } : { to };
  }
  return null;
}
