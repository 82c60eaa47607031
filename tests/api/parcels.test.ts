// Contiguous parcels and the site finder through the API, as each role sees them, kept current by writes.
import { VectorTile } from '@mapbox/vector-tile';
import type { FastifyInstance } from 'fastify';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool } from '../../server/src/db/pool.ts';
import type { ParcelCollection, ParcelFeature } from '../../server/src/parcels/schemas.ts';
import type { SiteSearchResult } from '../../server/src/site-search/schemas.ts';
import { appFor, demoZoneManager, PLANNER } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';
import { tileAt } from '../support/tiles.ts';

const CANDIDATE = ['available', 'idle', 'low_efficiency', 'revitalizing'];

describe.each(inject('backends'))('parcels and the site finder on $name', (backend) => {
  let pool: Pool;
  let planner: FastifyInstance;
  let manager: FastifyInstance;
  let publicApp: FastifyInstance;
  let zoneId: number;
  const restore: { id: number; status: string }[] = [];

  beforeAll(async () => {
    pool = poolFor(backend);
    const demo = await demoZoneManager(pool);
    zoneId = demo.zoneId;
    const viewer = demo.viewer;
    planner = await appFor(backend, pool, PLANNER);
    manager = await appFor(backend, pool, viewer);
    publicApp = await appFor(backend, pool);
  });
  afterAll(async () => {
    for (const plot of restore.reverse()) {
      await pool.query('UPDATE plots SET status = $2 WHERE id = $1', [plot.id, plot.status]);
    }
    await pool.query('SELECT parcels_refresh()');
    await Promise.all([planner.close(), manager.close(), publicApp.close()]);
    await pool.end();
  });

  async function parcels(app: FastifyInstance, query = ''): Promise<ParcelCollection> {
    const response = await app.inject(`/api/parcels?limit=1000${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  async function statuses(ids: number[]): Promise<Map<number, { status: string; zone_id: number | null }>> {
    const { rows } = await pool.query<{ id: number; status: string; zone_id: number | null }>(
      'SELECT id, status, zone_id FROM plots WHERE id = ANY ($1)',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  it('gives planners the planning parcels: 500+ mu of candidate plots, sums and members agreeing', async () => {
    const found = await parcels(planner);
    expect(found.numberMatched).toBeGreaterThan(0);
    expect(found.features.length).toBe(found.numberMatched);
    for (const parcel of found.features) {
      expect(parcel.properties.scope).toBe('planning');
      expect(parcel.properties.areaMu).toBeGreaterThanOrEqual(500);
      expect(parcel.properties.plotIds).toHaveLength(parcel.properties.plotCount);
    }
    const sample = found.features[0]!;
    const { rows } = await pool.query<{ area: number; statuses: string[] }>(
      'SELECT sum(area_mu) AS area, array_agg(DISTINCT status) AS statuses FROM plots WHERE id = ANY ($1)',
      [sample.properties.plotIds],
    );
    expect(rows[0]!.area).toBeCloseTo(sample.properties.areaMu, 1);
    for (const status of rows[0]!.statuses) expect(CANDIDATE).toContain(status);
    // Largest first.
    const areas = found.features.map((f) => f.properties.areaMu);
    expect(areas).toEqual([...areas].sort((a, b) => b - a));
  });

  it('gives the public only parcels of available land, without occupant figures', async () => {
    const found = await parcels(publicApp, '&scope=planning');
    expect(found.numberMatched).toBeGreaterThan(0);
    const ids = found.features.flatMap((f) => f.properties.plotIds);
    const plots = await statuses(ids);
    for (const parcel of found.features) {
      expect(parcel.properties.scope).toBe('supply');
      expect(parcel.properties.occupantCount).toBeNull();
    }
    expect(new Set([...plots.values()].map((p) => p.status))).toEqual(new Set(['available']));
    const one = found.features[0]!;
    expect((await publicApp.inject(`/api/parcels/${one.id}`)).statusCode).toBe(200);
    const planning = (await parcels(planner)).features[0]!;
    expect((await publicApp.inject(`/api/parcels/${planning.id}`)).statusCode).toBe(404);
  });

  it('gives a zone manager planning parcels in their zones and supply parcels elsewhere', async () => {
    const found = await parcels(manager);
    for (const parcel of found.features) {
      const own =
        parcel.properties.zoneIds.length > 0 && parcel.properties.zoneIds.every((z) => z === zoneId);
      expect(parcel.properties.scope).toBe(own ? 'planning' : 'supply');
    }
    expect(found.features.some((f) => f.properties.scope === 'planning')).toBe(true);
  });

  it('filters by zone, district and area', async () => {
    const inZone = await parcels(planner, `&zoneId=${zoneId}&minAreaMu=600`);
    for (const parcel of inZone.features) {
      expect(parcel.properties.zoneIds).toContain(zoneId);
      expect(parcel.properties.areaMu).toBeGreaterThanOrEqual(600);
    }
    const bad = await planner.inject('/api/parcels?colour=red');
    expect(bad.statusCode).toBe(400);
  });

  it('re-derives a parcel in the same request that reserves one of its plots, keeping its id', async () => {
    const before = await parcels(planner);
    // A big parcel with an available member whose loss leaves it above 500 mu.
    const parcel = before.features.find((f) => f.properties.areaMu > 700 && f.properties.plotCount > 3)!;
    const members = await statuses(parcel.properties.plotIds);
    const { rows } = await pool.query<{ id: number; area_mu: number }>(
      `SELECT id, area_mu FROM plots WHERE id = ANY ($1) AND status = 'available' ORDER BY area_mu LIMIT 1`,
      [parcel.properties.plotIds],
    );
    const plot = rows[0]!;
    expect(members.get(plot.id)?.status).toBe('available');
    const projects = await pool.query<{ id: number }>(
      "SELECT id FROM projects WHERE stage <> 'producing' ORDER BY id LIMIT 1",
    );
    const reserved = await planner.inject({
      method: 'POST',
      url: '/api/reservations',
      payload: {
        projectId: projects.rows[0]!.id,
        plotIds: [plot.id],
        until: '2099-12-31',
        note: 'test: parcels',
      },
    });
    expect(reserved.statusCode, reserved.body).toBe(201);
    const reservation = reserved.json() as { id: number };
    try {
      const after = await planner.inject(`/api/parcels/${parcel.id}`);
      expect(after.statusCode).toBe(200);
      const changed = after.json() as ParcelFeature;
      expect(changed.properties.plotIds).not.toContain(plot.id);
      // Less the plot (and, were it a bridge, whatever it connected).
      expect(changed.properties.areaMu).toBeLessThanOrEqual(parcel.properties.areaMu - plot.area_mu + 0.01);
    } finally {
      const released = await planner.inject({
        method: 'POST',
        url: `/api/reservations/${reservation.id}/release`,
      });
      expect(released.statusCode, released.body).toBe(200);
    }
    const back = (await planner.inject(`/api/parcels/${parcel.id}`)).json() as ParcelFeature;
    expect(back.properties.plotIds).toContain(plot.id);
  });

  it('picks up a change written outside the server within seconds', async () => {
    const app = await (await import('../../server/src/app.ts')).buildApp({
      pool,
      databaseKind: backend.name === 'embedded' ? 'embedded' : 'postgres',
      clientDir: null,
      resolveViewer: async () => PLANNER,
      reservationSweepMs: 0,
      parcelSweepMs: 200,
    });
    await app.ready();
    try {
      const parcel = (await parcels(app)).features.find((f) => f.properties.plotCount > 3)!;
      const member = parcel.properties.plotIds[0]!;
      const before = (
        await pool.query<{ status: string }>('SELECT status FROM plots WHERE id = $1', [member])
      ).rows[0]!;
      restore.push({ id: member, status: before.status });
      // As psql would: no server transaction, so only the queue knows.
      await pool.query("UPDATE plots SET status = 'supplied' WHERE id = $1", [member]);
      let members: number[] = parcel.properties.plotIds;
      for (let i = 0; i < 50 && members.includes(member); i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const now = await app.inject(`/api/parcels/${parcel.id}`);
        members = now.statusCode === 200 ? (now.json() as ParcelFeature).properties.plotIds : [];
      }
      expect(members).not.toContain(member);
      await pool.query('UPDATE plots SET status = $2 WHERE id = $1', [member, before.status]);
      restore.pop();
    } finally {
      await app.close();
    }
    await pool.query('SELECT parcels_refresh()');
  });

  it('draws planning parcels for planners and supply parcels for the public in the tiles', async () => {
    const parcel = (await parcels(planner)).features[0]!;
    const ring = parcel.geometry.coordinates[0]![0]!;
    const lon = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
    const lat = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
    const [z, x, y] = tileAt(lon, lat, 12);
    const scopes = async (app: FastifyInstance) => {
      const response = await app.inject(`/tiles/parcels/${z}/${x}/${y}.mvt`);
      if (response.statusCode === 204) return [];
      const layer = new VectorTile(new PbfReader(response.rawPayload)).layers.parcels;
      return Array.from({ length: layer?.length ?? 0 }, (_, i) => layer!.feature(i).properties);
    };
    const internal = await scopes(planner);
    expect(internal.map((p) => p.scope)).toContain('planning');
    expect(new Set(internal.map((p) => p.scope))).toEqual(new Set(['planning']));
    for (const props of await scopes(publicApp)) {
      expect(props.scope).toBe('supply');
      expect(props.occupantCount).toBeUndefined();
    }
  });

  it('finds ranked sites that meet the demand with contiguous candidate plots', async () => {
    const response = await planner.inject({
      method: 'POST',
      url: '/api/site-search',
      payload: { demandMu: 600 },
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as SiteSearchResult;
    expect(result.candidates.length).toBeGreaterThan(0);
    result.candidates.forEach((site, i) => {
      expect(site.rank).toBe(i + 1);
      expect(site.areaMu).toBeGreaterThanOrEqual(600);
      expect(site.reasons.excessMu).toBeCloseTo(site.areaMu - 600, 1);
      expect(site.reasons.plotCount).toBe(site.plotIds.length);
      expect(site.geometry.type).toBe('MultiPolygon');
      if (i > 0) expect(site.reasons.score).toBeGreaterThanOrEqual(result.candidates[i - 1]!.reasons.score);
    });
    // The best site: candidate plots whose areas add up, all connected within 30 m (checked by PostGIS).
    const best = result.candidates[0]!;
    const { rows } = await pool.query<{ area: number; statuses: string[]; connected: boolean }>(
      `WITH m AS (SELECT id, ST_Transform(geom, metric_srid()) AS g, area_mu, status FROM plots WHERE id = ANY ($1)),
            c AS (SELECT ST_ClusterDBSCAN(g, 30, 1) OVER () AS k FROM m)
       SELECT (SELECT sum(area_mu) FROM m) AS area, (SELECT array_agg(DISTINCT status) FROM m) AS statuses,
              (SELECT count(DISTINCT k) = 1 FROM c) AS connected`,
      [best.plotIds],
    );
    expect(rows[0]!.area).toBeCloseTo(best.areaMu, 1);
    expect(rows[0]!.connected).toBe(true);
    for (const status of rows[0]!.statuses) expect(CANDIDATE).toContain(status);
    // Not much excess: within a fifth of the demand.
    expect(best.reasons.excessShare).toBeLessThan(0.2);
  });

  it('honours zone, control line, revitalizing and plot-count conditions', async () => {
    const body = {
      demandMu: 300,
      zoneIds: [zoneId],
      insideControlLine: 'core',
      includeRevitalizing: false,
      maxPlots: 60,
    };
    const response = await planner.inject({ method: 'POST', url: '/api/site-search', payload: body });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as SiteSearchResult;
    expect(result.candidates.length).toBeGreaterThan(0);
    for (const site of result.candidates) {
      expect(site.plotIds.length).toBeLessThanOrEqual(60);
      const { rows } = await pool.query<{ zone_id: number; status: string; core_share: number }>(
        'SELECT zone_id, status, core_share FROM plots WHERE id = ANY ($1)',
        [site.plotIds],
      );
      for (const plot of rows) {
        expect(plot.zone_id).toBe(zoneId);
        expect(plot.status).not.toBe('revitalizing');
        expect(plot.core_share).toBeGreaterThanOrEqual(0.5);
      }
    }
  });

  it('offers the public available land only, and names no occupant', async () => {
    const response = await publicApp.inject({
      method: 'POST',
      url: '/api/site-search',
      payload: { demandMu: 600 },
    });
    expect(response.statusCode).toBe(200);
    const result = response.json() as SiteSearchResult;
    const ids = result.candidates.flatMap((c) => c.plotIds);
    const plots = await statuses(ids);
    for (const plot of plots.values()) expect(plot.status).toBe('available');
    for (const site of result.candidates) expect(site.reasons.occupantCount).toBe(0);
    expect(response.body).not.toMatch(/有限公司|enterprise/);
  });

  it('refuses unknown fields and impossible demands, and answers an empty list when nothing fits', async () => {
    for (const payload of [{ demandMu: 600, colour: 'red' }, { demandMu: 0 }, { demandMu: -5 }, {}]) {
      const response = await planner.inject({ method: 'POST', url: '/api/site-search', payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const huge = await planner.inject({
      method: 'POST',
      url: '/api/site-search',
      payload: { demandMu: 90_000 },
    });
    expect(huge.statusCode).toBe(200);
    expect((huge.json() as SiteSearchResult).candidates).toEqual([]);
  });

  it('turns a candidate into a reservation in one step, and a second hold answers 409', async () => {
    const result = (
      await planner.inject({
        method: 'POST',
        url: '/api/site-search',
        payload: { demandMu: 550, includeRevitalizing: false },
      })
    ).json() as SiteSearchResult;
    const site = result.candidates[0]!;
    const projects = await pool.query<{ id: number }>(
      "SELECT id FROM projects WHERE stage <> 'producing' ORDER BY id LIMIT 2",
    );
    const hold = (projectId: number) =>
      planner.inject({
        method: 'POST',
        url: '/api/reservations',
        payload: { projectId, plotIds: site.plotIds, until: '2099-12-31', note: 'test: site finder' },
      });
    const first = await hold(projects.rows[0]!.id);
    expect(first.statusCode, first.body).toBe(201);
    try {
      const second = await hold(projects.rows[1]!.id);
      expect(second.statusCode).toBe(409);
      // The reserved land is no longer offered.
      const again = (
        await planner.inject({
          method: 'POST',
          url: '/api/site-search',
          payload: { demandMu: 550, includeRevitalizing: false },
        })
      ).json() as SiteSearchResult;
      for (const candidate of again.candidates) {
        expect(candidate.plotIds.some((id) => site.plotIds.includes(id))).toBe(false);
      }
    } finally {
      const id = (first.json() as { id: number }).id;
      await planner.inject({ method: 'POST', url: `/api/reservations/${id}/release` });
    }
  });

  it('rebuilds every parcel on a planner request, audited once', async () => {
    const before = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'parcels.rebuilt'",
    );
    const response = await planner.inject({ method: 'POST', url: '/api/analysis/parcels' });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { planning: number; supply: number };
    const counted = await pool.query<{ planning: number; supply: number }>(
      `SELECT count(*) FILTER (WHERE scope = 'planning')::int AS planning, count(*) FILTER (WHERE scope = 'supply')::int AS supply FROM parcels`,
    );
    expect(body).toMatchObject(counted.rows[0]!);
    const after = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'parcels.rebuilt'",
    );
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n + 1);
    expect((await publicApp.inject({ method: 'POST', url: '/api/analysis/parcels' })).statusCode).toBe(401);
  });
});
