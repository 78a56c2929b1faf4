// The walk over a page's tree: one pass over the top-level blocks that collects the lead,
// the sections with their heading paths and anchors, quote candidates (with the sentence that
// introduces each), concepts, footnotes, links and categories. Block text comes from
// block-text.ts; what a quote or a concept is, from quotes.ts and concepts.ts.
import type { Blockquote, Heading, List, ListItem, Root, RootContent, Table } from 'mdast';
import type { Attribution } from './attribution.js';
import { conceptFromItem } from './concepts.js';
import { footnoteFrom } from './footnotes.js';
import type { SectionWithText } from '../cache/packed-text.js';
import { SECTION_SEP, type Concept, type Footnote, type Link } from '../model.js';
import { pageNameFromTarget } from '../page-names.js';
import { blockquoteCandidate, inlineCandidates, introBefore, type QuoteCandidate, type QuotePart } from './quotes.js';
import { inlineText, isBlank, plainBlock, type LinkSink, type TextBlock } from './block-text.js';


// Hatnotes at the top of a page ("Not to be confused with …") are not a summary of it.
const HATNOTE = /^(?:not to be confused with|for other uses|this article is about|for the [^,]{1,60}, see|see also:|main articles?:)/i;

export interface PageParts {
  /** Paragraphs and lists before the first heading, blocks separated by a blank line. */
  lead: string;
  /** The lead's paragraphs alone (no lists, no hatnotes): what a summary is made of. */
  leadParagraphs: string[];
  /** Bold terms of the lead (alias candidates). */
  leadStrong: string[];
  sections: SectionWithText[];
  candidates: QuoteCandidate[];
  concepts: Concept[];
  footnotes: Footnote[];
  links: Link[];
  categories: string[];
}

/** Walks a page tree (after the wikilink plugin and strip-markdown). */
export function walkPage(tree: Root): PageParts {
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

/** State of one container (root, list item, blockquote) for finding what introduces a quote. */
interface Flow {
  /** The paragraph just before the current block, if the previous block was one. */
  paragraph?: TextBlock;
  /** The intro of the blockquote just before, so consecutive blockquotes share it. */
  quoteIntro?: Attribution;
}

interface SectionDraft {
  section: SectionWithText;
  parts: string[];
}

class PageWalk implements LinkSink {
  readonly links: Link[] = [];
  private readonly linkKeys = new Set<string>();
  readonly categories: string[] = [];
  readonly leadParts: string[] = [];
  /** The lead's paragraphs alone: the summary is made of sentences, not list items. */
  readonly leadParagraphs: string[] = [];
  readonly leadStrong: string[] = [];
  readonly sections: SectionDraft[] = [];
  readonly candidates: QuoteCandidate[] = [];
  readonly concepts: Concept[] = [];
  readonly footnotes: Footnote[] = [];
  private readonly headings: Array<{ level: number; heading: string }> = [];
  private readonly anchors = new Map<string, number>();

  link(target: string, label: string): void {
    const key = `${target}\u0000${label}`;
    if (this.linkKeys.has(key)) return;
    this.linkKeys.add(key);
    this.links.push({ target, label });
  }

  category(name: string): void {
    const c = pageNameFromTarget(name);
    if (c && !this.categories.includes(c)) this.categories.push(c);
  }

  private where(): { section?: string; anchor?: string; heading?: string } {
    const draft = this.sections[this.sections.length - 1];
    if (!draft) return {};
    return { section: draft.section.path.join(SECTION_SEP), anchor: draft.section.anchor, heading: draft.section.heading };
  }

  root(tree: Root): void {
    const flow: Flow = {};
    for (const node of tree.children) {
      if (node.type === 'heading') {
        this.heading(node);
        flow.paragraph = undefined;
        flow.quoteIntro = undefined;
        continue;
      }
      const inLead = this.sections.length === 0;
      const text = this.block(node, flow, inLead);
      if (!text) continue;
      if (!inLead) this.sections[this.sections.length - 1]!.parts.push(text);
      else if (node.type === 'paragraph' || node.type === 'list') {
        this.leadParts.push(text);
        if (node.type === 'paragraph' && !HATNOTE.test(text)) this.leadParagraphs.push(text);
      }
    }
  }

  private heading(node: Heading): void {
    const heading = inlineText(node, this).text;
    if (!heading) return;
    while (this.headings.length && this.headings[this.headings.length - 1]!.level >= node.depth) this.headings.pop();
    this.headings.push({ level: node.depth, heading });
    // MediaWiki anchors: spaces as `_`; a repeated heading gets _2, _3, …
    const base = heading.replace(/ /g, '_');
    const seen = this.anchors.get(base) ?? 0;
    this.anchors.set(base, seen + 1);
    const anchor = seen === 0 ? base : `${base}_${seen + 1}`;
    this.sections.push({ section: { path: this.headings.map((h) => h.heading), heading, anchor, level: node.depth, text: '' }, parts: [] });
  }

  /** Plain text of a block (with side effects: quotes, concepts, footnotes), '' if none. */
  private block(node: RootContent, flow: Flow, inLead = false): string {
    switch (node.type) {
      case 'paragraph':
      case 'heading': {
        const tb = inlineText(node, this);
        if (isBlank(tb.text)) return '';
        for (const c of inlineCandidates(tb)) this.candidates.push({ ...c, ...this.where() });
        if (inLead) for (const s of tb.strong) this.leadStrong.push(tb.text.slice(s.start, s.end));
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
        if (!('children' in node)) return '';
        const inner: Flow = {};
        return (node.children as RootContent[]).map((c) => this.block(c, inner)).filter(Boolean).join('\n\n');
      }
    }
  }

  /** One line per item; nested lists follow their item as lines of their own. */
  private list(node: List): string[] {
    const lines: string[] = [];
    for (const item of node.children) lines.push(...this.listItem(item));
    return lines;
  }

  private listItem(item: ListItem): string[] {
    const own: string[] = [];
    const nested: string[] = [];
    const flow: Flow = {};
    item.children.forEach((child, i) => {
      if (child.type === 'list') {
        nested.push(...this.list(child));
        return;
      }
      const text = this.block(child, flow);
      if (i === 0 && child.type === 'paragraph' && flow.paragraph) {
        const concept = conceptFromItem(flow.paragraph, this.where().section);
        if (concept) this.concepts.push(concept);
      }
      if (text) own.push(text);
    });
    return own.length ? [own.join(' '), ...nested] : nested;
  }

  private blockquote(node: Blockquote, flow: Flow): string {
    const parts: QuotePart[] = [];
    const texts: string[] = [];
    for (const child of node.children) {
      if (child.type === 'paragraph') {
        const tb = inlineText(child, this);
        if (isBlank(tb.text)) continue;
        parts.push({ block: tb });
        texts.push(tb.text);
      } else if (child.type === 'list') {
        const items = child.children.map((item) => inlineText(item, this));
        const text = items.map((i) => i.text).filter(Boolean).join('\n');
        if (!text) continue;
        parts.push({ block: plainBlock(text), items });
        texts.push(text);
      } else {
        const text = this.block(child, {});
        if (!text) continue;
        parts.push({ block: plainBlock(text) });
        texts.push(text);
      }
    }
    if (parts.length === 0) return '';
    const intro = flow.paragraph ? introBefore(flow.paragraph) : flow.quoteIntro;
    const candidate = blockquoteCandidate(parts, intro);
    if (candidate) this.candidates.push({ ...candidate, ...this.where() });
    flow.quoteIntro = intro;
    return texts.join('\n\n');
  }

  private table(node: Table): string {
    const rows: string[] = [];
    for (const row of node.children) {
      const cells = row.children.map((cell) => inlineText(cell, this).text);
      if (cells.some(Boolean)) rows.push(cells.join(' | '));
    }
    return rows.join('\n');
  }
}
