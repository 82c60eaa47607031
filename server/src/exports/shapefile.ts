// Plots as a zipped Shapefile: plots.shp/.shx/.dbf, the .prj of the chosen CRS, a .cpg saying
// UTF-8, and plots-fields.csv explaining the 10-character field names. Built in memory.
import { PassThrough, type Readable } from 'node:stream';
import yazl from 'yazl';
import type { ExportLanguage } from '../compliance/schemas.ts';
import { csvText } from '../http/spreadsheet.ts';
import { type ColumnValue, EXPORT_WORDS, type ExportColumn, type ExportRow } from './columns.ts';
import { PRJ } from './prj.ts';
import type { ExportCrs } from './schemas.ts';
import { type DbfField, type DbfValue, type Polygon, ShapefileWriter } from './shapefile-writer.ts';

type Field = ExportColumn & { field: string };

/** The DBF field of a catalogue column. */
export function dbfField(column: Field): DbfField {
  switch (column.type) {
    case 'integer':
      return { name: column.field, type: 'N', decimals: 0 };
    case 'decimal':
      return { name: column.field, type: 'N', decimals: column.decimals ?? 2 };
    case 'boolean':
      return { name: column.field, type: 'L' };
    case 'text':
    case 'list':
      return { name: column.field, type: 'C' };
  }
}

function dbfValue(value: ColumnValue): DbfValue {
  if (value === null || typeof value !== 'object') return value;
  return value.join(',');
}

const TYPE_WORDS: Record<DbfField['type'], Record<ExportLanguage, string>> = {
  C: { 'zh-CN': 'C 文本（UTF-8）', en: 'C text (UTF-8)' },
  N: { 'zh-CN': 'N 数值', en: 'N number' },
  L: { 'zh-CN': 'L 逻辑（T/F）', en: 'L logical (T/F)' },
};

/** plots-fields.csv: each short field name with its full name and what it holds, in both languages. */
export function fieldsDescription(fields: readonly Field[], language: ExportLanguage): string {
  return csvText([
    [
      EXPORT_WORDS.field[language],
      EXPORT_WORDS.property[language],
      EXPORT_WORDS.type[language],
      EXPORT_WORDS.heading[language],
      EXPORT_WORDS.descriptionZh[language],
      EXPORT_WORDS.descriptionEn[language],
    ],
    ...fields.map((column) => {
      const field = dbfField(column);
      const decimals = field.type === 'N' && field.decimals ? ` (${field.decimals})` : '';
      return [
        column.field,
        column.key,
        `${TYPE_WORDS[field.type][language]}${decimals}`,
        column.heading[language],
        column.description['zh-CN'],
        column.description.en,
      ];
    }),
  ]);
}

/** Shapefile fields: the catalogue's columns that have one. */
export function shapefileFields(columns: readonly ExportColumn[]): Field[] {
  return columns.filter((column): column is Field => column.field !== null);
}

/** The zip, as a stream of the finished archive. */
export async function shapefileZip(
  pages: AsyncIterable<ExportRow[]>,
  columns: readonly ExportColumn[],
  language: ExportLanguage,
  crs: ExportCrs,
): Promise<Readable> {
  const fields = shapefileFields(columns);
  const writer = new ShapefileWriter(fields.map(dbfField));
  for await (const rows of pages) {
    for (const row of rows) {
      const geometry = JSON.parse(row.geometry!) as { type: string; coordinates: unknown };
      const polygons = (
        geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
      ) as Polygon[];
      writer.add(
        polygons,
        fields.map((column) => dbfValue(column.value(row, language))),
      );
    }
  }
  const { shp, shx, dbf } = writer.finish();
  const zip = new yazl.ZipFile();
  const mtime = new Date();
  zip.addBuffer(shp, 'plots.shp', { mtime });
  zip.addBuffer(shx, 'plots.shx', { mtime });
  zip.addBuffer(dbf, 'plots.dbf', { mtime });
  zip.addBuffer(Buffer.from(PRJ[crs], 'ascii'), 'plots.prj', { mtime });
  zip.addBuffer(Buffer.from('UTF-8', 'ascii'), 'plots.cpg', { mtime });
  zip.addBuffer(Buffer.from(fieldsDescription(fields, language), 'utf8'), 'plots-fields.csv', { mtime });
  zip.end();
  // yazl's stream is an old-style one: pipe it into a standard Readable for the reply.
  return zip.outputStream.pipe(new PassThrough());
}
