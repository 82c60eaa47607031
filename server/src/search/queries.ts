// SQL of the search route: one statement, every value a bound parameter.
import type { Viewer } from '../auth/policy.ts';
import { seesAllInternal } from '../auth/policy.ts';
import type { Pool } from '../db/pool.ts';
import type { SearchKind } from './schemas.ts';

export interface SearchRow {
  kind: SearchKind;
  /** Text in SQL so the branches share one column; the route turns numeric ids back into numbers. */
  id: string;
  label: string;
  label_en: string;
  detail: string | null;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
}

/** LIKE patterns for the user's text, taken literally: `\`, `%` and `_` are escaped. */
export function likePatterns(text: string): { prefix: string; contains: string } {
  const escaped = text.replace(/[\\%_]/g, '\\$&');
  return { prefix: `${escaped}%`, contains: `%${escaped}%` };
}

// Each branch returns its own best `limit` rows, ordered as the whole answer is ordered (prefix
// matches first, then shorter labels), so the best `limit` of their union is the best overall.
//
// ILIKE with a leading wildcard scans plots.code and plots.enterprise_name: a few milliseconds at
// 10k plots, a few hundred at 1M. The next step at that scale is pg_trgm GIN indexes
// (gin (code gin_trgm_ops), gin (enterprise_name gin_trgm_ops)), which serve these same ILIKE
// patterns without changing this SQL.
const LIKE = (column: string, pattern: string) => `${column} ILIKE ${pattern} ESCAPE '\\'`;
const ANY_LIKE = (columns: string[], pattern: string) =>
  `(${columns.map((column) => LIKE(column, pattern)).join(' OR ')})`;

const DISTRICTS = `
  (SELECT 'district'::text AS kind, 0 AS kind_rank, d.code AS id, d.name AS label, d.name_en AS label_en,
          d.code AS detail, ${ANY_LIKE(['d.name', 'd.name_en', 'd.code'], '$1')} AS prefix, d.geom
   FROM districts d
   WHERE ${ANY_LIKE(['d.name', 'd.name_en', 'd.code'], '$2')}
   ORDER BY prefix DESC, length(d.name), d.name COLLATE "C", d.code
   LIMIT $3)`;

const ZONES = `
  (SELECT 'zone'::text AS kind, 1 AS kind_rank, z.id::text AS id, z.name AS label, z.name_en AS label_en,
          z.code AS detail, ${ANY_LIKE(['z.name', 'z.name_en', 'z.code'], '$1')} AS prefix, z.geom
   FROM zones z
   WHERE ${ANY_LIKE(['z.name', 'z.name_en', 'z.code'], '$2')}
   ORDER BY prefix DESC, length(z.name), z.name COLLATE "C", z.id
   LIMIT $3)`;

// Plot codes are public; the plot's zone (or district) code tells the user where it is.
const PLOTS = `
  (SELECT 'plot'::text AS kind, 2 AS kind_rank, p.id::text AS id, p.code AS label, p.code AS label_en,
          coalesce(z.code, p.district_code) AS detail, ${LIKE('p.code', '$1')} AS prefix, p.geom
   FROM plots p
   LEFT JOIN zones z ON z.id = p.zone_id
   WHERE ${LIKE('p.code', '$2')}
   ORDER BY prefix DESC, length(p.code), p.code COLLATE "C", p.id
   LIMIT $3)`;

// Occupants are internal: only rows whose internals the viewer may read (the rule of
// plots/queries.ts: planners and admins all, a zone manager its zones). The branch is left out
// entirely for viewers who may read none, so nothing about a name can reach them.
const ENTERPRISES = `
  (SELECT 'enterprise'::text AS kind, 3 AS kind_rank, p.id::text AS id, p.enterprise_name AS label,
          p.enterprise_name AS label_en, p.code AS detail, ${LIKE('p.enterprise_name', '$1')} AS prefix, p.geom
   FROM plots p
   WHERE ($4::boolean OR p.zone_id = ANY ($5::int[])) AND ${LIKE('p.enterprise_name', '$2')}
   ORDER BY prefix DESC, length(p.enterprise_name), p.enterprise_name COLLATE "C", p.id
   LIMIT $3)`;

/** Whether this viewer may read any occupant at all. */
function readsEnterprises(viewer: Viewer): boolean {
  return seesAllInternal(viewer) || (viewer.role === 'zone_manager' && viewer.zoneIds.length > 0);
}

export async function search(pool: Pool, viewer: Viewer, text: string, limit: number): Promise<SearchRow[]> {
  const { prefix, contains } = likePatterns(text);
  const params: unknown[] = [prefix, contains, limit];
  const branches = [DISTRICTS, ZONES, PLOTS];
  if (readsEnterprises(viewer)) {
    branches.push(ENTERPRISES);
    params.push(seesAllInternal(viewer), viewer.role === 'zone_manager' ? viewer.zoneIds : []);
  }
  const sql = `
    WITH hits AS (${branches.join('\n    UNION ALL')})
    SELECT kind, id, label, label_en, detail,
           ST_XMin(geom) AS min_lon, ST_YMin(geom) AS min_lat, ST_XMax(geom) AS max_lon, ST_YMax(geom) AS max_lat
    FROM hits
    ORDER BY prefix DESC, length(label), kind_rank, label COLLATE "C", length(id), id
    LIMIT $3`;
  const { rows } = await pool.query<SearchRow>(sql, params);
  return rows;
}
