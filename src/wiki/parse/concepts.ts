// `Term - description` list items ("Counterpower - a term sometimes used instead of …") become
// concepts, so /define can answer for a term that has no page of its own. The dash forms
// count, and a bold term before a colon (`**Term**: description`, a definition list's shape);
// a plain "Term: description" is far too common in ordinary lists to mean a definition, and a
// bold item with no description defines nothing. Items of reading lists never get here.
import type { Concept } from '../model.js';
import { isExternalUrl, isNamespacePage } from '../page-names.js';
import type { TextBlock } from './block-text.js';

const SEPARATOR = /\s[-–—]\s/g;
const MAX_TERM = 80;
const MAX_TERM_WORDS = 7;

function insideParentheses(text: string, at: number): boolean {
  let depth = 0;
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && depth > 0) depth--;
  }
  return depth > 0;
}

function isTerm(term: string): boolean {
  if (term.length === 0 || term.length > MAX_TERM) return false;
  if (term.split(/\s+/).length > MAX_TERM_WORDS) return false;
  if (!/\p{L}/u.test(term)) return false;
  if (/[.!?]\s|:\s/.test(term)) return false; // a sentence or a "date: event" line, not a term
  if (/^\d/.test(term) && !/\p{L}{3}/u.test(term)) return false; // "2007", "1936-1939"
  // An address or a User:/File:/Category: page is not a concept.
  if (isExternalUrl(term) || /:\/\/|\bwww\./i.test(term) || isNamespacePage(term)) return false;
  return true;
}

/** Whether a description says something (not only a link: "Wikipedia - https://…"). */
function describes(description: string): boolean {
  return /\p{L}{2}/u.test(description.replace(/\S*:\/\/\S*/g, ''));
}

function withTarget(concept: Concept, block: TextBlock, section?: string): Concept {
  const term = concept.term;
  const link = block.links.find((l) => l.start <= 1 && l.end >= term.length - 1 && l.label.toLowerCase() === term.toLowerCase());
  if (link && !isNamespacePage(link.target)) concept.target = link.target;
  if (section) concept.section = section;
  return concept;
}

/** `**Term**: description` (or `**Term:** description`). */
function boldTermConcept(block: TextBlock): Concept | null {
  const bold = block.strong[0];
  if (!bold || bold.start > 1) return null;
  const text = block.text;
  const inside = text.slice(bold.start, bold.end);
  const after = text.slice(bold.end);
  const colon = inside.endsWith(':') ? '' : /^\s*:\s*/.exec(after)?.[0];
  if (colon === undefined) return null;
  const term = inside.replace(/:$/, '').trim();
  const description = after.slice(colon.length).trim();
  return isTerm(term) && describes(description) ? { term, description } : null;
}

/** The concept a list item's first paragraph defines, or null. `section` is the heading path
 *  (joined " › ") the list stands under. */
export function conceptFromItem(block: TextBlock, section?: string): Concept | null {
  const bold = boldTermConcept(block);
  if (bold) return withTarget(bold, block, section);
  const text = block.text;
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(text); m; m = SEPARATOR.exec(text)) {
    const at = m.index;
    // A dash inside a link label ("Revolutions of 1989 - 1992") or in parentheses
    // ("(1978 - 1992)") does not separate a term from its description.
    if (block.links.some((l) => l.start <= at && l.end > at)) continue;
    if (insideParentheses(text, at)) continue;
    const term = text
      .slice(0, at)
      .trim()
      .replace(/[:,;]$/, '')
      .trim();
    const description = text.slice(at + m[0].length).trim();
    if (!isTerm(term) || !describes(description)) return null;
    return withTarget({ term, description }, block, section);
  }
  return null;
}
