// Planar ring helpers: orientation, cleaning, containment and intersection tests on lon/lat or metre rings.
import type { MultiPolygon, Position } from 'geojson';

export type Point = [number, number];

/** Rounds a coordinate to 6 decimals (about 0.1 m), the precision every output geometry uses. */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Twice the signed area of a closed ring; positive when counter-clockwise. */
export function signedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const p = ring[i] as Position;
    const q = ring[i + 1] as Position;
    sum += (p[0] as number) * (q[1] as number) - (q[0] as number) * (p[1] as number);
  }
  return sum;
}

function samePoint(p: Position, q: Position): boolean {
  return p[0] === q[0] && p[1] === q[1];
}

/** True if going p → q → r doubles back on one line (a spike at q), or q repeats p. */
function isSpike(p: Position, q: Position, r: Position): boolean {
  const ux = (q[0] as number) - (p[0] as number);
  const uy = (q[1] as number) - (p[1] as number);
  const vx = (r[0] as number) - (q[0] as number);
  const vy = (r[1] as number) - (q[1] as number);
  if (ux === 0 && uy === 0) return true;
  return ux * vy - uy * vx === 0 && ux * vx + uy * vy < 0;
}

/**
 * Rounds, drops repeated points and back-and-forth spikes, closes the ring and orients it
 * (counter-clockwise for outer rings, per RFC 7946). Returns null if too little is left.
 */
export function cleanRing(ring: readonly Position[], counterClockwise: boolean): Position[] | null {
  const pts: Position[] = [];
  const push = (q: Position): void => {
    const last = pts[pts.length - 1];
    if (last && samePoint(last, q)) return;
    pts.push(q);
    while (pts.length >= 3 && isSpike(pts[pts.length - 3] as Position, pts[pts.length - 2] as Position, q)) {
      pts.splice(pts.length - 2, 1);
      if (pts.length >= 2 && samePoint(pts[pts.length - 2] as Position, q)) pts.pop();
    }
  };
  for (const p of ring) push([round6(p[0] as number), round6(p[1] as number)]);
  // Spikes and repeats across the ring's start.
  let changed = true;
  while (changed && pts.length >= 3) {
    changed = false;
    const n = pts.length;
    if (samePoint(pts[0] as Position, pts[n - 1] as Position)) {
      pts.pop();
      changed = true;
      continue;
    }
    if (isSpike(pts[n - 2] as Position, pts[n - 1] as Position, pts[0] as Position)) {
      pts.pop();
      changed = true;
      continue;
    }
    if (isSpike(pts[n - 1] as Position, pts[0] as Position, pts[1] as Position)) {
      pts.shift();
      changed = true;
    }
  }
  if (pts.length < 3) return null;
  pts.push([...(pts[0] as Position)]);
  const area = signedArea2(pts);
  if (area === 0) return null;
  if (area > 0 !== counterClockwise) pts.reverse();
  return pts;
}

/**
 * Splits a ring that touches itself at repeated vertices into simple loops (open rings, no
 * closing point). Coarse boundary sources pinch rings like this; OGC validity forbids it.
 */
export function splitPinchedRing(open: readonly Position[]): Position[][] {
  const pending: Position[][] = [open.slice()];
  const done: Position[][] = [];
  while (pending.length > 0) {
    const ring = pending.pop() as Position[];
    const seen = new Map<string, number>();
    let split = false;
    for (let j = 0; j < ring.length; j++) {
      const p = ring[j] as Position;
      const key = `${p[0]},${p[1]}`;
      const i = seen.get(key);
      if (i !== undefined) {
        pending.push(ring.slice(i, j));
        pending.push([...ring.slice(0, i), ...ring.slice(j)]);
        split = true;
        break;
      }
      seen.set(key, j);
    }
    if (!split && ring.length >= 3) done.push(ring);
  }
  return done;
}

/**
 * Removes small self-crossing loops (figure-eights a few vertices long, as coarse sources have)
 * by cutting the vertices between the crossing edges. Takes and returns a closed ring.
 */
export function untangleRing(closed: readonly Position[], maxSpan = 12): Position[] {
  const pts = closed.slice(0, -1);
  for (let guard = 0; guard < 1000; guard++) {
    const n = pts.length;
    let cut: [number, number] | null = null;
    for (let i = 0; i < n && !cut; i++) {
      for (let k = 2; k <= maxSpan && k < n - 1; k++) {
        const j = (i + k) % n;
        if (
          segmentsIntersect(
            pts[i] as Position,
            pts[(i + 1) % n] as Position,
            pts[j] as Position,
            pts[(j + 1) % n] as Position,
          )
        ) {
          cut = [i, k];
          break;
        }
      }
    }
    if (!cut) break;
    const [i, k] = cut;
    // Drop vertices i+1 .. i+k, joining vertex i straight to vertex i+k+1.
    for (let m = 0; m < k; m++) pts.splice((i + 1) % pts.length < i + 1 ? 0 : i + 1, 1);
  }
  return [...pts, [...(pts[0] as Position)]];
}

/** Even-odd point-in-ring test (closed ring). */
export function pointInRing(x: number, y: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const pi = ring[i] as Position;
    const pj = ring[j] as Position;
    const xi = pi[0] as number;
    const yi = pi[1] as number;
    const xj = pj[0] as number;
    const yj = pj[1] as number;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True if point lies in any polygon of the MultiPolygon (outer ring minus holes). */
export function pointInMultiPolygon(x: number, y: number, geom: MultiPolygon): boolean {
  for (const polygon of geom.coordinates) {
    const [outer, ...holes] = polygon;
    if (!outer || !pointInRing(x, y, outer)) continue;
    if (holes.some((hole) => pointInRing(x, y, hole))) continue;
    return true;
  }
  return false;
}

function cross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** True if segments ab and cd share any point (touching counts). */
export function segmentsIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
  const [ax, ay] = a as [number, number];
  const [bx, by] = b as [number, number];
  const [cx, cy] = c as [number, number];
  const [dx, dy] = d as [number, number];
  if (Math.max(ax, bx) < Math.min(cx, dx) || Math.max(cx, dx) < Math.min(ax, bx)) return false;
  if (Math.max(ay, by) < Math.min(cy, dy) || Math.max(cy, dy) < Math.min(ay, by)) return false;
  const d1 = cross(ax, ay, bx, by, cx, cy);
  const d2 = cross(ax, ay, bx, by, dx, dy);
  const d3 = cross(cx, cy, dx, dy, ax, ay);
  const d4 = cross(cx, cy, dx, dy, bx, by);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const onSegment = (px: number, py: number, qx: number, qy: number, rx: number, ry: number): boolean =>
    Math.min(px, qx) <= rx && rx <= Math.max(px, qx) && Math.min(py, qy) <= ry && ry <= Math.max(py, qy);
  if (d1 === 0 && onSegment(ax, ay, bx, by, cx, cy)) return true;
  if (d2 === 0 && onSegment(ax, ay, bx, by, dx, dy)) return true;
  if (d3 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) return true;
  if (d4 === 0 && onSegment(cx, cy, dx, dy, bx, by)) return true;
  return false;
}

/** True if any two non-adjacent edges of the closed ring meet (O(n²); for checks, not hot paths). */
export function ringSelfIntersects(ring: readonly Position[]): boolean {
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (
        segmentsIntersect(
          ring[i] as Position,
          ring[i + 1] as Position,
          ring[j] as Position,
          ring[j + 1] as Position,
        )
      )
        return true;
    }
  }
  return false;
}

/** [minX, minY, maxX, maxY] of a ring. */
export function ringBBox(ring: readonly Position[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of ring) {
    minX = Math.min(minX, p[0] as number);
    maxX = Math.max(maxX, p[0] as number);
    minY = Math.min(minY, p[1] as number);
    maxY = Math.max(maxY, p[1] as number);
  }
  return [minX, minY, maxX, maxY];
}

/** True if the (small, closed) ring lies strictly inside the (large, closed) container ring. */
export function ringInsideRing(inner: readonly Position[], container: readonly Position[]): boolean {
  for (const p of inner) if (!pointInRing(p[0] as number, p[1] as number, container)) return false;
  const [minX, minY, maxX, maxY] = ringBBox(inner);
  for (let j = 0; j + 1 < container.length; j++) {
    const c = container[j] as Position;
    const d = container[j + 1] as Position;
    if (Math.max(c[0] as number, d[0] as number) < minX || Math.min(c[0] as number, d[0] as number) > maxX)
      continue;
    if (Math.max(c[1] as number, d[1] as number) < minY || Math.min(c[1] as number, d[1] as number) > maxY)
      continue;
    for (let i = 0; i + 1 < inner.length; i++) {
      if (segmentsIntersect(inner[i] as Position, inner[i + 1] as Position, c, d)) return false;
    }
  }
  return true;
}

/** Clips a convex counter-clockwise ring (open, no closing point) to the half-plane a·x + b·y <= c. */
export function clipConvex(points: readonly Point[], a: number, b: number, c: number): Point[] {
  const out: Point[] = [];
  const n = points.length;
  for (let i = 0; i < n; i++) {
    const p = points[i] as Point;
    const q = points[(i + 1) % n] as Point;
    const fp = a * p[0] + b * p[1] - c;
    const fq = a * q[0] + b * q[1] - c;
    if (fp <= 0) out.push(p);
    if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/** True if (x, y) is inside or on a convex counter-clockwise ring (open). */
export function pointInConvex(x: number, y: number, points: readonly Point[], margin = 0): boolean {
  const n = points.length;
  for (let i = 0; i < n; i++) {
    const p = points[i] as Point;
    const q = points[(i + 1) % n] as Point;
    const ex = q[0] - p[0];
    const ey = q[1] - p[1];
    const len = Math.hypot(ex, ey);
    // Signed distance to the left of edge p→q; inside a CCW ring it is positive.
    if ((ex * (y - p[1]) - ey * (x - p[0])) / len < margin) return false;
  }
  return true;
}
