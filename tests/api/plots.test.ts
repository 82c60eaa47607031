import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool } from '../../server/src/db/pool.ts';
import type { PlotDetail, PlotList } from '../../server/src/plots/schemas.ts';
import { appFor, PLANNER } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';

const INTERNAL_FIELDS = ['enterpriseName', 'inefficiencyType', 'grade', 'indicators', 'gradeScore', 'notes'];

describe.each(inject('backends'))('plots API on $name', (backend) => {
  let pool: Pool;
  let publicApp: FastifyInstance;
  let plannerApp: FastifyInstance;

  beforeAll(async () => {
    pool = poolFor(backend);
    publicApp = await appFor(backend, pool);
    plannerApp = await appFor(backend, pool, PLANNER);
  });
  afterAll(async () => {
    await publicApp.close();
    await plannerApp.close();
    await pool.end();
  });

  async function list(app: FastifyInstance, query: string): Promise<PlotList> {
    const response = await app.inject(`/api/plots?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<PlotList>();
  }

  it('pages through all plots with a total, for the public without internal attributes', async () => {
    const page = await list(publicApp, 'limit=50&offset=100');
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM plots');
    expect(page.total).toBe(rows[0]!.n);
    expect(page.items).toHaveLength(50);
    expect(page.offset).toBe(100);
    for (const item of page.items) {
      for (const field of INTERNAL_FIELDS) expect(item).not.toHaveProperty(field);
      expect(['available', 'reserved', 'occupied']).toContain(item.status);
    }
  });

  it('shows a planner the real status and the occupant', async () => {
    const page = await list(plannerApp, 'status=idle&limit=5');
    expect(page.total).toBeGreaterThan(0);
    for (const item of page.items) {
      expect(item.status).toBe('idle');
      expect(item).toHaveProperty('enterpriseName');
      expect(item.inefficiencyType).toBe('idle');
    }
  });

  it('never lets the public find plots by an internal attribute', async () => {
    expect((await list(publicApp, 'status=idle')).total).toBe(0);
    expect((await list(publicApp, 'grade=D')).total).toBe(0);
    expect((await list(plannerApp, 'grade=D')).total).toBeGreaterThan(0);
  });

  it('filters by status, zone, district and area range, matching direct SQL counts', async () => {
    const zone = (
      await pool.query<{ id: number; n: number }>(
        `SELECT zone_id AS id, count(*)::int AS n FROM plots WHERE status = 'available' AND area_mu BETWEEN 50 AND 200
       GROUP BY zone_id ORDER BY n DESC LIMIT 1`,
      )
    ).rows[0]!;
    const page = await list(
      publicApp,
      `status=available&zoneId=${zone.id}&minAreaMu=50&maxAreaMu=200&limit=1000`,
    );
    expect(page.total).toBe(zone.n);
    for (const item of page.items) {
      expect(item.zoneId).toBe(zone.id);
      expect(item.status).toBe('available');
      expect(item.areaMu).toBeGreaterThanOrEqual(50);
      expect(item.areaMu).toBeLessThanOrEqual(200);
    }
    const district = (
      await pool.query<{ code: string; n: number }>(
        'SELECT district_code AS code, count(*)::int AS n FROM plots GROUP BY 1 ORDER BY 1 LIMIT 1',
      )
    ).rows[0]!;
    expect((await list(publicApp, `districtCode=${district.code}&limit=1`)).total).toBe(district.n);
  });

  it('filters by bounding box', async () => {
    const box = (
      await pool.query<{ b: [number, number, number, number] }>(
        `SELECT json_build_array(ST_X(c) - 0.02, ST_Y(c) - 0.02, ST_X(c) + 0.02, ST_Y(c) + 0.02) AS b
       FROM (SELECT ST_Centroid(geom) AS c FROM zones ORDER BY id LIMIT 1) z`,
      )
    ).rows[0]!.b;
    const expected = (
      await pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM plots WHERE ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))',
        box,
      )
    ).rows[0]!.n;
    expect(expected).toBeGreaterThan(0);
    expect((await list(publicApp, `bbox=${box.join(',')}&limit=1`)).total).toBe(expected);
  });

  it('filters by land-use class, a class taking in its subclasses', async () => {
    const { rows } = await pool.query<{ code: string; n: number }>(
      `SELECT c.code, (SELECT count(*)::int FROM plots p WHERE p.land_use_code LIKE c.code || '%') AS n
       FROM (VALUES ('1001'), ('100102'), ('1101')) c(code) ORDER BY 1`,
    );
    const counts = Object.fromEntries(rows.map((row) => [row.code, row.n]));
    expect(counts['1001']).toBeGreaterThan(counts['100102']!);
    for (const [code, n] of Object.entries(counts)) {
      expect((await list(publicApp, `landUseCode=${code}&limit=1`)).total).toBe(n);
    }
  });

  it('sorts by an allowed key, descending with a minus', async () => {
    const page = await list(publicApp, 'sort=-areaMu&limit=20');
    const areas = page.items.map((item) => item.areaMu);
    expect(areas).toEqual([...areas].sort((a, b) => b - a));
    const { rows } = await pool.query<{ max: number }>(
      'SELECT round(max(area_mu)::numeric, 2) AS max FROM plots',
    );
    expect(areas[0]).toBe(rows[0]!.max);
  });

  it('answers GeoJSON with numberMatched and numberReturned, as OGC API does', async () => {
    const response = await publicApp.inject('/api/plots?format=geojson&status=available&limit=300');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/geo+json');
    const collection = response.json<{
      type: string;
      numberMatched: number;
      numberReturned: number;
      features: { id: number; geometry: { type: string }; properties: Record<string, unknown> }[];
    }>();
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.numberMatched).toBe((await list(publicApp, 'status=available&limit=1')).total);
    expect(collection.numberReturned).toBe(collection.features.length);
    expect(collection.features.length).toBe(Math.min(300, collection.numberMatched));
    for (const feature of collection.features) {
      expect(feature.geometry.type).toBe('MultiPolygon');
      expect(feature.properties.id).toBe(feature.id);
      for (const field of INTERNAL_FIELDS) expect(feature.properties).not.toHaveProperty(field);
    }
  });

  it('returns one plot: public facts for the public, indicators for a planner', async () => {
    const { rows } = await pool.query<{ id: number }>(
      "SELECT id FROM plots WHERE status = 'in_use' AND tax_per_mu IS NOT NULL ORDER BY id LIMIT 1",
    );
    const id = rows[0]!.id;
    const publicPlot = (await publicApp.inject(`/api/plots/${id}`)).json<PlotDetail>();
    expect(publicPlot.status).toBe('occupied');
    expect(publicPlot.geometry.type).toBe('MultiPolygon');
    expect(publicPlot.areaM2).toBeCloseTo((publicPlot.areaMu * 10000) / 15, -1);
    // The bbox the map frames the plot with surrounds its centroid.
    const [minLon, minLat, maxLon, maxLat] = publicPlot.bbox;
    const [lon, lat] = publicPlot.centroid;
    expect(minLon < lon && lon < maxLon && minLat < lat && lat < maxLat).toBe(true);
    for (const field of [...INTERNAL_FIELDS, 'revitalization', 'contractedStartDate']) {
      expect(publicPlot).not.toHaveProperty(field);
    }
    const plannerPlot = (await plannerApp.inject(`/api/plots/${id}`)).json<PlotDetail>();
    expect(plannerPlot.status).toBe('in_use');
    expect(plannerPlot.indicators?.taxPerMu).toEqual(expect.any(Number));
    expect(plannerPlot.enterpriseName).toEqual(expect.any(String));
  });

  it('counts plots and areas by the status each viewer sees, with the same filters', async () => {
    const publicStats = (await publicApp.inject('/api/plots/stats')).json();
    const { rows } = await pool.query<{ n: number; available: number; area: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'available')::int AS available,
              sum(area_mu) FILTER (WHERE status = 'available') AS area FROM plots`,
    );
    expect(publicStats.total).toBe(rows[0]!.n);
    expect(publicStats.byStatus.map((s: { status: string }) => s.status).sort()).toEqual([
      'available',
      'occupied',
      'reserved',
    ]);
    const available = publicStats.byStatus.find((s: { status: string }) => s.status === 'available');
    expect(available.count).toBe(rows[0]!.available);
    expect(available.areaMu).toBeCloseTo(rows[0]!.area, 0);
    const plannerStats = (await plannerApp.inject('/api/plots/stats?districtCode=320812')).json();
    expect(plannerStats.byStatus.map((s: { status: string }) => s.status)).toContain('idle');
    const inDistrict = (await list(plannerApp, 'districtCode=320812&limit=1')).total;
    expect(plannerStats.total).toBe(inDistrict);
    expect((await publicApp.inject('/api/plots/stats?limit=5')).statusCode).toBe(400);
  });

  it('answers 404 for a plot that does not exist', async () => {
    const response = await publicApp.inject('/api/plots/999999999');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe('Not Found');
    expect(response.json().message).toContain('999999999');
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=5000', 'limit'],
    ['offset=-1', 'offset'],
    ['status=bogus', 'status: unknown value "bogus"'],
    ['bbox=1,2,3', 'bbox: expected 4 numbers'],
    ['bbox=120,33,119,34', 'bbox: the minimum must be below the maximum'],
    ['bbox=120,x,121,34', 'bbox: "x" is not a number'],
    ['minAreaMu=300&maxAreaMu=100', 'minAreaMu (300) is greater than maxAreaMu (100)'],
    ['sort=password', 'sort: unknown key "password"'],
    ['zoneId=1;drop', 'zoneId'],
    ['color=red', 'color'],
    ['minAreaMu=lots', 'minAreaMu'],
  ])('refuses %s with 400 naming the problem', async (query, message) => {
    const response = await publicApp.inject(`/api/plots?${query}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(response.json().message).toContain(message);
  });

  it('refuses a plot id that is not a number', async () => {
    const response = await publicApp.inject('/api/plots/abc');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('id');
  });
});
