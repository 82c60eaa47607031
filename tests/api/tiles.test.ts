import { VectorTile } from '@mapbox/vector-tile';
import turfArea from '@turf/area';
import type { FastifyInstance } from 'fastify';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Viewer } from '../../server/src/auth/policy.ts';
import { type Pool, withTransaction } from '../../server/src/db/pool.ts';
import { appFor, PLANNER } from '../support/app.ts';
import { type Backend, poolFor } from '../support/backends.ts';
import { tileAt } from '../support/tiles.ts';

const INTERNAL = ['enterpriseName', 'inefficiencyType', 'grade'];
const SQ_M_PER_MU = 10000 / 15;

interface DecodedFeature {
  id: number;
  properties: Record<string, unknown>;
  geojson: GeoJSON.Feature;
  /** Surveyor's-formula area of the first ring, in tile coordinates (y down). */
  firstRingArea: number;
}

function ringArea(ring: { x: number; y: number }[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    sum += (ring[j]!.x - ring[i]!.x) * (ring[i]!.y + ring[j]!.y);
  }
  return sum / 2;
}

async function fetchTile(app: FastifyInstance, layer: string, [z, x, y]: number[]) {
  const response = await app.inject(`/tiles/${layer}/${z}/${x}/${y}.mvt`);
  const features: DecodedFeature[] = [];
  if (response.statusCode === 200) {
    const decoded = new VectorTile(new PbfReader(response.rawPayload));
    const tileLayer = decoded.layers[layer];
    for (let i = 0; tileLayer && i < tileLayer.length; i += 1) {
      const feature = tileLayer.feature(i);
      features.push({
        id: Number(feature.id),
        properties: feature.properties,
        geojson: feature.toGeoJSON(x!, y!, z!) as GeoJSON.Feature,
        firstRingArea: ringArea(feature.loadGeometry()[0] ?? []),
      });
    }
  }
  return { response, features };
}

const ZONE_MANAGER = (zoneId: number): Viewer => ({
  userId: 3,
  username: 'zone_manager',
  role: 'zone_manager',
  zoneIds: [zoneId],
});

describe.each(inject('backends'))('vector tiles on $name', (backend: Backend) => {
  let pool: Pool;
  let publicApp: FastifyInstance;
  let plannerApp: FastifyInstance;
  let etdz: { id: number; lon: number; lat: number };

  beforeAll(async () => {
    pool = poolFor(backend);
    publicApp = await appFor(backend, pool);
    plannerApp = await appFor(backend, pool, PLANNER);
    etdz = (
      await pool.query(
        `SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
         FROM zones WHERE code = 'HA-ETDZ'`,
      )
    ).rows[0];
  });
  afterAll(async () => {
    await publicApp.close();
    await plannerApp.close();
    await pool.end();
  });

  it('serves the public a plot tile with public attributes only', async () => {
    const { response, features } = await fetchTile(publicApp, 'plots', tileAt(etdz.lon, etdz.lat, 14));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(features.length).toBeGreaterThan(50);
    for (const feature of features) {
      for (const key of INTERNAL) expect(feature.properties).not.toHaveProperty(key);
      expect(['available', 'reserved', 'occupied']).toContain(feature.properties.status);
      expect(feature.geojson.geometry.type).toMatch(/Polygon$/);
    }
    expect(response.headers['cache-control']).toContain('public');
  });

  it('carries every plot whose centre lies in the tile, with its id for highlighting', async () => {
    const tile = tileAt(etdz.lon, etdz.lat, 15);
    const { features } = await fetchTile(publicApp, 'plots', tile);
    const { rows } = await pool.query<{ id: number }>(
      `SELECT id FROM plots WHERE ST_Intersects(ST_Centroid(geom), ST_Transform(ST_TileEnvelope($1, $2, $3), 4326))`,
      tile,
    );
    expect(rows.length).toBeGreaterThan(10);
    const ids = new Set(features.map((f) => f.id));
    for (const row of rows) expect(ids).toContain(row.id);
  });

  it('draws plots where they are, with their area (exterior rings wound as MVT requires)', async () => {
    const tile = tileAt(etdz.lon, etdz.lat, 16);
    const { features } = await fetchTile(publicApp, 'plots', tile);
    const { rows } = await pool.query<{ id: number; area_mu: number }>(
      `SELECT id, area_mu FROM plots WHERE ST_Within(geom, ST_Transform(ST_TileEnvelope($1, $2, $3), 4326))`,
      tile,
    );
    expect(rows.length).toBeGreaterThan(0);
    const byId = new Map(features.map((f) => [f.id, f]));
    for (const row of rows) {
      const feature = byId.get(row.id)!;
      const areaMu = turfArea(feature.geojson) / SQ_M_PER_MU;
      expect(Math.abs(areaMu - row.area_mu) / row.area_mu).toBeLessThan(0.02);
      // MVT 2.1: an exterior ring has positive area by the surveyor's formula in tile coordinates.
      expect(feature.firstRingArea).toBeGreaterThan(0);
    }
  });

  it('gives a planner the real status and the occupant', async () => {
    const { features } = await fetchTile(plannerApp, 'plots', tileAt(etdz.lon, etdz.lat, 14));
    const statuses = new Set(features.map((f) => f.properties.status));
    expect(statuses.has('in_use')).toBe(true);
    expect(features.some((f) => typeof f.properties.enterpriseName === 'string')).toBe(true);
  });

  it('shows a zone manager internals inside its zone and only public facts elsewhere', async () => {
    const other = (
      await pool.query(
        `SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
         FROM zones WHERE id <> $1 ORDER BY id LIMIT 1`,
        [etdz.id],
      )
    ).rows[0];
    const app = await appFor(backend, pool, ZONE_MANAGER(etdz.id));
    try {
      const own = await fetchTile(app, 'plots', tileAt(etdz.lon, etdz.lat, 14));
      expect(
        own.features.some((f) => f.properties.zoneId === etdz.id && 'enterpriseName' in f.properties),
      ).toBe(true);
      const elsewhere = await fetchTile(app, 'plots', tileAt(other.lon, other.lat, 14));
      expect(elsewhere.features.length).toBeGreaterThan(0);
      for (const f of elsewhere.features.filter((f) => f.properties.zoneId !== etdz.id)) {
        for (const key of INTERNAL) expect(f.properties).not.toHaveProperty(key);
        expect(['available', 'reserved', 'occupied']).toContain(f.properties.status);
      }
    } finally {
      await app.close();
    }
  });

  it('serves districts, zones and control lines', async () => {
    for (const layer of ['districts', 'zones', 'control-lines']) {
      const { response, features } = await fetchTile(publicApp, layer, tileAt(etdz.lon, etdz.lat, 10));
      expect(response.statusCode, layer).toBe(200);
      expect(features.length, layer).toBeGreaterThan(0);
    }
  });

  it('answers 304 to a matching ETag, and a new ETag after any edit', async () => {
    const tile = tileAt(etdz.lon, etdz.lat, 14);
    const url = `/tiles/plots/${tile.join('/')}.mvt`;
    const first = await plannerApp.inject(url);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"/);
    expect((await plannerApp.inject({ url, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    const { features } = await fetchTile(plannerApp, 'plots', tile);
    const target = features.find((f) => f.properties.status === 'in_use')!;
    // Through the server's own transactions, as its edit routes write (see tile-freshness.test.ts
    // for writes from elsewhere).
    const setStatus = (status: string, inefficiency: string | null) =>
      withTransaction(pool, (client) =>
        client.query('UPDATE plots SET status = $2, inefficiency_type = $3 WHERE id = $1', [
          target.id,
          status,
          inefficiency,
        ]),
      );
    await setStatus('idle', 'idle');
    try {
      const after = await fetchTile(plannerApp, 'plots', tile);
      expect(after.response.headers.etag).not.toBe(etag);
      expect(after.features.find((f) => f.id === target.id)!.properties.status).toBe('idle');
    } finally {
      await setStatus('in_use', (target.properties.inefficiencyType as string | undefined) ?? null);
    }
  });

  it.each([
    ['/tiles/owners/10/850/410.mvt', 404, 'no tile layer "owners"'],
    ['/tiles/plots/10/1024/410.mvt', 400, 'x and y run from 0 to 1023'],
    ['/tiles/plots/23/0/0.mvt', 400, 'z'],
    ['/tiles/plots/ten/0/0.mvt', 400, 'z'],
  ])('refuses %s with %i', async (url, status, message) => {
    const response = await publicApp.inject(url);
    expect(response.statusCode).toBe(status);
    expect(response.json().message).toContain(message);
  });

  it('answers an empty tile with 204: outside the city and below the layer’s zoom range', async () => {
    expect((await publicApp.inject('/tiles/plots/14/0/0.mvt')).statusCode).toBe(204);
    expect(
      (await publicApp.inject(`/tiles/plots/${tileAt(etdz.lon, etdz.lat, 5).join('/')}.mvt`)).statusCode,
    ).toBe(204);
  });

  it('describes each layer in TileJSON, listing only the fields this viewer receives', async () => {
    const publicJson = (
      await publicApp.inject({ url: '/tiles/plots.json', headers: { host: 'atlas.example' } })
    ).json();
    expect(publicJson.tilejson).toBe('3.0.0');
    expect(publicJson.tiles).toEqual(['http://atlas.example/tiles/plots/{z}/{x}/{y}.mvt']);
    expect(publicJson.bounds).toHaveLength(4);
    expect(Object.keys(publicJson.vector_layers[0].fields)).not.toContain('enterpriseName');
    const plannerJson = (await plannerApp.inject('/tiles/plots.json')).json();
    expect(Object.keys(plannerJson.vector_layers[0].fields)).toContain('enterpriseName');
    expect((await publicApp.inject('/tiles/owners.json')).statusCode).toBe(404);
  });
});

describe('the same tile from both databases', () => {
  const backends = inject('backends');
  it.runIf(backends.length === 2)(
    'has the same features and properties (PostGIS ST_AsMVT and the JS encoder)',
    async () => {
      const tiles: Map<string, Record<string, unknown>>[] = [];
      for (const backend of backends) {
        const pool = poolFor(backend);
        const app = await appFor(backend, pool, PLANNER);
        try {
          const { rows } = await pool.query(
            "SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM zones WHERE code = 'HA-ETDZ'",
          );
          const { features } = await fetchTile(app, 'plots', tileAt(rows[0].lon, rows[0].lat, 15));
          tiles.push(new Map(features.map((f) => [f.properties.code as string, f.properties])));
        } finally {
          await app.close();
          await pool.end();
        }
      }
      const [embedded, postgis] = tiles as [
        Map<string, Record<string, unknown>>,
        Map<string, Record<string, unknown>>,
      ];
      expect(embedded.size).toBeGreaterThan(10);
      expect([...embedded.keys()].sort()).toEqual([...postgis.keys()].sort());
      for (const [code, properties] of embedded) expect(properties).toEqual(postgis.get(code));
    },
  );
});
