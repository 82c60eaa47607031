// A zone's road grid: columns and rows of blocks separated by local (≈24 m) and trunk (≈40 m) roads.
import { Rng } from './prng.ts';
import { pointInConvex } from './ring-geometry.ts';
import type { ZonePlan } from './zone-layout.ts';

/** Blocks per trunk cell side: every third road is a trunk road. */
export const TRUNK_EVERY = 3;

export interface ZoneGrid {
  /** Column spans in local x: [start0, end0, start1, end1, ...] (metres). */
  cols: Float64Array;
  /** Row spans in local y, same layout. */
  rows: Float64Array;
  /** Included blocks as col * 4096 + row, in column-major order. */
  blocks: Int32Array;
  /** Linear scale of blocks and plots: 1 is realistic, smaller when the count outgrows the zones. */
  scale: number;
}

export function localRoadWidth(scale: number): number {
  return 24 * Math.max(scale, 0.5);
}

export function trunkRoadWidth(scale: number): number {
  return 40 * Math.max(scale, 0.5);
}

function spans(
  from: number,
  to: number,
  rng: Rng,
  min: number,
  max: number,
  wide: number,
  scale: number,
): Float64Array {
  const out: number[] = [];
  let at = from;
  for (let i = 0; ; i++) {
    const size = (rng.chance(0.06) ? wide : rng.range(min, max)) * scale;
    if (at + size > to) break;
    out.push(at, at + size);
    at += size + ((i + 1) % TRUNK_EVERY === 0 ? trunkRoadWidth(scale) : localRoadWidth(scale));
  }
  return Float64Array.from(out);
}

/** Lays out the grid for a zone at a scale; a block is kept only if it lies wholly inside the zone. */
export function buildGrid(plan: ZonePlan, scale: number, seed: number): ZoneGrid {
  const rng = new Rng(seed, 303, plan.index);
  const inset = 40 * Math.max(scale, 0.5);
  const cols = spans(-plan.halfWidth + inset, plan.halfWidth - inset, rng, 300, 700, 900, scale);
  const rows = spans(-plan.halfHeight + inset, plan.halfHeight - inset, rng, 250, 450, 560, scale);
  const blocks: number[] = [];
  for (let c = 0; c < cols.length / 2; c++) {
    const x0 = cols[2 * c] as number;
    const x1 = cols[2 * c + 1] as number;
    for (let r = 0; r < rows.length / 2; r++) {
      const y0 = rows[2 * r] as number;
      const y1 = rows[2 * r + 1] as number;
      if (
        pointInConvex(x0, y0, plan.outline, inset) &&
        pointInConvex(x1, y0, plan.outline, inset) &&
        pointInConvex(x1, y1, plan.outline, inset) &&
        pointInConvex(x0, y1, plan.outline, inset)
      )
        blocks.push(c * 4096 + r);
    }
  }
  return { cols, rows, blocks: Int32Array.from(blocks), scale };
}

/** Blocks in the order they are developed: outwards from a point near the zone centre, with some noise. */
export function fillOrder(plan: ZonePlan, grid: ZoneGrid, seed: number): Int32Array {
  const rng = new Rng(seed, 404, plan.index);
  const cx = rng.range(-0.2, 0.2) * plan.halfWidth;
  const cy = rng.range(-0.2, 0.2) * plan.halfHeight;
  const keys = new Float64Array(grid.blocks.length);
  grid.blocks.forEach((id, i) => {
    const c = id >> 12;
    const r = id & 4095;
    const x = ((grid.cols[2 * c] as number) + (grid.cols[2 * c + 1] as number)) / 2;
    const y = ((grid.rows[2 * r] as number) + (grid.rows[2 * r + 1] as number)) / 2;
    keys[i] = Math.hypot((x - cx) / plan.halfWidth, (y - cy) / plan.halfHeight) + rng.range(0, 0.25);
  });
  const order = Array.from(grid.blocks.keys()).sort((a, b) => (keys[a] as number) - (keys[b] as number));
  return Int32Array.from(order.map((i) => grid.blocks[i] as number));
}
