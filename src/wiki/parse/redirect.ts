// Redirect pages: `1.  REDIRECT [Target](Target.md "wikilink")` in pandoc's export (the
// MediaWiki `#REDIRECT` became an ordered list item), the raw-HTML link form, possibly wrapped
// over lines, or `#REDIRECT [[Target]]`.
import type { Nodes, Root } from 'mdast';
import { pageNameFromTarget } from '../page-names.js';
import { inlineText, isBlank } from './block-text.js';

/** The first wiki link's target (category links included) inside a node. */
function firstWikiTarget(node: Nodes): string | undefined {
  if (node.type === 'link' && node.data?.wiki) return node.data.wiki.target;
  if ('children' in node) {
    for (const c of node.children as Nodes[]) {
      const t = firstWikiTarget(c);
      if (t) return t;
    }
  }
  return undefined;
}

/** The target of a redirect page (`1. REDIRECT [X](X.md)`, `#REDIRECT [[X]]`), or null when
 *  the page is not a redirect. */
export function redirectTarget(tree: Root): string | null {
  for (const node of tree.children) {
    const first: Nodes = node.type === 'list' ? (node.children[0] ?? node) : node;
    const text = inlineText(first, null).text;
    const target = firstWikiTarget(first);
    if (isBlank(text) && !target) continue;
    if (!/^#?\s*REDIRECT\b/i.test(text)) return null;
    if (target) return target;
    const rest = text.replace(/^#?\s*REDIRECT\s*:?\s*/i, '').trim();
    if (!rest) throw new Error('redirect page names no target');
    return pageNameFromTarget(rest);
  }
  return null;
}
