// Where a concept map's boxes go: graph → coordinates, by d3-force with a fixed random source
// and a fixed number of ticks, so the same graph always gets the same picture. Each edge label
// is a box of its own in the simulation, held at the middle of its edge, so names are pushed
// clear of labels as they are of each other. Pure: no I/O, no clock.
import { forceManyBody, forceSimulation, forceX, forceY, type Force, type SimulationNodeDatum } from 'd3-force';

export interface LayoutBox {
  id: string;
  width: number;
  height: number;
}

export interface LayoutInput {
  nodes: LayoutBox[];
  /** Each edge joins two node ids; its label box, if any, is placed between them. */
  edges: { source: string; target: string; label?: { width: number; height: number } }[];
  /** A node held at the centre (the subject). */
  center?: string;
  /** Seeds the simulation's random source (used only to separate boxes that coincide). */
  seed?: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  /** Box centres by node id, in picture coordinates (0,0 top left). */
  nodes: Record<string, Point>;
  /** The centre of each edge's label box (undefined for an edge without one), by edge index. */
  labels: (Point | undefined)[];
  width: number;
  height: number;
}

/** Room around the drawing, and the smallest picture. */
export const LAYOUT = { margin: 24, minWidth: 640, minHeight: 420, ticks: 300, gap: 12 } as const;

interface SimBox extends SimulationNodeDatum {
  id: string;
  w: number;
  h: number;
}

/** The layout of `input`; equal inputs give equal layouts. Coordinates are rounded to 0.1 px. */
export function layoutGraph(input: LayoutInput): Layout {
  const boxes: SimBox[] = input.nodes.map((n) => ({ id: n.id, w: n.width, h: n.height }));
  const byId = new Map(boxes.map((b) => [b.id, b] as const));
  const links: Spoke[] = [];
  const labels: (LabelBox | undefined)[] = [];
  input.edges.forEach((e, i) => {
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    if (!a || !b || a === b) {
      labels.push(undefined);
      return;
    }
    const label: LabelBox | undefined = e.label ? { id: `edge:${i}`, w: e.label.width, h: e.label.height, ends: [a, b] } : undefined;
    labels.push(label);
    if (label) boxes.push(label);
    links.push({ source: a, target: b, label, span: halfSpan(a) + halfSpan(b) + (label ? 2 * halfSpan(label) : 0) + 3 * LAYOUT.gap });
  });
  const center = input.center ? byId.get(input.center) : undefined;
  if (center) {
    center.fx = 0;
    center.fy = 0;
  }
  startAround(
    boxes.filter((b) => b !== center && !(b as LabelBox).ends),
    links,
  );

  const simulation = forceSimulation(boxes)
    .randomSource(seededRandom(input.seed ?? 1))
    // Labels first: each sits at the middle of its edge, and the other forces push around it.
    .force('labels', onEdges(labels))
    .force('spokes', springs(links, 0.5))
    .force('charge', forceManyBody<SimBox>().strength(-400).distanceMax(800))
    .force('collide', rectCollide(LAYOUT.gap))
    // Landscape, as chat clients show pictures: held closer vertically than horizontally.
    .force('x', forceX<SimBox>(0).strength(0.02))
    .force('y', forceY<SimBox>(0).strength(0.06))
    .stop();
  simulation.tick(LAYOUT.ticks);

  return fit(boxes, input.nodes, labels);
}

/** Starts the boxes evenly spaced on an ellipse around the centre, in order, each at the
 *  distance its edge wants: a star's spokes then never start stacked on one angle. */
function startAround(free: SimBox[], links: readonly Spoke[]): void {
  const span = new Map<SimBox, number>();
  for (const l of links) span.set(l.target as SimBox, l.span);
  free.forEach((b, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / free.length;
    const r = span.get(b) ?? 200;
    b.x = r * Math.cos(angle) * 1.3;
    b.y = r * Math.sin(angle) * 0.8;
  });
}

/** An edge, with its label box and a first guess of its length (for the starting positions). */
interface Spoke {
  source: SimBox;
  target: SimBox;
  label?: LabelBox;
  span: number;
}

/** How far a box reaches from its centre in the direction (ux, uy), a unit vector. */
function extent(b: SimBox, ux: number, uy: number): number {
  const x = Math.abs(ux) > 1e-9 ? b.w / 2 / Math.abs(ux) : Infinity;
  const y = Math.abs(uy) > 1e-9 ? b.h / 2 / Math.abs(uy) : Infinity;
  return Math.min(x, y);
}

/**
 * Springs along the edges whose rest length is what the boxes need in the edge's current
 * direction (a wide name needs room sideways, little above): the two ends and the label fit
 * with a gap between each. d3's link force fixes each length once, which leaves vertical
 * edges between wide boxes far too long.
 */
function springs(links: readonly Spoke[], strength: number): Force<SimBox, undefined> {
  return (alpha: number) => {
    for (const { source: a, target: b, label } of links) {
      const dx = b.x! + b.vx! - (a.x! + a.vx!);
      const dy = b.y! + b.vy! - (a.y! + a.vy!);
      const dist = Math.hypot(dx, dy) || 1e-6;
      const ux = dx / dist;
      const uy = dy / dist;
      const want = extent(a, ux, uy) + extent(b, ux, uy) + (label ? 2 * extent(label, ux, uy) : 0) + 3 * LAYOUT.gap;
      const k = ((dist - want) / dist) * alpha * strength;
      const aFree = a.fx == null ? 1 : 0;
      const bFree = b.fx == null ? 1 : 0;
      if (aFree + bFree === 0) continue;
      const shareB = bFree / (aFree + bFree);
      b.vx! -= dx * k * shareB;
      b.vy! -= dy * k * shareB;
      a.vx! += dx * k * (1 - shareB);
      a.vy! += dy * k * (1 - shareB);
    }
  };
}

/** An edge label's box: held at the middle of the edge between `ends`. */
interface LabelBox extends SimBox {
  ends: [SimBox, SimBox];
}

/** Puts each label box at the middle of its edge, held there for the tick: boxes that collide
 *  with it move, it does not (it follows its edge). */
function onEdges(labels: readonly (LabelBox | undefined)[]): Force<SimBox, undefined> {
  return () => {
    for (const l of labels) {
      if (!l) continue;
      const [a, b] = l.ends;
      l.fx = (a.x! + b.x!) / 2;
      l.fy = (a.y! + b.y!) / 2;
      l.x = l.fx;
      l.y = l.fy;
      l.vx = 0;
      l.vy = 0;
    }
  };
}

/** Half the box's diagonal: how far its centre must stay from a neighbour's. */
function halfSpan(b: SimBox): number {
  return Math.hypot(b.w, b.h) / 2;
}

/** Moves the drawing into a picture with a margin, at least the minimum size. */
function fit(boxes: SimBox[], nodes: LayoutBox[], labels: (SimBox | undefined)[]): Layout {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const b of boxes) {
    left = Math.min(left, b.x! - b.w / 2);
    right = Math.max(right, b.x! + b.w / 2);
    top = Math.min(top, b.y! - b.h / 2);
    bottom = Math.max(bottom, b.y! + b.h / 2);
  }
  const width = Math.ceil(Math.max(LAYOUT.minWidth, right - left + 2 * LAYOUT.margin));
  const height = Math.ceil(Math.max(LAYOUT.minHeight, bottom - top + 2 * LAYOUT.margin));
  const dx = (width - (right - left)) / 2 - left;
  const dy = (height - (bottom - top)) / 2 - top;
  const at = (b: SimBox): Point => ({ x: round(b.x! + dx), y: round(b.y! + dy) });
  const byId = new Map(boxes.map((b) => [b.id, b] as const));
  const out: Record<string, Point> = {};
  for (const n of nodes) out[n.id] = at(byId.get(n.id)!);
  return { nodes: out, labels: labels.map((b) => (b ? at(b) : undefined)), width, height };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/**
 * Keeps boxes (not circles: labels are wide) from overlapping, `gap` apart: each overlapping
 * pair is pushed apart along the axis where it overlaps least. A box held in place does not
 * move; the other takes the whole push. d3-force has only circular collision.
 */
function rectCollide(gap: number): Force<SimBox, undefined> {
  let nodes: SimBox[] = [];
  const force = () => {
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i]!;
        const b = nodes[j]!;
        const dx = b.x! + b.vx! - (a.x! + a.vx!);
        const dy = b.y! + b.vy! - (a.y! + a.vy!);
        const ox = (a.w + b.w) / 2 + gap - Math.abs(dx);
        const oy = (a.h + b.h) / 2 + gap - Math.abs(dy);
        if (ox <= 0 || oy <= 0) continue;
        const aFree = a.fx == null ? 1 : 0;
        const bFree = b.fx == null ? 1 : 0;
        if (aFree + bFree === 0) {
          // Both held (a label, and another label or the centre): the free far end of each
          // label moves, away from the other box.
          const push = ox < oy ? { x: (dx < 0 ? -1 : 1) * ox * 0.5, y: 0 } : { x: 0, y: (dy < 0 ? -1 : 1) * oy * 0.5 };
          const endOf = (l: SimBox, other: SimBox) => (l as LabelBox).ends?.find((e) => e.fx == null && e !== other);
          const ea = endOf(a, b);
          const eb = endOf(b, a);
          if (ea) {
            ea.vx! -= push.x;
            ea.vy! -= push.y;
          }
          if (eb) {
            eb.vx! += push.x;
            eb.vy! += push.y;
          }
          continue;
        }
        const shareA = aFree / (aFree + bFree);
        const shareB = bFree / (aFree + bFree);
        if (ox < oy) {
          const push = (dx < 0 ? -1 : 1) * ox;
          a.vx! -= push * shareA;
          b.vx! += push * shareB;
        } else {
          const push = (dy < 0 ? -1 : 1) * oy;
          a.vy! -= push * shareA;
          b.vy! += push * shareB;
        }
      }
    }
  };
  force.initialize = (n: SimBox[]) => {
    nodes = n;
  };
  return force;
}

/** A small linear congruential generator in [0, 1), the same one d3 uses by default, seeded. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (1664525 * s + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}
