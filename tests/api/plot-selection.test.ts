// Selecting plots with a drawn polygon, the internal legend figures, and a plot's status history.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Viewer } from '../../server/src/auth/policy.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import { withTransaction } from '../../server/src/db/pool.ts';
import type { PlotSelection, PlotStats, PlotTimeline } from '../../server/src/plots/schemas.ts';
import { appFor, PLANNER } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';

const INTERNAL_FIELDS = ['enterpriseName', 'inefficiencyType', 'grade'];

/** A closed rectangle ring, lon/lat. */
function rectangle(minLon: number, minLat: number, maxLon: number, maxLat: number) {
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [minLon, minLat],
        [maxLon, minLat],
        [maxLon, maxLat],
        [minLon, maxLat],
        [minLon, minLat],
      ],
    ],
  };
}

describe.each(inject('backends'))('plot selection, legend figures and timeline on $name', (backend) => {
  let pool: Pool;
  let publicApp: FastifyInstance;
  let plannerApp: FastifyInstance;
  let managerApp: FastifyInstance;
  let manager: Viewer;
  let zone: { id: number; bbox: [number, number, number, number] };

  beforeAll(async () => {
    pool = poolFor(backend);
    const { rows } = await pool.query<{
      id: number;
      bbox: [number, number, number, number];
      user_id: number;
    }>(
      `SELECT z.id, json_build_array(ST_XMin(z.geom), ST_YMin(z.geom), ST_XMax(z.geom), ST_YMax(z.geom)) AS bbox,
              (SELECT id FROM users WHERE username = 'zone_manager') AS user_id
       FROM zones z WHERE z.code = 'HA-ETDZ'`,
    );
    zone = { id: rows[0]!.id, bbox: rows[0]!.bbox };
    manager = {
      userId: rows[0]!.user_id,
      username: 'zone_manager',
      role: 'zone_manager',
      zoneIds: [zone.id],
    };
    publicApp = await appFor(backend, pool);
    plannerApp = await appFor(backend, pool, PLANNER);
    managerApp = await appFor(backend, pool, manager);
  });
  afterAll(async () => {
    await Promise.all([publicApp.close(), plannerApp.close(), managerApp.close()]);
    await pool.end();
  });

  const select = (app: FastifyInstance, body: unknown, query = '') =>
    app.inject({ method: 'POST', url: `/api/plots/selection${query}`, payload: body as object });

  it('selects the plots a drawn polygon touches, as many as the database finds, largest first', async () => {
    // The western half of the zone.
    const [minLon, minLat, maxLon, maxLat] = zone.bbox;
    const polygon = rectangle(minLon, minLat, (minLon + maxLon) / 2, maxLat);
    const response = await select(publicApp, { polygon });
    expect(response.statusCode, response.body).toBe(200);
    const selection = response.json<PlotSelection>();
    const { rows } = await pool.query<{ n: number; area: number }>(
      `SELECT count(*)::int AS n, round(sum(area_mu)::numeric, 1)::float8 AS area FROM plots
       WHERE ST_Intersects(geom, ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))`,
      [JSON.stringify(polygon)],
    );
    expect(rows[0]!.n).toBeGreaterThan(10);
    expect(selection.total).toBe(rows[0]!.n);
    expect(selection.totalAreaMu).toBeCloseTo(rows[0]!.area, 0);
    expect(selection.byStatus.reduce((sum, s) => sum + s.count, 0)).toBe(selection.total);
    expect(selection.items).toHaveLength(Math.min(selection.total, 1000));
    const areas = selection.items.map((item) => item.areaMu);
    expect(areas).toEqual([...areas].sort((a, b) => b - a));
    for (const item of selection.items) {
      for (const field of INTERNAL_FIELDS) expect(item).not.toHaveProperty(field);
      expect(['available', 'reserved', 'occupied']).toContain(item.status);
    }
  });

  it('narrows a selection with the map’s filters, and shows a planner the real statuses', async () => {
    const polygon = rectangle(...zone.bbox);
    const all = (await select(plannerApp, { polygon })).json<PlotSelection>();
    const idle = (await select(plannerApp, { polygon }, '?status=idle')).json<PlotSelection>();
    expect(idle.total).toBe(all.byStatus.find((s) => s.status === 'idle')?.count ?? 0);
    expect(idle.items.every((item) => item.status === 'idle' && 'enterpriseName' in item)).toBe(true);
  });

  it('refuses a self-intersecting polygon, naming the problem and where it is', async () => {
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [119, 33.5],
          [119.1, 33.6],
          [119.1, 33.5],
          [119, 33.6],
          [119, 33.5],
        ],
      ],
    };
    const response = await select(publicApp, { polygon: bowtie });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/Self-intersection\[119\.05 33\.55\]/);
  });

  it('refuses an open ring, a latitude out of range and unknown fields', async () => {
    const open = rectangle(119, 33.5, 119.1, 33.6);
    open.coordinates[0]!.pop();
    open.coordinates[0]!.push([119.05, 33.5]);
    const unclosed = await select(publicApp, { polygon: open });
    expect(unclosed.statusCode).toBe(400);
    expect(unclosed.json().message).toMatch(/ring 0 is not closed/);

    const south = rectangle(119, 33.5, 119.1, 95);
    expect((await select(publicApp, { polygon: south })).statusCode).toBe(400);
    const extra = await select(publicApp, { polygon: rectangle(119, 33.5, 119.1, 33.6), everything: true });
    expect(extra.statusCode).toBe(400);
  });

  it('counts grades and inefficiency types only where the viewer may see them', async () => {
    const publicStats = (await publicApp.inject('/api/plots/stats')).json<PlotStats>();
    expect(publicStats.byGrade).toEqual([]);
    expect(publicStats.byInefficiencyType).toEqual([]);

    const plannerStats = (await plannerApp.inject('/api/plots/stats')).json<PlotStats>();
    const { rows } = await pool.query<{ grade: string; n: number }>(
      'SELECT grade, count(*)::int AS n FROM plots WHERE grade IS NOT NULL GROUP BY grade ORDER BY grade',
    );
    expect(plannerStats.byGrade.map((g) => [g.grade, g.count])).toEqual(rows.map((r) => [r.grade, r.n]));

    const managerStats = (await managerApp.inject('/api/plots/stats')).json<PlotStats>();
    const inZone = await pool.query<{ t: string; n: number }>(
      `SELECT inefficiency_type AS t, count(*)::int AS n FROM plots
       WHERE zone_id = $1 AND inefficiency_type IS NOT NULL GROUP BY 1 ORDER BY 1`,
      [zone.id],
    );
    expect(managerStats.byInefficiencyType.map((g) => [g.inefficiencyType, g.count])).toEqual(
      inZone.rows.map((r) => [r.t, r.n]),
    );
  });

  it('keeps a plot’s status history, newest first, with who changed it; not for the public', async () => {
    const { rows } = await pool.query<{ id: number; status: string; inefficiency_type: string | null }>(
      "SELECT id, status, inefficiency_type FROM plots WHERE zone_id = $1 AND status = 'in_use' ORDER BY id LIMIT 1",
      [zone.id],
    );
    const plot = rows[0]!;
    const url = `/api/plots/${plot.id}/history`;
    expect([401, 403]).toContain((await publicApp.inject(url)).statusCode);

    const before = (await plannerApp.inject(url)).json<PlotTimeline>();
    expect(before.items.at(-1)).toMatchObject({ action: 'plot.recorded', after: { status: 'in_use' } });

    await withTransaction(
      pool,
      (client) =>
        client.query("UPDATE plots SET status = 'idle', inefficiency_type = 'idle' WHERE id = $1", [plot.id]),
      PLANNER.userId,
    );
    try {
      const response = await managerApp.inject(url);
      expect(response.statusCode, response.body).toBe(200);
      const after = response.json<PlotTimeline>();
      expect(after.items).toHaveLength(before.items.length + 1);
      expect(after.items[0]).toMatchObject({
        action: 'plot.status_changed',
        actor: 'planner',
        before: { status: 'in_use' },
        after: { status: 'idle', inefficiencyType: 'idle' },
      });
      expect(after.items.at(-1)).toMatchObject({ action: 'plot.recorded', after: { status: 'in_use' } });
    } finally {
      await withTransaction(pool, (client) =>
        client.query('UPDATE plots SET status = $2, inefficiency_type = $3 WHERE id = $1', [
          plot.id,
          plot.status,
          plot.inefficiency_type,
        ]),
      );
    }
  });

  it('keeps another zone’s history from a zone manager', async () => {
    const { rows } = await pool.query<{ id: number }>(
      'SELECT id FROM plots WHERE zone_id <> $1 ORDER BY id LIMIT 1',
      [zone.id],
    );
    const response = await managerApp.inject(`/api/plots/${rows[0]!.id}/history`);
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toMatch(/outside your zones/);
  });
});
