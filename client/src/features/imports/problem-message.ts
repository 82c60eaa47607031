// Import problems in the user's language: a short title per kind, and for each problem a sentence
// built from the field, value and detail the server found, saying what to do about it.
import type { TFunction } from 'i18next';
import type { ImportProblem, PlotAttribute } from '../../api/import-types.ts';
import { PLOT_ATTRIBUTES } from '../../api/import-types.ts';
import { formatNumber } from '../../i18n/format.ts';

/** Every kind the server reports (server/src/imports: attributes.ts, geometry.ts, queries.ts). */
export const PROBLEM_KINDS = [
  'missing_code',
  'invalid_code',
  'too_long',
  'invalid_number',
  'out_of_range',
  'invalid_date',
  'invalid_boolean',
  'status_reserved',
  'unknown_status',
  'unknown_inefficiency_type',
  'unknown_servicing',
  'unknown_land_use',
  'legacy_land_use',
  'unknown_district',
  'district_code_renamed',
  'unknown_zone',
  'missing_geometry',
  'not_polygon',
  'invalid_geometry',
  'crs_unknown',
  'outside_crs',
  'outside_city',
  'district_mismatch',
  'zone_mismatch',
  'overlaps_plot',
  'duplicate_code',
  'missing_land_use',
  'enterprise_on_available',
  'plot_reserved',
  'area_mismatch',
  'tiny_area',
  'huge_area',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export const isProblemKind = (kind: string): kind is ProblemKind =>
  (PROBLEM_KINDS as readonly string[]).includes(kind);

const isAttribute = (field: string): field is PlotAttribute =>
  (PLOT_ATTRIBUTES as readonly string[]).includes(field);

/** PostGIS's reasons (ST_IsValidReason), lower-cased, and the catalogue's name for each. */
const GEOMETRY_REASONS = {
  'self-intersection': 'selfIntersection',
  'ring self-intersection': 'ringSelfIntersection',
  'too few points in geometry component': 'tooFewPoints',
  'hole lies outside shell': 'holeOutside',
  'nested holes': 'nestedHoles',
  'interior is disconnected': 'interiorDisconnected',
  'nested shells': 'nestedShells',
  'duplicate rings': 'duplicateRings',
  'invalid coordinate': 'invalidCoordinate',
  'ring is not closed': 'ringNotClosed',
} as const;

/**
 * An invalid outline's detail split into PostGIS's reason and the place it names, in source
 * coordinates: "Self-intersection at 119.001 33.5107" or "Self-intersection[119.001 33.5107]".
 */
export function parseGeometryDetail(detail: string): { reason: string; at: string | null } {
  const number = '-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?';
  const match =
    new RegExp(`^(.*?)\\s+at\\s+(${number})\\s+(${number})$`).exec(detail.trim()) ??
    new RegExp(`^(.*?)\\s*\\[(${number})\\s+(${number})\\]$`).exec(detail.trim());
  if (!match) return { reason: detail.trim(), at: null };
  return { reason: match[1]!.trim(), at: `${match[2]} ${match[3]}` };
}

/** The kind's short title (the report's list of problems by kind); an unknown kind as the server named it. */
export function problemTitle(kind: string, t: TFunction): string {
  return isProblemKind(kind) ? t(`imports.kind.${kind}`) : kind;
}

export interface ProblemContext {
  t: TFunction;
  language: string;
  /** A district's name from its code, when the client knows it. */
  districtName?: (code: string) => string | undefined;
}

/** One problem of a row as a sentence in the user's language, saying what to do next. */
export function problemMessage(
  problem: ImportProblem,
  { t, language, districtName }: ProblemContext,
): string {
  const value = problem.value ?? '';
  const detail = problem.detail ?? '';
  const field =
    problem.field && isAttribute(problem.field)
      ? t(`imports.attribute.${problem.field}`)
      : (problem.field ?? '');
  const district = (code: string) => {
    const name = districtName?.(code);
    return name ? `${name} (${code})` : code;
  };
  const mu = (text: string) => {
    const number = Number(text);
    return text !== '' && Number.isFinite(number) ? formatNumber(language, number, 2) : text;
  };
  if (!isProblemKind(problem.kind)) {
    return t('imports.problem.other', { kind: problem.kind, detail: detail || value });
  }
  switch (problem.kind) {
    case 'invalid_geometry': {
      const { reason, at } = parseGeometryDetail(detail);
      const known = GEOMETRY_REASONS[reason.toLowerCase() as keyof typeof GEOMETRY_REASONS];
      return t('imports.problem.invalid_geometry', {
        reason: known ? t(`imports.geometryReason.${known}`) : reason || t('imports.geometryReason.unknown'),
        at: at ? t('imports.at', { at }) : '',
      });
    }
    case 'district_mismatch':
    case 'district_code_renamed':
      return t(`imports.problem.${problem.kind}`, { value: district(value), detail: district(detail) });
    case 'area_mismatch':
    case 'tiny_area':
    case 'huge_area':
      return t(`imports.problem.${problem.kind}`, { value: mu(value), detail: mu(detail) });
    default:
      return t(`imports.problem.${problem.kind}`, { field, value, detail });
  }
}
