// The sample-city generator: deterministic Huai'an districts, zones, control lines, projects and a stream of plots.
import type { MultiPolygon, Position } from 'geojson';
import { buildGrid, fillOrder, type ZoneGrid } from './block-grid.ts';
import { type BlockRect, layoutBlock, plotCount, plotRings } from './block-subdivision.ts';
import { buildControlLines } from './control-lines.ts';
import { loadDistricts } from './district-boundaries.ts';
import { buildDistrictGrading, type DistrictGrading } from './grading.ts';
import { plotAttributes } from './plot-attributes.ts';
import { blockRole, drawStatus } from './plot-status.ts';
import { Rng } from './prng.ts';
import { buildProjects } from './projects.ts';
import { cleanRing } from './ring-geometry.ts';
import type { PlotRecord, SampleCity, SampleCityOptions } from './types.ts';
import { addSyntheticZones, placeRealZones, type ZonePlan } from './zone-layout.ts';

export { BOUNDARY_SOURCE } from './district-boundaries.ts';
export { GRADE_CUTS, GRADE_WEIGHTS } from './grading.ts';
export { REFERENCE_DATE } from './reference-date.ts';
export type * from './types.ts';

export const DEFAULT_SEED = 20261125;
export const DEFAULT_PLOTS = 10_000;
export const MAX_PLOTS = 1_000_000;

/** Share of a zone's blocks the plot count should fill; the rest is undeveloped land at the edges. */
const TARGET_FILL = 0.9;
/** Synthetic clusters may add at most this multiple of the real zones' area. */
const MAX_AREA_GROWTH = 5;

function blockRect(grid: ZoneGrid, id: number): BlockRect {
  const c = id >> 12;
  const r = id & 4095;
  return {
    x0: grid.cols[2 * c] as number,
    x1: grid.cols[2 * c + 1] as number,
    y0: grid.rows[2 * r] as number,
    y1: grid.rows[2 * r + 1] as number,
  };
}

function layoutRng(seed: number, zone: ZonePlan, id: number): Rng {
  return new Rng(seed, 7, zone.index, id >> 12, id & 4095);
}

/** How many plots a zone's grid holds when every block is developed. */
function capacity(zone: ZonePlan, grid: ZoneGrid, seed: number): number {
  let n = 0;
  for (const id of grid.blocks)
    n += plotCount(layoutBlock(blockRect(grid, id), layoutRng(seed, zone, id), grid.scale));
  return n;
}

function zoneAreaKm2(zone: ZonePlan): number {
  let sum = 0;
  const pts = zone.outline;
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i] as [number, number];
    const q = pts[(i + 1) % pts.length] as [number, number];
    sum += p[0] * q[1] - q[0] * p[1];
  }
  return sum / 2 / 1e6;
}

interface Layout {
  zones: ZonePlan[];
  grids: ZoneGrid[];
  quotas: number[];
}

/**
 * Chooses zones, grid scale and per-zone plot quotas for a target count. Realistic plot sizes
 * while the real zones suffice; beyond that, synthetic clusters and then smaller plots.
 */
function planLayout(districts: ReturnType<typeof loadDistricts>, seed: number, target: number): Layout {
  let zones = placeRealZones(districts, seed);
  let scale = 1;
  let grids = zones.map((z) => buildGrid(z, scale, seed));
  let caps = zones.map((z, i) => capacity(z, grids[i] as ZoneGrid, seed));
  const realCapacity = caps.reduce((a, b) => a + b, 0);
  const needed = target / TARGET_FILL;
  if (realCapacity < needed) {
    const growth = needed / realCapacity;
    const realArea = zones.reduce((s, z) => s + zoneAreaKm2(z), 0);
    const areaGrowth = Math.min(Math.sqrt(growth), MAX_AREA_GROWTH);
    zones = addSyntheticZones(zones, districts, (areaGrowth - 1) * realArea, seed);
    const totalArea = zones.reduce((s, z) => s + zoneAreaKm2(z), 0);
    scale = Math.min(1, Math.sqrt(totalArea / realArea / growth));
    for (;;) {
      grids = zones.map((z) => buildGrid(z, scale, seed));
      caps = zones.map((z, i) => capacity(z, grids[i] as ZoneGrid, seed));
      if (caps.reduce((a, b) => a + b, 0) >= target / 0.92 || scale < 0.05) break;
      scale *= 0.95;
    }
  }
  const total = caps.reduce((a, b) => a + b, 0);
  if (total < target) throw new Error(`cannot fit ${target} plots (capacity ${total})`);
  // Largest-remainder apportionment keeps every zone equally full and the sum exact.
  const exact = caps.map((c) => (target * c) / total);
  const quotas = exact.map(Math.floor);
  const order = exact
    .map((e, i) => ({ i, rem: e - Math.floor(e) }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  let short = target - quotas.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (short <= 0) break;
    quotas[i] = (quotas[i] as number) + 1;
    short--;
  }
  return { zones, grids, quotas };
}

function toGeom(zone: ZonePlan, ring: readonly [number, number][]): MultiPolygon {
  const lonLat = ring.map(([x, y]) => zone.frame.toLonLat(x, y));
  lonLat.push([...(lonLat[0] as Position)]);
  const clean = cleanRing(lonLat, true);
  if (!clean) throw new Error('degenerate plot ring');
  return { type: 'MultiPolygon', coordinates: [[clean]] };
}

function* streamPlots(
  layout: Layout,
  gradings: ReadonlyMap<string, DistrictGrading>,
  seed: number,
): Generator<PlotRecord> {
  for (const zone of layout.zones) {
    const grid = layout.grids[zone.index] as ZoneGrid;
    let remaining = layout.quotas[zone.index] as number;
    const grading = gradings.get(zone.district.code) as DistrictGrading;
    const digits = Math.max(5, String(remaining).length);
    let seq = 0;
    for (const id of fillOrder(zone, grid, seed)) {
      if (remaining <= 0) break;
      const rings = plotRings(layoutBlock(blockRect(grid, id), layoutRng(seed, zone, id), grid.scale));
      const role = blockRole(seed, zone.index, id >> 12, id & 4095);
      const rng = new Rng(seed, 8, zone.index, id >> 12, id & 4095);
      for (const ring of rings) {
        if (remaining <= 0) break;
        remaining--;
        seq++;
        const status = drawStatus(rng, role);
        yield {
          code: `${zone.record.code}-${String(seq).padStart(digits, '0')}`,
          zoneCode: zone.record.code,
          districtCode: zone.district.code,
          geom: toGeom(zone, ring),
          status,
          ...plotAttributes(rng, zone, grading, status),
        };
      }
    }
  }
}

/**
 * Builds the sample city. Everything but the plots is small and built at once; plots stream from
 * `plots()` one record at a time, in the same order on every call, so memory stays bounded.
 */
export function generateSampleCity(options: SampleCityOptions = {}): SampleCity {
  const seed = options.seed ?? DEFAULT_SEED;
  const target = Math.round(options.plots ?? DEFAULT_PLOTS);
  if (!Number.isInteger(seed)) throw new Error('seed must be an integer');
  if (!(target >= 1 && target <= MAX_PLOTS)) throw new Error(`plots must be between 1 and ${MAX_PLOTS}`);
  const districts = loadDistricts();
  const layout = planLayout(districts, seed, target);
  const gradings = new Map(districts.map((d) => [d.code, buildDistrictGrading(seed, d.code)]));
  return {
    city: { name: '淮安市', nameEn: "Huai'an" },
    districts,
    zones: layout.zones.map((z) => structuredClone(z.record)),
    controlLines: buildControlLines(layout.zones, layout.grids, seed),
    projects: buildProjects(layout.zones, seed),
    plotCount: target,
    plots: () => streamPlots(layout, gradings, seed),
  };
}
