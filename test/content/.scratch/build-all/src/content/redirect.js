import { pageNameFromTarget } from './names.js';
import { inlineText, isBlank } from './text.js';
/** The first wiki link's target (category links included) inside a node. */
function firstWikiTarget(node) {
    if (node.type === 'link' && node.data?.wiki)
        return node.data.wiki.target;
    if ('children' in node) {
        for (const c of node.children) {
            const t = firstWikiTarget(c);
            if (t)
                return t;
        }
    }
    return undefined;
}
/** The target of a redirect page (`1. REDIRECT [X](X.md)`, `#REDIRECT [[X]]`), or null when
 *  the page is not a redirect. */
export function redirectTarget(tree) {
    for (const node of tree.children) {
        const first = node.type === 'list' ? (node.children[0] ?? node) : node;
        const text = inlineText(first, null).text;
        const target = firstWikiTarget(first);
        if (isBlank(text) && !target)
            continue;
        if (!/^#?\s*REDIRECT\b/i.test(text))
            return null;
        if (target)
            return target;
        const rest = text.replace(/^#?\s*REDIRECT\s*:?\s*/i, '').trim();
        if (!rest)
            throw new Error('redirect page names no target');
        return pageNameFromTarget(rest);
    }
    return null;
}
