// The Shapefile writer against the ESRI specification's layout, read back by an independent reader.
import * as shapefile from 'shapefile';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '../../server/src/exports/columns.ts';
import { PlotExportProperties } from '../../server/src/exports/geojson.ts';
import { dbfField, shapefileFields } from '../../server/src/exports/shapefile.ts';
import {
  checkFieldNames,
  DBF_MAX_TEXT_BYTES,
  dbfFile,
  type Polygon,
  ShapefileWriter,
  utf8Prefix,
} from '../../server/src/exports/shapefile-writer.ts';

// Counter-clockwise outer ring and clockwise hole, as GeoJSON (RFC 7946) has them.
const SQUARE: Polygon = [
  [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
    [0, 0],
  ],
];
const SQUARE_WITH_HOLE: Polygon = [
  SQUARE[0]!,
  [
    [2, 2],
    [2, 8],
    [8, 8],
    [8, 2],
    [2, 2],
  ],
];

async function readBack(files: { shp: Buffer; dbf: Buffer }) {
  return shapefile.read(files.shp, files.dbf, { encoding: 'utf-8' });
}

/** The ring of record content at `offset` as [x, y] pairs. */
function pointsOf(content: Buffer, first: number, count: number, pointsStart: number): number[][] {
  return Array.from({ length: count }, (_, i) => [
    content.readDoubleLE(pointsStart + 16 * (first + i)),
    content.readDoubleLE(pointsStart + 16 * (first + i) + 8),
  ]);
}

function clockwise(ring: number[][]): boolean {
  let sum = 0;
  for (let i = 1; i < ring.length; i += 1) {
    sum += (ring[i]![0]! - ring[i - 1]![0]!) * (ring[i]![1]! + ring[i - 1]![1]!);
  }
  return sum > 0;
}

describe('the Shapefile writer', () => {
  it('writes the .shp and .shx headers and a polygon record as the specification lays them out', () => {
    const writer = new ShapefileWriter([{ name: 'CODE', type: 'C' }]);
    writer.add([SQUARE], ['A-1']);
    const { shp, shx } = writer.finish();

    // File header: big-endian file code and length (in 16-bit words), little-endian the rest.
    expect(shp.readInt32BE(0)).toBe(9994);
    expect(shp.readInt32BE(24) * 2).toBe(shp.length);
    expect(shp.readInt32LE(28)).toBe(1000);
    expect(shp.readInt32LE(32)).toBe(5);
    expect([36, 44, 52, 60].map((at) => shp.readDoubleLE(at))).toEqual([0, 0, 10, 10]);

    // Record 1: big-endian number and content length, then type 5, its box, 1 part of 5 points.
    expect(shp.readInt32BE(100)).toBe(1);
    const contentBytes = shp.readInt32BE(104) * 2;
    expect(contentBytes).toBe(44 + 4 + 16 * 5);
    expect(shp.length).toBe(100 + 8 + contentBytes);
    const content = shp.subarray(108);
    expect(content.readInt32LE(0)).toBe(5);
    expect([4, 12, 20, 28].map((at) => content.readDoubleLE(at))).toEqual([0, 0, 10, 10]);
    expect(content.readInt32LE(36)).toBe(1);
    expect(content.readInt32LE(40)).toBe(5);
    expect(content.readInt32LE(44)).toBe(0);
    // The counter-clockwise GeoJSON ring is written clockwise.
    expect(clockwise(pointsOf(content, 0, 5, 48))).toBe(true);

    // The index: the same header with its own length, then offset and length in words.
    expect(shx.readInt32BE(0)).toBe(9994);
    expect(shx.readInt32BE(24) * 2).toBe(shx.length);
    expect(shx.length).toBe(108);
    expect(shx.readInt32BE(100)).toBe(50);
    expect(shx.readInt32BE(104) * 2).toBe(contentBytes);
  });

  it('writes a polygon with a hole: outer ring clockwise, hole counter-clockwise, read back as one polygon', async () => {
    const writer = new ShapefileWriter([{ name: 'CODE', type: 'C' }]);
    writer.add([SQUARE_WITH_HOLE], ['holed']);
    const files = writer.finish();
    const content = files.shp.subarray(108);
    expect(content.readInt32LE(36)).toBe(2);
    expect(content.readInt32LE(48)).toBe(5); // the hole's first point
    const pointsStart = 44 + 4 * 2;
    expect(clockwise(pointsOf(content, 0, 5, pointsStart))).toBe(true);
    expect(clockwise(pointsOf(content, 5, 5, pointsStart))).toBe(false);

    const collection = await readBack(files);
    expect(collection.features).toHaveLength(1);
    const geometry = collection.features[0]!.geometry;
    expect(geometry.type).toBe('Polygon');
    expect(geometry.type === 'Polygon' && geometry.coordinates).toHaveLength(2);
  });

  it('writes a multipolygon as one record with a part per ring, read back as a MultiPolygon', async () => {
    const far: Polygon = [SQUARE[0]!.map(([x, y]) => [x! + 20, y!])];
    const writer = new ShapefileWriter([{ name: 'CODE', type: 'C' }]);
    writer.add([SQUARE_WITH_HOLE, far], ['two']);
    writer.add([SQUARE], ['one']);
    const files = writer.finish();
    expect([36, 44, 52, 60].map((at) => files.shp.readDoubleLE(at))).toEqual([0, 0, 30, 10]);
    expect(files.shp.subarray(108).readInt32LE(36)).toBe(3);
    // The second record starts where the index says.
    const secondOffset = files.shx.readInt32BE(108) * 2;
    expect(files.shp.readInt32BE(secondOffset)).toBe(2);

    const collection = await readBack(files);
    expect(collection.features.map((feature) => feature.geometry.type)).toEqual(['MultiPolygon', 'Polygon']);
    const multi = collection.features[0]!.geometry;
    expect(multi.type === 'MultiPolygon' && multi.coordinates.map((polygon) => polygon.length)).toEqual([
      2, 1,
    ]);
    expect(collection.features.map((feature) => feature.properties?.CODE)).toEqual(['two', 'one']);
  });

  it('sizes text fields by their longest value in UTF-8 bytes and keeps Chinese text intact', async () => {
    const writer = new ShapefileWriter([
      { name: 'ZONE', type: 'C' },
      { name: 'AREA_MU', type: 'N', decimals: 2 },
      { name: 'SAMPLE', type: 'L' },
    ]);
    writer.add([SQUARE], ['淮安经济技术开发区', 67.333, true]);
    writer.add([SQUARE], ['园区', null, false]);
    const files = writer.finish();
    // "淮安经济技术开发区" is 9 characters, 27 bytes.
    expect(files.dbf.readUInt8(32 + 16)).toBe(27);
    expect(files.dbf.readUInt8(64 + 11)).toBe('N'.charCodeAt(0));
    expect(files.dbf.readUInt8(64 + 17)).toBe(2);
    const collection = await readBack(files);
    expect(collection.features.map((feature) => feature.properties)).toEqual([
      { ZONE: '淮安经济技术开发区', AREA_MU: 67.33, SAMPLE: true },
      { ZONE: '园区', AREA_MU: null, SAMPLE: false },
    ]);
  });

  it('cuts a text value longer than 254 bytes at a character boundary, never inside one', () => {
    const long = '淮'.repeat(100); // 300 bytes
    const dbf = dbfFile([{ name: 'NOTE', type: 'C' }], [[long]]);
    expect(dbf.readUInt8(32 + 16)).toBe(DBF_MAX_TEXT_BYTES);
    const headerBytes = dbf.readUInt16LE(8);
    const stored = dbf.subarray(headerBytes + 1, headerBytes + 1 + DBF_MAX_TEXT_BYTES);
    const text = stored.toString('utf8').trimEnd();
    expect(text).toBe('淮'.repeat(84));
    expect(text).not.toContain('\uFFFD');
    expect(utf8Prefix('ab淮', 4).toString('utf8')).toBe('ab');
    expect(utf8Prefix('ab淮', 5).toString('utf8')).toBe('ab淮');
  });

  it('writes a dBase III header: version 3, language driver 0, field descriptors, terminator and end of file', () => {
    const updated = new Date(Date.UTC(2025, 4, 17));
    const dbf = dbfFile(
      [
        { name: 'ID', type: 'N' },
        { name: 'CODE', type: 'C' },
        { name: 'SAMPLE', type: 'L' },
      ],
      [
        [7, 'A', null],
        [1234, null, true],
      ],
      updated,
    );
    expect(dbf.readUInt8(0)).toBe(0x03);
    expect([dbf.readUInt8(1), dbf.readUInt8(2), dbf.readUInt8(3)]).toEqual([125, 5, 17]);
    expect(dbf.readUInt32LE(4)).toBe(2);
    const headerBytes = dbf.readUInt16LE(8);
    expect(headerBytes).toBe(32 + 3 * 32 + 1);
    expect(dbf.readUInt8(29)).toBe(0);
    expect(dbf.readUInt8(headerBytes - 1)).toBe(0x0d);
    const recordBytes = dbf.readUInt16LE(10);
    expect(recordBytes).toBe(1 + 4 + 1 + 1);
    expect(dbf.readUInt8(dbf.length - 1)).toBe(0x1a);
    const records = dbf.subarray(headerBytes, headerBytes + 2 * recordBytes).toString('ascii');
    // Numbers right-aligned, a null logical '?', a null text blank.
    expect(records).toBe(' ' + '   7' + 'A' + '?' + ' ' + '1234' + ' ' + 'T');
  });

  it('refuses field names dBase cannot hold', () => {
    expect(() => checkFieldNames(['GUIDE_PRICE'])).toThrow(/not a dBase field name/);
    expect(() => checkFieldNames(['区县'])).toThrow(/not a dBase field name/);
    expect(() => checkFieldNames(['CODE', 'code'])).toThrow(/appears twice/);
  });
});

describe('the export field names', () => {
  it('are a fixed table of unique names within 10 ASCII characters, which the import recognises', () => {
    const fields = shapefileFields(EXPORT_COLUMNS);
    const names = fields.map((column) => column.field);
    expect(() => checkFieldNames(names)).not.toThrow();
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Z0-9_]{0,9}$/);
    expect(Object.fromEntries(fields.map((column) => [column.field, column.key]))).toEqual({
      ID: 'id',
      CODE: 'code',
      ZONE_ID: 'zoneId',
      ZONE: 'zoneName',
      ZONE_EN: 'zoneNameEn',
      DIST_CODE: 'districtCode',
      DISTRICT: 'districtName',
      DIST_EN: 'districtNameEn',
      AREA_MU: 'areaMu',
      AREA_M2: 'areaM2',
      LANDUSE: 'landUseCode',
      LANDUSE_NM: 'landUseName',
      LANDUSE_EN: 'landUseNameEn',
      STATUS: 'status',
      SERVICING: 'servicing',
      GUIDE_PRIC: 'guidePrice',
      SAMPLE: 'isSample',
      ENTERPRISE: 'enterpriseName',
      INEFF_TYPE: 'inefficiencyType',
      GRADE: 'grade',
    });
    expect(fields.filter((column) => column.access === 'internal').map((column) => column.field)).toEqual([
      'ENTERPRISE',
      'INEFF_TYPE',
      'GRADE',
    ]);
    expect(fields.map((column) => dbfField(column).type)).toContain('L');
  });

  it('name every GeoJSON property of the export, and the export nothing its schema leaves out', () => {
    const properties = EXPORT_COLUMNS.filter((column) => !column.spreadsheetOnly).map((column) => column.key);
    expect(properties.sort()).toEqual(Object.keys(PlotExportProperties.properties).sort());
    // Every column that is not a label for people has a Shapefile field, and the reverse.
    expect(shapefileFields(EXPORT_COLUMNS).map((column) => column.key)).toEqual(
      EXPORT_COLUMNS.filter((column) => !column.spreadsheetOnly).map((column) => column.key),
    );
  });
});
