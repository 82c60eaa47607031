// Splits one block between roads into plots: one or two rows of slightly irregular quadrilaterals sharing edges.
import type { Rng } from './prng.ts';
import type { Point } from './ring-geometry.ts';

/** 1 mu in square metres. */
export const MU_M2 = 10000 / 15;

export interface BlockRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Split positions of one row of plots along x, on the row's lower and upper edges. */
interface RowSplits {
  lower: number[];
  upper: number[];
  yLower: number;
  yUpper: number;
}

export interface BlockLayout {
  rows: RowSplits[];
}

/** Draws a plot's target area in mu: mostly 20–80, a tail to 300 and a few large sites. */
function targetAreaMu(rng: Rng): number {
  if (rng.chance(0.04)) return rng.range(150, 420);
  return Math.min(280, Math.max(21, 27 * Math.exp(0.5 * rng.normal())));
}

function rowSplits(rng: Rng, x0: number, x1: number, depth: number, scale: number): number[] {
  const s2 = scale * scale;
  const minWidth = Math.max(45 * scale, (21 * MU_M2 * s2) / depth);
  const splits = [x0];
  let at = x0;
  for (;;) {
    const width = Math.max(minWidth, (targetAreaMu(rng) * MU_M2 * s2) / depth);
    if (x1 - (at + width) < minWidth) break;
    at += width;
    splits.push(at);
  }
  splits.push(x1);
  return splits;
}

/** Tilts each interior split so plots are irregular quadrilaterals, keeping the order of splits. */
function tilt(rng: Rng, splits: readonly number[], scale: number): { a: number[]; b: number[] } {
  const a = splits.slice();
  const b = splits.slice();
  for (let k = 1; k + 1 < splits.length; k++) {
    const gap = Math.min(
      (splits[k] as number) - (splits[k - 1] as number),
      (splits[k + 1] as number) - (splits[k] as number),
    );
    const d = rng.range(-1, 1) * Math.min(0.12 * gap, 25 * scale);
    a[k] = (splits[k] as number) + d;
    b[k] = (splits[k] as number) - d;
  }
  return { a, b };
}

/**
 * Lays out the plots of a block. The same block rectangle and random stream always give the same
 * layout, so plots can be counted in one pass and generated in another.
 */
export function layoutBlock(rect: BlockRect, rng: Rng, scale: number): BlockLayout {
  const { x0, y0, x1, y1 } = rect;
  const height = y1 - y0;
  const blockMu = ((x1 - x0) * height) / (MU_M2 * scale * scale);
  if (rng.chance(blockMu < 120 ? 0.5 : 0.04)) {
    return { rows: [{ lower: [x0, x1], upper: [x0, x1], yLower: y0, yUpper: y1 }] };
  }
  if (height < 240 * scale || rng.chance(0.15)) {
    const t = tilt(rng, rowSplits(rng, x0, x1, height, scale), scale);
    return { rows: [{ lower: t.a, upper: t.b, yLower: y0, yUpper: y1 }] };
  }
  const ym = y0 + height * rng.range(0.42, 0.58);
  const low = tilt(rng, rowSplits(rng, x0, x1, ym - y0, scale), scale);
  const high = tilt(rng, rowSplits(rng, x0, x1, y1 - ym, scale), scale);
  // Splits of the two rows that nearly meet on the middle line are made to meet exactly, so no
  // two shared vertices end up closer than rounding can keep apart.
  const snap = Math.max(2 * scale, 0.5);
  for (let k = 1; k + 1 < high.a.length; k++) {
    const x = high.a[k] as number;
    const near = low.b.find((v) => Math.abs(v - x) < snap);
    if (near !== undefined) high.a[k] = near;
  }
  return {
    rows: [
      { lower: low.a, upper: low.b, yLower: y0, yUpper: ym },
      { lower: high.a, upper: high.b, yLower: ym, yUpper: y1 },
    ],
  };
}

export function plotCount(layout: BlockLayout): number {
  let n = 0;
  for (const row of layout.rows) n += row.lower.length - 1;
  return n;
}

/**
 * The plots' rings in local metres (open, counter-clockwise), in row then x order. A plot on the
 * middle line also carries the other row's split points along it, so neighbours share whole edges.
 */
export function plotRings(layout: BlockLayout): Point[][] {
  const rings: Point[][] = [];
  const [first, second] = layout.rows;
  layout.rows.forEach((row, r) => {
    const other = r === 0 ? second : first;
    const shared = other ? (r === 0 ? other.lower : other.upper) : [];
    for (let k = 0; k + 1 < row.lower.length; k++) {
      const l0 = row.lower[k] as number;
      const l1 = row.lower[k + 1] as number;
      const u0 = row.upper[k] as number;
      const u1 = row.upper[k + 1] as number;
      const ring: Point[] = [];
      ring.push([l0, row.yLower]);
      if (r === 1) for (const x of shared) if (x > l0 && x < l1) ring.push([x, row.yLower]);
      ring.push([l1, row.yLower]);
      ring.push([u1, row.yUpper]);
      if (r === 0 && second) {
        for (let i = shared.length - 1; i >= 0; i--) {
          const x = shared[i] as number;
          if (x > u0 && x < u1) ring.push([x, row.yUpper]);
        }
      }
      ring.push([u0, row.yUpper]);
      rings.push(ring);
    }
  });
  return rings;
}

/** Area of an open ring in square metres (shoelace). */
export function ringAreaM2(ring: readonly Point[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as Point;
    const q = ring[(i + 1) % ring.length] as Point;
    sum += p[0] * q[1] - q[0] * p[1];
  }
  return Math.abs(sum) / 2;
}
