// SQL of imports: staging the rows as read, checking them where only the database can (geometry,
// place, duplicates, existing plots), summarising, and writing them to the plots in one transaction.
import type { Pool, PoolClient } from '../db/pool.ts';
import { RequestError } from '../http/errors.ts';
import type {
  FieldMapping,
  PlotAttribute,
  PlotValues,
  Problem,
  References,
  SourceValue,
} from './attributes.ts';
import { describeSrid, domainOf } from './crs.ts';
import type { Encoding } from './encoding.ts';

type Db = Pool | PoolClient;

export async function loadReferences(db: Db): Promise<References> {
  const { rows } = await db.query<{
    land_use: { code: string; zh: string; en: string }[];
    legacy: { code: string; zh: string; maps_to: string }[];
    districts: { code: string; name: string; name_en: string }[];
    aliases: { old_code: string; code: string }[];
    zones: { id: number; code: string; name: string; name_en: string }[];
  }>(
    `SELECT (SELECT json_agg(json_build_object('code', code, 'zh', name_zh, 'en', name_en)) FROM land_use_classes) AS land_use,
            (SELECT coalesce(json_agg(l), '[]') FROM legacy_land_use_codes l) AS legacy,
            (SELECT coalesce(json_agg(json_build_object('code', code, 'name', name, 'name_en', name_en)), '[]') FROM districts) AS districts,
            (SELECT coalesce(json_agg(a), '[]') FROM district_code_aliases a) AS aliases,
            (SELECT coalesce(json_agg(json_build_object('id', id, 'code', code, 'name', name, 'name_en', name_en)), '[]') FROM zones) AS zones`,
  );
  const row = rows[0]!;
  const zones = new Map<string, number>();
  for (const zone of row.zones) {
    for (const key of [zone.code, zone.name, zone.name_en]) zones.set(key.toLowerCase(), zone.id);
  }
  return {
    landUseCodes: new Set(row.land_use.map((l) => l.code)),
    landUseNames: new Map(
      row.land_use.flatMap((l) => [
        [l.zh.toLowerCase(), l.code] as const,
        [l.en.toLowerCase(), l.code] as const,
      ]),
    ),
    legacyLandUse: new Map(
      row.legacy.flatMap((l) => [[l.code, l.maps_to] as const, [l.zh, l.maps_to] as const]),
    ),
    districtCodes: new Set(row.districts.map((d) => d.code)),
    districtAliases: new Map(row.aliases.map((a) => [a.old_code, a.code])),
    districtNames: new Map(
      row.districts.flatMap((d) => [[d.name, d.code] as const, [d.name_en, d.code] as const]),
    ),
    zones,
  };
}

export async function rememberedMapping(db: Db): Promise<Map<string, string>> {
  const { rows } = await db.query<{ source_field: string; attribute: string }>(
    'SELECT source_field, attribute FROM import_field_memory',
  );
  return new Map(rows.map((row) => [row.source_field, row.attribute]));
}

export interface StagedRow {
  row: number;
  attributes: Record<string, SourceValue>;
  values: PlotValues;
  /** GeoJSON text in the source CRS, or null. */
  geometry: string | null;
  problems: Problem[];
}

/** Replaces the import's rows with `rows` (in batches, so a large file never makes one huge statement). */
export async function stageRows(
  client: PoolClient,
  importId: number,
  rows: readonly StagedRow[],
): Promise<void> {
  await client.query('DELETE FROM import_rows WHERE import_id = $1', [importId]);
  for (let start = 0; start < rows.length; start += 1000) {
    const batch = rows.slice(start, start + 1000).map((row) => ({
      row_number: row.row,
      attributes: row.attributes,
      plot_values: row.values,
      geometry: row.geometry,
      read_problems: row.problems,
    }));
    await client.query(
      `INSERT INTO import_rows (import_id, row_number, attributes, plot_values, source_geom, code, read_problems, problems)
       SELECT $1, x.row_number, x.attributes, x.plot_values,
              CASE WHEN x.geometry IS NOT NULL THEN ST_GeomFromGeoJSON(x.geometry) END,
              x.plot_values ->> 'code', x.read_problems, x.read_problems
         FROM jsonb_to_recordset($2::jsonb)
           AS x (row_number int, attributes jsonb, plot_values jsonb, geometry text, read_problems jsonb)`,
      [importId, JSON.stringify(batch)],
    );
  }
  // Nothing else keeps this table's statistics current on the embedded database (no autovacuum):
  // without them the checks below plan as for an empty table and take seconds per thousand rows.
  await client.query('ANALYZE import_rows');
}

const error = (kind: string, extra = '') =>
  `jsonb_build_object('kind', '${kind}', 'severity', 'error'${extra})`;
const warning = (kind: string, extra = '') =>
  `jsonb_build_object('kind', '${kind}', 'severity', 'warning'${extra})`;
const HAS_ERROR = `jsonb_path_exists(r.problems, '$[*] ? (@.severity == "error")')`;

export interface CheckOptions {
  /** The source CRS, or null when nobody knows it yet. */
  srid: number | null;
  swapAxes: boolean;
}

/*
 * The CTEs below are MATERIALIZED: used more than once, an inlined one would compute its
 * transforms and lookups again at each use.
 */

/**
 * Checks every staged row of an import where only the database can: the outline's validity (with
 * PostGIS's reason and where), its place (in the city, which district and zone) and duplicate codes
 * (`checkSource`, which depends on the file alone), then what writing it would do to the plots
 * (`checkAgainstPlots`). Sets each row's action: insert, update or skip (a row with any error is
 * skipped).
 */
export async function checkRows(client: PoolClient, importId: number, options: CheckOptions): Promise<void> {
  await checkSource(client, importId, options);
  await checkAgainstPlots(client, importId);
}

async function checkSource(client: PoolClient, importId: number, options: CheckOptions): Promise<void> {
  // JIT compiling these statements costs more than it saves (a second per check on PostgreSQL).
  await client.query('SET LOCAL jit = off');
  await client.query(
    `UPDATE import_rows SET geom = NULL, district_code = NULL, zone_id = NULL, problems = read_problems, action = NULL
      WHERE import_id = $1`,
    [importId],
  );
  if (options.srid === null) {
    await client.query(
      `UPDATE import_rows r SET problems = r.problems || jsonb_build_array(${error('crs_unknown')})
        WHERE r.import_id = $1 AND r.source_geom IS NOT NULL`,
      [importId],
    );
  } else {
    // Validity is judged on the outline as the file has it, so the location is the surveyor's.
    await client.query(
      `WITH source AS MATERIALIZED (
         SELECT r.row_number,
                CASE WHEN $3 THEN ST_FlipCoordinates(ST_SetSRID(r.source_geom, $2)) ELSE ST_SetSRID(r.source_geom, $2) END AS g
           FROM import_rows r WHERE r.import_id = $1 AND r.source_geom IS NOT NULL),
       checked AS MATERIALIZED (
         SELECT s.row_number, d.valid, d.reason, ST_SetSRID(d.location, $2) AS location,
                -- Only outlines inside the system's domain are transformed: elsewhere PROJ fails.
                CASE WHEN d.valid AND ST_XMin(s.g) >= $5 AND ST_YMin(s.g) >= $6 AND ST_XMax(s.g) <= $7
                          AND ST_YMax(s.g) <= $8
                     THEN ST_Transform(s.g, 4326) END AS wgs
           FROM source s CROSS JOIN LATERAL ST_IsValidDetail(s.g) d)
       UPDATE import_rows r
          SET geom = CASE WHEN c.valid AND c.wgs IS NOT NULL AND ST_IsValid(c.wgs) AND NOT ST_IsEmpty(c.wgs)
                          THEN ST_Multi(c.wgs) END,
              problems = r.problems || CASE
                WHEN NOT c.valid THEN jsonb_build_array(jsonb_strip_nulls(${error(
                  'invalid_geometry',
                  `, 'detail', c.reason || coalesce(' at ' || round(ST_X(c.location)::numeric, $4)::float8 || ' ' || round(ST_Y(c.location)::numeric, $4)::float8, ''),
                     'location', (SELECT jsonb_build_array(round(ST_X(p)::numeric, 7), round(ST_Y(p)::numeric, 7))
                                    FROM import_transform(c.location, 4326) p WHERE p IS NOT NULL)`,
                )}))
                WHEN c.wgs IS NULL THEN jsonb_build_array(${error('outside_crs')})
                WHEN NOT ST_IsValid(c.wgs) THEN jsonb_build_array(${error('invalid_geometry', ", 'detail', ST_IsValidReason(c.wgs)")})
                ELSE '[]'::jsonb END
         FROM checked c
        WHERE r.import_id = $1 AND r.row_number = c.row_number`,
      // Where in the source coordinates: to the millimetre in metres, to about 1 cm in degrees.
      [
        importId,
        options.srid,
        options.swapAxes,
        describeSrid(options.srid)?.projected === false ? 7 : 3,
        ...domainOf(options.srid),
      ],
    );
  }
  // Place: the district holding the outline's inner point (else any it touches), the zone holding
  // it; a mapped district or zone wins, with a warning when the outline lies elsewhere.
  await client.query(
    `WITH placed AS MATERIALIZED (
       SELECT r.row_number, pt.pt,
              coalesce((SELECT d.code FROM districts d WHERE d.geom && pt.pt AND ST_Intersects(d.geom, pt.pt) ORDER BY d.code LIMIT 1),
                       (SELECT d.code FROM districts d WHERE d.geom && r.geom AND ST_Intersects(d.geom, r.geom) ORDER BY d.code LIMIT 1)) AS district,
              (SELECT z.id FROM zones z WHERE z.geom && pt.pt AND ST_Intersects(z.geom, pt.pt) ORDER BY z.id LIMIT 1) AS zone
         FROM import_rows r CROSS JOIN LATERAL (SELECT ST_PointOnSurface(r.geom) AS pt) pt
        WHERE r.import_id = $1 AND r.geom IS NOT NULL)
     UPDATE import_rows r
        SET district_code = CASE WHEN p.district IS NOT NULL THEN coalesce(r.plot_values ->> 'districtCode', p.district) END,
            zone_id = coalesce((r.plot_values ->> 'zoneId')::int, p.zone),
            problems = r.problems
              || CASE WHEN p.district IS NULL THEN jsonb_build_array(${error('outside_city')}) ELSE '[]'::jsonb END
              || CASE WHEN p.district IS NOT NULL AND r.plot_values ->> 'districtCode' <> p.district
                      THEN jsonb_build_array(${warning('district_mismatch', ", 'field', 'districtCode', 'value', r.plot_values ->> 'districtCode', 'detail', p.district")})
                      ELSE '[]'::jsonb END
              || CASE WHEN r.plot_values ? 'zoneId' AND (p.zone IS NULL OR (r.plot_values ->> 'zoneId')::int <> p.zone)
                      THEN jsonb_build_array(${warning('zone_mismatch', ", 'field', 'zone'")})
                      ELSE '[]'::jsonb END
       FROM placed p
      WHERE r.import_id = $1 AND r.row_number = p.row_number`,
    [importId],
  );
  await client.query(
    `UPDATE import_rows r
        SET problems = r.problems || jsonb_build_array(${error('duplicate_code', ", 'field', 'code', 'value', r.code, 'detail', d.rows")})
       FROM (SELECT code, string_agg(row_number::text, ', ' ORDER BY row_number) AS rows
               FROM import_rows WHERE import_id = $1 AND code IS NOT NULL
              GROUP BY code HAVING count(*) > 1) d
      WHERE r.import_id = $1 AND r.code = d.code`,
    [importId],
  );
  await client.query('UPDATE import_rows SET source_problems = problems WHERE import_id = $1', [importId]);
}

/**
 * The checks that depend on the plots as they are now: run at every preview and again inside the
 * transaction that commits, since plots may have changed in between.
 */
export async function checkAgainstPlots(client: PoolClient, importId: number): Promise<void> {
  await client.query('SET LOCAL jit = off');
  await client.query(
    `WITH found AS MATERIALIZED (
       -- A plot of another code already there: often the same land surveyed under a new code.
       SELECT r.row_number,
              (SELECT p.code FROM plots p WHERE p.geom && pt.pt AND ST_Intersects(p.geom, pt.pt)
                  AND p.code IS DISTINCT FROM r.code ORDER BY p.id LIMIT 1) AS overlapped
         FROM import_rows r CROSS JOIN LATERAL (SELECT ST_PointOnSurface(r.geom) AS pt) pt
        WHERE r.import_id = $1)
     UPDATE import_rows r
        SET action = NULL,
            problems = r.source_problems
              || CASE WHEN f.overlapped IS NOT NULL
                      THEN jsonb_build_array(${warning('overlaps_plot', ", 'detail', f.overlapped")})
                      ELSE '[]'::jsonb END
       FROM found f
      WHERE r.import_id = $1 AND r.row_number = f.row_number`,
    [importId],
  );
  // What writing the row would do to the plot of its code (or a new one): the states the database
  // itself refuses, a reservation's hold, and areas that suggest the wrong CRS or units.
  await client.query(
    `WITH target AS MATERIALIZED (
       SELECT r.row_number, p.id AS plot_id, p.status AS current_status,
              CASE WHEN r.plot_values ->> 'status' IS NOT NULL THEN r.plot_values ->> 'status'
                   ELSE coalesce(p.status, 'in_use') END AS status,
              CASE WHEN r.plot_values ? 'enterpriseName' THEN r.plot_values ->> 'enterpriseName'
                   ELSE p.enterprise_name END AS enterprise,
              CASE WHEN r.geom IS NOT NULL THEN area_mu(r.geom) END AS area
         FROM import_rows r LEFT JOIN plots p ON p.code = r.code
        WHERE r.import_id = $1)
     UPDATE import_rows r
        SET problems = r.problems
          || CASE WHEN t.plot_id IS NULL AND r.code IS NOT NULL AND r.plot_values ->> 'landUseCode' IS NULL
                       AND NOT jsonb_path_exists(r.problems, '$[*] ? (@.field == "landUseCode")')
                  THEN jsonb_build_array(${error('missing_land_use', ", 'field', 'landUseCode'")}) ELSE '[]'::jsonb END
          || CASE WHEN t.status = 'available' AND t.enterprise IS NOT NULL
                  THEN jsonb_build_array(${error('enterprise_on_available', ", 'field', 'enterpriseName', 'value', t.enterprise")}) ELSE '[]'::jsonb END
          || CASE WHEN t.status = 'reserved' AND t.current_status IS DISTINCT FROM 'reserved'
                  THEN jsonb_build_array(${error('status_reserved', ", 'field', 'status', 'value', r.plot_values ->> 'status'")}) ELSE '[]'::jsonb END
          || CASE WHEN t.current_status = 'reserved' AND t.status <> 'reserved'
                  THEN jsonb_build_array(${error('plot_reserved', ", 'field', 'status', 'value', t.status")}) ELSE '[]'::jsonb END
          || CASE WHEN (r.plot_values ->> 'declaredAreaMu')::float8 > 0 AND t.area IS NOT NULL
                       AND abs(t.area - (r.plot_values ->> 'declaredAreaMu')::float8) > 0.01 * (r.plot_values ->> 'declaredAreaMu')::float8
                  THEN jsonb_build_array(${warning('area_mismatch', ", 'field', 'declaredAreaMu', 'value', r.plot_values ->> 'declaredAreaMu', 'detail', round(t.area::numeric, 2)::text")})
                  ELSE '[]'::jsonb END
          || CASE WHEN t.area < 0.015 THEN jsonb_build_array(${warning('tiny_area', ", 'detail', round(t.area::numeric, 4)::text")})
                  WHEN t.area > 30000 THEN jsonb_build_array(${warning('huge_area', ", 'detail', round(t.area::numeric)::text")})
                  ELSE '[]'::jsonb END
       FROM target t
      WHERE r.import_id = $1 AND r.row_number = t.row_number`,
    [importId],
  );
  await client.query(
    `UPDATE import_rows r
        SET action = CASE WHEN ${HAS_ERROR} OR r.geom IS NULL THEN 'skip'
                          WHEN EXISTS (SELECT 1 FROM plots p WHERE p.code = r.code) THEN 'update'
                          ELSE 'insert' END
      WHERE r.import_id = $1`,
    [importId],
  );
}

export interface ImportCounts {
  rows: number;
  insert: number;
  update: number;
  skip: number;
  /** Rows with at least one warning (and no error). */
  warnings: number;
}

export interface ImportReport {
  problems: { kind: string; severity: 'error' | 'warning'; count: number }[];
  extent: [number, number, number, number] | null;
  /** Plots this import would write (or wrote), by district, for a sense of where the data lies. */
  districts: { code: string; count: number }[];
}

/** Counts and the report of an import's checked rows, stored on the import so reading it is cheap. */
export async function summarise(
  client: PoolClient,
  importId: number,
): Promise<{ counts: ImportCounts; report: ImportReport }> {
  const { rows } = await client.query<{ counts: ImportCounts; report: ImportReport }>(
    `SELECT json_build_object(
              'rows', count(*)::int,
              'insert', count(*) FILTER (WHERE r.action = 'insert')::int,
              'update', count(*) FILTER (WHERE r.action = 'update')::int,
              'skip', count(*) FILTER (WHERE r.action = 'skip')::int,
              'warnings', count(*) FILTER (WHERE r.action <> 'skip' AND jsonb_array_length(r.problems) > 0)::int) AS counts,
            json_build_object(
              'problems', (SELECT coalesce(json_agg(json_build_object('kind', kind, 'severity', severity, 'count', n)
                                                    ORDER BY severity, n DESC, kind), '[]')
                             FROM (SELECT p ->> 'kind' AS kind, p ->> 'severity' AS severity, count(*)::int AS n
                                     FROM import_rows x CROSS JOIN LATERAL jsonb_array_elements(x.problems) p
                                    WHERE x.import_id = $1 GROUP BY 1, 2) k),
              'extent', (SELECT CASE WHEN e IS NULL THEN NULL
                                     ELSE json_build_array(round(ST_XMin(e)::numeric, 6), round(ST_YMin(e)::numeric, 6),
                                                           round(ST_XMax(e)::numeric, 6), round(ST_YMax(e)::numeric, 6)) END
                           FROM (SELECT coalesce(
                                   -- Where the data goes: the rows to be written, unless none is.
                                   (SELECT ST_Extent(geom)::geometry FROM import_rows
                                     WHERE import_id = $1 AND action IN ('insert', 'update')),
                                   (SELECT ST_Extent(geom)::geometry FROM import_rows WHERE import_id = $1)) AS e) x),
              'districts', (SELECT coalesce(json_agg(json_build_object('code', district_code, 'count', n) ORDER BY n DESC), '[]')
                              FROM (SELECT district_code, count(*)::int AS n FROM import_rows
                                     WHERE import_id = $1 AND action IN ('insert', 'update') GROUP BY 1) d)) AS report
       FROM import_rows r WHERE r.import_id = $1`,
    [importId],
  );
  return rows[0]!;
}

/** The column each mapped attribute writes, and how its value is read from the staged row. */
const WRITES: Partial<Record<PlotAttribute, { column: string; value: string; keepWhenEmpty?: boolean }>> = {
  landUseCode: { column: 'land_use_code', value: "r.plot_values ->> 'landUseCode'", keepWhenEmpty: true },
  enterpriseName: { column: 'enterprise_name', value: "r.plot_values ->> 'enterpriseName'" },
  status: { column: 'status', value: "r.plot_values ->> 'status'", keepWhenEmpty: true },
  inefficiencyType: { column: 'inefficiency_type', value: "r.plot_values ->> 'inefficiencyType'" },
  contractedStartDate: {
    column: 'contracted_start_date',
    value: "(r.plot_values ->> 'contractedStartDate')::date",
  },
  productionStartDate: {
    column: 'production_start_date',
    value: "(r.plot_values ->> 'productionStartDate')::date",
  },
  investmentIntensity: {
    column: 'investment_intensity',
    value: "(r.plot_values ->> 'investmentIntensity')::numeric",
  },
  taxPerMu: { column: 'tax_per_mu', value: "(r.plot_values ->> 'taxPerMu')::numeric" },
  salesPerMu: { column: 'sales_per_mu', value: "(r.plot_values ->> 'salesPerMu')::numeric" },
  plotRatio: { column: 'plot_ratio', value: "(r.plot_values ->> 'plotRatio')::numeric" },
  valueAddedRate: { column: 'value_added_rate', value: "(r.plot_values ->> 'valueAddedRate')::numeric" },
  rdShare: { column: 'rd_share', value: "(r.plot_values ->> 'rdShare')::numeric" },
  energyPerValueAdded: {
    column: 'energy_per_value_added',
    value: "(r.plot_values ->> 'energyPerValueAdded')::numeric",
  },
  servicing: {
    column: 'servicing',
    value:
      "CASE WHEN jsonb_typeof(r.plot_values -> 'servicing') = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(r.plot_values -> 'servicing')) END",
    keepWhenEmpty: true,
  },
  guidePrice: { column: 'guide_price', value: "(r.plot_values ->> 'guidePrice')::numeric" },
  notes: { column: 'notes', value: "r.plot_values ->> 'notes'" },
  isSample: { column: 'is_sample', value: "(r.plot_values ->> 'isSample')::boolean", keepWhenEmpty: true },
};

/** Defaults of a new plot for attributes that are not mapped or empty (the columns are NOT NULL). */
const INSERT_DEFAULTS: Record<string, string> = { status: "'in_use'", servicing: "'{}'", is_sample: 'false' };

/**
 * Writes the import's insert and update rows to the plots, in the caller's transaction: only the
 * mapped attributes change on existing plots, each write leaves an audit row with the values it
 * replaced (outline included), and the status-history trigger records status changes.
 */
export async function writePlots(
  client: PoolClient,
  importId: number,
  mapping: FieldMapping,
  actorId: number | null,
): Promise<{ inserted: number; updated: number }> {
  const writes = Object.entries(WRITES).filter(
    ([attribute]) => mapping[attribute as PlotAttribute] !== undefined,
  );
  const setList = writes.map(([attribute, write]) => {
    const mapped = `r.plot_values ? '${attribute}'`;
    return write.keepWhenEmpty
      ? `${write.column} = coalesce(${write.value}, p.${write.column})`
      : `${write.column} = CASE WHEN ${mapped} THEN ${write.value} ELSE p.${write.column} END`;
  });
  if (mapping.zone !== undefined) setList.push('zone_id = r.zone_id');
  const columns = [
    'geom',
    'district_code',
    ...writes.map(([, w]) => w.column),
    ...(mapping.zone !== undefined ? ['zone_id'] : []),
  ];
  const before = columns.map((column) =>
    column === 'geom'
      ? `'geometry', ST_AsGeoJSON(old.geom, 7)::jsonb, 'areaMu', round(old.area_mu::numeric, 2)`
      : `'${column}', old.${column}`,
  );
  const after = columns.map((column) =>
    column === 'geom' ? `'areaMu', round(p.area_mu::numeric, 2)` : `'${column}', p.${column}`,
  );
  const updated = await client.query(
    `WITH changed AS (
       UPDATE plots p
          SET geom = r.geom, district_code = r.district_code${setList.map((s) => `, ${s}`).join('')}
         FROM import_rows r, plots old
        WHERE r.import_id = $1 AND r.action = 'update' AND p.code = r.code AND old.id = p.id
        RETURNING p.id, jsonb_build_object(${before.join(', ')}) AS before, jsonb_build_object(${after.join(', ')}) AS after)
     INSERT INTO audit_events (actor_id, action, entity_type, entity_id, before, after)
     SELECT $2, 'plot.imported', 'plot', id::text, before, after || jsonb_build_object('importId', $1::bigint) FROM changed`,
    [importId, actorId],
  );
  const insertColumns = ['code', 'geom', 'district_code', 'zone_id', ...writes.map(([, w]) => w.column)];
  const insertValues = [
    'r.code',
    'r.geom',
    'r.district_code',
    'r.zone_id',
    ...writes.map(([, w]) => {
      const fallback = INSERT_DEFAULTS[w.column];
      return fallback ? `coalesce(${w.value}, ${fallback})` : w.value;
    }),
  ];
  const inserted = await client.query(
    `WITH added AS (
       INSERT INTO plots (${insertColumns.join(', ')})
       SELECT ${insertValues.join(', ')} FROM import_rows r
        WHERE r.import_id = $1 AND r.action = 'insert'
        ORDER BY r.row_number
       RETURNING id, code)
     INSERT INTO audit_events (actor_id, action, entity_type, entity_id, before, after)
     SELECT $2, 'plot.imported', 'plot', id::text, NULL, jsonb_build_object('importId', $1::bigint, 'code', code) FROM added`,
    [importId, actorId],
  );
  return { inserted: inserted.rowCount ?? 0, updated: updated.rowCount ?? 0 };
}

/** Remembers which plot attribute each source field was mapped to, for the next upload. */
export async function rememberMapping(client: PoolClient, mapping: FieldMapping): Promise<void> {
  const pairs = Object.entries(mapping).map(([attribute, field]) => ({
    field: field.trim().toLowerCase(),
    attribute,
  }));
  if (pairs.length === 0) return;
  await client.query(
    `INSERT INTO import_field_memory (source_field, attribute)
     SELECT field, attribute FROM jsonb_to_recordset($1::jsonb) AS x (field text, attribute text) WHERE field <> ''
     ON CONFLICT (source_field) DO UPDATE SET attribute = EXCLUDED.attribute, used_at = now()`,
    [JSON.stringify(pairs)],
  );
}

export interface ImportRecord {
  id: number;
  filename: string;
  format: 'geojson' | 'shapefile' | 'csv';
  status: 'preview' | 'committed' | 'discarded' | 'failed';
  file_size: number | null;
  source_crs: string | null;
  encoding: Encoding | null;
  mapping: FieldMapping;
  options: { srid?: number | null; swapAxes?: boolean; encoding?: Encoding | null };
  detection: Record<string, unknown>;
  counts: ImportCounts | Record<string, never>;
  report: ImportReport | Record<string, never>;
  created_by: string | null;
  created_at: Date;
  finished_by: string | null;
  finished_at: Date | null;
}

const RECORD = `i.id, i.filename, i.format, i.status, i.file_size, i.source_crs, i.encoding, i.mapping, i.options,
  i.detection, i.counts, i.report, cu.username AS created_by, i.created_at, fu.username AS finished_by, i.finished_at
  FROM imports i LEFT JOIN users cu ON cu.id = i.created_by LEFT JOIN users fu ON fu.id = i.finished_by`;

export async function findImport(db: Db, id: number, lock = false): Promise<ImportRecord | null> {
  const { rows } = await db.query<ImportRecord>(
    `SELECT ${RECORD} WHERE i.id = $1${lock ? ' FOR UPDATE OF i' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

/** An import that must still be a preview to be changed, committed or discarded. */
export async function previewForUpdate(client: PoolClient, id: number): Promise<ImportRecord> {
  const record = await findImport(client, id, true);
  if (!record) throw new RequestError(404, `import ${id} does not exist`);
  if (record.status !== 'preview') {
    throw new RequestError(
      409,
      `import ${id} is already ${record.status}; upload the file again to import it anew`,
    );
  }
  return record;
}

export async function listImports(db: Db, limit: number, offset: number) {
  const { rows } = await db.query<ImportRecord & { total: number }>(
    `SELECT ${RECORD.replace('i.id,', 'count(*) OVER ()::int AS total, i.id,')} ORDER BY i.created_at DESC, i.id DESC LIMIT $1 OFFSET $2`,
    [limit, offset],
  );
  return { total: rows[0]?.total ?? 0, rows };
}

export async function importFile(db: Db, id: number): Promise<Buffer | null> {
  const { rows } = await db.query<{ content: Buffer }>(
    'SELECT content FROM import_files WHERE import_id = $1',
    [id],
  );
  return rows[0]?.content ?? null;
}

export interface ImportRowRecord {
  row: number;
  code: string | null;
  action: 'insert' | 'update' | 'skip';
  attributes: Record<string, SourceValue>;
  problems: Problem[];
}

export async function listRows(
  db: Db,
  id: number,
  filter: { severity: 'error' | 'warning' | 'any' | 'all'; kind: string | null },
  page: { limit: number; offset: number },
): Promise<{ total: number; items: ImportRowRecord[] }> {
  const conditions = ['r.import_id = $1'];
  const params: unknown[] = [id];
  if (filter.severity !== 'all') {
    conditions.push(
      filter.severity === 'any'
        ? 'jsonb_array_length(r.problems) > 0'
        : `jsonb_path_exists(r.problems, '$[*] ? (@.severity == $s)', jsonb_build_object('s', $${params.push(filter.severity)}::text))`,
    );
  }
  if (filter.kind !== null) {
    conditions.push(
      `jsonb_path_exists(r.problems, '$[*] ? (@.kind == $k)', jsonb_build_object('k', $${params.push(filter.kind)}::text))`,
    );
  }
  const where = conditions.join(' AND ');
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM import_rows r WHERE ${where}`,
    params,
  );
  const { rows } = await db.query<ImportRowRecord>(
    `SELECT r.row_number AS row, r.code, r.action, r.attributes, r.problems
       FROM import_rows r WHERE ${where}
      ORDER BY r.row_number LIMIT $${params.push(page.limit)} OFFSET $${params.push(page.offset)}`,
    params,
  );
  return { total: total.rows[0]?.n ?? 0, items: rows };
}

/** Outlines as they would be written (EPSG:4326), for showing the preview on the map. */
export async function rowFeatures(db: Db, id: number, limit: number) {
  const { rows } = await db.query<{
    row: number;
    code: string | null;
    action: string;
    geometry: string;
    has_warning: boolean;
  }>(
    `SELECT r.row_number AS row, r.code, r.action, ST_AsGeoJSON(r.geom, 7) AS geometry,
            jsonb_array_length(r.problems) > 0 AS has_warning
       FROM import_rows r WHERE r.import_id = $1 AND r.geom IS NOT NULL
      ORDER BY r.row_number LIMIT $2`,
    [id, limit],
  );
  return rows;
}
