// The concept map: the layout is a pure function of the graph (golden coordinates, not pixels),
// boxes never overlap, labels are escaped, and the PNG is one a chat client takes (a PNG,
// under 1 MB, a size that stays readable) on content/ and on libsocwiki's pages.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conceptMapDrawing, conceptMapImage, ALT_MAX } from '../../src/map/concept-map.js';
import { conceptGraph, edgeLabel, MAP_MAX_CONCEPTS } from '../../src/map/graph.js';
import { layoutGraph } from '../../src/map/layout.js';
import { xmlText } from '../../src/map/svg.js';
import type { RelatedResult } from '../../src/library/types.js';
import { libsocDir, testLibrary } from '../helpers/library.js';
import { RELATED } from './fixture.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Every box of a drawing (names and edge labels), as rectangles. */
function boxes(result: RelatedResult) {
  const d = conceptMapDrawing(result);
  const graph = conceptGraph(result);
  const out: { id: string; x0: number; y0: number; x1: number; y1: number }[] = [];
  // Box sizes are in the SVG: read each <rect> of a <g>.
  for (const m of d.svg.matchAll(/<g><rect x="([\d.-]+)" y="([\d.-]+)" width="(\d+)" height="(\d+)"/g)) {
    const [x, y, w, h] = m.slice(1).map(Number) as [number, number, number, number];
    out.push({ id: `${x},${y}`, x0: x, y0: y, x1: x + w, y1: y + h });
  }
  return { d, graph, out };
}

function overlapping(rects: { x0: number; y0: number; x1: number; y1: number }[]): number {
  let n = 0;
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i]!;
      const b = rects[j]!;
      if (a.x0 < b.x1 - 1 && b.x0 < a.x1 - 1 && a.y0 < b.y1 - 1 && b.y0 < a.y1 - 1) n++;
    }
  return n;
}

describe('layout', () => {
  it('places the hand-made graph at its golden coordinates (d3-force with a fixed seed)', () => {
    const { layout } = conceptMapDrawing(RELATED);
    expect({ width: layout.width, height: layout.height, nodes: layout.nodes, labels: layout.labels }).toEqual({
      width: 1037,
      height: 420,
      nodes: {
        n0: { x: 512.3, y: 210.1 },
        n1: { x: 501.5, y: 73.9 },
        n2: { x: 888.4, y: 196.1 },
        n3: { x: 695.1, y: 346.1 },
        n4: { x: 351.5, y: 324.1 },
        n5: { x: 111.6, y: 192.1 },
      },
      labels: [
        { x: 506.9, y: 142 },
        { x: 700.3, y: 203.1 },
        { x: 603.7, y: 278.1 },
        { x: 431.9, y: 267.1 },
        { x: 312, y: 201.1 },
      ],
    });
  });

  it('gives equal graphs equal layouts, and the subject the middle', () => {
    const a = conceptMapDrawing(RELATED);
    const b = conceptMapDrawing(structuredClone(RELATED));
    expect(b.layout).toEqual(a.layout);
    expect(b.svg).toBe(a.svg);
    const c = a.layout.nodes.n0!;
    expect(Math.abs(c.x - a.layout.width / 2)).toBeLessThan(a.layout.width * 0.15);
  });

  it('keeps every box (names and edge labels) clear of the others and inside the picture', () => {
    const { d, out } = boxes(RELATED);
    expect(out).toHaveLength(1 + 2 * RELATED.items.length);
    expect(overlapping(out)).toBe(0);
    for (const r of out) {
      expect(r.x0).toBeGreaterThanOrEqual(0);
      expect(r.y0).toBeGreaterThanOrEqual(0);
      expect(r.x1).toBeLessThanOrEqual(d.layout.width);
      expect(r.y1).toBeLessThanOrEqual(d.layout.height);
    }
  });

  it('lays out a lone node, and edges to unknown ids, without failing', () => {
    const one = layoutGraph({ nodes: [{ id: 'a', width: 100, height: 40 }], edges: [{ source: 'a', target: 'zz' }], center: 'a' });
    expect(one.nodes.a).toEqual({ x: one.width / 2, y: one.height / 2 });
    expect(one.labels).toEqual([undefined]);
  });
});

describe('the graph', () => {
  it('keeps the subject and at most MAP_MAX_CONCEPTS related concepts, each edge labelled by its first reason', () => {
    const many: RelatedResult = {
      ...RELATED,
      items: Array.from({ length: 12 }, (_, i) => ({ title: `Concept ${i}`, why: 'links here; same category: X' })),
    };
    const g = conceptGraph(many);
    expect(g.nodes).toHaveLength(1 + MAP_MAX_CONCEPTS);
    expect(g.edges.every((e) => e.label === 'links here')).toBe(true);
  });

  it('shortens reasons to what they are, before any quoted heading or colon', () => {
    expect(edgeLabel('listed together under "Related Concepts" in Dual power')).toBe('listed together');
    expect(edgeLabel('same category: Anarchist concepts')).toBe('same category');
    expect(edgeLabel('linked from Dual power')).toBe('linked from Dual power');
    expect(edgeLabel('"quoted"')).toBe('"quoted"');
    expect(edgeLabel(undefined)).toBe('');
  });
});

describe('hostile text', () => {
  const hostile: RelatedResult = {
    ...RELATED,
    subject: '<script>alert(1)</script> & "x" \'y\' @everyone',
    items: [
      { title: '**bold** <@123> \u0007 \uD800 \u202Eevil', why: '"quoted" </text><text>; & more' },
      { title: ']]><!-- <![CDATA[', why: 'links here' },
    ],
  };

  it('escapes every label for XML and drops what XML cannot hold or what would reorder it', () => {
    const { svg } = conceptMapDrawing(hostile);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('</text><text>');
    expect(svg).not.toContain('<!--');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/sc');
    expect(svg).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u202E]/);
    expect(svg).not.toMatch(/[\uD800-\uDFFF]/);
    expect(xmlText('a & <b> "c" \'d\'')).toBe('a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;');
  });

  it('still renders a PNG, whose alt text names the concepts in plain words', async () => {
    const image = await conceptMapImage(hostile);
    expect(Buffer.from(image.png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
    expect(image.alt).toContain('**bold** <@123>');
    expect(image.alt).not.toMatch(/[\u202E\u0007]/);
    expect(image.alt.length).toBeLessThanOrEqual(ALT_MAX);
  });
});

describe('the picture of a real wiki', () => {
  it('is a PNG under 1 MB, landscape, readable at chat size, with alt text listing every concept shown (content/)', async () => {
    const library = await testLibrary();
    const result = library.related('dual power')!;
    const image = await conceptMapImage(result);
    expect(Buffer.from(image.png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
    expect(image.png.byteLength).toBeLessThan(1024 * 1024);
    // Width within what a chat client shows at about half size, and labels 25 px or more.
    expect(image.width).toBeGreaterThanOrEqual(640);
    expect(image.width).toBeLessThanOrEqual(1400);
    expect(image.width).toBeGreaterThan(image.height);
    expect(image.fileName).toBe('concept-map.png');
    for (const item of result.items.slice(0, MAP_MAX_CONCEPTS)) expect(image.alt).toContain(item.title);
  });

  const corpus = fs.existsSync(libsocDir);
  if (!corpus) console.warn(`[map] skipping the libsocwiki map checks: ${libsocDir} is missing`);

  it.skipIf(!corpus)(
    'lays out the map of every 10th libsocwiki page with no box over another, within 1,400 px',
    async () => {
      const library = await testLibrary(libsocDir);
      let checked = 0;
      const crowded: string[] = [];
      for (const article of library.articles.filter((_, i) => i % 10 === 0)) {
        const result = library.related(article.title);
        if (!result || result.items.length === 0) continue;
        const { d, out } = boxes(result);
        checked++;
        if (overlapping(out) > 0) crowded.push(article.title);
        expect(d.layout.width).toBeLessThanOrEqual(1400);
        expect(d.layout.height).toBeLessThanOrEqual(1000);
      }
      expect(checked).toBeGreaterThan(50);
      // A few crowded maps are tolerated (a box may graze another); most must be clear.
      expect(crowded.length, crowded.join(', ')).toBeLessThanOrEqual(Math.ceil(checked * 0.05));
    },
    120_000,
  );
});
