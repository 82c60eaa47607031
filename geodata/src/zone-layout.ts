// Places development zones as convex polygons inside their districts: the real zones first, then synthetic clusters for large runs.
import type { MultiPolygon, Position } from 'geojson';
import { DISTRICTS, type DistrictFact, INDUSTRIES, ZONES, type ZoneFact } from './huaian-facts.ts';
import { LocalFrame } from './local-frame.ts';
import { Rng } from './prng.ts';
import {
  cleanRing,
  type Point,
  pointInMultiPolygon,
  pointInRing,
  ringBBox,
  ringInsideRing,
  segmentsIntersect,
} from './ring-geometry.ts';
import type { DistrictRecord, ZoneRecord } from './types.ts';

/** A zone with its local frame and outline, from which its road grid and plots are built. */
export interface ZonePlan {
  index: number;
  record: ZoneRecord;
  district: DistrictFact;
  frame: LocalFrame;
  /** Zone outline in local metres: convex, counter-clockwise, open. */
  outline: Point[];
  halfWidth: number;
  halfHeight: number;
  /** Relative economic strength, used to vary indicators and prices. */
  strength: number;
}

/** Keeps zones this far (m) inside district edges and apart from each other. */
const MARGIN_M = 250;

interface Shape {
  centre: [number, number];
  halfWidth: number;
  halfHeight: number;
  angleDeg: number;
  /** Corner cuts as fractions of the shorter half-side, one per corner (SW, SE, NE, NW). */
  cuts: [number, number, number, number];
}

function outlineOf(shape: Shape, grow = 0): Point[] {
  const w = shape.halfWidth + grow;
  const h = shape.halfHeight + grow;
  const m = Math.min(shape.halfWidth, shape.halfHeight);
  const [c0, c1, c2, c3] = shape.cuts.map((c) => c * m) as [number, number, number, number];
  const pts: Point[] = [];
  const add = (x: number, y: number): void => {
    const last = pts[pts.length - 1];
    if (!last || last[0] !== x || last[1] !== y) pts.push([x, y]);
  };
  add(-w, -h + c0);
  add(-w + c0, -h);
  add(w - c1, -h);
  add(w, -h + c1);
  add(w, h - c2);
  add(w - c2, h);
  add(-w + c3, h);
  add(-w, h - c3);
  const first = pts[0] as Point;
  const last = pts[pts.length - 1] as Point;
  if (first[0] === last[0] && first[1] === last[1]) pts.pop();
  return pts;
}

function ringOf(shape: Shape, grow = 0): Position[] {
  const frame = new LocalFrame(shape.centre[0], shape.centre[1], shape.angleDeg);
  const ring = outlineOf(shape, grow).map(([x, y]) => frame.toLonLat(x, y));
  ring.push([...(ring[0] as Position)]);
  return ring;
}

function ringsOverlap(a: readonly Position[], b: readonly Position[]): boolean {
  for (let i = 0; i + 1 < a.length; i++)
    for (let j = 0; j + 1 < b.length; j++)
      if (segmentsIntersect(a[i] as Position, a[i + 1] as Position, b[j] as Position, b[j + 1] as Position))
        return true;
  const pa = a[0] as Position;
  const pb = b[0] as Position;
  return pointInRing(pa[0] as number, pa[1] as number, b) || pointInRing(pb[0] as number, pb[1] as number, a);
}

function fits(shape: Shape, district: DistrictRecord, placed: readonly Position[][]): boolean {
  const grown = ringOf(shape, MARGIN_M);
  const inside = district.geom.coordinates.some(
    ([outer, ...holes]) =>
      outer && ringInsideRing(grown, outer) && !holes.some((hole) => ringsOverlap(grown, hole)),
  );
  if (!inside) return false;
  return !placed.some((other) => ringsOverlap(grown, other));
}

function districtOf(
  lon: number,
  lat: number,
  districts: readonly DistrictRecord[],
): DistrictRecord | undefined {
  return districts.find((d) => pointInMultiPolygon(lon, lat, d.geom));
}

function contactFor(office: string, zoneNameEn: string, index: number): ZoneRecord['contact'] {
  return {
    department: `${office} (示例)`,
    departmentEn: `Investment Promotion Office, ${zoneNameEn} (sample)`,
    phone: `0517-8000${String(1000 + index * 37).padStart(4, '0')}`,
    email: `invest${index + 1}@example.org`,
  };
}

function toPlan(
  index: number,
  fact: Omit<ZoneFact, 'centre' | 'areaKm2' | 'aspect' | 'angleDeg'>,
  shape: Shape,
  district: DistrictRecord,
  strength: number,
): ZonePlan {
  const districtFact = DISTRICTS.find((d) => d.code === district.code) as DistrictFact;
  const ring = cleanRing(ringOf(shape), true) as Position[];
  const geom: MultiPolygon = { type: 'MultiPolygon', coordinates: [[ring]] };
  return {
    index,
    record: {
      code: fact.code,
      name: fact.name,
      nameEn: fact.nameEn,
      level: fact.level,
      districtCode: district.code,
      industries: fact.industries.slice(),
      contact: contactFor(fact.office, fact.nameEn, index),
      geom,
    },
    district: districtFact,
    frame: new LocalFrame(shape.centre[0], shape.centre[1], shape.angleDeg),
    outline: outlineOf(shape),
    halfWidth: shape.halfWidth,
    halfHeight: shape.halfHeight,
    strength,
  };
}

function shapeFor(
  centre: [number, number],
  areaKm2: number,
  aspect: number,
  angleDeg: number,
  rng: Rng,
): Shape {
  const cuts: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) cuts[i] = rng.chance(0.6) ? rng.range(0.08, 0.35) : 0;
  // Corner cuts remove area; size the rectangle so the outline still has about the target area.
  const cutShare = cuts.reduce((s, c) => s + (c * c) / 2, 0) / (4 * Math.max(aspect, 1 / aspect));
  const area = (areaKm2 * 1e6) / (1 - cutShare);
  return {
    centre,
    halfWidth: Math.sqrt(area * aspect) / 2,
    halfHeight: Math.sqrt(area / aspect) / 2,
    angleDeg,
    cuts,
  };
}

const LEVEL_STRENGTH: Record<ZoneRecord['level'], number> = { national: 1.25, provincial: 1, other: 0.85 };

/**
 * The real zones. Each keeps its size if it fits near its real centre; otherwise it moves up to
 * about 10 km and shrinks as little as possible, because the boundary source is coarse. Its
 * district is the one containing the centre it ends up at.
 */
export function placeRealZones(districts: readonly DistrictRecord[], seed: number): ZonePlan[] {
  const plans: ZonePlan[] = [];
  const placed: Position[][] = [];
  ZONES.forEach((fact, index) => {
    const rng = new Rng(seed, 101, index);
    const base = shapeFor(fact.centre, fact.areaKm2, fact.aspect, fact.angleDeg, rng);
    const frame = new LocalFrame(fact.centre[0], fact.centre[1]);
    let best: { shape: Shape; district: DistrictRecord; score: number } | null = null;
    for (let ring = 0; ring <= 7; ring++) {
      for (let k = 0; k < Math.max(1, ring * 8); k++) {
        const angle = (2 * Math.PI * k) / Math.max(1, ring * 8);
        const [lon, lat] = frame.toLonLat(ring * 1500 * Math.cos(angle), ring * 1500 * Math.sin(angle)) as [
          number,
          number,
        ];
        const district = districtOf(lon, lat, districts);
        if (!district) continue;
        for (let scale = 1; scale >= 0.5; scale *= 0.95) {
          const shape: Shape = {
            ...base,
            centre: [lon, lat],
            halfWidth: base.halfWidth * scale,
            halfHeight: base.halfHeight * scale,
          };
          // Area kept matters more than distance moved: one km costs as much as 4% of the area.
          const score = scale * scale - 0.04 * ring * 1.5;
          if (best && score <= best.score) break;
          if (fits(shape, district, placed)) {
            best = { shape, district, score };
            break;
          }
        }
      }
    }
    if (!best) throw new Error(`zone ${fact.code} does not fit near its centre`);
    placed.push(ringOf(best.shape, MARGIN_M));
    plans.push(toPlan(index, fact, best.shape, best.district, LEVEL_STRENGTH[fact.level]));
  });
  return plans;
}

/**
 * Adds synthetic industrial clusters (level "other") until their total area reaches `extraKm2`
 * or no more fit. Used only when the requested plot count outgrows the real zones.
 */
export function addSyntheticZones(
  plans: readonly ZonePlan[],
  districts: readonly DistrictRecord[],
  extraKm2: number,
  seed: number,
): ZonePlan[] {
  const all = plans.slice();
  if (extraKm2 <= 0) return all;
  const placed = plans.map((p) => ringOf(shapeOfPlan(p), MARGIN_M));
  const rng = new Rng(seed, 202);
  const counts = new Map<string, number>();
  let added = 0;
  for (let attempt = 0; attempt < 4000 && added < extraKm2; attempt++) {
    const district = rng.pick(districts);
    const fact = DISTRICTS.find((d) => d.code === district.code) as DistrictFact;
    const [minX, minY, maxX, maxY] = ringBBox(district.geom.coordinates[0]?.[0] ?? []);
    const centre: [number, number] = [rng.range(minX, maxX), rng.range(minY, maxY)];
    const areaKm2 = attempt < 2000 ? rng.range(25, 45) : rng.range(8, 20);
    const shape = shapeFor(centre, areaKm2, rng.range(0.8, 1.5), rng.range(-15, 15), rng);
    if (!pointInMultiPolygon(centre[0], centre[1], district.geom) || !fits(shape, district, placed)) continue;
    const n = (counts.get(fact.code) ?? 0) + 1;
    counts.set(fact.code, n);
    const industries = rng.sample(INDUSTRIES, rng.int(2, 3));
    placed.push(ringOf(shape, MARGIN_M));
    all.push(
      toPlan(
        all.length,
        {
          code: `${fact.abbr}-SYN${String(n).padStart(2, '0')}`,
          name: `${fact.name}示例工业集中区${n}号`,
          nameEn: `${fact.nameEn} Sample Industrial Cluster ${n}`,
          level: 'other',
          industries,
          office: `${fact.name}示例工业集中区${n}号管理办公室`,
        },
        shape,
        district,
        LEVEL_STRENGTH.other,
      ),
    );
    added += areaKm2;
  }
  return all;
}

function shapeOfPlan(plan: ZonePlan): Shape {
  // Rebuilds a shape whose outline contains the plan's outline (cuts ignored): conservative spacing.
  return {
    centre: [plan.frame.lon0, plan.frame.lat0],
    halfWidth: plan.halfWidth,
    halfHeight: plan.halfHeight,
    angleDeg: plan.frame.angleDeg,
    cuts: [0, 0, 0, 0],
  };
}
