// A /related answer as a picture: its graph (graph.ts), each label's box (measure.ts), the
// layout (layout.ts), SVG (svg.ts) and PNG (png.ts). Everything but the last step is pure,
// so the same wiki gives the same picture, and the tests check coordinates, not pixels.
import type { RelatedResult } from '../library/types.js';
import type { ReplyImage } from '../reply.js';
import { ellipsize } from '../text/graphemes.js';
import { conceptGraph, type ConceptGraph } from './graph.js';
import { layoutGraph, type Layout } from './layout.js';
import { FONT_PX, labelBox } from './measure.js';
import { svgToPng } from './png.js';
import { mapSvg, type DrawnEdge, type DrawnNode } from './svg.js';

export { MAP_MAX_CONCEPTS } from './graph.js';

/** The file name every map is attached under (plain ASCII: nothing of the user's). */
export const MAP_FILE_NAME = 'concept-map.png';
/** Longest alt text: Slack's limit for an uploaded image's (Discord's is 1,024). */
export const ALT_MAX = 1000;
/** The seed of every layout: a constant, so a picture depends on the wiki alone. */
const SEED = 20260402;

export interface ConceptMapDrawing {
  graph: ConceptGraph;
  layout: Layout;
  svg: string;
}

/** The map of a /related result, up to the SVG. */
export function conceptMapDrawing(result: RelatedResult): ConceptMapDrawing {
  const graph = conceptGraph(result);
  const nodes: DrawnNode[] = graph.nodes.map((n) => ({
    id: n.id,
    subject: n.subject,
    box: n.subject
      ? labelBox(n.label, FONT_PX.subject, 300, 3, { x: 18, y: 12 })
      : labelBox(n.label, FONT_PX.node, 250, 3, { x: 14, y: 9 }),
  }));
  const edges: DrawnEdge[] = graph.edges.map((e) => ({
    source: e.source,
    target: e.target,
    ...(e.label ? { label: labelBox(e.label, FONT_PX.edge, 170, 2, { x: 8, y: 4 }) } : {}),
  }));
  const layout = layoutGraph({
    nodes: nodes.map((n) => ({ id: n.id, width: n.box.width, height: n.box.height })),
    edges: edges.map((e) => ({
      source: e.source,
      target: e.target,
      ...(e.label ? { label: { width: e.label.width, height: e.label.height } } : {}),
    })),
    center: graph.subject.id,
    seed: SEED,
  });
  return { graph, layout, svg: mapSvg(nodes, edges, layout) };
}

/** The map as a PNG to attach to the answer, with its alt text. */
export async function conceptMapImage(result: RelatedResult): Promise<ReplyImage> {
  const drawing = conceptMapDrawing(result);
  const png = await svgToPng(drawing.svg);
  return { png, fileName: MAP_FILE_NAME, alt: mapAltText(drawing.graph), width: drawing.layout.width, height: drawing.layout.height };
}

/** "Concept map of Dual power and 3 related concepts: Counterpower (listed under …); …". */
export function mapAltText(graph: ConceptGraph): string {
  const related = graph.edges.map((e) => {
    const node = graph.nodes.find((n) => n.id === e.target);
    return `${node?.label ?? '?'}${e.why ? ` (${ellipsize(e.why, 80)})` : ''}`;
  });
  const head = related.length
    ? `Concept map of ${graph.subject.label} and ${related.length} related concept${related.length === 1 ? '' : 's'}: `
    : `Concept map of ${graph.subject.label}: nothing related yet.`;
  let alt = head;
  for (let i = 0; i < related.length; i++) {
    const part = `${i ? '; ' : ''}${related[i]}`;
    const rest = related.length - i;
    if ((alt + part).length > ALT_MAX - 20 && rest > 0) {
      alt += `${i ? '; ' : ''}and ${rest} more`;
      break;
    }
    alt += part;
  }
  return ellipsize(alt, ALT_MAX);
}
