import { ANY_MARK, STRAY_MARKS } from './prelink.js';
const WS = /\s+/g;
// Anything but single plain spaces: most text nodes have none and skip the replace.
const NEEDS_COLLAPSE = /[^\S ]| {2}/;
const BLOCKS = new Set(['paragraph', 'heading', 'list', 'listItem', 'blockquote', 'table', 'tableRow', 'tableCell', 'footnoteDefinition']);
class Builder {
    sink;
    text = '';
    links = [];
    refs = [];
    strong = [];
    emphasis = [];
    urls = [];
    constructor(sink) {
        this.sink = sink;
    }
    append(value) {
        let v = NEEDS_COLLAPSE.test(value) ? value.replace(WS, ' ') : value;
        if (ANY_MARK.test(v))
            v = v.replace(STRAY_MARKS, ''); // link markers inside code spans
        if (v.charCodeAt(0) === 32 && (this.text.length === 0 || this.text.charCodeAt(this.text.length - 1) === 32))
            v = v.slice(1);
        this.text += v;
    }
    /** Offset where the next visible character will go. */
    mark() {
        return this.text.length;
    }
    spanEnd(start) {
        let s = start;
        if (this.text.charCodeAt(s) === 32)
            s++;
        let e = this.text.length;
        while (e > s && this.text.charCodeAt(e - 1) === 32)
            e--;
        return { start: s, end: e };
    }
    walk(node) {
        switch (node.type) {
            case 'text':
            case 'inlineCode':
                this.append(node.value);
                return;
            case 'break':
                this.append(' ');
                return;
            case 'footnoteReference':
                this.refs.push({ id: node.label ?? node.identifier, at: this.text.length });
                return;
            case 'footnoteDefinition':
                return; // rendered on their own, never inline
            case 'link': {
                const wiki = node.data?.wiki;
                if (wiki?.category) {
                    this.sink?.category(wiki.category);
                    return; // a category link is invisible on the page
                }
                const start = this.mark();
                for (const c of node.children)
                    this.walk(c);
                const span = this.spanEnd(start);
                if (wiki) {
                    const label = this.text.slice(span.start, span.end);
                    this.links.push({ ...span, target: wiki.target, label });
                    this.sink?.link(wiki.target, label || wiki.target);
                }
                else if (/^(?:https?|ftp):\/\//i.test(node.url)) {
                    this.urls.push(node.url);
                }
                return;
            }
            case 'strong':
            case 'emphasis': {
                const start = this.mark();
                for (const c of node.children)
                    this.walk(c);
                (node.type === 'strong' ? this.strong : this.emphasis).push(this.spanEnd(start));
                return;
            }
            default:
                if ('children' in node)
                    for (const c of node.children)
                        this.walk(c);
                // Blocks walked as one line (a footnote's paragraphs, a table's cells) must not run
                // their words together.
                if (BLOCKS.has(node.type))
                    this.append(' ');
        }
    }
    finish() {
        let end = this.text.length;
        while (end > 0 && this.text.charCodeAt(end - 1) === 32)
            end--;
        const text = this.text.slice(0, end);
        const clamp = (n) => Math.min(n, text.length);
        for (const r of this.refs)
            r.at = clamp(r.at);
        return { text, links: this.links, refs: this.refs, strong: this.strong, emphasis: this.emphasis, urls: this.urls };
    }
}
/** The plain text of an inline container (paragraph, heading, table cell) with its spans. */
export function inlineText(node, sink) {
    const b = new Builder(sink);
    b.walk(node);
    return b.finish();
}
/** Whether text has nothing to read: a paragraph of category links, for one, leaves only the
 *  export's stray quotes and some spaces. */
export function isBlank(text) {
    return !/[\p{L}\p{N}]/u.test(text);
}
/** The part of `block` from `start` to `end` as a block of its own (spans shifted). */
export function sliceBlock(block, start, end) {
    const inside = (s) => s.start >= start && s.end <= end;
    const shift = (s) => ({ ...s, start: s.start - start, end: s.end - start });
    return {
        text: block.text.slice(start, end),
        links: block.links.filter(inside).map(shift),
        strong: block.strong.filter(inside).map(shift),
        emphasis: block.emphasis.filter(inside).map(shift),
        refs: block.refs.filter((r) => r.at >= start && r.at <= end).map((r) => ({ ...r, at: r.at - start })),
        urls: [],
    };
}
/** A block of plain text with no spans (for text assembled from other blocks). */
export function plainBlock(text) {
    return { text, links: [], refs: [], strong: [], emphasis: [], urls: [] };
}
