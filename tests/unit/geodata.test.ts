// The sample-city generator: determinism, real districts, valid geometry, realistic plots and streaming at scale.
import { createHash } from 'node:crypto';
import turfArea from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateSampleCity,
  type PlotRecord,
  REFERENCE_DATE,
  type SampleCity,
} from '../../geodata/src/index.ts';

const MU_M2 = 10000 / 15;
const CANDIDATE = new Set(['available', 'idle', 'low_efficiency', 'revitalizing']);

type Pt = [number, number];

function muOf(geom: MultiPolygon): number {
  return turfArea(geom) / MU_M2;
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** Everything a run produces except the middle of the plot stream, as one hash. */
function fingerprint(city: SampleCity, ends = 300): string {
  const first: PlotRecord[] = [];
  const last: PlotRecord[] = [];
  let count = 0;
  for (const plot of city.plots()) {
    count++;
    if (first.length < ends) first.push(plot);
    last.push(plot);
    if (last.length > ends) last.shift();
  }
  const { districts, zones, controlLines, projects, plotCount } = city;
  return hashOf({ districts, zones, controlLines, projects, plotCount, count, first, last });
}

/** Local metres around Huai'an's latitude: precise enough for gaps and overlaps of a few metres. */
const M_LAT = 110_950;
const M_LON = 111_320 * Math.cos((33.5 * Math.PI) / 180);
function toMetres(ring: readonly Position[]): Pt[] {
  return ring.map((p) => [(p[0] as number) * M_LON, (p[1] as number) * M_LAT]);
}

function pointSegmentDistance(p: Pt, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) : 0;
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

function ringDistance(r: readonly Pt[], s: readonly Pt[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < r.length; i++)
    for (let j = 0; j + 1 < s.length; j++) {
      const a = r[i] as Pt;
      const b = r[i + 1] as Pt;
      const c = s[j] as Pt;
      const d = s[j + 1] as Pt;
      best = Math.min(
        best,
        pointSegmentDistance(a, c, d),
        pointSegmentDistance(b, c, d),
        pointSegmentDistance(c, a, b),
        pointSegmentDistance(d, a, b),
      );
    }
  return best;
}

/** Depth (m) by which two convex rings interpenetrate along their least-overlapping edge normal. */
function penetration(r: readonly Pt[], s: readonly Pt[]): number {
  let least = Infinity;
  for (const ring of [r, s]) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i] as Pt;
      const b = ring[i + 1] as Pt;
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (len < 1) continue;
      const nx = (a[1] - b[1]) / len;
      const ny = (b[0] - a[0]) / len;
      const project = (pts: readonly Pt[]): [number, number] => {
        let lo = Infinity;
        let hi = -Infinity;
        for (const p of pts) {
          const v = p[0] * nx + p[1] * ny;
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        return [lo, hi];
      };
      const [lo1, hi1] = project(r);
      const [lo2, hi2] = project(s);
      least = Math.min(least, Math.min(hi1, hi2) - Math.max(lo1, lo2));
    }
  }
  return least;
}

interface Indexed {
  rings: Pt[][];
  boxes: [number, number, number, number][];
  /** Pairs of indices whose boxes, grown by `pad` metres, meet. */
  pairs: [number, number][];
}

/** A simple grid index over plot outlines (in metres) yielding candidate neighbour pairs. */
function indexPlots(plots: readonly PlotRecord[], pad: number): Indexed {
  const rings = plots.map((p) => toMetres(p.geom.coordinates[0]?.[0] ?? []));
  const boxes = rings.map((ring) => {
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    return [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad] as [
      number,
      number,
      number,
      number,
    ];
  });
  const cell = 500;
  const grid = new Map<string, number[]>();
  boxes.forEach((b, i) => {
    for (let gx = Math.floor(b[0] / cell); gx <= Math.floor(b[2] / cell); gx++)
      for (let gy = Math.floor(b[1] / cell); gy <= Math.floor(b[3] / cell); gy++) {
        const key = `${gx},${gy}`;
        const list = grid.get(key);
        if (list) list.push(i);
        else grid.set(key, [i]);
      }
  });
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  for (const list of grid.values())
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const i = Math.min(list[x] as number, list[y] as number);
        const j = Math.max(list[x] as number, list[y] as number);
        const a = boxes[i] as [number, number, number, number];
        const b = boxes[j] as [number, number, number, number];
        if (a[0] > b[2] || b[0] > a[2] || a[1] > b[3] || b[1] > a[3]) continue;
        const key = i * plots.length + j;
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push([i, j]);
      }
  return { rings, boxes, pairs };
}

/** Areas (mu) of groups of candidate plots that touch or lie within `gap` metres of each other. */
function contiguousGroupAreas(plots: readonly PlotRecord[], gap = 30): number[] {
  const { rings, pairs } = indexPlots(plots, gap / 2);
  const parent = plots.map((_, i) => i);
  const find = (i: number): number => {
    let k = i;
    while (parent[k] !== k) {
      parent[k] = parent[parent[k] as number] as number;
      k = parent[k] as number;
    }
    return k;
  };
  for (const [i, j] of pairs) {
    if (find(i) === find(j)) continue;
    if (ringDistance(rings[i] as Pt[], rings[j] as Pt[]) <= gap) parent[find(i)] = find(j);
  }
  const sums = new Map<number, number>();
  plots.forEach((p, i) => {
    sums.set(find(i), (sums.get(find(i)) ?? 0) + muOf(p.geom));
  });
  return [...sums.values()].sort((a, b) => b - a);
}

function segmentsCross(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const o = (p: Pt, q: Pt, r: Pt): number =>
    Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}

/** Closed, counter-clockwise outer rings, no repeated consecutive points, 6 decimals, no crossing edges. */
function geometryProblems(geom: MultiPolygon): string[] {
  const problems: string[] = [];
  if (geom.type !== 'MultiPolygon' || geom.coordinates.length === 0)
    problems.push('not a non-empty MultiPolygon');
  geom.coordinates.forEach((polygon, pi) => {
    polygon.forEach((ring, ri) => {
      const first = ring[0] as Position;
      const last = ring[ring.length - 1] as Position;
      if (ring.length < 4) problems.push(`ring ${pi}/${ri} has ${ring.length} points`);
      if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`ring ${pi}/${ri} not closed`);
      let area2 = 0;
      for (let i = 0; i + 1 < ring.length; i++) {
        const p = ring[i] as Position;
        const q = ring[i + 1] as Position;
        if (p[0] === q[0] && p[1] === q[1]) problems.push(`ring ${pi}/${ri} repeats point ${i}`);
        area2 += (p[0] as number) * (q[1] as number) - (q[0] as number) * (p[1] as number);
      }
      if (ri === 0 && area2 <= 0) problems.push(`outer ring ${pi} not counter-clockwise`);
      if (ri > 0 && area2 >= 0) problems.push(`hole ${pi}/${ri} not clockwise`);
      for (const p of ring)
        for (const v of p) if (Math.round(v * 1e6) / 1e6 !== v) problems.push(`coordinate ${v} not rounded`);
      const pts = ring as Pt[];
      for (let i = 0; i + 1 < pts.length; i++)
        for (let j = i + 2; j + 1 < pts.length; j++)
          if (segmentsCross(pts[i] as Pt, pts[i + 1] as Pt, pts[j] as Pt, pts[j + 1] as Pt))
            problems.push(`ring ${pi}/${ri} edges ${i} and ${j} cross`);
    });
  });
  return problems;
}

function polygonOf(geom: MultiPolygon, i = 0): Polygon {
  return { type: 'Polygon', coordinates: geom.coordinates[i] ?? [] };
}

describe('sample city, default size', () => {
  let city: SampleCity;
  let plots: PlotRecord[];

  beforeAll(() => {
    city = generateSampleCity();
    plots = [...city.plots()];
  });

  it('is byte-identical for the same seed and differs for another seed', () => {
    const a = fingerprint(generateSampleCity({ seed: 20261125, plots: 3000 }));
    const b = fingerprint(generateSampleCity({ seed: 20261125, plots: 3000 }));
    const c = fingerprint(generateSampleCity({ seed: 7, plots: 3000 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    // The default run streams the same plots on every call of plots().
    expect(hashOf([...city.plots()].slice(-50))).toBe(hashOf(plots.slice(-50)));
  });

  it('has the seven real county-level units of Huai’an with valid boundaries', () => {
    expect(city.districts.map((d) => [d.code, d.name]).sort()).toEqual([
      ['320803', '淮安区'],
      ['320804', '淮阴区'],
      ['320812', '清江浦区'],
      ['320813', '洪泽区'],
      ['320826', '涟水县'],
      ['320830', '盱眙县'],
      ['320831', '金湖县'],
    ]);
    expect(city.districts.find((d) => d.code === '320830')?.nameEn).toBe('Xuyi County');
    for (const d of city.districts) {
      expect(geometryProblems(d.geom), d.name).toEqual([]);
      const km2 = turfArea(d.geom) / 1e6;
      expect(km2, d.name).toBeGreaterThan(300);
      expect(km2, d.name).toBeLessThan(3000);
    }
  });

  it('places about ten zones, the national ones where they really are, each inside its district', () => {
    expect(city.zones.length).toBeGreaterThanOrEqual(9);
    expect(city.zones.length).toBeLessThanOrEqual(11);
    const etdz = city.zones.find((z) => z.code === 'HA-ETDZ');
    expect(etdz?.level).toBe('national');
    expect(['320812', '320803']).toContain(etdz?.districtCode);
    expect(city.zones.find((z) => z.name === '淮安高新技术产业开发区')?.districtCode).toBe('320804');
    expect(city.zones.find((z) => z.name === '清河经济开发区')?.districtCode).toBe('320812');
    for (const code of ['320826', '320830', '320831', '320813', '320803'])
      expect(
        city.zones.some((z) => z.districtCode === code && z.level !== 'other'),
        code,
      ).toBe(true);
    for (const zone of city.zones) {
      const district = city.districts.find((d) => d.code === zone.districtCode);
      if (!district) throw new Error(`zone ${zone.code} has no district`);
      expect(geometryProblems(zone.geom), zone.code).toEqual([]);
      for (const p of zone.geom.coordinates[0]?.[0] ?? [])
        expect(booleanPointInPolygon(p, district.geom), zone.code).toBe(true);
      const km2 = turfArea(zone.geom) / 1e6;
      expect(km2, zone.code).toBeGreaterThanOrEqual(zone.level === 'national' ? 20 : 5);
      expect(km2, zone.code).toBeLessThanOrEqual(zone.level === 'national' ? 130 : 30);
      expect(zone.industries.length).toBeGreaterThanOrEqual(2);
      expect(zone.industries.length).toBeLessThanOrEqual(3);
      expect(zone.contact.phone).toMatch(/^0517-8000\d{4}$/);
      expect(zone.contact.email).toMatch(/@example\.org$/);
      expect(zone.contact.department).toContain('示例');
      expect(zone.contact.departmentEn).toMatch(/^Investment Promotion Office, .+ \(sample\)$/);
    }
  });

  it('yields close to the requested count, with unique well-formed codes', () => {
    expect(city.plotCount).toBe(10_000);
    expect(plots.length).toBe(city.plotCount);
    const codes = new Set(plots.map((p) => p.code));
    expect(codes.size).toBe(plots.length);
    for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9_-]{3,40}$/);
    for (const p of plots) expect(p.code.startsWith(`${p.zoneCode}-`)).toBe(true);
  });

  it('keeps every plot valid and inside its zone and district', () => {
    const zones = new Map(city.zones.map((z) => [z.code, z]));
    const districts = new Map(city.districts.map((d) => [d.code, d]));
    const problems: string[] = [];
    for (const p of plots) {
      const zone = zones.get(p.zoneCode);
      if (!zone || zone.districtCode !== p.districtCode) {
        problems.push(`${p.code}: zone/district mismatch`);
        continue;
      }
      problems.push(...geometryProblems(p.geom).map((m) => `${p.code}: ${m}`));
      const ring = p.geom.coordinates[0]?.[0] ?? [];
      if (!ring.every((v) => booleanPointInPolygon(v, polygonOf(zone.geom))))
        problems.push(`${p.code}: outside zone`);
      const district = districts.get(p.districtCode);
      if (!district || !booleanPointInPolygon(ring[0] as Position, district.geom))
        problems.push(`${p.code}: outside district`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('has plots that share edges within blocks and never overlap', () => {
    const { rings, pairs } = indexPlots(plots, 0.5);
    let touching = 0;
    const overlaps: string[] = [];
    for (const [i, j] of pairs) {
      const depth = penetration(rings[i] as Pt[], rings[j] as Pt[]);
      // Rounding to 6 decimals moves shared vertices by up to ~0.1 m, so only deeper overlaps count.
      if (depth > 0.3) overlaps.push(`${plots[i]?.code} × ${plots[j]?.code}: ${depth.toFixed(2)} m`);
      else if (ringDistance(rings[i] as Pt[], rings[j] as Pt[]) < 0.2) touching++;
    }
    expect(overlaps.slice(0, 5)).toEqual([]);
    expect(touching).toBeGreaterThan(plots.length);
  });

  it('has realistic plot sizes: all 20–800 mu, nearly all 20–300', () => {
    const areas = plots.map((p) => muOf(p.geom));
    expect(Math.min(...areas)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...areas)).toBeLessThanOrEqual(800);
    expect(areas.filter((a) => a <= 300).length / areas.length).toBeGreaterThan(0.95);
    expect(areas.some((a) => a > 300)).toBe(true);
  });

  it('has the expected status mix', () => {
    const share = (status: string): number => plots.filter((p) => p.status === status).length / plots.length;
    const expected: Record<string, [number, number]> = {
      in_use: [0.48, 0.62],
      low_efficiency: [0.07, 0.13],
      idle: [0.035, 0.085],
      revitalizing: [0.035, 0.085],
      available: [0.09, 0.17],
      reserved: [0.015, 0.05],
      supplied: [0.045, 0.1],
    };
    for (const [status, [lo, hi]] of Object.entries(expected)) {
      expect(share(status), status).toBeGreaterThanOrEqual(lo);
      expect(share(status), status).toBeLessThanOrEqual(hi);
    }
  });

  it('assembles at least eight contiguous parcels of 500+ mu from available and inefficient land', () => {
    const groups = contiguousGroupAreas(plots.filter((p) => CANDIDATE.has(p.status)));
    const big = groups.filter((mu) => mu >= 500);
    expect(big.length).toBeGreaterThanOrEqual(8);
  });

  it('fills attributes consistently with each status', () => {
    const reference = Date.parse(`${REFERENCE_DATE}T00:00:00Z`);
    for (const p of plots) {
      expect(p.landUseCode).toMatch(/^(1001|10010[123]|0701|0901|1101|1401)$/);
      if (p.status === 'available') {
        expect(p.enterpriseName).toBeNull();
        expect(p.indicators).toBeNull();
        expect(p.guidePrice).toBeGreaterThanOrEqual(15);
        expect(p.guidePrice).toBeLessThanOrEqual(60);
      } else expect(p.guidePrice).toBeNull();
      if (p.status === 'idle') {
        expect(p.inefficiencyType).toBe('idle');
        const years = (reference - Date.parse(p.contractedStartDate ?? '')) / (365.25 * 86_400_000);
        expect(years).toBeGreaterThanOrEqual(0.99);
        expect(years).toBeLessThanOrEqual(4.01);
      } else expect(p.contractedStartDate).toBeNull();
      if (p.status === 'low_efficiency') expect(p.inefficiencyType).not.toBeNull();
      if (!['idle', 'low_efficiency', 'revitalizing'].includes(p.status))
        expect(p.inefficiencyType).toBeNull();
      if (p.status === 'revitalizing') expect(p.revitalization).not.toBeNull();
      if (p.enterpriseName !== null) {
        expect(p.enterpriseName).toContain('示例');
        expect(p.indicators).not.toBeNull();
      } else expect(p.indicators).toBeNull();
      if (p.indicators && ['in_use', 'low_efficiency', 'revitalizing'].includes(p.status)) {
        expect(p.indicators.taxPerMu).toBeGreaterThanOrEqual(0);
        expect(p.indicators.taxPerMu).toBeLessThanOrEqual(60);
        expect(p.indicators.salesPerMu).toBeGreaterThanOrEqual(50);
        expect(p.indicators.salesPerMu).toBeLessThanOrEqual(1500);
        expect(p.indicators.investmentIntensity).toBeGreaterThanOrEqual(100);
        expect(p.indicators.investmentIntensity).toBeLessThanOrEqual(800);
        expect(p.indicators.plotRatio).toBeGreaterThanOrEqual(0.5);
        expect(p.indicators.plotRatio).toBeLessThanOrEqual(2.5);
      }
      expect(p.grade === null).toBe(p.indicators === null);
      expect(p.gradeScore === null).toBe(p.grade === null || p.grade === 'T');
    }
    const available = plots.filter((p) => p.status === 'available');
    const sevenPlusOne = available.filter(
      (p) => p.servicing.length === 8 && p.servicing.includes('levelled'),
    );
    expect(sevenPlusOne.length / available.length).toBeGreaterThan(0.6);
  });

  it('grades A–D within each district by rank, with some plots not rated (T)', () => {
    const grades = new Set(plots.map((p) => p.grade));
    for (const g of ['A', 'B', 'C', 'D', 'T']) expect(grades.has(g as PlotRecord['grade'])).toBe(true);
    for (const district of city.districts) {
      const rated = plots.filter((p) => p.districtCode === district.code && p.grade && p.grade !== 'T');
      if (rated.length < 300) continue;
      const share = (g: string): number => rated.filter((p) => p.grade === g).length / rated.length;
      expect(share('A'), `${district.name} A`).toBeGreaterThan(0.1);
      expect(share('A'), `${district.name} A`).toBeLessThan(0.3);
      expect(share('D'), `${district.name} D`).toBeGreaterThan(0.015);
      expect(share('D'), `${district.name} D`).toBeLessThan(0.12);
      // A better score never gets a worse grade within a district.
      const order = ['D', 'C', 'B', 'A'];
      const sorted = rated.slice().sort((a, b) => (a.gradeScore ?? 0) - (b.gradeScore ?? 0));
      for (let i = 1; i < sorted.length; i++)
        expect(order.indexOf(sorted[i]?.grade ?? '')).toBeGreaterThanOrEqual(
          order.indexOf(sorted[i - 1]?.grade ?? ''),
        );
    }
  });

  it('draws core and transitional control lines that cover most but not all industrial plots', () => {
    const codes = new Set(city.controlLines.map((l) => l.code));
    expect(codes.size).toBe(city.controlLines.length);
    expect(new Set(city.controlLines.map((l) => l.level))).toEqual(new Set(['core', 'transitional']));
    for (const line of city.controlLines) {
      expect(geometryProblems(line.geom), line.code).toEqual([]);
      expect(line.version).toBe('2025');
      expect(line.effectiveDate).toBe('2025-06-30');
    }
    const industrial = plots.filter((p) => p.landUseCode.startsWith('1001'));
    const inside = (p: PlotRecord): boolean => {
      const ring = p.geom.coordinates[0]?.[0] ?? [];
      const probe = ring[0] as Position;
      const opposite = ring[Math.floor(ring.length / 2)] as Position;
      const centre: Position = [
        ((probe[0] as number) + (opposite[0] as number)) / 2,
        ((probe[1] as number) + (opposite[1] as number)) / 2,
      ];
      return city.controlLines.some(
        (l) => l.districtCode === p.districtCode && booleanPointInPolygon(centre, l.geom),
      );
    };
    const outside = industrial.filter((p) => !inside(p)).length / industrial.length;
    expect(outside).toBeGreaterThan(0.02);
    expect(outside).toBeLessThan(0.25);
    const nonIndustrialInCore = plots.filter((p) => !p.landUseCode.startsWith('1001') && inside(p));
    expect(nonIndustrialInCore.length).toBeGreaterThan(0);
  });

  it('has about sixty projects across stages, with large recent signings due for review', () => {
    const { projects } = city;
    expect(projects.length).toBeGreaterThanOrEqual(50);
    expect(projects.length).toBeLessThanOrEqual(70);
    expect(new Set(projects.map((p) => p.code)).size).toBe(projects.length);
    expect(new Set(projects.map((p) => p.stage))).toEqual(
      new Set(['talks', 'signed', 'started', 'producing']),
    );
    const zoneCodes = new Set(city.zones.map((z) => z.code));
    for (const p of projects) {
      expect(p.signedAt === null).toBe(p.stage === 'talks');
      expect(p.investmentYi).toBeGreaterThanOrEqual(1);
      expect(p.investmentYi).toBeLessThanOrEqual(80);
      expect(p.landDemandMu).toBeGreaterThanOrEqual(50);
      expect(p.landDemandMu).toBeLessThanOrEqual(1200);
      expect(zoneCodes.has(p.zoneCode)).toBe(true);
    }
    const reference = Date.parse(`${REFERENCE_DATE}T00:00:00+08:00`);
    const hoursAgo = (p: (typeof projects)[number]): number =>
      (reference - Date.parse(p.signedAt ?? '')) / 3_600_000;
    const large = projects.filter((p) => p.investmentYi >= 10 && p.signedAt !== null);
    expect(large.filter((p) => hoursAgo(p) >= 0 && hoursAgo(p) < 72).length).toBeGreaterThanOrEqual(3);
    expect(large.filter((p) => hoursAgo(p) >= 72 && hoursAgo(p) < 24 * 14).length).toBeGreaterThanOrEqual(3);
  });
});

describe('sample city at scale', () => {
  it('yields exactly the requested count at other sizes', () => {
    for (const n of [1, 1_000, 12_345]) {
      const city = generateSampleCity({ plots: n });
      let count = 0;
      for (const _ of city.plots()) count++;
      expect(city.plotCount).toBe(n);
      expect(count).toBe(n);
    }
  });

  it('streams 200,000 valid plots in bounded memory', () => {
    const city = generateSampleCity({ plots: 200_000 });
    const zones = new Map(city.zones.map((z) => [z.code, z]));
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    let problems = 0;
    for (const p of city.plots()) {
      count++;
      if (count % 997 === 0) {
        const zone = zones.get(p.zoneCode);
        const ring = p.geom.coordinates[0]?.[0] ?? [];
        if (!zone || geometryProblems(p.geom).length > 0) problems++;
        else if (!ring.every((v) => booleanPointInPolygon(v, polygonOf(zone.geom)))) problems++;
      }
      if (count % 20_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(count).toBe(200_000);
    expect(problems).toBe(0);
    expect(peak).toBeLessThan(300 * 1024 * 1024);
  }, 60_000);
});
