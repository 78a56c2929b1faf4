import { conceptFromItem } from './concepts.js';
import { footnoteFrom } from './footnotes.js';
import { pageNameFromTarget } from './names.js';
import { blockquoteCandidate, inlineCandidates, introBefore } from './quotes.js';
import { inlineText, isBlank, plainBlock } from './text.js';
/** Joins a heading path into Quote.section / Concept.section. */
export const SECTION_SEP = ' › ';
// Hatnotes at the top of a page ("Not to be confused with …") are not a summary of it.
const HATNOTE = /^(?:not to be confused with|for other uses|this article is about|for the [^,]{1,60}, see|see also:|main articles?:)/i;
/** Walks a page tree (after the wikilink plugin and strip-markdown). */
export function walkPage(tree) {
    const walk = new PageWalk();
    walk.root(tree);
    return {
        lead: walk.leadParts.join('\n\n'),
        leadParagraphs: walk.leadParagraphs,
        leadStrong: walk.leadStrong,
        sections: walk.sections.map(({ section, parts }) => ({ ...section, text: parts.join('\n\n') })),
        candidates: walk.candidates,
        concepts: walk.concepts,
        footnotes: walk.footnotes,
        links: walk.links,
        categories: walk.categories,
    };
}
class PageWalk {
    links = [];
    linkKeys = new Set();
    categories = [];
    leadParts = [];
    /** The lead's paragraphs alone: the summary is made of sentences, not list items. */
    leadParagraphs = [];
    leadStrong = [];
    sections = [];
    candidates = [];
    concepts = [];
    footnotes = [];
    headings = [];
    anchors = new Map();
    link(target, label) {
        const key = `${target}\u0000${label}`;
        if (this.linkKeys.has(key))
            return;
        this.linkKeys.add(key);
        this.links.push({ target, label });
    }
    category(name) {
        const c = pageNameFromTarget(name);
        if (c && !this.categories.includes(c))
            this.categories.push(c);
    }
    where() {
        const draft = this.sections[this.sections.length - 1];
        if (!draft)
            return {};
        return { section: draft.section.path.join(SECTION_SEP), anchor: draft.section.anchor, heading: draft.section.heading };
    }
    root(tree) {
        const flow = {};
        for (const node of tree.children) {
            if (node.type === 'heading') {
                this.heading(node);
                flow.paragraph = undefined;
                flow.quoteIntro = undefined;
                continue;
            }
            const inLead = this.sections.length === 0;
            const text = this.block(node, flow, inLead);
            if (!text)
                continue;
            if (!inLead)
                this.sections[this.sections.length - 1].parts.push(text);
            else if (node.type === 'paragraph' || node.type === 'list') {
                this.leadParts.push(text);
                if (node.type === 'paragraph' && !HATNOTE.test(text))
                    this.leadParagraphs.push(text);
            }
        }
    }
    heading(node) {
        const heading = inlineText(node, this).text;
        if (!heading)
            return;
        while (this.headings.length && this.headings[this.headings.length - 1].level >= node.depth)
            this.headings.pop();
        this.headings.push({ level: node.depth, heading });
        // MediaWiki anchors: spaces as `_`; a repeated heading gets _2, _3, …
        const base = heading.replace(/ /g, '_');
        const seen = this.anchors.get(base) ?? 0;
        this.anchors.set(base, seen + 1);
        const anchor = seen === 0 ? base : `${base}_${seen + 1}`;
        this.sections.push({ section: { path: this.headings.map((h) => h.heading), heading, anchor, level: node.depth, text: '' }, parts: [] });
    }
    /** Plain text of a block (with side effects: quotes, concepts, footnotes), '' if none. */
    block(node, flow, inLead = false) {
        switch (node.type) {
            case 'paragraph':
            case 'heading': {
                const tb = inlineText(node, this);
                if (isBlank(tb.text))
                    return '';
                for (const c of inlineCandidates(tb))
                    this.candidates.push({ ...c, ...this.where() });
                if (inLead)
                    for (const s of tb.strong)
                        this.leadStrong.push(tb.text.slice(s.start, s.end));
                flow.paragraph = tb;
                flow.quoteIntro = undefined;
                return tb.text;
            }
            case 'list': {
                flow.paragraph = undefined;
                flow.quoteIntro = undefined;
                return this.list(node).join('\n');
            }
            case 'blockquote': {
                const text = this.blockquote(node, flow);
                flow.paragraph = undefined;
                return text;
            }
            case 'table':
                flow.paragraph = undefined;
                return this.table(node);
            case 'footnoteDefinition': {
                const parts = node.children.map((c) => inlineText(c, this));
                this.footnotes.push(footnoteFrom(node.label ?? node.identifier, parts));
                return '';
            }
            default: {
                if (!('children' in node))
                    return '';
                const inner = {};
                return node.children.map((c) => this.block(c, inner)).filter(Boolean).join('\n\n');
            }
        }
    }
    /** One line per item; nested lists follow their item as lines of their own. */
    list(node) {
        const lines = [];
        for (const item of node.children)
            lines.push(...this.listItem(item));
        return lines;
    }
    listItem(item) {
        const own = [];
        const nested = [];
        const flow = {};
        item.children.forEach((child, i) => {
            if (child.type === 'list') {
                nested.push(...this.list(child));
                return;
            }
            const text = this.block(child, flow);
            if (i === 0 && child.type === 'paragraph' && flow.paragraph) {
                const concept = conceptFromItem(flow.paragraph, this.where().section);
                if (concept)
                    this.concepts.push(concept);
            }
            if (text)
                own.push(text);
        });
        return own.length ? [own.join(' '), ...nested] : nested;
    }
    blockquote(node, flow) {
        const parts = [];
        const texts = [];
        for (const child of node.children) {
            if (child.type === 'paragraph') {
                const tb = inlineText(child, this);
                if (isBlank(tb.text))
                    continue;
                parts.push({ block: tb });
                texts.push(tb.text);
            }
            else if (child.type === 'list') {
                const items = child.children.map((item) => inlineText(item, this));
                const text = items.map((i) => i.text).filter(Boolean).join('\n');
                if (!text)
                    continue;
                parts.push({ block: plainBlock(text), items });
                texts.push(text);
            }
            else {
                const text = this.block(child, {});
                if (!text)
                    continue;
                parts.push({ block: plainBlock(text) });
                texts.push(text);
            }
        }
        if (parts.length === 0)
            return '';
        const intro = flow.paragraph ? introBefore(flow.paragraph) : flow.quoteIntro;
        const candidate = blockquoteCandidate(parts, intro);
        if (candidate)
            this.candidates.push({ ...candidate, ...this.where() });
        flow.quoteIntro = intro;
        return texts.join('\n\n');
    }
    table(node) {
        const rows = [];
        for (const row of node.children) {
            const cells = row.children.map((cell) => inlineText(cell, this).text);
            if (cells.some(Boolean))
                rows.push(cells.join(' | '));
        }
        return rows.join('\n');
    }
}
