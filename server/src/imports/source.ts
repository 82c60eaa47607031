// What every reader (Shapefile, GeoJSON, CSV) hands on: fields, rows with attributes and a
// geometry, and what the file said about its CRS and encoding.
import type { SourceField, SourceValue } from './attributes.ts';
import type { PrjReading } from './crs.ts';
import type { EncodingDetection } from './encoding.ts';

export const IMPORT_FORMATS = ['geojson', 'shapefile', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface SourceRow {
  /** 1-based, in file order. */
  row: number;
  attributes: Record<string, SourceValue>;
  /** GeoJSON geometry as read (unchecked), or null. */
  geometry: unknown;
  /** Why the geometry could not be read at all (e.g. bad WKT), when so. */
  geometryError?: string;
}

export interface CrsStatement {
  reading: PrjReading;
  /** Where it was said: a .prj, a GeoJSON `crs` member, or an EWKT SRID. */
  source: 'prj' | 'geojson' | 'ewkt';
}

export interface ParsedSource {
  format: ImportFormat;
  fields: SourceField[];
  rows: SourceRow[];
  crs: CrsStatement | null;
  encoding: EncodingDetection;
  /** The files a zip held (for the preview). */
  files: string[];
  /** Notes for the preview (a missing .shx, an unreadable .cpg). */
  notes: string[];
}

/** Field types inferred from values, in first-seen order. */
export function inferFields(rows: readonly SourceRow[], order: readonly string[] = []): SourceField[] {
  const types = new Map<string, Set<string>>();
  for (const name of order) types.set(name, new Set());
  for (const row of rows) {
    for (const [name, value] of Object.entries(row.attributes)) {
      let seen = types.get(name);
      if (!seen) {
        seen = new Set();
        types.set(name, seen);
      }
      if (value !== null) seen.add(typeof value);
    }
  }
  return [...types].map(([name, seen]) => ({
    name,
    type:
      seen.size === 1 && seen.has('number')
        ? 'number'
        : seen.size === 1 && seen.has('boolean')
          ? 'boolean'
          : 'text',
  }));
}
