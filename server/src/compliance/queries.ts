// SQL of control-line compliance: shares per line and per district, and the plots breaking the rules.
// A plot's breach is stored on it (plots.line_compliance, from line_compliance_of); the areas per
// line and per district come from SQL functions (all in db/migrations/011_compliance.sql).
import type { Viewer } from '../auth/policy.ts';
import { seesAllInternal } from '../auth/policy.ts';
import { binder } from '../db/bind.ts';
import type { Pool } from '../db/pool.ts';
import { RequestError } from '../http/errors.ts';
import type {
  BreachKind,
  CompliancePlot,
  ComplianceRules,
  ComplianceSummary,
  DistrictCompliance,
  LineCompliance,
} from './schemas.ts';

const DEFAULT_RULES: ComplianceRules = {
  minIndustrialShareCore: 0.6,
  minIndustrialShareTransitional: 0.6,
  minIndustrialShareDistrict: 0.6,
  minDistrictIndustrialInsideShare: 0.8,
  mostlyInsideShare: 0.5,
};

/** The rules in force (settings 'control_lines.rules'), each falling back to its default. */
export async function readRules(pool: Pool): Promise<ComplianceRules> {
  const { rows } = await pool.query<{ value: Record<string, unknown> }>(
    "SELECT value FROM settings WHERE key = 'control_lines.rules'",
  );
  const value = rows[0]?.value ?? {};
  const rules = { ...DEFAULT_RULES };
  for (const key of Object.keys(rules) as (keyof ComplianceRules)[]) {
    const given = value[key];
    if (typeof given === 'number' && Number.isFinite(given)) rules[key] = Math.min(1, Math.max(0, given));
  }
  return rules;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
/** A share to six decimals, or null where the whole is zero. */
const share = (part: number, whole: number) => (whole > 0 ? round(part / whole, 6) : null);

/** The lines in force (all, or one district's) with their industrial area (migration 011). */
const LINES_SQL = `
  SELECT l.id, l.code, l.name, l.level, l.version, to_char(l.effective_date, 'YYYY-MM-DD') AS effective_date,
         l.district_code, d.name AS district_name, d.name_en AS district_name_en, l.is_sample, l.area_mu,
         a.industrial_mu
    FROM control_line_industrial_areas($1::text) a
    JOIN control_lines l ON l.id = a.line_id
    LEFT JOIN districts d ON d.code = l.district_code
   ORDER BY l.district_code NULLS LAST, l.level, l.code`;

/** Per district (all, or one): its lines' area, industrial land in and out of them, breaches (migration 011). */
const DISTRICTS_SQL = `
  SELECT d.code, d.name, d.name_en, a.line_area_mu, a.industrial_in_lines_mu, a.industrial_mu,
         a.outside_count, a.outside_mu, a.in_core_count, a.in_core_mu
    FROM control_line_district_areas($1::text) a
    JOIN districts d ON d.code = a.district_code
   ORDER BY d.code`;

interface LineRow {
  id: number;
  code: string;
  name: string;
  level: 'core' | 'transitional';
  version: string;
  effective_date: string;
  district_code: string | null;
  district_name: string | null;
  district_name_en: string | null;
  is_sample: boolean;
  area_mu: number;
  industrial_mu: number;
}

interface DistrictRow {
  code: string;
  name: string;
  name_en: string;
  line_area_mu: number;
  industrial_in_lines_mu: number;
  industrial_mu: number;
  outside_count: number;
  outside_mu: number;
  in_core_count: number;
  in_core_mu: number;
}

/**
 * The summary. `prepared`: named statements, planned once per connection (PostgreSQL only: the
 * embedded database's connections share one session). On PostgreSQL the queries run side by side;
 * the embedded database's one connection takes them in turn.
 */
export async function complianceSummary(
  pool: Pool,
  districtCode: string | null,
  prepared: boolean,
): Promise<ComplianceSummary> {
  const [rules, lineResult, districtResult] = await Promise.all([
    readRules(pool),
    pool.query<LineRow>({
      ...(prepared ? { name: 'compliance-lines' } : {}),
      text: LINES_SQL,
      values: [districtCode],
    }),
    pool.query<DistrictRow>({
      ...(prepared ? { name: 'compliance-districts' } : {}),
      text: DISTRICTS_SQL,
      values: [districtCode],
    }),
  ]);
  const lineRows = lineResult.rows;
  const districtRows = districtResult.rows;
  if (districtCode !== null && districtRows.length === 0) {
    throw new RequestError(404, `district ${districtCode} does not exist`);
  }
  const lines = lineRows.map((row): LineCompliance => {
    const minimum =
      row.level === 'core' ? rules.minIndustrialShareCore : rules.minIndustrialShareTransitional;
    const industrialShare = share(row.industrial_mu, row.area_mu) ?? 0;
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      level: row.level,
      version: row.version,
      effectiveDate: row.effective_date,
      districtCode: row.district_code,
      districtName: row.district_name,
      districtNameEn: row.district_name_en,
      isSample: row.is_sample,
      areaMu: round(row.area_mu, 2),
      industrialAreaMu: round(row.industrial_mu, 2),
      industrialShare,
      minimum,
      pass: industrialShare >= minimum,
    };
  });
  const districts = districtRows.map((row): DistrictCompliance => {
    const industrialShare = share(row.industrial_in_lines_mu, row.line_area_mu);
    const insideShare = share(row.industrial_in_lines_mu, row.industrial_mu);
    return {
      code: row.code,
      name: row.name,
      nameEn: row.name_en,
      lineAreaMu: round(row.line_area_mu, 2),
      industrialInLinesMu: round(row.industrial_in_lines_mu, 2),
      industrialShare,
      minimum: rules.minIndustrialShareDistrict,
      pass: industrialShare === null ? null : industrialShare >= rules.minIndustrialShareDistrict,
      industrialAreaMu: round(row.industrial_mu, 2),
      insideShare,
      insideMinimum: rules.minDistrictIndustrialInsideShare,
      insidePass: insideShare === null ? null : insideShare >= rules.minDistrictIndustrialInsideShare,
      industrialOutside: { count: row.outside_count, areaMu: round(row.outside_mu, 2) },
      nonindustrialInCore: { count: row.in_core_count, areaMu: round(row.in_core_mu, 2) },
    };
  });
  return { rules, lines, districts };
}

export interface BreachFilter {
  kind?: BreachKind | undefined;
  districtCode?: string | undefined;
  zoneId?: number | undefined;
}

/**
 * WHERE clause of the breach lists. A zone manager's lists hold only plots of their own zones;
 * naming another zone is refused rather than answered with an empty list that looks compliant.
 */
function breachWhere(viewer: Viewer, filter: BreachFilter, params: unknown[]): string {
  const bind = binder(params);
  const clauses = ['p.line_compliance IS NOT NULL'];
  if (!seesAllInternal(viewer)) {
    if (filter.zoneId !== undefined && !viewer.zoneIds.includes(filter.zoneId)) {
      throw new RequestError(403, `zone ${filter.zoneId} is not one of your zones`);
    }
    clauses.push(`p.zone_id = ANY (${bind(viewer.zoneIds)}::int[])`);
  }
  if (filter.kind !== undefined) clauses.push(`p.line_compliance = ${bind(filter.kind)}`);
  if (filter.districtCode !== undefined) clauses.push(`p.district_code = ${bind(filter.districtCode)}`);
  if (filter.zoneId !== undefined) clauses.push(`p.zone_id = ${bind(filter.zoneId)}`);
  return clauses.join(' AND ');
}

export async function countBreaches(
  pool: Pool,
  viewer: Viewer,
  filter: BreachFilter,
): Promise<{ total: number; areaMu: number }> {
  const params: unknown[] = [];
  const { rows } = await pool.query<{ total: number; area_mu: number }>(
    `SELECT count(*)::int AS total, round(coalesce(sum(p.area_mu), 0)::numeric, 2)::float8 AS area_mu
       FROM plots p WHERE ${breachWhere(viewer, filter, params)}`,
    params,
  );
  return { total: rows[0]?.total ?? 0, areaMu: rows[0]?.area_mu ?? 0 };
}

interface BreachRow {
  id: number;
  code: string;
  kind: BreachKind;
  zone_id: number | null;
  zone_name: string | null;
  zone_name_en: string | null;
  district_code: string;
  district_name: string;
  district_name_en: string;
  land_use_code: string;
  land_use_name: string;
  land_use_name_en: string;
  area_mu: number;
  core_share: number;
  line_share: number;
  is_sample: boolean;
  internal: boolean;
  enterprise_name: string | null;
}

/** The plots breaking a rule, largest first unless asked otherwise; `limit` null for all (exports). */
export async function listBreaches(
  pool: Pool,
  viewer: Viewer,
  filter: BreachFilter,
  page: { sort: '-areaMu' | 'areaMu'; limit: number | null; offset: number },
): Promise<CompliancePlot[]> {
  const params: unknown[] = [seesAllInternal(viewer), viewer.zoneIds];
  const where = breachWhere(viewer, filter, params);
  const bind = binder(params);
  const paging = `${page.limit === null ? '' : `LIMIT ${bind(page.limit)}`} OFFSET ${bind(page.offset)}`;
  const { rows } = await pool.query<BreachRow>(
    `SELECT p.id, p.code, p.line_compliance AS kind, p.zone_id, z.name AS zone_name, z.name_en AS zone_name_en,
            p.district_code, d.name AS district_name, d.name_en AS district_name_en,
            p.land_use_code, u.name_zh AS land_use_name, u.name_en AS land_use_name_en,
            round(p.area_mu::numeric, 2)::float8 AS area_mu,
            round(p.core_share::numeric, 4)::float8 AS core_share,
            round(p.line_share::numeric, 4)::float8 AS line_share, p.is_sample, v.internal,
            CASE WHEN v.internal THEN p.enterprise_name END AS enterprise_name
       FROM plots p
       JOIN districts d ON d.code = p.district_code
       JOIN land_use_classes u ON u.code = p.land_use_code
       LEFT JOIN zones z ON z.id = p.zone_id
      CROSS JOIN LATERAL (SELECT ($1::boolean OR p.zone_id = ANY ($2::int[])) AS internal) v
      WHERE ${where}
      ORDER BY p.area_mu ${page.sort === 'areaMu' ? 'ASC' : 'DESC'}, p.id
      ${paging}`,
    params,
  );
  return rows.map((row) => {
    const plot: CompliancePlot = {
      id: row.id,
      code: row.code,
      kind: row.kind,
      zoneId: row.zone_id,
      zoneName: row.zone_name,
      zoneNameEn: row.zone_name_en,
      districtCode: row.district_code,
      districtName: row.district_name,
      districtNameEn: row.district_name_en,
      landUseCode: row.land_use_code,
      landUseName: row.land_use_name,
      landUseNameEn: row.land_use_name_en,
      areaMu: row.area_mu,
      coreShare: row.core_share,
      lineShare: row.line_share,
      isSample: row.is_sample,
    };
    if (row.internal) plot.enterpriseName = row.enterprise_name;
    return plot;
  });
}
