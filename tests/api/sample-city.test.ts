import turfArea from '@turf/area';
import argon2 from 'argon2';
import type { MultiPolygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool } from '../../server/src/db/pool.ts';
import { poolFor } from '../support/backends.ts';

const SQ_M_PER_MU = 10000 / 15;

describe.each(inject('backends'))('the seeded sample city on $name', (backend) => {
  let pool: Pool;
  beforeAll(() => {
    pool = poolFor(backend);
  });
  afterAll(() => pool.end());

  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> =>
    (await pool.query(sql, params)).rows[0] as T;

  it('has the 7 county-level districts of the city, with real boundaries', async () => {
    const { rows } = await pool.query<{ code: string; area_mu: number }>(
      'SELECT code, area_mu FROM districts ORDER BY code',
    );
    expect(rows.map((r) => r.code)).toEqual([
      '320803',
      '320804',
      '320812',
      '320813',
      '320826',
      '320830',
      '320831',
    ]);
    const totalKm2 = rows.reduce((sum, r) => sum + r.area_mu, 0) / 1500;
    // Huai'an covers about 10,000 km².
    expect(totalKm2).toBeGreaterThan(8_000);
    expect(totalKm2).toBeLessThan(12_000);
  });

  it('has 8,000–15,000 plots, every geometry valid and inside its zone and district', async () => {
    const counts = await one<{
      plots: number;
      invalid: number;
      outside_zone: number;
      outside_district: number;
    }>(
      `SELECT count(*)::int AS plots,
              count(*) FILTER (WHERE NOT ST_IsValid(p.geom))::int AS invalid,
              -- Covered, or sticking out by less than 1 m² (coordinates are rounded to 6 decimals).
              count(*) FILTER (WHERE NOT ST_CoveredBy(p.geom, z.geom)
                                 AND ST_Area(ST_Difference(p.geom, z.geom)::geography) > 1)::int AS outside_zone,
              count(*) FILTER (WHERE NOT ST_CoveredBy(p.geom, d.geom)
                                 AND ST_Area(ST_Difference(p.geom, d.geom)::geography) > 1)::int AS outside_district
       FROM plots p JOIN zones z ON z.id = p.zone_id JOIN districts d ON d.code = p.district_code`,
    );
    expect(counts.plots).toBeGreaterThanOrEqual(8_000);
    expect(counts.plots).toBeLessThanOrEqual(15_000);
    expect(counts).toMatchObject({ invalid: 0, outside_zone: 0, outside_district: 0 });
    const orphans = await one<{ n: number }>('SELECT count(*)::int AS n FROM plots WHERE zone_id IS NULL');
    expect(orphans.n).toBe(0);
  });

  it('has no two plots overlapping', async () => {
    const overlaps = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM plots a JOIN plots b
         ON a.id < b.id AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '2********')`,
    );
    expect(overlaps.n).toBe(0);
  });

  it('computes areas in mu that agree with an independent Turf computation within 0.5%', async () => {
    const { rows } = await pool.query<{ area_mu: number; geometry: string }>(
      'SELECT area_mu, ST_AsGeoJSON(geom) AS geometry FROM plots ORDER BY id LIMIT 300',
    );
    for (const row of rows) {
      const turfMu = turfArea(JSON.parse(row.geometry) as MultiPolygon) / SQ_M_PER_MU;
      expect(Math.abs(turfMu - row.area_mu) / row.area_mu).toBeLessThan(0.005);
    }
  });

  it('has realistic plot sizes: mostly 20–300 mu', async () => {
    const sizes = await one<{ share: number; min: number }>(
      'SELECT avg((area_mu BETWEEN 20 AND 300)::int)::float AS share, min(area_mu) AS min FROM plots',
    );
    expect(sizes.share).toBeGreaterThan(0.85);
    expect(sizes.min).toBeGreaterThan(5);
  });

  it('has at least 8 contiguous groups of 500+ mu of available or inefficient land (30 m gap)', async () => {
    // Groups measured in metres: a 3-degree Gauss-Krüger projection (CGCS2000 / CM 120°E).
    const groups = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT cluster, sum(area_mu) AS area FROM (
           SELECT area_mu, ST_ClusterDBSCAN(ST_Transform(geom, 4549), eps := 30, minpoints := 1) OVER () AS cluster
           FROM plots WHERE status IN ('available', 'idle', 'low_efficiency', 'revitalizing')) c
         GROUP BY cluster HAVING sum(area_mu) >= 500) g`,
    );
    expect(groups.n).toBeGreaterThanOrEqual(8);
  });

  it('mixes statuses realistically and produces every grade', async () => {
    const { rows } = await pool.query<{ status: string; share: number }>(
      'SELECT status, count(*)::float / sum(count(*)) OVER () AS share FROM plots GROUP BY status',
    );
    const share = Object.fromEntries(rows.map((r) => [r.status, r.share]));
    expect(Object.keys(share).sort()).toEqual(
      ['available', 'idle', 'in_use', 'low_efficiency', 'reserved', 'revitalizing', 'supplied'].sort(),
    );
    expect(share.in_use).toBeGreaterThan(0.3);
    expect(share.available).toBeGreaterThan(0.05);
    const grades = await pool.query<{ grade: string }>(
      'SELECT DISTINCT grade FROM plots WHERE grade IS NOT NULL',
    );
    expect(grades.rows.map((r) => r.grade).sort()).toEqual(['A', 'B', 'C', 'D', 'T']);
    const unnamed = await one<{ n: number }>(
      "SELECT count(*)::int AS n FROM plots WHERE status = 'in_use' AND enterprise_name IS NULL",
    );
    expect(unnamed.n).toBe(0);
  });

  it('has core and transitional control lines, with some industrial plots outside every line', async () => {
    const lines = await pool.query<{ level: string }>(
      'SELECT DISTINCT level FROM control_lines ORDER BY level',
    );
    expect(lines.rows.map((r) => r.level)).toEqual(['core', 'transitional']);
    const outside = await one<{ n: number; total: number }>(
      `SELECT count(*) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM control_lines c WHERE ST_Intersects(c.geom, ST_PointOnSurface(p.geom))))::int AS n,
              count(*)::int AS total
       FROM plots p JOIN land_use_classes l ON l.code = p.land_use_code WHERE l.is_industrial`,
    );
    expect(outside.n).toBeGreaterThan(0);
    expect(outside.n).toBeLessThan(outside.total * 0.5);
  });

  it('has about 60 projects across all stages, large signed ones with a 72-hour review deadline', async () => {
    const projects = await one<{ n: number; stages: string[]; due: number; wrong_due: number }>(
      `SELECT count(*)::int AS n, array_agg(DISTINCT stage ORDER BY stage) AS stages,
              count(review_due_at)::int AS due,
              count(*) FILTER (WHERE review_due_at IS DISTINCT FROM
                CASE WHEN investment_yi >= 10 AND signed_at IS NOT NULL THEN signed_at + interval '72 hours' END)::int
                AS wrong_due
       FROM projects`,
    );
    expect(projects.n).toBeGreaterThanOrEqual(50);
    expect(projects.n).toBeLessThanOrEqual(80);
    expect(projects.stages).toEqual(['producing', 'signed', 'started', 'talks']);
    expect(projects.due).toBeGreaterThan(0);
    expect(projects.wrong_due).toBe(0);
  });

  it('has the four demo accounts, with the configured password, the zone manager scoped to 经开区', async () => {
    const { rows } = await pool.query<{
      username: string;
      role: string;
      password_hash: string;
      zones: string[];
    }>(
      `SELECT u.username, u.role, u.password_hash,
              coalesce(array_agg(z.name) FILTER (WHERE z.id IS NOT NULL), '{}') AS zones
       FROM users u LEFT JOIN user_zones uz ON uz.user_id = u.id LEFT JOIN zones z ON z.id = uz.zone_id
       GROUP BY u.id ORDER BY u.username`,
    );
    expect(rows.map((r) => [r.username, r.role])).toEqual([
      ['admin', 'admin'],
      ['investor', 'investor'],
      ['planner', 'planner'],
      ['zone_manager', 'zone_manager'],
    ]);
    expect(rows.find((r) => r.username === 'zone_manager')!.zones).toEqual(['淮安经济技术开发区']);
    expect(await argon2.verify(rows[0]!.password_hash, inject('demoPassword'))).toBe(true);
    expect(await argon2.verify(rows[0]!.password_hash, 'wrong-password')).toBe(false);
  });

  it('leaves the demo zone manager flags to be reviewed and inquiries to answer, marked as samples', async () => {
    const flags = await pool.query<{ zone: string; reason: string; by: string }>(
      `SELECT z.code AS zone, f.reason, u.username AS by FROM flags f
       JOIN plots p ON p.id = f.plot_id JOIN zones z ON z.id = p.zone_id JOIN users u ON u.id = f.created_by
       WHERE f.status = 'pending' AND f.reason LIKE '（示例）%'`,
    );
    expect(flags.rows.length).toBeGreaterThanOrEqual(3);
    expect(flags.rows.every((f) => f.zone === 'HA-ETDZ' && f.by === 'zone_manager')).toBe(true);
    const inquiries = await pool.query<{ zone: string; company: string; phone: string | null }>(
      `SELECT z.code AS zone, i.company, i.phone FROM inquiries i JOIN zones z ON z.id = i.zone_id
       WHERE i.company LIKE '示例%'`,
    );
    expect(inquiries.rows.length).toBeGreaterThanOrEqual(2);
    // No phone numbers, even invented ones: a sample email address at example.com only.
    expect(inquiries.rows.every((i) => i.zone === 'HA-ETDZ' && i.phone === null)).toBe(true);
  });

  it('labels everything it generated as sample data', async () => {
    const unlabelled = await one<{ n: number }>(
      `SELECT (SELECT count(*) FROM districts WHERE NOT is_sample) + (SELECT count(*) FROM zones WHERE NOT is_sample)
            + (SELECT count(*) FROM plots WHERE NOT is_sample) + (SELECT count(*) FROM projects WHERE NOT is_sample)
            + (SELECT count(*) FROM control_lines WHERE NOT is_sample)
            + (SELECT count(*) FROM users WHERE NOT is_sample) AS n`,
    );
    expect(Number(unlabelled.n)).toBe(0);
  });
});
