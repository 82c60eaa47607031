// Reads a zipped Shapefile: one .shp with its .dbf, and the .prj and .cpg when present. The .shp is
// scanned record by record before parsing, so a record claiming millions of vertices is refused
// before anything is allocated for it.
import * as shapefile from 'shapefile';
import type { ZipEntry } from '../archive.ts';
import type { SourceValue } from '../attributes.ts';
import { sridOfPrj } from '../crs.ts';
import {
  decode,
  decoderLabel,
  detectEncoding,
  type Encoding,
  type EncodingDetection,
  encodingOfCpg,
  encodingOfDbfLanguage,
} from '../encoding.ts';
import { ImportFileError, type ImportLimits } from '../limits.ts';
import { inferFields, type ParsedSource, type SourceRow } from '../source.ts';

const POLYGON_TYPES = new Set([5, 15, 25]);

/** The members of the one Shapefile in a zip, matched by base name. */
export function shapefileMembers(entries: readonly ZipEntry[]) {
  const shps = entries.filter((entry) => /\.shp$/i.test(entry.name));
  if (shps.length === 0) return null;
  if (shps.length > 1) {
    throw new ImportFileError(
      `the zip holds ${shps.length} Shapefiles (${shps.map((e) => e.name).join(', ')}); upload one Shapefile per zip`,
    );
  }
  const shp = shps[0]!;
  const base = shp.name.slice(0, -4).toLowerCase();
  const member = (extension: string) =>
    entries.find((entry) => entry.name.toLowerCase() === `${base}.${extension}`) ?? null;
  return { shp, dbf: member('dbf'), shx: member('shx'), prj: member('prj'), cpg: member('cpg') };
}

/** Walks the .shp's records (big-endian lengths, little-endian content) and checks their sizes. */
function scanShp(shp: Buffer, limits: ImportLimits): number {
  if (shp.length < 100 || shp.readInt32BE(0) !== 9994) {
    throw new ImportFileError('the .shp is not a Shapefile (its header is wrong); export it again');
  }
  let records = 0;
  let position = 100;
  while (position + 8 <= shp.length) {
    records++;
    const length = shp.readInt32BE(position + 4) * 2;
    const content = position + 8;
    if (length < 4 || content + length > shp.length) {
      throw new ImportFileError(`the .shp is cut short at record ${records}; export it again`);
    }
    if (records > limits.features) {
      throw new ImportFileError(
        `the Shapefile holds more than ${limits.features.toLocaleString('en')} features; split it into several imports`,
        413,
      );
    }
    const type = shp.readInt32LE(content);
    if (POLYGON_TYPES.has(type) && length >= 44) {
      const parts = shp.readInt32LE(content + 36);
      const points = shp.readInt32LE(content + 40);
      if (points > limits.verticesPerFeature) {
        throw new ImportFileError(
          `row ${records} claims ${points.toLocaleString('en')} vertices; at most ${limits.verticesPerFeature.toLocaleString('en')} per plot outline`,
        );
      }
      if (parts < 0 || points < 0 || parts > points || 44 + 4 * parts + 16 * points > length) {
        throw new ImportFileError(
          `row ${records} of the .shp is damaged (its part and point counts do not fit); export it again`,
        );
      }
    }
    position = content + length;
  }
  return records;
}

/** The raw bytes of every text (C) value in a DBF, for telling its encoding apart. */
function dbfTextSamples(dbf: Buffer, most = 20_000): Uint8Array[] {
  if (dbf.length < 32) return [];
  const records = dbf.readUInt32LE(4);
  const headerLength = dbf.readUInt16LE(8);
  const recordLength = dbf.readUInt16LE(10);
  const fields: { offset: number; length: number; text: boolean }[] = [];
  const samples: Uint8Array[] = [];
  let offset = 1;
  for (let at = 32; at + 32 <= headerLength && dbf[at] !== 0x0d; at += 32) {
    const nameEnd = dbf.indexOf(0, at);
    samples.push(dbf.subarray(at, Math.min(at + 11, nameEnd < 0 ? at + 11 : nameEnd)));
    const length = dbf[at + 16]!;
    fields.push({ offset, length, text: dbf[at + 11] === 0x43 });
    offset += length;
  }
  for (let record = 0; record < Math.min(records, most); record++) {
    const start = headerLength + record * recordLength;
    if (start + recordLength > dbf.length) break;
    for (const field of fields) {
      if (field.text) samples.push(dbf.subarray(start + field.offset, start + field.offset + field.length));
    }
  }
  return samples;
}

function dbfEncoding(
  dbf: Buffer,
  cpg: Buffer | null,
  chosen: Encoding | null,
  notes: string[],
): EncodingDetection {
  if (chosen) return { encoding: chosen, source: 'chosen' };
  if (cpg) {
    const declared = cpg.toString('latin1').trim();
    const encoding = encodingOfCpg(declared);
    if (encoding) return { encoding, source: 'cpg', declared };
    notes.push(`the .cpg names "${declared}", which is not UTF-8 or GBK; the encoding was detected instead`);
  }
  const language = encodingOfDbfLanguage(dbf[29] ?? 0);
  if (language)
    return { encoding: language, source: 'dbf_language', declared: `0x${(dbf[29] ?? 0).toString(16)}` };
  return { encoding: detectEncoding(dbfTextSamples(dbf)), source: 'detected' };
}

function cellOfDbf(value: unknown): SourceValue {
  if (value === null || value === undefined) return null;
  // DBF dates arrive as Date objects at local midnight of the stored day; a blank date (spaces or
  // zeros) arrives as 1899-11-30, which no plot's date can be.
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()) || value.getFullYear() < 1900) return null;
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

export async function readShapefile(
  entries: readonly ZipEntry[],
  chosen: Encoding | null,
  limits: ImportLimits,
): Promise<ParsedSource> {
  const members = shapefileMembers(entries);
  if (!members)
    throw new ImportFileError(
      'the zip holds no .shp file; zip the Shapefile (.shp, .shx, .dbf, .prj) itself',
    );
  const { shp, dbf, shx, prj, cpg } = members;
  if (!dbf) {
    throw new ImportFileError(
      `the zip has ${shp.name} but no ${shp.name.slice(0, -4)}.dbf: the attribute table (with each plot's code) is needed`,
    );
  }
  const notes: string[] = [];
  if (!shx) notes.push('no .shx index in the zip; the .shp was read in order without it');
  const expected = scanShp(shp.content, limits);
  const encoding = dbfEncoding(dbf.content, cpg?.content ?? null, chosen, notes);
  const rows: SourceRow[] = [];
  let order: string[] = [];
  try {
    const source = await shapefile.open(shp.content, dbf.content, {
      encoding: decoderLabel(encoding.encoding),
    });
    for (;;) {
      const next = await source.read();
      if (next.done) break;
      const attributes: Record<string, SourceValue> = {};
      for (const [name, value] of Object.entries(next.value.properties ?? {}))
        attributes[name] = cellOfDbf(value);
      if (rows.length === 0) order = Object.keys(attributes);
      rows.push({ row: rows.length + 1, attributes, geometry: next.value.geometry ?? null });
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`the Shapefile cannot be read (${(error as Error).message}); export it again`);
  }
  if (rows.length !== expected) {
    notes.push(`the .shp has ${expected} records but ${rows.length} were read with the .dbf`);
  }
  return {
    format: 'shapefile',
    fields: inferFields(rows, order),
    rows,
    crs: prj ? { reading: sridOfPrj(decode(prj.content, 'utf-8')), source: 'prj' } : null,
    encoding,
    files: entries.map((entry) => entry.name),
    notes,
  };
}
