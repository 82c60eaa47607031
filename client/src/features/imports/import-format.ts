// Small pure helpers of the import screen: sizes, times, and the server's detection words as catalogue keys.

/** A file size as KB or MB in the given language. */
export function formatFileSize(language: string, bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, 'MB'] : [bytes / 1024, 'KB'];
  const digits = value < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${unit}`;
}

/** A moment as a medium date and a short time in the given language. */
export function formatWhen(language: string, iso: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

const CRS_SOURCES = ['chosen', 'prj', 'geojson', 'ewkt', 'coordinates', 'none'] as const;
const ENCODING_SOURCES = ['cpg', 'dbf_language', 'bom', 'detected', 'chosen'] as const;
const FIELD_TYPES = ['text', 'number', 'date', 'boolean'] as const;

const member =
  <T extends string>(list: readonly T[]) =>
  (value: string): T | null =>
    (list as readonly string[]).includes(value) ? (value as T) : null;

/** How the CRS was found, as the server says it, if it is a way we name. */
export const crsSource = member(CRS_SOURCES);
/** How the encoding was found. */
export const encodingSource = member(ENCODING_SOURCES);
export const fieldType = member(FIELD_TYPES);

/** The largest upload the server takes by default (IMPORT_MAX_MB); its refusal names the real limit. */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

/** What the file input offers. */
export const ACCEPTED_FILES = '.zip,.geojson,.json,.csv';

/** A source value as a table shows it; nothing as a dash. */
export function cellText(value: string | number | boolean | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}
