// Fills a migrated, empty database with the generated sample city, in one transaction.
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { generateSampleCity, type PlotRecord, REFERENCE_DATE } from '../../../geodata/src/index.ts';
import { type Pool, type PoolClient, withTransaction } from '../db/pool.ts';
import { gradePlots } from '../grading/recompute.ts';
import { type BulkMethod, type Cell, writeRows } from './bulk-writer.ts';

export interface SeedOptions {
  plots: number;
  seed?: number;
  /** Demo accounts' password; generated when null. */
  demoPassword: string | null;
  method: BulkMethod;
  onProgress?: (plotsWritten: number) => void;
}

export interface SeedResult {
  plots: number;
  demoPassword: string;
  passwordGenerated: boolean;
  demoUsers: { username: string; role: string }[];
  milliseconds: number;
}

// Seeding and the check for an empty database happen under this lock, so two servers starting
// on one empty database seed it once.
const SEED_LOCK = 727_100_002;

const DEMO_USERS = [
  { username: 'admin', displayName: '系统管理员（示例）', role: 'admin' },
  { username: 'planner', displayName: '规划局用户（示例）', role: 'planner' },
  {
    username: 'zone_manager',
    displayName: '经开区管理员（示例）',
    role: 'zone_manager',
    zoneCode: 'HA-ETDZ',
  },
  { username: 'investor', displayName: '投资企业用户（示例）', role: 'investor' },
] as const;

const PLOT_STAGING_COLUMNS = [
  'code',
  'zone_code',
  'district_code',
  'geom',
  'land_use_code',
  'enterprise_name',
  'status',
  'inefficiency_type',
  'contracted_start_date',
  'indicators',
  'grade',
  'servicing',
  'guide_price',
  'plan',
] as const;

function plotRow(plot: PlotRecord): Cell[] {
  return [
    plot.code,
    plot.zoneCode,
    plot.districtCode,
    JSON.stringify(plot.geom),
    plot.landUseCode,
    plot.enterpriseName,
    plot.status,
    plot.inefficiencyType,
    plot.contractedStartDate,
    plot.indicators ? JSON.stringify(plot.indicators) : null,
    plot.grade,
    JSON.stringify(plot.servicing),
    plot.guidePrice,
    plot.revitalization ? JSON.stringify(plot.revitalization) : null,
  ];
}

export async function isEmpty(pool: Pool | PoolClient): Promise<boolean> {
  const { rows } = await pool.query<{ empty: boolean }>(
    'SELECT NOT EXISTS (SELECT 1 FROM districts) AS empty',
  );
  return rows[0]?.empty ?? true;
}

export class DatabaseNotEmptyError extends Error {}

/** Seeds the sample city; refuses a database that already holds districts. */
export async function seedSampleCity(pool: Pool, options: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const passwordGenerated = options.demoPassword === null;
  const demoPassword = options.demoPassword ?? randomBytes(9).toString('base64url');
  const passwordHash = await argon2.hash(demoPassword);
  const city = generateSampleCity({ plots: options.plots, seed: options.seed });

  const plots = await withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    if (!(await isEmpty(client))) throw new DatabaseNotEmptyError('the database already holds data');

    await client.query(
      `INSERT INTO settings (key, value, description) VALUES ('city', $1, 'The city this database describes')
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [JSON.stringify({ ...city.city, isSample: true })],
    );
    await client.query(
      `INSERT INTO districts (code, name, name_en, is_sample, geom)
       SELECT d.code, d.name, d."nameEn", true, ST_SetSRID(ST_GeomFromGeoJSON(d.geom), 4326)
       FROM json_to_recordset($1::json) AS d(code text, name text, "nameEn" text, geom json)`,
      [JSON.stringify(city.districts)],
    );
    await client.query(
      `INSERT INTO zones (code, name, name_en, level, district_code, industries, contact, is_sample, geom)
       SELECT z.code, z.name, z."nameEn", z.level, z."districtCode",
              ARRAY(SELECT json_array_elements_text(z.industries)), z.contact, true,
              ST_SetSRID(ST_GeomFromGeoJSON(z.geom), 4326)
       FROM json_to_recordset($1::json)
         AS z(code text, name text, "nameEn" text, level text, "districtCode" text, industries json,
              contact jsonb, geom json)`,
      [JSON.stringify(city.zones)],
    );
    await client.query(
      `INSERT INTO control_lines (code, name, level, version, effective_date, district_code, is_sample, geom)
       SELECT c.code, c.name, c.level, c.version, c."effectiveDate"::date, c."districtCode", true,
              ST_SetSRID(ST_GeomFromGeoJSON(c.geom), 4326)
       FROM json_to_recordset($1::json)
         AS c(code text, name text, level text, version text, "effectiveDate" text, "districtCode" text, geom json)`,
      [JSON.stringify(city.controlLines)],
    );
    await client.query(
      `INSERT INTO projects (code, name, investor, industry, investment_yi, land_demand_mu, stage, zone_id,
                             signed_at, is_sample)
       SELECT p.code, p.name, p.investor, p.industry, p."investmentYi", p."landDemandMu", p.stage, z.id,
              p."signedAt"::timestamptz + (now() - $2::timestamptz), true
       FROM json_to_recordset($1::json)
         AS p(code text, name text, investor text, industry text, "investmentYi" numeric,
              "landDemandMu" numeric, stage text, "zoneCode" text, "signedAt" text)
       LEFT JOIN zones z ON z.code = p."zoneCode"`,
      // The generator dates projects relative to a fixed reference day; moving them to the day of
      // seeding keeps some 72-hour city reviews due and some overdue, as in a live city.
      [JSON.stringify(city.projects), `${REFERENCE_DATE}T00:00:00+08:00`],
    );
    for (const user of DEMO_USERS) {
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO users (username, display_name, role, password_hash, is_sample)
         VALUES ($1, $2, $3, $4, true) RETURNING id`,
        [user.username, user.displayName, user.role, passwordHash],
      );
      if ('zoneCode' in user) {
        await client.query(
          'INSERT INTO user_zones (user_id, zone_id) SELECT $1, id FROM zones WHERE code = $2',
          [rows[0]!.id, user.zoneCode],
        );
      }
    }

    // Plots stream into an untyped staging table, then one set-based INSERT types, validates
    // and indexes them: the same SQL whichever way the rows arrived.
    await client.query(
      `CREATE TEMP TABLE seed_plots (${PLOT_STAGING_COLUMNS.map((c) => `${c} text`).join(', ')}) ON COMMIT DROP`,
    );
    let written = 0;
    const count = await writeRows(
      client,
      options.method,
      'seed_plots',
      PLOT_STAGING_COLUMNS,
      (function* () {
        for (const plot of city.plots()) yield plotRow(plot);
      })(),
      () => {
        written += 1;
        if (written % 10_000 === 0) options.onProgress?.(written);
      },
    );
    if (count % 10_000 !== 0) options.onProgress?.(count);
    await client.query(
      `INSERT INTO plots (code, zone_id, district_code, geom, land_use_code, enterprise_name, status,
                          inefficiency_type, contracted_start_date, investment_intensity, tax_per_mu,
                          sales_per_mu, plot_ratio, value_added_rate, rd_share, energy_per_value_added,
                          grade, servicing, guide_price, is_sample)
       SELECT s.code, z.id, s.district_code, ST_SetSRID(ST_GeomFromGeoJSON(s.geom), 4326), s.land_use_code,
              s.enterprise_name, s.status, s.inefficiency_type, s.contracted_start_date::date,
              (i ->> 'investmentIntensity')::numeric, (i ->> 'taxPerMu')::numeric, (i ->> 'salesPerMu')::numeric,
              (i ->> 'plotRatio')::numeric, (i ->> 'valueAddedRate')::numeric, (i ->> 'rdShare')::numeric,
              (i ->> 'energyPerValueAdded')::numeric, s.grade,
              ARRAY(SELECT jsonb_array_elements_text(s.servicing::jsonb)), s.guide_price::numeric, true
       FROM seed_plots s
       CROSS JOIN LATERAL (SELECT s.indicators::jsonb AS i) AS ind
       LEFT JOIN zones z ON z.code = s.zone_code`,
    );
    // The 亩均效益评价 from the settings, as `npm run grade` would: scores, ranks within each county
    // and grades (the generator's own grades are drawn against a sample of each county, so most
    // already agree and only the rest are rewritten).
    await gradePlots(client);
    await client.query(
      `INSERT INTO revitalization_plans (plot_id, measure, responsible_unit, target_date, progress, progress_pct)
       SELECT p.id, r ->> 'measure', r ->> 'responsibleUnit', (r ->> 'targetDate')::date,
              r ->> 'progress', (r ->> 'progressPct')::smallint
       FROM seed_plots s
       CROSS JOIN LATERAL (SELECT s.plan::jsonb AS r) AS plan
       JOIN plots p ON p.code = s.code
       WHERE s.plan IS NOT NULL`,
    );
    // A few open items, so each role's workbench shows what its work looks like: flags waiting for
    // review in the demo zone manager's zone, and inquiries in its inbox. All marked as samples.
    await client.query(
      `INSERT INTO flags (plot_id, proposed_status, reason, evidence, created_by)
       SELECT p.id, 'revitalizing', '（示例）企业已签订盘活协议，拟启动技改扩能',
              '（示例）盘活协议扫描件、现场照片', u.id
       FROM plots p
       JOIN zones z ON z.id = p.zone_id AND z.code = 'HA-ETDZ'
       CROSS JOIN (SELECT id FROM users WHERE username = 'zone_manager') u
       WHERE p.status = 'low_efficiency'
       ORDER BY p.code LIMIT 3`,
    );
    await client.query(
      `INSERT INTO inquiries (target_type, plot_id, zone_id, contact_name, company, email, land_demand_mu,
                              industry, message)
       SELECT 'plot', p.id, p.zone_id, '示例联系人', '示例投资企业 ' || n || ' 有限公司',
              'sample-' || n || '@example.com', 50 * n, '新能源装备', '（示例）请问该地块是否已通天然气？何时可以供地？'
       FROM (SELECT p.*, row_number() OVER (ORDER BY p.area_mu DESC) AS n
             FROM plots p JOIN zones z ON z.id = p.zone_id AND z.code = 'HA-ETDZ'
             WHERE p.status = 'available') p
       WHERE n <= 2`,
    );
    // Sample history (示例) for the dashboard's revitalization chart: one plot in six now available
    // or supplied was revitalized from inefficient land in the 23 months before this one, more of
    // them lately.
    // Back-dated status changes marked `sample`, each plot recorded a year before its change.
    await client.query(
      `WITH picked AS (
         SELECT id, status, n, 23 - floor(22.99 * sqrt(((n * 37) % 100) / 100.0))::int AS months_ago
         FROM (SELECT id, status, row_number() OVER (ORDER BY code) AS n
               FROM plots WHERE status IN ('available', 'supplied')) p
         WHERE n % 6 = 0
       ), events AS (
         INSERT INTO audit_events (at, action, entity_type, entity_id, before, after)
         SELECT least(now() - interval '1 hour', date_trunc('month', now()) - make_interval(months => months_ago)
                        + make_interval(days => (n * 13 % 27)::int, hours => (9 + n % 8)::int)),
                'plot.status_changed', 'plot', id::text,
                jsonb_build_object('status', (ARRAY['revitalizing', 'revitalizing', 'revitalizing', 'idle', 'low_efficiency'])[1 + n % 5],
                                   'inefficiencyType', (ARRAY['low_output', 'halted', NULL, 'idle', 'low_output'])[1 + n % 5]),
                jsonb_build_object('status', status, 'inefficiencyType', NULL, 'sample', true)
         FROM picked
         RETURNING entity_id, at
       )
       UPDATE plots p SET created_at = e.at - interval '1 year' FROM events e WHERE p.id = e.entity_id::bigint`,
    );
    await client.query(
      `INSERT INTO audit_events (action, entity_type, entity_id, after)
       VALUES ('sample_city.seeded', 'database', 'sample', $1)`,
      [JSON.stringify({ plots: count, seed: options.seed ?? null })],
    );
    return count;
  });
  await pool.query('ANALYZE');
  return {
    plots,
    demoPassword,
    passwordGenerated,
    demoUsers: DEMO_USERS.map(({ username, role }) => ({ username, role })),
    milliseconds: Date.now() - started,
  };
}

/** Empties every table the sample city fills (for `npm run seed -- --reset`). */
export async function clearData(pool: Pool): Promise<void> {
  await pool.query(
    `TRUNCATE audit_events, imports, inquiries, flags, reservation_plots, reservations, projects, sessions,
              user_zones, users, parcel_plots, parcels, revitalization_plans, plots, control_lines, zones,
              districts RESTART IDENTITY CASCADE`,
  );
  await pool.query("DELETE FROM settings WHERE key = 'city'");
}
