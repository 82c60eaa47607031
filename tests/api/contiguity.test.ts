// Contiguous parcels from hand-made fixtures: tests/fixtures/contiguity/in/*.geojson are plots,
// out/*.geojson the parcels expected (open both in QGIS to see them). UPDATE_FIXTURES=1 rewrites out/.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool, PoolClient } from '../../server/src/db/pool.ts';
import { poolFor } from '../support/backends.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/contiguity');
const NAMES = readdirSync(path.join(FIXTURES, 'in'))
  .filter((f) => f.endsWith('.geojson'))
  .map((f) => f.replace(/\.geojson$/, ''))
  .sort();
const UPDATE = process.env.UPDATE_FIXTURES === '1';

interface FixturePlot {
  properties: { code: string; status: string; zone: string };
  geometry: unknown;
}

interface ExpectedParcel {
  type: 'Feature';
  properties: { scope: string; members: string[]; areaMu: number; zones: string[] };
  geometry: unknown;
}

/** Loads a fixture's plots inside `client`'s open transaction, derives, and reads the parcels. */
async function derive(
  client: PoolClient,
  name: string,
  mode: 'incremental' | 'full',
): Promise<ExpectedParcel[]> {
  const input = JSON.parse(readFileSync(path.join(FIXTURES, 'in', `${name}.geojson`), 'utf8')) as {
    features: FixturePlot[];
  };
  await client.query(
    `INSERT INTO plots (code, zone_id, district_code, geom, land_use_code, status, is_sample)
     SELECT f ->> 'code', z.id, z.district_code, ST_SetSRID(ST_GeomFromGeoJSON(f ->> 'geometry'), 4326), '100101',
            f ->> 'status', true
       FROM jsonb_array_elements($1::jsonb) AS f
       JOIN zones z ON z.code = f ->> 'zone'`,
    [JSON.stringify(input.features.map((f) => ({ ...f.properties, geometry: JSON.stringify(f.geometry) })))],
  );
  if (mode === 'full') await client.query('INSERT INTO parcel_refresh_queue (full_rebuild) VALUES (true)');
  await client.query('SELECT parcels_refresh()');
  const { rows } = await client.query<{
    scope: string;
    members: string[];
    area_mu: number;
    zones: string[];
    geometry: string;
  }>(
    `SELECT g.scope, array_agg(p.code ORDER BY p.code) AS members, g.area_mu,
            (SELECT array_agg(z.code ORDER BY z.code) FROM zones z WHERE z.id = ANY (g.zone_ids)) AS zones,
            ST_AsGeoJSON(g.geom, 7) AS geometry
       FROM parcels g
       JOIN parcel_plots pp ON pp.parcel_id = g.id
       JOIN plots p ON p.id = pp.plot_id
      WHERE g.id IN (SELECT pp2.parcel_id FROM parcel_plots pp2 JOIN plots p2 ON p2.id = pp2.plot_id
                      WHERE p2.code LIKE 'FX-%')
      GROUP BY g.id
      ORDER BY g.scope, min(p.code)`,
  );
  return rows.map((r) => ({
    type: 'Feature',
    properties: {
      scope: r.scope,
      members: r.members,
      areaMu: Math.round(r.area_mu * 10) / 10,
      zones: r.zones,
    },
    geometry: JSON.parse(r.geometry),
  }));
}

describe.each(inject('backends'))('contiguous parcels from fixtures on $name', (backend) => {
  let pool: Pool;

  beforeAll(() => {
    pool = poolFor(backend);
  });
  afterAll(async () => {
    await pool.end();
  });

  /** Runs `work` in a transaction that is always rolled back: the sample city stays as it was. */
  async function rolledBack<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      return await work(client);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  it.each(NAMES)('%s', async (name) => {
    const found = await rolledBack((client) => derive(client, name, 'incremental'));
    const file = path.join(FIXTURES, 'out', `${name}.geojson`);
    if (UPDATE) {
      writeFileSync(
        file,
        `${JSON.stringify({ type: 'FeatureCollection', name, features: found }, null, 1)}\n`,
      );
    }
    const expected = JSON.parse(readFileSync(file, 'utf8')) as { features: ExpectedParcel[] };
    expect(found.map((f) => f.properties)).toEqual(expected.features.map((f) => f.properties));
    // Every outline covers its members and closes the roads between them.
    for (const parcel of found) {
      const { rows } = await pool.query<{ valid: boolean; parts: number }>(
        `SELECT ST_IsValid(g) AS valid, ST_NumGeometries(g)::int AS parts
           FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) s`,
        [JSON.stringify(parcel.geometry)],
      );
      expect(rows[0]).toEqual({ valid: true, parts: 1 });
    }
  });

  it('derives the same parcels for the whole city as incrementally', async () => {
    for (const name of NAMES) {
      const incremental = await rolledBack((client) => derive(client, name, 'incremental'));
      const full = await rolledBack((client) => derive(client, name, 'full'));
      expect(
        full.map((f) => f.properties),
        name,
      ).toEqual(incremental.map((f) => f.properties));
    }
  });

  it('re-derives in the same transaction when a member changes, keeping the parcel id', async () => {
    await rolledBack(async (client) => {
      await derive(client, 'chain', 'incremental');
      const before = await client.query<{ id: number; area_mu: number }>(
        `SELECT g.id, g.area_mu FROM parcels g JOIN parcel_plots pp ON pp.parcel_id = g.id
           JOIN plots p ON p.id = pp.plot_id WHERE p.code = 'FX-C-1' AND g.scope = 'planning'`,
      );
      expect(before.rows).toHaveLength(1);
      // The sixth plot moves next to the fifth: the group grows, the id stays.
      await client.query(
        `UPDATE plots SET geom = ST_Translate(geom, -(12.0 / (111320 * cos(radians(34.8)))), 0) WHERE code = 'FX-C-6'`,
      );
      await client.query('SELECT parcels_refresh()');
      const grown = await client.query<{ id: number; codes: string[] }>(
        `SELECT g.id, array_agg(p.code ORDER BY p.code) AS codes FROM parcels g
           JOIN parcel_plots pp ON pp.parcel_id = g.id JOIN plots p ON p.id = pp.plot_id
          WHERE g.scope = 'planning' AND g.id = $1 GROUP BY g.id`,
        [before.rows[0]!.id],
      );
      expect(grown.rows[0]?.codes).toEqual(['FX-C-1', 'FX-C-2', 'FX-C-3', 'FX-C-4', 'FX-C-5', 'FX-C-6']);
      // The middle plot is let: the chain breaks into 240 + 360 mu and the parcel is gone.
      await client.query(
        "UPDATE plots SET status = 'in_use', enterprise_name = '示例企业' WHERE code = 'FX-C-3'",
      );
      await client.query('SELECT parcels_refresh()');
      const after = await client.query('SELECT 1 FROM parcels WHERE id = $1', [before.rows[0]!.id]);
      expect(after.rows).toHaveLength(0);
      const left = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM parcel_plots pp JOIN plots p ON p.id = pp.plot_id WHERE p.code LIKE 'FX-C-%'`,
      );
      expect(left.rows[0]?.n).toBe(0);
    });
  });

  it('re-derives a parcel whose plots are deleted (psql): it shrinks with a part, and goes with all', async () => {
    await rolledBack(async (client) => {
      await derive(client, 'chain', 'incremental');
      const parcelOf = async (code: string) =>
        (
          await client.query<{ id: number; plot_count: number; members: number }>(
            `SELECT g.id, g.plot_count, (SELECT count(*)::int FROM parcel_plots x WHERE x.parcel_id = g.id) AS members
               FROM parcels g JOIN parcel_plots pp ON pp.parcel_id = g.id JOIN plots p ON p.id = pp.plot_id
              WHERE p.code = $1 AND g.scope = 'planning'`,
            [code],
          )
        ).rows[0];
      // The sixth plot moves next to the fifth: six plots of 120 mu in one parcel.
      await client.query(
        `UPDATE plots SET geom = ST_Translate(geom, -(12.0 / (111320 * cos(radians(34.8)))), 0) WHERE code = 'FX-C-6'`,
      );
      await client.query('SELECT parcels_refresh()');
      const whole = await parcelOf('FX-C-1');
      expect(whole).toMatchObject({ plot_count: 6, members: 6 });
      // The sixth is deleted: the other five (600 mu) stay one parcel, counted right.
      await client.query("DELETE FROM plots WHERE code = 'FX-C-6'");
      await client.query('SELECT parcels_refresh()');
      expect(await parcelOf('FX-C-1')).toMatchObject({ plot_count: 5, members: 5 });
      // Every plot goes: so does the parcel.
      await client.query("DELETE FROM plots WHERE code LIKE 'FX-C-%'");
      await client.query('SELECT parcels_refresh()');
      const left = await client.query('SELECT 1 FROM parcels WHERE id = $1', [whole!.id]);
      expect(left.rows).toHaveLength(0);
    });
  });

  it('measures the gap in metres at any latitude the city spans', async () => {
    // 29 m apart east–west is about 0.00031° of longitude here; in degrees it would look tiny.
    const { rows } = await pool.query<{ srid: number; metres: number }>(
      `SELECT metric_srid() AS srid,
              ST_Distance(ST_Transform(ST_SetSRID(ST_MakePoint(119, 34.8), 4326), metric_srid()),
                          ST_Transform(ST_SetSRID(ST_MakePoint(119 + 29 / (111320 * cos(radians(34.8))), 34.8), 4326), metric_srid())) AS metres`,
    );
    expect(rows[0]?.srid).toBe(4549);
    expect(rows[0]?.metres).toBeGreaterThan(28.9);
    expect(rows[0]?.metres).toBeLessThan(29.1);
  });
});
