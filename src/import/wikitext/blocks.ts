// The block structure of a page (templates already expanded): headings, paragraphs, lists
// (`*`, `#`, `;term : definition`), blockquotes, tables and preformatted lines, written as
// Markdown blocks. Each block's text goes through inline.ts.
import { inlineMarkdown, type InlineContext } from './inline.js';
import { decodeCharacterReferences } from './entities.js';
import { tagAttributes } from './tags.js';

const HEADING = /^(={1,6})(.+?)(={1,6})\s*$/;
const LIST = /^[*#:;]+/;
const TABLE_START = /^\s*:*\s*\{\|/;
const PRE_LINE = /^ +\S/;
const NOT_PRE =
  /^\s*(?:\{\||<\/?(?:div|table|blockquote|p|center|ul|ol|li|dl|dd|dt|h\d|tr|td|th|span|br|references)\b|\uE000\d+\uE001\s*$)/i;
const RULE = /^-{4,}\s*$/;
const PLACEHOLDER_LINE = /^\s*\uE000(\d+)\uE001\s*$/;
const BOX_CLASS =
  /\b(?:infobox|navbox|ambox|mbox|metadata|sidebar|vertical-navbox|toccolours|navigation|messagebox|succession|plainlinks)\b/i;
const BLOCKQUOTE_TAG = /<(\/?)blockquote\b[^>]*>/gi;

/** Converts wikitext to Markdown blocks (separated by blank lines when joined). */
export function blocksMarkdown(text: string, ctx: InlineContext): string[] {
  const blocks: string[] = [];
  for (const part of splitBlockquotes(text)) {
    if (part.quote) {
      const inner = blocksMarkdown(part.text, ctx).join('\n\n');
      if (inner.trim())
        blocks.push(
          inner
            .split('\n')
            .map((l) => (l ? `> ${l}` : '>'))
            .join('\n'),
        );
    } else {
      blocks.push(...lineBlocks(part.text, ctx));
    }
  }
  return blocks.filter((b) => b.trim() !== '');
}

/** Top-level `<blockquote>` regions and the text between them. An unclosed blockquote runs to
 *  the end of the text. */
function splitBlockquotes(text: string): { quote: boolean; text: string }[] {
  if (!/<blockquote/i.test(text)) return [{ quote: false, text }];
  const parts: { quote: boolean; text: string }[] = [];
  let depth = 0;
  let start = 0;
  let innerStart = 0;
  BLOCKQUOTE_TAG.lastIndex = 0;
  for (let m = BLOCKQUOTE_TAG.exec(text); m; m = BLOCKQUOTE_TAG.exec(text)) {
    if (!m[1]) {
      if (depth === 0) {
        parts.push({ quote: false, text: text.slice(start, m.index) });
        innerStart = m.index + m[0].length;
      }
      depth++;
    } else if (depth > 0) {
      depth--;
      if (depth === 0) {
        parts.push({ quote: true, text: text.slice(innerStart, m.index) });
        start = m.index + m[0].length;
      }
    }
  }
  if (depth > 0) parts.push({ quote: true, text: text.slice(innerStart) });
  else parts.push({ quote: false, text: text.slice(start) });
  return parts;
}

/** Escapes what would start a Markdown block at the start of a line of text: a heading, a
 *  quote, a list item, a thematic break or a setext underline. */
export function escapeLineStart(md: string): string {
  if (/^\d{1,9}[.)](?:\s|$)/.test(md)) return md.replace(/^(\d{1,9})/, '$1\\');
  if (/^[#>]/.test(md) || /^[-+](?:\s|$)/.test(md) || /^[-=]+\s*$/.test(md)) return `\\${md}`;
  return md;
}

interface ListLine {
  prefix: string;
  text: string;
}

function lineBlocks(text: string, ctx: InlineContext): string[] {
  const lines = text.replace(/__[A-Z]+__/g, '').split('\n');
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let list: ListLine[] = [];
  let pre: string[] = [];
  const flush = () => {
    if (paragraph.length) {
      const md = paragraph
        .map((l) => inlineMarkdown(l, ctx))
        .filter(Boolean)
        .join(' ');
      if (md) blocks.push(escapeLineStart(md));
      paragraph = [];
    }
    if (list.length) {
      blocks.push(...listMarkdown(list, ctx));
      list = [];
    }
    if (pre.length) {
      // Lines indented by a space show as a preformatted box, mostly by accident in prose
      // (a stray space); their words are still the page's text, so they stay text.
      const md = pre
        .map((l) => inlineMarkdown(l, ctx))
        .filter(Boolean)
        .join(' ');
      if (md) blocks.push(escapeLineStart(md));
      pre = [];
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (TABLE_START.test(line)) {
      flush();
      const end = tableEnd(lines, i);
      const table = tableMarkdown(lines.slice(i, end + 1), ctx);
      if (table) blocks.push(table);
      i = end;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const level = Math.min(heading[1]!.length, heading[3]!.length);
      const inner = '='.repeat(heading[1]!.length - level) + heading[2]! + '='.repeat(heading[3]!.length - level);
      const md = inlineMarkdown(inner, ctx);
      if (md) blocks.push(`${'#'.repeat(level)} ${md}`);
      continue;
    }
    if (RULE.test(line)) {
      flush();
      continue;
    }
    const placeholder = PLACEHOLDER_LINE.exec(line);
    if (placeholder) {
      const tag = ctx.ext.get(Number(placeholder[1]));
      if (tag && ['pre', 'source', 'syntaxhighlight', 'poem', 'gallery', 'references', 'math'].includes(tag.name)) {
        flush();
        const block = extensionBlock(tag.name, tag.content ?? '', ctx);
        if (block) blocks.push(block);
        continue;
      }
    }
    const listPrefix = LIST.exec(line);
    if (listPrefix) {
      if (paragraph.length || pre.length) {
        const keep = list;
        list = [];
        flush();
        list = keep;
      }
      list.push({ prefix: listPrefix[0], text: line.slice(listPrefix[0].length) });
      continue;
    }
    if (PRE_LINE.test(line) && !NOT_PRE.test(line)) {
      if (paragraph.length || list.length) flush();
      pre.push(line.slice(1));
      continue;
    }
    if (list.length || pre.length) flush();
    paragraph.push(line);
  }
  flush();
  return blocks;
}

function extensionBlock(name: string, content: string, ctx: InlineContext): string {
  switch (name) {
    case 'pre':
    case 'source':
    case 'syntaxhighlight':
      return content.trim() ? fenced(decodeCharacterReferences(content.replace(/^\n+|\s+$/g, ''))) : '';
    case 'poem': {
      const lines = content
        .split('\n')
        .map((l) => inlineMarkdown(l, ctx))
        .filter(Boolean);
      return lines.length ? escapeLineStart(lines.join('\\\n')) : '';
    }
    case 'math':
      return content.trim() ? fenced(content.trim()) : '';
    default:
      return ''; // galleries; a references list (its notes are written at the end of the page)
  }
}

function fenced(body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${body}\n${fence}`;
}

// ── lists ──────────────────────────────────────────────────────────────────────────────

/** Wikitext list lines as Markdown: `*` bullets, `#` numbers (nested by the prefix),
 *  `;term : definition` and `;term` + `:definition` as `- **term** - definition`, the form of a
 *  concept. Lines of only `:` (indented text) are paragraphs. */
function listMarkdown(lines: ListLine[], ctx: InlineContext): string[] {
  const blocks: string[] = [];
  let items: string[] = [];
  const flushItems = () => {
    if (items.length) blocks.push(items.join('\n'));
    items = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const { prefix, text } = lines[i]!;
    const last = prefix[prefix.length - 1]!;
    if (/^:+$/.test(prefix)) {
      flushItems();
      const md = inlineMarkdown(text, ctx);
      if (md) blocks.push(escapeLineStart(md));
      continue;
    }
    const depth = prefix.length;
    const indent = indentFor(prefix.slice(0, -1));
    if (last === ';') {
      let term = text;
      let definition: string | undefined;
      const colon = definitionColon(text);
      if (colon !== -1) {
        term = text.slice(0, colon);
        definition = text.slice(colon + 1);
      } else if (lines[i + 1] && lines[i + 1]!.prefix === `${prefix.slice(0, -1)}:`) {
        definition = lines[++i]!.text;
      }
      const termMd = inlineMarkdown(term, ctx);
      const defMd = definition === undefined ? '' : inlineMarkdown(definition, ctx);
      if (!termMd && !defMd) continue;
      if (depth === 1 && !defMd) {
        flushItems();
        blocks.push(`**${termMd.replace(/^\*\*(.*)\*\*$/, '$1')}**`);
        continue;
      }
      items.push(`${indent}- ${boldTerm(termMd)}${defMd ? ` - ${defMd}` : ''}`);
      continue;
    }
    const md = inlineMarkdown(text, ctx);
    if (last === ':') {
      // An indented line under an item continues that item.
      if (md) items.push(`${indentFor(prefix)}${escapeLineStart(md)}`);
      continue;
    }
    if (!md) continue;
    items.push(`${indent}${last === '#' ? '1.' : '-'} ${escapeLineStart(md)}`);
  }
  flushItems();
  return blocks;
}

function boldTerm(md: string): string {
  if (!md) return '';
  return /^\*\*.*\*\*$/.test(md) ? md : `**${md}**`;
}

/** Where `; term : definition` splits: the first ` : ` or `:` outside a link or URL. */
function definitionColon(text: string): number {
  let links = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('[[', i)) links++;
    else if (text.startsWith(']]', i) && links > 0) links--;
    else if (text[i] === ':' && links === 0 && !/^\/\//.test(text.slice(i + 1, i + 3))) return i;
  }
  return -1;
}

/** Indentation of an item nested under the items named by `prefix`: the width of each
 *  parent's marker ("- " is 2, "1. " is 3). */
function indentFor(prefix: string): string {
  let n = 0;
  for (const c of prefix) n += c === '#' ? 3 : 2;
  return ' '.repeat(n);
}

// ── tables ─────────────────────────────────────────────────────────────────────────────

/** Index of the line that closes the table opened at `start` (nested tables included). */
function tableEnd(lines: string[], start: number): number {
  let depth = 0;
  for (let i = start; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (/^:*\s*\{\|/.test(t)) depth++;
    if (t.startsWith('|}')) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return lines.length - 1;
}

/** A wiki table as a GFM table, or '' for a box (infobox, navbox, message box) or an empty one.
 *  Nested tables are dropped. */
function tableMarkdown(lines: string[], ctx: InlineContext): string {
  const attrs = tagAttributes(lines[0]!.replace(/^\s*:*\s*\{\|/, ''));
  if (BOX_CLASS.test(attrs.class ?? '')) return '';
  const rows: { header: boolean; cells: string[] }[] = [];
  let row: { header: boolean; cells: string[] } | null = null;
  let depth = 0;
  const startRow = () => {
    row = { header: true, cells: [] };
    rows.push(row);
  };
  for (const raw of lines.slice(1)) {
    const line = raw.trim();
    if (/^:*\s*\{\|/.test(line)) {
      depth++;
      continue;
    }
    if (line.startsWith('|}')) {
      if (depth > 0) depth--;
      continue;
    }
    if (depth > 0) continue;
    if (line.startsWith('|+')) continue; // caption
    if (line.startsWith('|-')) {
      startRow();
      continue;
    }
    if (line.startsWith('|') || line.startsWith('!')) {
      if (!row) startRow();
      const r = row!;
      const isHeader = line.startsWith('!');
      const cells = isHeader ? line.slice(1).split(/!!|\|\|/) : line.slice(1).split('||');
      if (!isHeader) r.header = false;
      for (const cell of cells) r.cells.push(cellContent(cell));
      continue;
    }
    // A line that is not a cell continues the last cell.
    const r = row as { header: boolean; cells: string[] } | null;
    if (r?.cells.length) r.cells[r.cells.length - 1] += ` ${line}`;
  }
  const rendered = rows
    .filter((r) => r.cells.length > 0)
    .map((r) => ({ header: r.header, cells: r.cells.map((c) => inlineMarkdown(c, ctx)) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  if (rendered.length === 0) return '';
  const width = Math.max(...rendered.map((r) => r.cells.length));
  const pad = (cells: string[]) => [...cells, ...Array(width - cells.length).fill('')];
  const line = (cells: string[]) => `| ${pad(cells).join(' | ')} |`;
  const head = rendered[0]!.header ? rendered.shift()!.cells : [];
  return [line(head), `|${Array(width).fill('---').join('|')}|`, ...rendered.map((r) => line(r.cells))].join('\n');
}

/** A cell's content without its attributes (`style="…" | content`). */
function cellContent(cell: string): string {
  let links = 0;
  for (let i = 0; i < cell.length; i++) {
    if (cell.startsWith('[[', i)) links++;
    else if (cell.startsWith(']]', i) && links > 0) links--;
    else if (cell[i] === '|' && links === 0) {
      const before = cell.slice(0, i);
      if (/^\s*(?:[\w-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s|]+)\s*)*$/.test(before)) return cell.slice(i + 1).trim();
      return cell.trim();
    }
  }
  return cell.trim();
}
