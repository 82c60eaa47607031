// Reads an uploaded file as whichever format it is: a zip (a Shapefile, or one GeoJSON or CSV
// inside), GeoJSON or CSV, told apart by content first and by name second.
import { readZip } from './archive.ts';
import type { Encoding } from './encoding.ts';
import { ImportFileError, type ImportLimits } from './limits.ts';
import { readCsv } from './readers/csv.ts';
import { readGeoJson } from './readers/geojson.ts';
import { readShapefile, shapefileMembers } from './readers/shapefile.ts';
import type { ParsedSource } from './source.ts';

const isZip = (bytes: Buffer) => bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
const isEmptyZip = (bytes: Buffer) => bytes.length >= 4 && bytes.readUInt32LE(0) === 0x06054b50;

function looksLikeJson(bytes: Buffer): boolean {
  const start = bytes
    .subarray(0, 64)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart();
  return start.startsWith('{');
}

export async function readUpload(
  filename: string,
  bytes: Buffer,
  encoding: Encoding | null,
  limits: ImportLimits,
): Promise<ParsedSource> {
  if (bytes.length === 0) throw new ImportFileError('the file is empty');
  if (isEmptyZip(bytes)) throw new ImportFileError('the zip is empty');
  if (isZip(bytes)) {
    const entries = await readZip(bytes, limits);
    if (shapefileMembers(entries)) return readShapefile(entries, encoding, limits);
    const inner = entries.filter((entry) => /\.(geo)?json$|\.csv$/i.test(entry.name));
    if (inner.length === 1) {
      const { name, content } = inner[0]!;
      const parsed = /\.csv$/i.test(name)
        ? readCsv(content, encoding, limits)
        : readGeoJson(content, encoding, limits);
      return { ...parsed, files: entries.map((entry) => entry.name) };
    }
    throw new ImportFileError(
      `the zip holds no Shapefile and no single GeoJSON or CSV file (it has: ${entries.map((e) => e.name).join(', ') || 'nothing'})`,
    );
  }
  const lower = filename.toLowerCase();
  if (/\.(shp|dbf|shx|prj)$/.test(lower)) {
    throw new ImportFileError(
      'a Shapefile is several files: zip the .shp, .shx, .dbf and .prj together and upload the zip',
    );
  }
  if (looksLikeJson(bytes) || /\.(geo)?json$/.test(lower)) return readGeoJson(bytes, encoding, limits);
  if (/\.(csv|txt|tsv)$/.test(lower)) return readCsv(bytes, encoding, limits);
  throw new ImportFileError(
    'this is not a file Land Atlas can import: upload a zipped Shapefile (.zip), GeoJSON (.geojson) or CSV with a WKT column (.csv)',
    415,
  );
}
