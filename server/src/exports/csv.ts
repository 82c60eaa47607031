// Plots as CSV: UTF-8 with a BOM and CRLF (Excel reads the Chinese text), the geometry as WKT in the
// chosen CRS and the centroid in degrees, written a page at a time.
import type { ExportLanguage } from '../compliance/schemas.ts';
import { type Cell, csvCell, csvText } from '../http/spreadsheet.ts';
import {
  CENTROID_HEADINGS,
  type ColumnValue,
  type ExportColumn,
  type ExportRow,
  WKT_HEADING,
  yesNo,
} from './columns.ts';

/** A catalogue value as a spreadsheet cell: lists joined by commas, booleans as yes/no words. */
export function spreadsheetCell(value: ColumnValue, language: ExportLanguage): Cell {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return yesNo(value, language);
  return value.join(',');
}

export async function* csvChunks(
  pages: AsyncIterable<ExportRow[]>,
  columns: readonly ExportColumn[],
  language: ExportLanguage,
): AsyncGenerator<string> {
  yield csvText([
    [
      ...columns.map((column) => column.heading[language]),
      CENTROID_HEADINGS.lon[language],
      CENTROID_HEADINGS.lat[language],
      WKT_HEADING,
    ],
  ]);
  for await (const rows of pages) {
    if (rows.length === 0) continue;
    const lines = rows.map((row) =>
      [
        ...columns.map((column) => spreadsheetCell(column.value(row, language), language)),
        row.lon ?? null,
        row.lat ?? null,
        row.wkt ?? null,
      ]
        .map(csvCell)
        .join(','),
    );
    yield `${lines.join('\r\n')}\r\n`;
  }
}
