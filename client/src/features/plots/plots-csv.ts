// Plots as CSV for spreadsheets: public columns, internal ones when present, and a label point.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { PlotProperties } from '../../api/types.ts';
import { labelPoint } from '../../geo/label-point.ts';

const COLUMNS = [
  'code',
  'zoneName',
  'districtCode',
  'districtName',
  'areaMu',
  'landUseCode',
  'landUseName',
  'status',
] as const satisfies readonly (keyof PlotProperties)[];
const INTERNAL_COLUMNS = [
  'enterpriseName',
  'inefficiencyType',
  'grade',
] as const satisfies readonly (keyof PlotProperties)[];

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote what would break a row; a leading = + - @ is neutralised so spreadsheets don't run it.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** CSV text with a BOM, so Excel opens the Chinese text as UTF-8. */
export function plotsToCsv(features: readonly Feature<Polygon | MultiPolygon, PlotProperties>[]): string {
  const internal = features.some((feature) => 'enterpriseName' in feature.properties);
  const columns: (keyof PlotProperties)[] = [...COLUMNS, ...(internal ? INTERNAL_COLUMNS : [])];
  const lines = [[...columns, 'lon', 'lat'].join(',')];
  for (const feature of features) {
    const point = labelPoint(feature.geometry);
    lines.push(
      [
        ...columns.map((column) => cell(feature.properties[column])),
        point ? point[0].toFixed(6) : '',
        point ? point[1].toFixed(6) : '',
      ].join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
