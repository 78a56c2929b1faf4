// A laid-out concept map as SVG text: the edges (through their labels), the label boxes, then
// the concepts, the subject in the middle. Text is escaped for XML and cleaned of characters
// XML cannot hold, so no name can break out of its element. Pure.
import { wellFormed } from '../text/graphemes.js';
import type { Layout } from './layout.js';
import { LINE_HEIGHT, type LabelBox } from './measure.js';

/** The font family every label is drawn in (the font file is shipped: see png.ts). */
export const MAP_FONT_FAMILY = 'DejaVu Sans Condensed';

const COLORS = {
  background: '#ffffff',
  edge: '#9aa4ae',
  edgeLabel: '#4a5560',
  edgeLabelBox: '#f4f6f8',
  edgeLabelStroke: '#d5dbe1',
  node: '#e7f0fa',
  nodeStroke: '#3b88c3',
  nodeText: '#16212c',
  subject: '#2f6fa3',
  subjectText: '#ffffff',
} as const;

export interface DrawnNode {
  id: string;
  box: LabelBox;
  subject: boolean;
}

export interface DrawnEdge {
  source: string;
  target: string;
  label?: LabelBox;
}

export function mapSvg(nodes: readonly DrawnNode[], edges: readonly DrawnEdge[], layout: Layout): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}">`,
    `<rect width="100%" height="100%" fill="${COLORS.background}"/>`,
  ];
  const lines: string[] = [];
  const labels: string[] = [];
  edges.forEach((e, i) => {
    const a = layout.nodes[e.source];
    const b = layout.nodes[e.target];
    if (!a || !b) return;
    const mid = layout.labels[i];
    const points = mid ? `${a.x},${a.y} ${mid.x},${mid.y} ${b.x},${b.y}` : `${a.x},${a.y} ${b.x},${b.y}`;
    lines.push(`<polyline points="${points}" fill="none" stroke="${COLORS.edge}" stroke-width="2.5" stroke-linejoin="round"/>`);
    if (mid && e.label) {
      labels.push(
        box(mid.x, mid.y, e.label, {
          fill: COLORS.edgeLabelBox,
          stroke: COLORS.edgeLabelStroke,
          text: COLORS.edgeLabel,
          radius: 6,
          bold: false,
        }),
      );
    }
  });
  out.push(...lines, ...labels);
  // The subject last, so it is never under anything.
  for (const n of [...nodes].sort((x, y) => Number(x.subject) - Number(y.subject))) {
    const p = layout.nodes[n.id];
    if (!p) continue;
    out.push(
      n.subject
        ? box(p.x, p.y, n.box, { fill: COLORS.subject, stroke: COLORS.subject, text: COLORS.subjectText, radius: 12, bold: true })
        : box(p.x, p.y, n.box, { fill: COLORS.node, stroke: COLORS.nodeStroke, text: COLORS.nodeText, radius: 10, bold: false }),
    );
  }
  out.push('</svg>');
  return out.join('\n');
}

interface BoxStyle {
  fill: string;
  stroke: string;
  text: string;
  radius: number;
  bold: boolean;
}

/** A rounded box centred on (cx, cy) with its lines centred in it. */
function box(cx: number, cy: number, label: LabelBox, s: BoxStyle): string {
  const x = num(cx - label.width / 2);
  const y = num(cy - label.height / 2);
  const lh = label.px * LINE_HEIGHT;
  // The first baseline: lines centred vertically, DejaVu's ascent being about 0.76 em of a line.
  const first = cy - (label.lines.length * lh) / 2 + lh * 0.5 + label.px * 0.36;
  const spans = label.lines.map((l, i) => `<tspan x="${num(cx)}" y="${num(first + i * lh)}">${xmlText(l)}</tspan>`).join('');
  return (
    `<g><rect x="${x}" y="${y}" width="${label.width}" height="${label.height}" rx="${s.radius}" fill="${s.fill}" stroke="${s.stroke}" stroke-width="2"/>` +
    `<text font-family="${MAP_FONT_FAMILY}" font-size="${label.px}"${s.bold ? ' font-weight="bold"' : ''} fill="${s.text}" text-anchor="middle">${spans}</text></g>`
  );
}

function num(v: number): string {
  return String(Math.round(v * 10) / 10);
}

// Characters XML 1.0 does not allow, even escaped (C0 controls but tab and line breaks, the
// two non-characters at the end of the BMP); lone surrogates are replaced by wellFormed.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Plain text as XML character data. */
export function xmlText(text: string): string {
  return wellFormed(text)
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
