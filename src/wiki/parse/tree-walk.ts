// The walk over a page's tree: one pass over the top-level blocks that collects the lead,
// the sections with their heading paths and anchors, quote candidates (with the sentence that
// introduces each and the attribution line after it), concepts, footnotes, links and
// categories. Block text comes from block-text.ts; what a quote or a concept is, from
// quotes.ts and concepts.ts; what the summary is, from lead.ts.
import type { Blockquote, Heading, List, ListItem, Root, RootContent, Table } from 'mdast';
import { attributionFromLine, type Attribution } from './attribution.js';
import { conceptFromItem } from './concepts.js';
import { footnoteFrom } from './footnotes.js';
import type { SectionWithText } from '../cache/packed-text.js';
import { isAttributionParagraph, isReadingList, standsAlone, type LeadBlock } from './lead.js';
import { SECTION_SEP, type Concept, type Footnote, type Link } from '../model.js';
import { isExternalUrl, isNamespacePage, pageNameFromTarget } from '../page-names.js';
import { blockquoteCandidate, inlineCandidates, introBefore, quotationCandidate, type QuoteCandidate, type QuotePart } from './quotes.js';
import { inlineText, isBlank, plainBlock, type LinkSink, type TextBlock } from './block-text.js';

export interface PageParts {
  /** Paragraphs, lists and block quotes before the first heading, blocks separated by a blank
   *  line. */
  lead: string;
  /** The blocks before the first heading, for the summary (lead.ts). */
  leadBlocks: LeadBlock[];
  /** The first paragraph after the lead that stands on its own, for a page whose lead has no
   *  summary to give. */
  firstParagraph?: string;
  sections: SectionWithText[];
  candidates: QuoteCandidate[];
  concepts: Concept[];
  footnotes: Footnote[];
  /** Links to pages of the wiki, from the page's text: not from its footnotes, its reading
   *  lists, or to User:, File:, Category: … pages. */
  links: Link[];
  /** Every page the text and the footnotes link to, for completing a speaker's name. */
  linkedPages: string[];
  categories: string[];
}

/** Walks a page tree (after the wikilink plugin and strip-markdown). */
export function walkPage(tree: Root): PageParts {
  const walk = new PageWalk();
  walk.root(tree);
  return {
    lead: walk.leadParts.join('\n\n'),
    leadBlocks: walk.leadBlocks,
    firstParagraph: walk.firstParagraph,
    sections: walk.sections.map(({ section, parts }) => ({ ...section, text: parts.join('\n\n') })),
    candidates: walk.candidates,
    concepts: walk.concepts,
    footnotes: walk.footnotes,
    links: walk.links,
    linkedPages: [...walk.linkedPages],
    categories: walk.categories,
  };
}

/** State of one container (root, list item, blockquote) for finding what introduces a quote. */
interface Flow {
  /** The paragraph just before the current block, if the previous block was one. */
  paragraph?: TextBlock;
  /** The intro of the blockquote just before, so consecutive blockquotes share it. */
  quoteIntro?: Attribution;
  /** The quotation the previous block was (a blockquote, a quoted paragraph), which an
   *  attribution line ("— Name") right after it attributes. */
  quote?: QuoteCandidate;
  /** The previous paragraph, when it found no quotation of its own: an attribution line right
   *  after it makes it one. */
  quotation?: TextBlock;
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
  readonly leadBlocks: LeadBlock[] = [];
  firstParagraph?: string;
  readonly linkedPages = new Set<string>();
  readonly sections: SectionDraft[] = [];
  readonly candidates: QuoteCandidate[] = [];
  readonly concepts: Concept[] = [];
  readonly footnotes: Footnote[] = [];
  private readonly headings: Array<{ level: number; heading: string }> = [];
  private readonly anchors = new Map<string, number>();
  /** Under a heading of sources or reading (isReadingList). */
  private reading = false;
  /** Inside a footnote: its links are citations. */
  private citing = false;
  /** The text block of the paragraph walked last. */
  private lastParagraph?: TextBlock;

  link(target: string, label: string): void {
    this.linkedPages.add(target);
    if (this.reading || this.citing || isNamespacePage(target) || isExternalUrl(target)) return;
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
        resetFlow(flow);
        continue;
      }
      const inLead = this.sections.length === 0;
      const text = this.block(node, flow);
      if (!text) continue;
      if (!inLead) {
        this.sections[this.sections.length - 1]!.parts.push(text);
        if (this.firstParagraph === undefined && node.type === 'paragraph' && !this.reading && standsAlone(this.lastParagraph!))
          this.firstParagraph = text;
        continue;
      }
      // Block quotes count as the lead's text too (for search): the summary picks from the blocks.
      if (node.type === 'paragraph' || node.type === 'list' || node.type === 'blockquote') this.leadParts.push(text);
      if (node.type === 'paragraph') this.leadBlocks.push({ kind: 'paragraph', block: this.lastParagraph! });
      else if (node.type === 'list') this.leadBlocks.push({ kind: 'list', items: text.split('\n') });
      else if (node.type === 'blockquote') this.leadBlocks.push({ kind: 'quote', text });
      else this.leadBlocks.push({ kind: 'other' });
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
    // Under a heading of sources or reading, at any level of the path, items are never
    // concepts and links never related pages.
    this.reading = this.headings.some((h) => isReadingList(h.heading));
    this.sections.push({ section: { path: this.headings.map((h) => h.heading), heading, anchor, level: node.depth, text: '' }, parts: [] });
  }

  /** Plain text of a block (with side effects: quotes, concepts, footnotes), '' if none. */
  private block(node: RootContent, flow: Flow): string {
    switch (node.type) {
      case 'paragraph':
      case 'heading': {
        const tb = inlineText(node, this);
        if (isBlank(tb.text)) return '';
        this.lastParagraph = tb;
        const quoted = flow.quote;
        const quotation = flow.quotation;
        flow.quote = undefined;
        flow.quotation = undefined;
        flow.quoteIntro = undefined;
        if ((quoted || quotation) && isAttributionParagraph(tb.text)) {
          // "— Name" on its own line, after a blockquote or a quotation standing alone.
          const line = attributionFromLine(tb.text, tb.emphasis);
          if (quoted) quoted.line ??= line;
          else this.addCandidate(quotationCandidate(quotation!, line));
          flow.paragraph = undefined;
          return tb.text;
        }
        const found = inlineCandidates(tb);
        for (const c of found) this.addCandidate(c);
        // A paragraph that is no quotation of its own may be one that the next line attributes.
        if (found.length === 0) flow.quotation = tb;
        flow.paragraph = tb;
        return tb.text;
      }
      case 'list': {
        resetFlow(flow);
        return this.list(node).join('\n');
      }
      case 'blockquote': {
        const text = this.blockquote(node, flow);
        flow.paragraph = undefined;
        flow.quotation = undefined;
        return text;
      }
      case 'table':
        resetFlow(flow);
        return this.table(node);
      case 'footnoteDefinition': {
        this.citing = true;
        const parts = node.children.map((c) => inlineText(c, this));
        this.citing = false;
        this.footnotes.push(footnoteFrom(node.label ?? node.identifier, parts));
        return '';
      }
      default: {
        if (!('children' in node)) return '';
        const inner: Flow = {};
        return (node.children as RootContent[])
          .map((c) => this.block(c, inner))
          .filter(Boolean)
          .join('\n\n');
      }
    }
  }

  /** Records a quote candidate where the walk stands; returns it (an attribution line after
   *  it may still complete it). */
  private addCandidate(c: QuoteCandidate): QuoteCandidate {
    const placed = { ...c, ...this.where() };
    this.candidates.push(placed);
    return placed;
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
      if (i === 0 && child.type === 'paragraph' && flow.paragraph && !this.reading) {
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
        const text = items
          .map((i) => i.text)
          .filter(Boolean)
          .join('\n');
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
    flow.quote = candidate ? this.addCandidate(candidate) : undefined;
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

function resetFlow(flow: Flow): void {
  flow.paragraph = undefined;
  flow.quoteIntro = undefined;
  flow.quote = undefined;
  flow.quotation = undefined;
}
