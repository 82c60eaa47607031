// The preview of an import: read the file with the planner's choices (or what was detected), map
// and check every row, and store the rows, the detection and the report on the import.
import type { PoolClient } from '../db/pool.ts';
import { RequestError } from '../http/errors.ts';
import {
  type FieldMapping,
  mapRow,
  PLOT_ATTRIBUTES,
  type PlotAttribute,
  suggestMapping,
} from './attributes.ts';
import { type Bounds, candidateSrids, describeSrid, rankCandidates, SUPPORTED_SRIDS } from './crs.ts';
import type { Encoding, EncodingDetection } from './encoding.ts';
import { checkGeometry, type GeometryTally, medianPoint, newTally } from './geometry.ts';
import type { ImportLimits } from './limits.ts';
import {
  checkRows,
  type ImportCounts,
  type ImportReport,
  loadReferences,
  rememberedMapping,
  type StagedRow,
  stageRows,
  summarise,
} from './queries.ts';
import { readUpload } from './read.ts';
import type { ParsedSource } from './source.ts';

/** What the planner chose on the preview; anything absent is detected. */
export interface ImportChoices {
  srid?: number | null;
  encoding?: Encoding | null;
  swapAxes?: boolean;
  mapping?: FieldMapping;
}

export interface CrsDetection {
  /** The SRID the rows are read in now, or null when it could not be told. */
  srid: number | null;
  source: 'chosen' | 'prj' | 'geojson' | 'ewkt' | 'coordinates' | 'none';
  /** What the file said, when it named a system we cannot use, or one its coordinates contradict. */
  note: string | null;
  /** Systems the coordinates fit, nearest to the city first. */
  candidates: { srid: number; name: string; distanceKm: number | null }[];
  /** The data's bounds in source coordinates. */
  bounds: Bounds | null;
}

export interface Detection {
  crs: CrsDetection;
  encoding: EncodingDetection;
  fields: { name: string; type: string; samples: string[] }[];
  files: string[];
  notes: string[];
  sampleRows: { row: number; attributes: Record<string, unknown> }[];
}

/** A candidate this far from the city (or nearer) is taken without asking. */
const NEAR_CITY_METRES = 50_000;

async function detectCrs(
  client: PoolClient,
  source: ParsedSource,
  tally: GeometryTally,
  chosen: number | null | undefined,
): Promise<CrsDetection> {
  const { bounds } = tally;
  const centre = medianPoint(tally);
  const stated = source.crs?.reading;
  const statedSrid = stated && 'srid' in stated ? stated.srid : null;
  const fits = bounds ? candidateSrids(bounds) : [];
  const ranked = centre
    ? await rankCandidates(client, centre, [
        ...new Set([...(statedSrid !== null ? [statedSrid] : []), ...fits]),
      ])
    : [];
  const candidates = ranked
    .filter((c) => fits.includes(c.srid))
    .slice(0, 6)
    .map((c) => ({
      srid: c.srid,
      name: describeSrid(c.srid)?.name ?? `EPSG:${c.srid}`,
      distanceKm: c.distanceMetres === null ? null : Math.round(c.distanceMetres / 100) / 10,
    }));
  let note: string | null = stated && 'unsupported' in stated ? stated.unsupported : null;
  if (statedSrid !== null && bounds && !fits.includes(statedSrid)) {
    note = `the file says EPSG:${statedSrid}, but its coordinates do not fit that system`;
  }
  const base = { note, candidates, bounds };
  if (chosen !== undefined && chosen !== null) return { srid: chosen, source: 'chosen', ...base };
  if (statedSrid !== null && (bounds === null || fits.includes(statedSrid))) {
    return { srid: statedSrid, source: source.crs!.source, ...base };
  }
  // One system fits the numbers (degrees; a zone-prefixed easting): take it, and let the rows
  // that lie outside the city say so. Several (a plain easting fits every meridian): the city decides.
  const best = ranked.find((c) => fits.includes(c.srid));
  if (
    best &&
    (fits.length === 1 || best.distanceMetres === null || best.distanceMetres <= NEAR_CITY_METRES)
  ) {
    return { srid: best.srid, source: 'coordinates', ...base };
  }
  return { srid: null, source: 'none', ...base };
}

function checkMapping(mapping: FieldMapping, source: ParsedSource): FieldMapping {
  const names = new Set(source.fields.map((field) => field.name));
  const checked: FieldMapping = {};
  for (const [attribute, field] of Object.entries(mapping)) {
    if (!(PLOT_ATTRIBUTES as readonly string[]).includes(attribute)) {
      throw new RequestError(400, `mapping: "${attribute}" is not a plot attribute`);
    }
    if (!names.has(field)) {
      throw new RequestError(400, `mapping: the file has no field "${field}" (for ${attribute})`);
    }
    checked[attribute as PlotAttribute] = field;
  }
  return checked;
}

function samplesOf(source: ParsedSource, field: string): string[] {
  const seen = new Set<string>();
  for (const row of source.rows) {
    const value = row.attributes[field];
    if (value !== null && value !== undefined && String(value).trim() !== '') seen.add(String(value));
    if (seen.size >= 3) break;
  }
  return [...seen];
}

export interface Prepared {
  detection: Detection;
  mapping: FieldMapping;
  srid: number | null;
  encoding: Encoding;
  swapAxes: boolean;
  counts: ImportCounts;
  report: ImportReport;
  format: ParsedSource['format'];
}

/** Reads an uploaded file with the planner's encoding (if chosen). Throws ImportFileError to refuse it. */
export function readImportFile(
  file: { name: string; bytes: Buffer },
  choices: ImportChoices,
  limits: ImportLimits,
) {
  if (choices.srid !== undefined && choices.srid !== null && !SUPPORTED_SRIDS.includes(choices.srid)) {
    throw new RequestError(
      400,
      `srid: ${choices.srid} is not a supported system (CGCS2000, its Gauss-Kruger zones, WGS 84)`,
    );
  }
  return readUpload(file.name, file.bytes, choices.encoding ?? null, limits);
}

/**
 * Maps and checks the rows of `source` and stages them under `importId`, in the caller's
 * transaction. Throws ImportFileError when a geometry makes the file hostile (non-finite, too many vertices).
 */
export async function prepareImport(
  client: PoolClient,
  importId: number,
  source: ParsedSource,
  choices: ImportChoices,
  limits: ImportLimits,
): Promise<Prepared> {
  const tally = newTally();
  const geometries = source.rows.map((row) =>
    row.geometryError
      ? {
          geojson: null,
          problem: { kind: 'invalid_geometry', severity: 'error' as const, detail: row.geometryError },
        }
      : checkGeometry(row.geometry, row.row, limits, tally),
  );
  const crs = await detectCrs(client, source, tally, choices.srid);
  const mapping = choices.mapping
    ? checkMapping(choices.mapping, source)
    : suggestMapping(source.fields, await rememberedMapping(client));
  const references = await loadReferences(client);
  const staged: StagedRow[] = source.rows.map((row, index) => {
    const { values, problems } = mapRow(row.attributes, mapping, references);
    const geometry = geometries[index]!;
    if (mapping.code === undefined)
      problems.unshift({ kind: 'missing_code', severity: 'error', field: 'code' });
    return {
      row: row.row,
      attributes: row.attributes,
      values,
      geometry: geometry.geojson,
      problems: geometry.problem ? [geometry.problem, ...problems] : problems,
    };
  });
  await stageRows(client, importId, staged);
  const swapAxes = choices.swapAxes ?? false;
  await checkRows(client, importId, { srid: crs.srid, swapAxes });
  const { counts, report } = await summarise(client, importId);
  return {
    detection: {
      crs,
      encoding: source.encoding,
      fields: source.fields.map((field) => ({ ...field, samples: samplesOf(source, field.name) })),
      files: source.files,
      notes: source.notes,
      sampleRows: source.rows.slice(0, 5).map((row) => ({ row: row.row, attributes: row.attributes })),
    },
    mapping,
    srid: crs.srid,
    encoding: source.encoding.encoding,
    swapAxes,
    counts,
    report,
    format: source.format,
  };
}

/** Stores a preparation, and the choices it was made with, on its import row. */
export async function storePrepared(
  client: PoolClient,
  importId: number,
  prepared: Prepared,
  choices: ImportChoices,
): Promise<void> {
  await client.query(
    `UPDATE imports
        SET format = $2, source_crs = $3, encoding = $4, mapping = $5, detection = $6, options = $7,
            counts = $8, report = $9, updated_at = now()
      WHERE id = $1`,
    [
      importId,
      prepared.format,
      prepared.srid === null ? null : `EPSG:${prepared.srid}`,
      prepared.encoding,
      JSON.stringify(prepared.mapping),
      JSON.stringify(prepared.detection),
      JSON.stringify({
        srid: choices.srid ?? null,
        encoding: choices.encoding ?? null,
        swapAxes: prepared.swapAxes,
      }),
      JSON.stringify(prepared.counts),
      JSON.stringify(prepared.report),
    ],
  );
}
