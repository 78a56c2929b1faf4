// `Term - description` list items ("Counterpower - a term sometimes used instead of …") become
// concepts, so /define can answer for a term that has no page of its own. Only the dash forms
// count: "Term: description" is far too common in ordinary lists to mean a definition.
import type { Concept } from '../model.js';
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
  return true;
}

/** The concept a list item's first paragraph defines, or null. `section` is the heading path
 *  (joined " › ") the list stands under. */
export function conceptFromItem(block: TextBlock, section?: string): Concept | null {
  const text = block.text;
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(text); m; m = SEPARATOR.exec(text)) {
    const at = m.index;
    // A dash inside a link label ("Revolutions of 1989 - 1992") or in parentheses
    // ("(1978 - 1992)") does not separate a term from its description.
    if (block.links.some((l) => l.start <= at && l.end > at)) continue;
    if (insideParentheses(text, at)) continue;
    const term = text.slice(0, at).trim().replace(/[:,;]$/, '').trim();
    const description = text.slice(at + m[0].length).trim();
    // A description that is only a link ("Wikipedia - https://…") defines nothing.
    if (!isTerm(term) || !/\p{L}{2}/u.test(description.replace(/\S*:\/\/\S*/g, ''))) return null;
    const concept: Concept = { term, description };
    const link = block.links.find((l) => l.start <= 1 && l.end >= term.length - 1 && l.label.toLowerCase() === term.toLowerCase());
    if (link) concept.target = link.target;
    if (section) concept.section = section;
    return concept;
  }
  return null;
}
