// A concept map's graph: the subject of a /related answer and the concepts related to it, one
// edge from the subject to each, labelled by the first reason the Library gives. Pure.
import { stripInvisible } from '../library/normalize.js';
import type { RelatedResult } from '../library/types.js';
import { wellFormed } from '../text/graphemes.js';
import { cutAtWord, oneLine } from '../text/sentences.js';

export interface MapNode {
  id: string;
  /** What the node shows: a page or concept name, on one line, never blank. */
  label: string;
  subject: boolean;
}

export interface MapEdge {
  source: string;
  target: string;
  /** Why the target is related (the first reason, shortened). */
  label: string;
  /** Every reason, as the answer lists them (for the alt text). */
  why: string;
}

export interface ConceptGraph {
  subject: MapNode;
  nodes: MapNode[];
  edges: MapEdge[];
}

/** Beyond this, labels no longer fit a picture read at chat size; the alt text and the answer
 *  list the rest. */
export const MAP_MAX_CONCEPTS = 8;
/** Longest edge label, in characters. */
const EDGE_LABEL_MAX = 26;
/** Longest node label, in characters (wrapped over lines by the renderer). */
const NODE_LABEL_MAX = 60;

/** The graph of `result`: the subject at the centre and up to `max` related concepts. */
export function conceptGraph(result: RelatedResult, max = MAP_MAX_CONCEPTS): ConceptGraph {
  const subject: MapNode = { id: 'n0', label: nodeLabel(result.subject), subject: true };
  const nodes: MapNode[] = [subject];
  const edges: MapEdge[] = [];
  for (const item of result.items.slice(0, Math.max(0, max))) {
    const node: MapNode = { id: `n${nodes.length}`, label: nodeLabel(item.title), subject: false };
    nodes.push(node);
    edges.push({ source: subject.id, target: node.id, label: edgeLabel(item.why), why: plain(item.why ?? '') });
  }
  return { subject, nodes, edges };
}

/** Text as a picture can show it: one line, no invisible or reordering characters (a bidi
 *  override would turn a name around), no half characters. */
function plain(text: string): string {
  return oneLine(stripInvisible(wellFormed(text)));
}

function nodeLabel(title: string): string {
  return cutAtWord(plain(title), NODE_LABEL_MAX) || '?';
}

/** The gist of the first reason, as an edge label: the Library's reasons name what they are
 *  about before any quoted heading or colon ("listed together under "Related Concepts" in X",
 *  "same category: Y"), so the label keeps the words before those, cut at a word. */
export function edgeLabel(why: string | undefined): string {
  const first = plain(why ?? '').split(/;\s*/)[0] ?? '';
  const gist = first
    .split(/["“”:]/)[0]!
    .trim()
    .replace(/\s+(under|in|from|as|to|by|of|with|at)$/i, '');
  return cutAtWord(gist || first, EDGE_LABEL_MAX);
}
