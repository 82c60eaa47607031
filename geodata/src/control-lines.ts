// Industrial control lines per district: core (保障线) and transitional (过渡线) strips of each zone, leaving an edge outside.
import type { Position } from 'geojson';
import type { ZoneGrid } from './block-grid.ts';
import { DISTRICTS } from './huaian-facts.ts';
import { hashUnit } from './prng.ts';
import { cleanRing, clipConvex, type Point } from './ring-geometry.ts';
import type { ControlLineLevel, ControlLineRecord } from './types.ts';
import type { ZonePlan } from './zone-layout.ts';

export const CONTROL_LINE_VERSION = '2025';
export const CONTROL_LINE_EFFECTIVE_DATE = '2025-06-30';

/** Local x of the middle of the road after column k. */
function roadAfter(grid: ZoneGrid, k: number): number {
  return ((grid.cols[2 * k + 1] as number) + (grid.cols[2 * k + 2] as number)) / 2;
}

/**
 * Splits a zone into core and transitional parts along roads, so no plot straddles a line. The
 * outermost columns on one side stay outside both: industrial plots there are the compliance cases.
 */
function zoneLineParts(
  plan: ZonePlan,
  grid: ZoneGrid,
  seed: number,
): Record<ControlLineLevel, Point[] | null> {
  const n = grid.cols.length / 2;
  if (n < 4) return { core: plan.outline.slice(), transitional: null };
  const outside = Math.max(1, Math.round(0.1 * n));
  const transitional = Math.max(1, Math.round(0.16 * n));
  const west = hashUnit(seed, 707, plan.index) < 0.5;
  // Mirror the east side onto the west so one set of cuts serves both.
  const sign = west ? 1 : -1;
  const cut1 = west ? roadAfter(grid, outside - 1) : roadAfter(grid, n - 1 - outside);
  const cut2 = west
    ? roadAfter(grid, outside + transitional - 1)
    : roadAfter(grid, n - 1 - outside - transitional);
  // Core: sign·x >= sign·cut2; transitional: between the cuts.
  const core = clipConvex(plan.outline, -sign, 0, -sign * cut2);
  const between = clipConvex(clipConvex(plan.outline, sign, 0, sign * cut2), -sign, 0, -sign * cut1);
  return { core: core.length >= 3 ? core : null, transitional: between.length >= 3 ? between : null };
}

function toRing(plan: ZonePlan, points: readonly Point[]): Position[] | null {
  const ring = points.map(([x, y]) => plan.frame.toLonLat(x, y));
  ring.push([...(ring[0] as Position)]);
  return cleanRing(ring, true);
}

const LEVEL_NAMES: Record<ControlLineLevel, string> = {
  core: '工业用地保障线',
  transitional: '工业用地过渡线',
};

/** One core and one transitional line per district that has zones. */
export function buildControlLines(
  plans: readonly ZonePlan[],
  grids: readonly ZoneGrid[],
  seed: number,
): ControlLineRecord[] {
  const lines: ControlLineRecord[] = [];
  for (const district of DISTRICTS) {
    const parts: Record<ControlLineLevel, Position[][][]> = { core: [], transitional: [] };
    for (const plan of plans) {
      if (plan.district.code !== district.code) continue;
      const split = zoneLineParts(plan, grids[plan.index] as ZoneGrid, seed);
      for (const level of ['core', 'transitional'] as const) {
        const points = split[level];
        const ring = points ? toRing(plan, points) : null;
        if (ring) parts[level].push([ring]);
      }
    }
    for (const level of ['core', 'transitional'] as const) {
      if (parts[level].length === 0) continue;
      lines.push({
        code: `CL-${district.code}-${level === 'core' ? 'C' : 'T'}-${CONTROL_LINE_VERSION}`,
        name: `${district.name}${LEVEL_NAMES[level]}（${CONTROL_LINE_VERSION}版，示例）`,
        level,
        version: CONTROL_LINE_VERSION,
        effectiveDate: CONTROL_LINE_EFFECTIVE_DATE,
        districtCode: district.code,
        geom: { type: 'MultiPolygon', coordinates: parts[level] },
      });
    }
  }
  return lines;
}
