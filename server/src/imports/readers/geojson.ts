// Reads GeoJSON: a FeatureCollection or one Feature, UTF-8 as RFC 7946 says (GBK tolerated), with
// the `crs` member GDAL writes for data outside CRS84.
import type { SourceValue } from '../attributes.ts';
import { sridOfGeoJsonCrs } from '../crs.ts';
import { decodeText, detectTextEncoding, type Encoding, type EncodingDetection } from '../encoding.ts';
import { ImportFileError, type ImportLimits } from '../limits.ts';
import { inferFields, type ParsedSource, type SourceRow } from '../source.ts';

/** A property value as a flat cell: nested objects and arrays become their JSON text. */
export function cellOf(value: unknown): SourceValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

export function readGeoJson(bytes: Buffer, chosen: Encoding | null, limits: ImportLimits): ParsedSource {
  const encoding: EncodingDetection = chosen
    ? { encoding: chosen, source: 'chosen' }
    : detectTextEncoding(bytes);
  let document: unknown;
  try {
    document = JSON.parse(decodeText(bytes, encoding.encoding));
  } catch (error) {
    throw new ImportFileError(
      `the file is not valid JSON (${(error as Error).message}); export it again as GeoJSON`,
    );
  }
  const root = document as { type?: unknown; features?: unknown; crs?: unknown };
  let features: unknown[];
  if (root?.type === 'FeatureCollection' && Array.isArray(root.features)) features = root.features;
  else if (root?.type === 'Feature') features = [root];
  else {
    throw new ImportFileError(
      'the JSON is not a GeoJSON FeatureCollection or Feature; export the plots as GeoJSON features',
    );
  }
  if (features.length > limits.features) {
    throw new ImportFileError(
      `the file holds ${features.length.toLocaleString('en')} features; at most ${limits.features.toLocaleString('en')} per import`,
      413,
    );
  }
  const rows: SourceRow[] = features.map((feature, index) => {
    const { properties, geometry } = (feature ?? {}) as { properties?: unknown; geometry?: unknown };
    const attributes: Record<string, SourceValue> = {};
    if (properties && typeof properties === 'object') {
      for (const [name, value] of Object.entries(properties)) attributes[name] = cellOf(value);
    }
    return { row: index + 1, attributes, geometry: geometry ?? null };
  });
  const reading = sridOfGeoJsonCrs(root.crs);
  return {
    format: 'geojson',
    fields: inferFields(rows),
    rows,
    crs: reading ? { reading, source: 'geojson' } : null,
    encoding,
    files: [],
    notes: [],
  };
}
