// Writes polygon Shapefiles (.shp, .shx, and a dBase III .dbf in UTF-8) following the ESRI Shapefile
// Technical Description (1998). Written here because @mapbox/shp-write puts each string's charCodeAt
// values into the DBF as bytes, which mangles Chinese text, and no maintained pure-JS writer makes
// UTF-8 DBFs; the .cpg beside these files says "UTF-8" (the DBF's language driver byte stays 0).

/** A ring of [x, y] positions; closed or not (it is closed on writing). */
export type Ring = readonly (readonly number[])[];
/** One polygon: its outer ring, then its holes. */
export type Polygon = readonly Ring[];

export type DbfValue = string | number | boolean | null;

/** C text (UTF-8, sized by its longest value in bytes), N number, L logical. */
export interface DbfField {
  name: string;
  type: 'C' | 'N' | 'L';
  /** Decimal places of an N field. */
  decimals?: number;
}

export interface ShapefileParts {
  shp: Buffer;
  shx: Buffer;
  dbf: Buffer;
}

const SHAPE_POLYGON = 5;
const FILE_HEADER_BYTES = 100;
const RECORD_HEADER_BYTES = 8;
/** dBase III's widest character field. */
export const DBF_MAX_TEXT_BYTES = 254;
/** dBase III's widest numeric field. */
const DBF_MAX_NUMBER_WIDTH = 20;
const FIELD_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,9}$/;

type BBox = [number, number, number, number];

/** Twice the signed area: positive for a counter-clockwise ring (x east, y north). */
function signedArea2(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    sum += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  }
  return sum;
}

/** The ring closed and turned the way the specification wants: outer clockwise, holes counter-clockwise. */
function oriented(ring: Ring, outer: boolean): Ring {
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  const closed = first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
  const counterClockwise = signedArea2(closed) > 0;
  return counterClockwise === outer ? [...closed].reverse() : closed;
}

/** The record content of one polygon shape (type 5): all rings of all polygons as parts. */
export function polygonRecord(polygons: readonly Polygon[]): { content: Buffer; bbox: BBox } {
  const rings: Ring[] = [];
  for (const polygon of polygons) {
    polygon.forEach((ring, index) => {
      if (ring.length < 3) throw new Error(`a ring needs at least 3 positions, got ${ring.length}`);
      rings.push(oriented(ring, index === 0));
    });
  }
  if (rings.length === 0) throw new Error('a polygon shape needs at least one ring');
  const points = rings.reduce((sum, ring) => sum + ring.length, 0);
  const content = Buffer.alloc(44 + 4 * rings.length + 16 * points);
  const bbox: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  content.writeInt32LE(SHAPE_POLYGON, 0);
  content.writeInt32LE(rings.length, 36);
  content.writeInt32LE(points, 40);
  let part = 44;
  let point = 44 + 4 * rings.length;
  let start = 0;
  for (const ring of rings) {
    content.writeInt32LE(start, part);
    part += 4;
    start += ring.length;
    for (const position of ring) {
      const x = position[0]!;
      const y = position[1]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`position ${x} ${y} is not finite`);
      content.writeDoubleLE(x, point);
      content.writeDoubleLE(y, point + 8);
      point += 16;
      if (x < bbox[0]) bbox[0] = x;
      if (y < bbox[1]) bbox[1] = y;
      if (x > bbox[2]) bbox[2] = x;
      if (y > bbox[3]) bbox[3] = y;
    }
  }
  bbox.forEach((value, index) => {
    content.writeDoubleLE(value, 4 + 8 * index);
  });
  return { content, bbox };
}

/** The 100-byte header shared by .shp and .shx: big-endian code and length, little-endian the rest. */
function fileHeader(lengthBytes: number, bbox: BBox): Buffer {
  const header = Buffer.alloc(FILE_HEADER_BYTES);
  header.writeInt32BE(9994, 0);
  header.writeInt32BE(lengthBytes / 2, 24);
  header.writeInt32LE(1000, 28);
  header.writeInt32LE(SHAPE_POLYGON, 32);
  bbox.forEach((value, index) => {
    header.writeDoubleLE(value, 36 + 8 * index);
  });
  // Z and M ranges (68–99) stay 0 for a 2D shape type.
  return header;
}

/** The longest prefix of `text` that fits `maxBytes` in UTF-8 without splitting a character. */
export function utf8Prefix(text: string, maxBytes: number): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return bytes;
  let end = maxBytes;
  // A continuation byte (10xxxxxx) would start mid-character: step back to the character's start.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end);
}

function numberText(value: number, decimals: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} cannot be written to a numeric field`);
  return value.toFixed(decimals);
}

interface FieldLayout {
  field: DbfField;
  width: number;
  decimals: number;
}

/** Field widths from the values: text by its longest UTF-8 value, numbers by their longest digits. */
function layout(fields: readonly DbfField[], records: readonly (readonly DbfValue[])[]): FieldLayout[] {
  return fields.map((field, index) => {
    const decimals = field.type === 'N' ? (field.decimals ?? 0) : 0;
    if (field.type === 'L') return { field, width: 1, decimals: 0 };
    let width = field.type === 'N' ? decimals + 2 : 1;
    for (const record of records) {
      const value = record[index];
      if (value === null || value === undefined) continue;
      const length =
        field.type === 'N'
          ? numberText(Number(value), decimals).length
          : Math.min(Buffer.byteLength(String(value), 'utf8'), DBF_MAX_TEXT_BYTES);
      if (length > width) width = length;
    }
    if (field.type === 'N' && width > DBF_MAX_NUMBER_WIDTH) {
      throw new Error(`field ${field.name}: a value needs ${width} characters, more than dBase allows`);
    }
    return { field, width, decimals };
  });
}

/** A dBase III table: UTF-8 text (language driver 0; the .cpg names the encoding). */
export function dbfFile(
  fields: readonly DbfField[],
  records: readonly (readonly DbfValue[])[],
  updated: Date = new Date(),
): Buffer {
  checkFieldNames(fields.map((field) => field.name));
  const layouts = layout(fields, records);
  const headerBytes = 32 + 32 * fields.length + 1;
  const recordBytes = 1 + layouts.reduce((sum, column) => sum + column.width, 0);
  if (recordBytes > 0xffff) throw new Error(`a record of ${recordBytes} bytes is wider than dBase allows`);
  const dbf = Buffer.alloc(headerBytes + recordBytes * records.length + 1, 0x20);
  dbf.fill(0, 0, headerBytes);
  dbf.writeUInt8(0x03, 0);
  dbf.writeUInt8(updated.getUTCFullYear() - 1900, 1);
  dbf.writeUInt8(updated.getUTCMonth() + 1, 2);
  dbf.writeUInt8(updated.getUTCDate(), 3);
  dbf.writeUInt32LE(records.length, 4);
  dbf.writeUInt16LE(headerBytes, 8);
  dbf.writeUInt16LE(recordBytes, 10);
  // Byte 29, the language driver id, stays 0: readers take the encoding from the .cpg.
  layouts.forEach(({ field, width, decimals }, index) => {
    const at = 32 + 32 * index;
    dbf.write(field.name, at, 'ascii');
    dbf.write(field.type, at + 11, 'ascii');
    dbf.writeUInt8(width, at + 16);
    dbf.writeUInt8(decimals, at + 17);
  });
  dbf.writeUInt8(0x0d, headerBytes - 1);
  let at = headerBytes;
  for (const record of records) {
    at += 1; // deletion flag: a space, already there
    layouts.forEach(({ field, width, decimals }, index) => {
      const value = record[index] ?? null;
      if (field.type === 'L') {
        dbf.write(value === null ? '?' : value === true || value === 'T' ? 'T' : 'F', at, 'ascii');
      } else if (field.type === 'N') {
        // Right-aligned; a null stays blank, which readers take as null.
        if (value !== null) {
          const text = numberText(Number(value), decimals);
          dbf.write(text, at + width - text.length, 'ascii');
        }
      } else if (value !== null) {
        utf8Prefix(String(value), width).copy(dbf, at);
      }
      at += width;
    });
  }
  dbf.writeUInt8(0x1a, at);
  return dbf;
}

/** Field names must be unique (ignoring case, as dBase does) and at most 10 ASCII characters. */
export function checkFieldNames(names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (!FIELD_NAME_PATTERN.test(name)) {
      throw new Error(`"${name}" is not a dBase field name (a letter, then up to 9 letters, digits or _)`);
    }
    const key = name.toUpperCase();
    if (seen.has(key)) throw new Error(`field name ${name} appears twice`);
    seen.add(key);
  }
}

/**
 * Collects polygon records and their attributes, then writes the three files. Geometry is encoded
 * as it arrives, so a record costs its binary size plus its attribute values until `finish`.
 */
export class ShapefileWriter {
  private readonly shapes: Buffer[] = [];
  private readonly records: DbfValue[][] = [];
  private readonly bbox: BBox = [Infinity, Infinity, -Infinity, -Infinity];

  constructor(private readonly fields: readonly DbfField[]) {
    checkFieldNames(fields.map((field) => field.name));
  }

  get count(): number {
    return this.shapes.length;
  }

  add(polygons: readonly Polygon[], values: readonly DbfValue[]): void {
    if (values.length !== this.fields.length) {
      throw new Error(`expected ${this.fields.length} attribute values, got ${values.length}`);
    }
    const { content, bbox } = polygonRecord(polygons);
    this.shapes.push(content);
    this.records.push([...values]);
    this.bbox[0] = Math.min(this.bbox[0], bbox[0]);
    this.bbox[1] = Math.min(this.bbox[1], bbox[1]);
    this.bbox[2] = Math.max(this.bbox[2], bbox[2]);
    this.bbox[3] = Math.max(this.bbox[3], bbox[3]);
  }

  finish(updated: Date = new Date()): ShapefileParts {
    // An empty file's bounding box is all zeros.
    const bbox: BBox = this.shapes.length === 0 ? [0, 0, 0, 0] : this.bbox;
    const shpBytes =
      FILE_HEADER_BYTES + this.shapes.reduce((sum, shape) => sum + RECORD_HEADER_BYTES + shape.length, 0);
    const shxBytes = FILE_HEADER_BYTES + 8 * this.shapes.length;
    const shp = Buffer.alloc(shpBytes);
    const shx = Buffer.alloc(shxBytes);
    fileHeader(shpBytes, bbox).copy(shp, 0);
    fileHeader(shxBytes, bbox).copy(shx, 0);
    let offset = FILE_HEADER_BYTES;
    this.shapes.forEach((shape, index) => {
      // Offsets and lengths count 16-bit words; record numbers start at 1.
      shx.writeInt32BE(offset / 2, FILE_HEADER_BYTES + 8 * index);
      shx.writeInt32BE(shape.length / 2, FILE_HEADER_BYTES + 8 * index + 4);
      shp.writeInt32BE(index + 1, offset);
      shp.writeInt32BE(shape.length / 2, offset + 4);
      shape.copy(shp, offset + RECORD_HEADER_BYTES);
      offset += RECORD_HEADER_BYTES + shape.length;
    });
    return { shp, shx, dbf: dbfFile(this.fields, this.records, updated) };
  }
}
