// The plot filter the user sets: one value that restyles the map, queries the API and lives in the URL.
import type { ExpressionSpecification } from 'maplibre-gl';
import {
  COMPLIANCE_CLASSES,
  type ComplianceClass,
  GRADES,
  type Grade,
  INEFFICIENCY_TYPES,
  type InefficiencyType,
  PLOT_STATUSES,
  type PlotStatus,
} from '../api/types.ts';

export interface PlotFilter {
  /** Statuses shown; null shows every status. */
  statuses: PlotStatus[] | null;
  zoneId: number | null;
  districtCode: string | null;
  minAreaMu: number | null;
  maxAreaMu: number | null;
  /** A land-use class; it includes its subclasses (1001 takes in 100101–100103). */
  landUseCode: string | null;
  /** Internal: grades and inefficiency types shown; null shows all. */
  grades: Grade[] | null;
  inefficiencyTypes: InefficiencyType[] | null;
  /** Control-line compliance classes shown (public); null shows all. */
  compliance: ComplianceClass[] | null;
}

export const NO_FILTER: PlotFilter = {
  statuses: null,
  zoneId: null,
  districtCode: null,
  minAreaMu: null,
  maxAreaMu: null,
  landUseCode: null,
  grades: null,
  inefficiencyTypes: null,
  compliance: null,
};

export function isFiltered(filter: PlotFilter): boolean {
  return (
    filter.statuses !== null ||
    filter.zoneId !== null ||
    filter.districtCode !== null ||
    filter.minAreaMu !== null ||
    filter.maxAreaMu !== null ||
    filter.landUseCode !== null ||
    filter.grades !== null ||
    filter.inefficiencyTypes !== null ||
    filter.compliance !== null
  );
}

/** The same filter as a map layer filter over the plot tiles' properties; null when unfiltered. */
export function filterExpression(filter: PlotFilter): ExpressionSpecification | null {
  const parts: ExpressionSpecification[] = [];
  if (filter.statuses) parts.push(['in', ['get', 'status'], ['literal', filter.statuses]]);
  if (filter.zoneId !== null) parts.push(['==', ['get', 'zoneId'], filter.zoneId]);
  if (filter.districtCode !== null) parts.push(['==', ['get', 'districtCode'], filter.districtCode]);
  if (filter.minAreaMu !== null) parts.push(['>=', ['get', 'areaMu'], filter.minAreaMu]);
  if (filter.maxAreaMu !== null) parts.push(['<=', ['get', 'areaMu'], filter.maxAreaMu]);
  if (filter.landUseCode !== null) {
    const code = filter.landUseCode;
    parts.push(['==', ['slice', ['get', 'landUseCode'], 0, code.length], code]);
  }
  if (filter.grades) parts.push(['in', ['coalesce', ['get', 'grade'], ''], ['literal', filter.grades]]);
  if (filter.inefficiencyTypes) {
    parts.push(['in', ['coalesce', ['get', 'inefficiencyType'], ''], ['literal', filter.inefficiencyTypes]]);
  }
  if (filter.compliance) {
    parts.push(['in', ['coalesce', ['get', 'compliance'], 'compliant'], ['literal', filter.compliance]]);
  }
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : ['all', ...parts];
}

/** The API's query parameters for the filter (`withStatus: false` for per-status counts). */
export function filterParams(filter: PlotFilter, withStatus = true): Record<string, string> {
  const params: Record<string, string> = {};
  if (withStatus && filter.statuses) params.status = filter.statuses.join(',');
  if (filter.zoneId !== null) params.zoneId = String(filter.zoneId);
  if (filter.districtCode !== null) params.districtCode = filter.districtCode;
  if (filter.minAreaMu !== null) params.minAreaMu = String(filter.minAreaMu);
  if (filter.maxAreaMu !== null) params.maxAreaMu = String(filter.maxAreaMu);
  if (filter.landUseCode !== null) params.landUseCode = filter.landUseCode;
  if (filter.grades) params.grade = filter.grades.join(',');
  if (filter.inefficiencyTypes) params.inefficiencyType = filter.inefficiencyTypes.join(',');
  if (filter.compliance) params.compliance = filter.compliance.join(',');
  return params;
}

function area(text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

function listOf<T extends string>(text: string | null, allowed: readonly T[]): T[] | null {
  const values = text?.split(',').filter((s): s is T => (allowed as readonly string[]).includes(s));
  return values && values.length > 0 ? [...new Set(values)] : null;
}

/**
 * Reads the filter from the URL (?status=a,b&zone=3&district=320812&area=50-300&landuse=1001
 * &grade=C,D&inefficiency=idle&compliance=industrial_outside); bad parts are ignored.
 */
export function parseFilter(params: URLSearchParams): PlotFilter {
  const statuses = listOf(params.get('status'), PLOT_STATUSES);
  const landUse = params.get('landuse');
  const zone = Number(params.get('zone'));
  const district = params.get('district');
  const [min, max] = (params.get('area') ?? '').split('-');
  const minAreaMu = area(min);
  const maxAreaMu = area(max);
  return {
    statuses,
    zoneId: Number.isInteger(zone) && zone > 0 ? zone : null,
    districtCode: district && /^[0-9]{6}$/.test(district) ? district : null,
    minAreaMu,
    maxAreaMu: maxAreaMu !== null && (minAreaMu === null || maxAreaMu >= minAreaMu) ? maxAreaMu : null,
    landUseCode: landUse && /^[0-9]{2}([0-9]{2}){0,2}$/.test(landUse) ? landUse : null,
    grades: listOf(params.get('grade'), GRADES),
    inefficiencyTypes: listOf(params.get('inefficiency'), INEFFICIENCY_TYPES),
    compliance: listOf(params.get('compliance'), COMPLIANCE_CLASSES),
  };
}

/** Writes the filter into URL parameters, removing what is unset. */
export function writeFilter(filter: PlotFilter, params: URLSearchParams): void {
  const set = (key: string, value: string | null) =>
    value === null ? params.delete(key) : params.set(key, value);
  set('status', filter.statuses ? filter.statuses.join(',') : null);
  set('zone', filter.zoneId === null ? null : String(filter.zoneId));
  set('district', filter.districtCode);
  set(
    'area',
    filter.minAreaMu === null && filter.maxAreaMu === null
      ? null
      : `${filter.minAreaMu ?? ''}-${filter.maxAreaMu ?? ''}`,
  );
  set('landuse', filter.landUseCode);
  set('grade', filter.grades ? filter.grades.join(',') : null);
  set('inefficiency', filter.inefficiencyTypes ? filter.inefficiencyTypes.join(',') : null);
  set('compliance', filter.compliance ? filter.compliance.join(',') : null);
}
