// Plots as an RFC 7946 FeatureCollection, written feature by feature as the pages arrive.
import fastJson from 'fast-json-stringify';
import { Type } from 'typebox';
import type { ExportLanguage } from '../compliance/schemas.ts';
import { Nullable } from '../http/schemas.ts';
import { PlotSummary } from '../plots/schemas.ts';
import { EXPORT_COLUMNS, type ExportRow } from './columns.ts';

/** A feature's properties: the list's (camelCase, as /api/plots) and the public extras. */
export const PlotExportProperties = Type.Object({
  ...PlotSummary.properties,
  areaM2: Type.Number({ description: 'geodesic area in m²' }),
  servicing: Type.Array(Type.String(), { description: 'servicing items in place (七通一平)' }),
  guidePrice: Nullable(Type.Number({ description: '万元/亩, available land only' })),
});

// Serialized by the schema: a property the schema does not list never leaves.
const stringifyProperties = fastJson(PlotExportProperties);
const PROPERTY_COLUMNS = EXPORT_COLUMNS.filter((column) => !column.spreadsheetOnly);

/** The properties of one plot; internal ones only where the viewer reads this plot's internals. */
export function featureProperties(row: ExportRow, language: ExportLanguage): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const column of PROPERTY_COLUMNS) {
    if (column.access === 'internal' && !row.internal) continue;
    properties[column.key] = column.value(row, language);
  }
  return properties;
}

export async function* geojsonChunks(
  pages: AsyncIterable<ExportRow[]>,
  numberMatched: number,
  language: ExportLanguage,
): AsyncGenerator<string> {
  yield `{"type":"FeatureCollection","numberMatched":${numberMatched},"features":[`;
  let first = true;
  for await (const rows of pages) {
    const features = rows.map(
      (row) =>
        `{"type":"Feature","id":${row.id},"geometry":${row.geometry},"properties":${stringifyProperties(featureProperties(row, language))}}`,
    );
    if (features.length === 0) continue;
    yield `${first ? '' : ','}${features.join(',')}`;
    first = false;
  }
  yield ']}\n';
}
