// Which plots lie within the gap tolerance of each other, from their outlines in a metric CRS.
// Done here rather than by a spatial self-join: one pass over a few thousand small polygons in
// memory is several times faster than an index probe per plot, and the site finder needs it per
// search (its candidate set depends on the request).

/** Polygons as rings of [x, y] in metres (a MultiPolygon's coordinates). */
export type MetricPolygons = number[][][][];

interface Shape {
  index: number;
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
  /** Every edge as x1, y1, x2, y2. */
  edges: Float64Array;
  rings: number[][][];
}

function shapeOf(index: number, polygons: MetricPolygons): Shape {
  let xmin = Number.POSITIVE_INFINITY;
  let ymin = Number.POSITIVE_INFINITY;
  let xmax = Number.NEGATIVE_INFINITY;
  let ymax = Number.NEGATIVE_INFINITY;
  const edges: number[] = [];
  const rings: number[][][] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      rings.push(ring);
      for (let i = 0; i < ring.length; i++) {
        const [x, y] = ring[i] as [number, number];
        xmin = Math.min(xmin, x);
        ymin = Math.min(ymin, y);
        xmax = Math.max(xmax, x);
        ymax = Math.max(ymax, y);
        if (i > 0) {
          const [px, py] = ring[i - 1] as [number, number];
          edges.push(px, py, x, y);
        }
      }
    }
  }
  return { index, xmin, ymin, xmax, ymax, edges: Float64Array.from(edges), rings };
}

function pointSegment(px: number, py: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / length2));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

function segmentsCross(a: Float64Array, i: number, b: Float64Array, j: number): boolean {
  const o = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) =>
    Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
  const [x1, y1, x2, y2] = [a[i]!, a[i + 1]!, a[i + 2]!, a[i + 3]!];
  const [x3, y3, x4, y4] = [b[j]!, b[j + 1]!, b[j + 2]!, b[j + 3]!];
  return (
    o(x1, y1, x2, y2, x3, y3) * o(x1, y1, x2, y2, x4, y4) < 0 &&
    o(x3, y3, x4, y4, x1, y1) * o(x3, y3, x4, y4, x2, y2) < 0
  );
}

function inside(x: number, y: number, rings: number[][][]): boolean {
  // Even-odd over all rings: holes count as outside.
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

/** Least distance between two shapes (0 when they touch, cross or one holds the other). */
function distance(a: Shape, b: Shape, stopBelow: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < a.edges.length; i += 4) {
    for (let j = 0; j < b.edges.length; j += 4) {
      if (segmentsCross(a.edges, i, b.edges, j)) return 0;
      const d = Math.min(
        pointSegment(
          a.edges[i]!,
          a.edges[i + 1]!,
          b.edges[j]!,
          b.edges[j + 1]!,
          b.edges[j + 2]!,
          b.edges[j + 3]!,
        ),
        pointSegment(
          a.edges[i + 2]!,
          a.edges[i + 3]!,
          b.edges[j]!,
          b.edges[j + 1]!,
          b.edges[j + 2]!,
          b.edges[j + 3]!,
        ),
        pointSegment(
          b.edges[j]!,
          b.edges[j + 1]!,
          a.edges[i]!,
          a.edges[i + 1]!,
          a.edges[i + 2]!,
          a.edges[i + 3]!,
        ),
        pointSegment(
          b.edges[j + 2]!,
          b.edges[j + 3]!,
          a.edges[i]!,
          a.edges[i + 1]!,
          a.edges[i + 2]!,
          a.edges[i + 3]!,
        ),
      );
      if (d < best) best = d;
      if (best <= stopBelow) return best;
    }
  }
  const [ax, ay] = a.rings[0]?.[0] ?? [Number.NaN, Number.NaN];
  const [bx, by] = b.rings[0]?.[0] ?? [Number.NaN, Number.NaN];
  if (inside(ax as number, ay as number, b.rings) || inside(bx as number, by as number, a.rings)) return 0;
  return best;
}

/**
 * For each shape, the indices of the others within `gap` metres (planar distance, as PostGIS's
 * ST_DWithin measures it). A sweep along x keeps the exact test to neighbours of each box.
 */
export function adjacency(shapes: MetricPolygons[], gap: number): number[][] {
  const built = shapes.map((polygons, index) => shapeOf(index, polygons));
  const order = [...built].sort((a, b) => a.xmin - b.xmin);
  const out: number[][] = built.map(() => []);
  for (let i = 0; i < order.length; i++) {
    const a = order[i]!;
    for (let k = i + 1; k < order.length; k++) {
      const b = order[k]!;
      if (b.xmin > a.xmax + gap) break;
      if (b.ymin > a.ymax + gap || b.ymax < a.ymin - gap) continue;
      if (distance(a, b, gap) <= gap) {
        out[a.index]!.push(b.index);
        out[b.index]!.push(a.index);
      }
    }
  }
  return out;
}
