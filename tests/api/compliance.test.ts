// Control-line compliance: shares per line and per district against the minimums, the plots that
// break the rules (checked against geometry, not the stored shares), exports and the map theme.
import { VectorTile } from '@mapbox/vector-tile';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Viewer } from '../../server/src/auth/policy.ts';
import type {
  BreachKind,
  CompliancePlot,
  CompliancePlotList,
  ComplianceSummary,
} from '../../server/src/compliance/schemas.ts';
import { type Pool, withTransaction } from '../../server/src/db/pool.ts';
import type { PlotList, PlotStats } from '../../server/src/plots/schemas.ts';
import { appFor, PLANNER } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';
import { tileAt } from '../support/tiles.ts';

/** Every page of a breach list. */
async function allBreaches(app: FastifyInstance, query: string): Promise<CompliancePlotList> {
  const items: CompliancePlot[] = [];
  let page: CompliancePlotList;
  do {
    const response = await app.inject(`/api/compliance/plots?${query}&limit=1000&offset=${items.length}`);
    expect(response.statusCode, response.body).toBe(200);
    page = response.json<CompliancePlotList>();
    items.push(...page.items);
  } while (items.length < page.total && page.items.length > 0);
  return { ...page, items };
}

/**
 * Each plot's shares inside core lines and inside any line, measured here from the geometry of the
 * lines in force (independently of the shares the database keeps on the plot).
 */
const MEASURED_SHARES = `
  WITH core AS (SELECT ST_Union(geom) AS geom FROM control_lines_current WHERE level = 'core'),
       lines AS (SELECT ST_Union(geom) AS geom FROM control_lines_current)
  SELECT p.id, u.is_industrial, p.zone_id,
         coalesce(area_mu(ST_Intersection(p.geom, core.geom)) / area_mu(p.geom), 0) AS core,
         coalesce(area_mu(ST_Intersection(p.geom, lines.geom)) / area_mu(p.geom), 0) AS any_line
    FROM plots p JOIN land_use_classes u ON u.code = p.land_use_code, core, lines`;

describe.each(inject('backends'))('control-line compliance on $name', (backend) => {
  let pool: Pool;
  let planner: FastifyInstance;
  let manager: FastifyInstance;
  let publicApp: FastifyInstance;
  let etdz: number;
  let inside: number;
  let measured: {
    id: number;
    is_industrial: boolean;
    zone_id: number | null;
    core: number;
    any_line: number;
  }[];

  const expectedKind = (plot: (typeof measured)[number]): BreachKind | null => {
    if (plot.is_industrial && plot.any_line < inside - 1e-9) return 'industrial_outside';
    if (!plot.is_industrial && plot.core > 1e-9 && plot.core >= inside - 1e-9) return 'nonindustrial_in_core';
    return null;
  };

  beforeAll(async () => {
    pool = poolFor(backend);
    const { rows } = await pool.query<{ id: number; user_id: number; inside: number }>(
      `SELECT z.id, (SELECT id FROM users WHERE username = 'zone_manager') AS user_id,
              (SELECT (value ->> 'mostlyInsideShare')::float8 FROM settings WHERE key = 'control_lines.rules') AS inside
         FROM zones z WHERE z.code = 'HA-ETDZ'`,
    );
    etdz = rows[0]!.id;
    inside = rows[0]!.inside;
    const viewer: Viewer = {
      userId: rows[0]!.user_id,
      username: 'zone_manager',
      role: 'zone_manager',
      zoneIds: [etdz],
    };
    planner = await appFor(backend, pool, PLANNER);
    manager = await appFor(backend, pool, viewer);
    publicApp = await appFor(backend, pool);
    measured = (await pool.query(MEASURED_SHARES)).rows;
  });
  afterAll(async () => {
    await Promise.all([planner.close(), manager.close(), publicApp.close()]);
    await pool.end();
  });

  it('configures the rules with the domain defaults', async () => {
    const summary = (await planner.inject('/api/compliance/summary')).json<ComplianceSummary>();
    expect(summary.rules).toEqual({
      minIndustrialShareCore: 0.6,
      minIndustrialShareTransitional: 0.6,
      minIndustrialShareDistrict: 0.6,
      minDistrictIndustrialInsideShare: 0.8,
      mostlyInsideShare: 0.5,
    });
  });

  it('gives each line in force its industrial share, as measured directly, against its minimum', async () => {
    const response = await planner.inject('/api/compliance/summary');
    expect(response.statusCode, response.body).toBe(200);
    const summary = response.json<ComplianceSummary>();
    const { rows } = await pool.query<{ id: number; level: string; area_mu: number; industrial_mu: number }>(
      `SELECT l.id, l.level, l.area_mu,
              coalesce((SELECT sum(area_mu(ST_Intersection(p.geom, l.geom)))
                          FROM plots p JOIN land_use_classes u ON u.code = p.land_use_code AND u.is_industrial
                         WHERE ST_Intersects(p.geom, l.geom)), 0) AS industrial_mu
         FROM control_lines_current l`,
    );
    expect(summary.lines.map((line) => line.id).sort((a, b) => a - b)).toEqual(
      rows.map((row) => row.id).sort((a, b) => a - b),
    );
    const byId = new Map(summary.lines.map((line) => [line.id, line]));
    for (const row of rows) {
      const line = byId.get(row.id)!;
      const share = row.industrial_mu / row.area_mu;
      const minimum =
        row.level === 'core'
          ? summary.rules.minIndustrialShareCore
          : summary.rules.minIndustrialShareTransitional;
      expect(line.industrialAreaMu).toBeCloseTo(row.industrial_mu, 1);
      expect(line.industrialShare).toBeCloseTo(share, 5);
      expect(line.minimum).toBe(minimum);
      expect(line.pass).toBe(share >= minimum);
    }
  });

  it('gives each district its lines’ industrial share and the share of its industrial land inside them', async () => {
    const summary = (await planner.inject('/api/compliance/summary')).json<ComplianceSummary>();
    const { rows } = await pool.query<{
      code: string;
      line_mu: number;
      industrial_in_mu: number;
      industrial_mu: number;
    }>(
      `WITH lines AS (SELECT ST_Union(geom) AS geom FROM control_lines_current)
       SELECT d.code, coalesce(area_mu(ST_Intersection(d.geom, lines.geom)), 0) AS line_mu,
              coalesce((SELECT sum(area_mu(ST_Intersection(p.geom, lines.geom)))
                          FROM plots p JOIN land_use_classes u ON u.code = p.land_use_code AND u.is_industrial
                         WHERE p.district_code = d.code AND ST_Intersects(p.geom, lines.geom)), 0) AS industrial_in_mu,
              coalesce((SELECT sum(p.area_mu)
                          FROM plots p JOIN land_use_classes u ON u.code = p.land_use_code AND u.is_industrial
                         WHERE p.district_code = d.code), 0) AS industrial_mu
         FROM districts d, lines ORDER BY d.code`,
    );
    expect(summary.districts.map((d) => d.code)).toEqual(rows.map((row) => row.code));
    for (const [i, row] of rows.entries()) {
      const district = summary.districts[i]!;
      expect(district.lineAreaMu).toBeCloseTo(row.line_mu, 1);
      expect(district.industrialInLinesMu).toBeCloseTo(row.industrial_in_mu, 1);
      expect(district.industrialAreaMu).toBeCloseTo(row.industrial_mu, 1);
      if (row.line_mu > 0) {
        expect(district.industrialShare).toBeCloseTo(row.industrial_in_mu / row.line_mu, 5);
        expect(district.pass).toBe(row.industrial_in_mu / row.line_mu >= 0.6);
      } else expect(district.industrialShare).toBeNull();
      expect(district.insideShare).toBeCloseTo(row.industrial_in_mu / row.industrial_mu, 5);
      expect(district.insidePass).toBe(row.industrial_in_mu / row.industrial_mu >= 0.8);
    }
    // The sample city's lines hold some districts to account: the table has both outcomes.
    expect(summary.lines.some((line) => line.pass)).toBe(true);
    const filtered = (
      await planner.inject(`/api/compliance/summary?districtCode=${rows[0]!.code}`)
    ).json<ComplianceSummary>();
    expect(filtered.districts.map((d) => d.code)).toEqual([rows[0]!.code]);
    expect(filtered.lines.every((line) => line.districtCode === rows[0]!.code)).toBe(true);
    expect((await planner.inject('/api/compliance/summary?districtCode=999999')).statusCode).toBe(404);
  });

  it('lists exactly the plots that break a rule, by the geometry of the lines', async () => {
    for (const kind of ['industrial_outside', 'nonindustrial_in_core'] as const) {
      const list = await allBreaches(planner, `kind=${kind}`);
      const expected = measured.filter((plot) => expectedKind(plot) === kind).map((plot) => plot.id);
      expect(expected.length, kind).toBeGreaterThan(0);
      expect(list.total, kind).toBe(expected.length);
      expect(list.items.map((plot) => plot.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
      expect(list.items.every((plot) => plot.kind === kind)).toBe(true);
      // Largest first, with the totals of the whole list.
      const areas = list.items.map((plot) => plot.areaMu);
      expect(areas).toEqual([...areas].sort((a, b) => b - a));
      expect(list.totalAreaMu).toBeCloseTo(
        areas.reduce((sum, a) => sum + a, 0),
        0,
      );
    }
    const both = (await planner.inject('/api/compliance/plots?limit=1')).json<CompliancePlotList>();
    expect(both.total).toBe(measured.filter((plot) => expectedKind(plot) !== null).length);
  });

  it('counts a plot partly inside a line by the share the rules name', async () => {
    // A 1-hectare industrial plot straddling a core line's edge, about half inside.
    const { rows } = await pool.query<{ geom: string; district_code: string; share: number }>(
      `WITH l AS (SELECT geom, district_code FROM control_lines_current WHERE level = 'core' ORDER BY id LIMIT 1),
            edge AS (SELECT ST_LineInterpolatePoint(ST_MakeLine(ST_PointN(r, 1), ST_PointN(r, 2)), 0.5) AS m, l.district_code
                       FROM l, ST_ExteriorRing(ST_GeometryN(l.geom, 1)) r),
            plot AS (SELECT ST_Multi(ST_Transform(ST_Buffer(ST_Transform(m, 3857), 50 / cos(radians(ST_Y(m))),
                                                            'endcap=square quad_segs=1'), 4326)) AS geom, district_code
                       FROM edge)
       SELECT ST_AsText(plot.geom) AS geom, plot.district_code,
              area_mu(ST_Intersection(plot.geom, (SELECT ST_Union(geom) FROM control_lines_current))) / area_mu(plot.geom) AS share
         FROM plot`,
    );
    const { geom, district_code: district, share } = rows[0]!;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.95);
    const setInside = (value: number) =>
      pool.query(
        `UPDATE settings SET value = jsonb_set(value, '{mostlyInsideShare}', to_jsonb($1::float8))
          WHERE key = 'control_lines.rules'`,
        [value],
      );
    const { rows: made } = await pool.query<{ id: number }>(
      `INSERT INTO plots (code, district_code, geom, land_use_code, is_sample)
       VALUES ('TEST-COMPLIANCE-EDGE', $1, ST_GeomFromText($2, 4326), '100102', true) RETURNING id`,
      [district, geom],
    );
    const id = made[0]!.id;
    const kindOf = async () =>
      (await allBreaches(planner, `districtCode=${district}`)).items.find((plot) => plot.id === id)?.kind ??
      null;
    try {
      await setInside(share - 0.04);
      expect(await kindOf()).toBeNull();
      await setInside(share + 0.04);
      expect(await kindOf()).toBe('industrial_outside');
      const plot = (await allBreaches(planner, `districtCode=${district}`)).items.find((p) => p.id === id)!;
      expect(plot.lineShare).toBeCloseTo(share, 3);
    } finally {
      await setInside(inside);
      await pool.query('DELETE FROM plots WHERE id = $1', [id]);
    }
  });

  it('lists an industrial plot inside a core line once its land use changes to non-industrial', async () => {
    const candidate = measured.find(
      (plot) => plot.is_industrial && plot.core > 0.999 && plot.zone_id === etdz,
    );
    expect(candidate).toBeDefined();
    const id = candidate!.id;
    const { rows } = await pool.query<{ land_use_code: string; district_code: string }>(
      'SELECT land_use_code, district_code FROM plots WHERE id = $1',
      [id],
    );
    const { land_use_code: before, district_code: district } = rows[0]!;
    const setUse = (code: string) =>
      withTransaction(pool, (client) =>
        client.query('UPDATE plots SET land_use_code = $2 WHERE id = $1', [id, code]),
      );
    const listed = async () =>
      (await allBreaches(planner, `kind=nonindustrial_in_core&districtCode=${district}`)).items.find(
        (plot) => plot.id === id,
      );
    expect(await listed()).toBeUndefined();
    await setUse('0901');
    try {
      expect(await listed()).toMatchObject({
        id,
        kind: 'nonindustrial_in_core',
        landUseCode: '0901',
        coreShare: 1,
      });
      // The zone's manager sees it too, with the occupant.
      const own = await allBreaches(manager, 'kind=nonindustrial_in_core');
      expect(own.items.find((plot) => plot.id === id)).toHaveProperty('enterpriseName');
    } finally {
      await setUse(before);
    }
    expect(await listed()).toBeUndefined();
  });

  it('shows a zone manager the breaches of their own zones only', async () => {
    const own = await allBreaches(manager, '');
    const expected = measured.filter((plot) => plot.zone_id === etdz && expectedKind(plot) !== null);
    expect(own.total).toBe(expected.length);
    expect(own.items.every((plot) => plot.zoneId === etdz)).toBe(true);
    expect(own.items.every((plot) => 'enterpriseName' in plot)).toBe(true);
    const all = (await planner.inject('/api/compliance/plots?limit=1')).json<CompliancePlotList>();
    expect(all.total).toBeGreaterThan(own.total);
    const { rows } = await pool.query<{ id: number }>(
      'SELECT id FROM zones WHERE id <> $1 ORDER BY id LIMIT 1',
      [etdz],
    );
    const other = await manager.inject(`/api/compliance/plots?zoneId=${rows[0]!.id}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toContain('not one of your zones');
    const otherExport = await manager.inject(`/api/compliance/export?format=csv&zoneId=${rows[0]!.id}`);
    expect(otherExport.statusCode).toBe(403);
    expect((await publicApp.inject('/api/compliance/plots')).statusCode).toBe(401);
    expect((await publicApp.inject('/api/compliance/summary')).statusCode).toBe(401);
  });

  it('exports the list as CSV for Excel, one row per plot', async () => {
    const total = (
      await planner.inject('/api/compliance/plots?kind=industrial_outside&limit=1')
    ).json<CompliancePlotList>().total;
    const response = await planner.inject('/api/compliance/export?kind=industrial_outside&format=csv');
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="land-atlas-compliance-industrial_outside-.*\.csv"/,
    );
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    const lines = response.body.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toContain('地块编号');
    expect(lines).toHaveLength(total + 1);
    const english = await planner.inject('/api/compliance/export?kind=industrial_outside&format=csv&lang=en');
    expect(english.body.slice(1).split('\r\n')[0]).toContain('Plot code');
    // A zone manager's export holds their zones' plots.
    const own = (await manager.inject('/api/compliance/plots?limit=1')).json<CompliancePlotList>().total;
    const ownCsv = await manager.inject('/api/compliance/export?format=csv');
    expect(ownCsv.body.slice(1).trimEnd().split('\r\n')).toHaveLength(own + 1);
  });

  it('exports the list as an XLSX workbook that opens, one row per plot', async () => {
    const total = (await planner.inject('/api/compliance/plots?limit=1')).json<CompliancePlotList>().total;
    const response = await planner.inject('/api/compliance/export?format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('地块编号');
    expect(sheet.actualRowCount).toBe(total + 1);
    const codes = new Set((await allBreaches(planner, '')).items.map((plot) => plot.code));
    expect(codes.has(String(sheet.getRow(2).getCell(1).value))).toBe(true);
    expect(typeof sheet.getRow(2).getCell(8).value).toBe('number');
  });

  it('colours plot tiles by compliance, for the public too, and filters the plot list by it', async () => {
    const breach = measured.find(
      (plot) => plot.zone_id === etdz && expectedKind(plot) === 'industrial_outside',
    );
    expect(breach).toBeDefined();
    const { rows } = await pool.query<{ lon: number; lat: number }>(
      'SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM plots WHERE id = $1',
      [breach!.id],
    );
    const [z, x, y] = tileAt(rows[0]!.lon, rows[0]!.lat, 15);
    const response = await publicApp.inject(`/tiles/plots/${z}/${x}/${y}.mvt`);
    expect(response.statusCode).toBe(200);
    const layer = new VectorTile(new PbfReader(response.rawPayload)).layers.plots!;
    const kinds = new Map<number, unknown>();
    for (let i = 0; i < layer.length; i += 1) {
      const feature = layer.feature(i);
      kinds.set(Number(feature.id), feature.properties.compliance);
    }
    expect(kinds.get(breach!.id)).toBe('industrial_outside');
    const byId = new Map(measured.map((plot) => [plot.id, plot]));
    for (const [id, kind] of kinds)
      expect(kind, `plot ${id}`).toBe(expectedKind(byId.get(id)!) ?? 'compliant');

    const listed = (
      await publicApp.inject('/api/plots?compliance=industrial_outside&limit=1')
    ).json<PlotList>();
    expect(listed.total).toBe(measured.filter((plot) => expectedKind(plot) === 'industrial_outside').length);
    const stats = (await publicApp.inject('/api/plots/stats')).json<PlotStats>();
    const tally = Object.fromEntries(stats.byCompliance.map((row) => [row.compliance, row.count]));
    expect(tally).toEqual({
      compliant: measured.filter((plot) => expectedKind(plot) === null).length,
      industrial_outside: listed.total,
      nonindustrial_in_core: measured.filter((plot) => expectedKind(plot) === 'nonindustrial_in_core').length,
    });
    expect((await publicApp.inject('/api/plots?compliance=fine')).statusCode).toBe(400);
  });
});
