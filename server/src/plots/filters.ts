// Turns the plot list's query string into a checked filter, or an error that names the problem.
import { COMPLIANCE_CLASSES } from '../compliance/schemas.ts';
import { RequestError } from '../http/errors.ts';
import {
  GRADES,
  INEFFICIENCY_TYPES,
  PLOT_SORT_KEYS,
  type PlotListQuery,
  VISIBLE_STATUSES,
} from './schemas.ts';

/** A filter the user got wrong: the app's error handler answers it with 400 and this message. */
export class FilterError extends RequestError {
  constructor(message: string) {
    super(400, message);
  }
}

export interface PlotFilter {
  statuses: string[] | null;
  inefficiencyTypes: string[] | null;
  grades: string[] | null;
  /** Control-line compliance classes (breaches, or 'compliant'). */
  compliance: string[] | null;
  zoneIds: number[] | null;
  districtCodes: string[] | null;
  landUseCodes: string[] | null;
  minAreaMu: number | null;
  maxAreaMu: number | null;
  bbox: [number, number, number, number] | null;
  /** A drawn polygon (GeoJSON text, already checked valid): plots intersecting it. */
  polygon: string | null;
}

export interface PlotSort {
  key: (typeof PLOT_SORT_KEYS)[number];
  descending: boolean;
}

function list(
  name: string,
  raw: string | undefined,
  allowed?: readonly string[],
  pattern?: RegExp,
): string[] | null {
  if (raw === undefined) return null;
  const values = [...new Set(raw.split(',').map((v) => v.trim()))];
  for (const value of values) {
    if (value === '') throw new FilterError(`${name}: empty value in "${raw}"`);
    if (allowed && !allowed.includes(value)) {
      throw new FilterError(`${name}: unknown value "${value}"; expected one of ${allowed.join(', ')}`);
    }
    if (pattern && !pattern.test(value)) throw new FilterError(`${name}: "${value}" is not a valid ${name}`);
  }
  return values;
}

export function parseBBox(raw: string): [number, number, number, number] {
  const parts = raw.split(',');
  if (parts.length !== 4) {
    throw new FilterError(`bbox: expected 4 numbers minLon,minLat,maxLon,maxLat, got ${parts.length} values`);
  }
  const [minLon, minLat, maxLon, maxLat] = parts.map((p) => {
    const value = Number(p);
    if (p.trim() === '' || !Number.isFinite(value)) throw new FilterError(`bbox: "${p}" is not a number`);
    return value;
  }) as [number, number, number, number];
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
    throw new FilterError(
      'bbox: longitudes must lie in -180..180 and latitudes in -90..90 (EPSG:4326, lon first)',
    );
  }
  if (minLon >= maxLon || minLat >= maxLat) {
    throw new FilterError('bbox: the minimum must be below the maximum (minLon,minLat,maxLon,maxLat)');
  }
  return [minLon, minLat, maxLon, maxLat];
}

export function parsePlotFilter(query: PlotListQuery): PlotFilter {
  const zoneIds = list('zoneId', query.zoneId, undefined, /^[1-9][0-9]{0,8}$/);
  const minAreaMu = query.minAreaMu ?? null;
  const maxAreaMu = query.maxAreaMu ?? null;
  if (minAreaMu !== null && maxAreaMu !== null && minAreaMu > maxAreaMu) {
    throw new FilterError(`minAreaMu (${minAreaMu}) is greater than maxAreaMu (${maxAreaMu})`);
  }
  return {
    statuses: list('status', query.status, VISIBLE_STATUSES),
    inefficiencyTypes: list('inefficiencyType', query.inefficiencyType, INEFFICIENCY_TYPES),
    grades: list('grade', query.grade, GRADES),
    compliance: list('compliance', query.compliance, COMPLIANCE_CLASSES),
    zoneIds: zoneIds?.map(Number) ?? null,
    districtCodes: list('districtCode', query.districtCode, undefined, /^[0-9]{6}$/),
    landUseCodes: list('landUseCode', query.landUseCode, undefined, /^[0-9]{4}([0-9]{2})?$/),
    minAreaMu,
    maxAreaMu,
    bbox: query.bbox === undefined ? null : parseBBox(query.bbox),
    polygon: null,
  };
}

export function parsePlotSort(raw: string | undefined): PlotSort {
  if (raw === undefined || raw === '') return { key: 'id', descending: false };
  const descending = raw.startsWith('-');
  const key = descending ? raw.slice(1) : raw;
  const known = PLOT_SORT_KEYS.find((k) => k === key);
  if (!known)
    throw new FilterError(`sort: unknown key "${key}"; expected one of ${PLOT_SORT_KEYS.join(', ')}`);
  return { key: known, descending };
}
