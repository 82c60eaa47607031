// Reads CSV with a WKT (or EWKT) column: comma, semicolon or tab separated, UTF-8 or GBK.
import { parse } from 'csv-parse/sync';
import wkx from 'wkx';
import type { SourceValue } from '../attributes.ts';
import { SUPPORTED_SRIDS } from '../crs.ts';
import { decodeText, detectTextEncoding, type Encoding, type EncodingDetection } from '../encoding.ts';
import { ImportFileError, type ImportLimits } from '../limits.ts';
import type { CrsStatement, ParsedSource, SourceRow } from '../source.ts';

const WKT_NAMES = [
  'wkt',
  'ewkt',
  'geom',
  'geometry',
  'the_geom',
  'shape',
  'geometry_wkt',
  'wkt_geom',
  '几何',
  '图形',
  '坐标',
];
const LOOKS_LIKE_WKT = /^\s*(SRID=\d+;)?\s*(MULTI)?POLYGON\s*(Z|M|ZM)?\s*\(/i;

export function readCsv(bytes: Buffer, chosen: Encoding | null, limits: ImportLimits): ParsedSource {
  const encoding: EncodingDetection = chosen
    ? { encoding: chosen, source: 'chosen' }
    : detectTextEncoding(bytes);
  let records: string[][];
  try {
    records = parse(decodeText(bytes, encoding.encoding), {
      delimiter: [',', ';', '\t'],
      skip_empty_lines: true,
      relax_quotes: false,
      to: limits.features + 2,
    });
  } catch (error) {
    throw new ImportFileError(`the CSV cannot be read: ${(error as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header || body.length === 0) throw new ImportFileError('the CSV has no rows under its header row');
  if (body.length > limits.features) {
    throw new ImportFileError(
      `the CSV holds more than ${limits.features.toLocaleString('en')} rows; split it into several imports`,
      413,
    );
  }
  const names = header.map((name) => name.trim());
  let wktColumn = names.findIndex((name) => WKT_NAMES.includes(name.toLowerCase()));
  if (wktColumn < 0) {
    wktColumn = names.findIndex((_, column) =>
      body.some((record) => LOOKS_LIKE_WKT.test(record[column] ?? '')),
    );
  }
  if (wktColumn < 0) {
    throw new ImportFileError(
      'the CSV has no WKT column: add a column named WKT holding each plot outline as POLYGON or MULTIPOLYGON text',
    );
  }
  const srids = new Set<number>();
  const rows: SourceRow[] = body.map((record, index) => {
    const attributes: Record<string, SourceValue> = {};
    names.forEach((name, column) => {
      if (column !== wktColumn) attributes[name] = record[column]?.trim() || null;
    });
    const wkt = record[wktColumn]?.trim() ?? '';
    if (wkt === '') return { row: index + 1, attributes, geometry: null };
    try {
      const geometry = wkx.Geometry.parse(wkt);
      if (geometry.srid) srids.add(geometry.srid);
      return { row: index + 1, attributes, geometry: geometry.toGeoJSON() };
    } catch (error) {
      return {
        row: index + 1,
        attributes,
        geometry: null,
        geometryError: `unreadable WKT (${(error as Error).message})`,
      };
    }
  });
  return {
    format: 'csv',
    fields: names
      .filter((_, column) => column !== wktColumn)
      .map((name) => ({ name, type: 'text' as const })),
    rows,
    crs: ewktCrs(srids),
    encoding,
    files: [],
    notes: [`geometry from the column "${names[wktColumn]}"`],
  };
}

function ewktCrs(srids: Set<number>): CrsStatement | null {
  if (srids.size === 0) return null;
  const [srid] = [...srids];
  if (srids.size > 1) {
    return {
      reading: { unsupported: `the rows name several SRIDs (${[...srids].join(', ')})` },
      source: 'ewkt',
    };
  }
  if (!SUPPORTED_SRIDS.includes(srid!)) {
    return { reading: { unsupported: `SRID=${srid}: not one of the supported systems` }, source: 'ewkt' };
  }
  return { reading: { srid: srid! }, source: 'ewkt' };
}
