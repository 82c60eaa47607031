// Exporting the filtered plots as GeoJSON, CSV, a zipped Shapefile and XLSX, as each role may see them,
// decoded the way QGIS, ArcGIS, GDAL and Excel would read them.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sensible from '@fastify/sensible';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import * as shapefile from 'shapefile';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import yauzl from 'yauzl';
import { policyPlugin } from '../../server/src/auth/policy.ts';
import { createDataVersion } from '../../server/src/db/data-version.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import exportRoutes from '../../server/src/exports/routes.ts';
import { appFor, demoZoneManager, PLANNER } from '../support/app.ts';
import { poolFor, requireUnderCi } from '../support/backends.ts';

const run = promisify(execFile);
const PUBLIC_STATUSES = ['available', 'reserved', 'occupied'];
const INTERNAL_PROPERTIES = ['enterpriseName', 'inefficiencyType', 'grade'];
const INTERNAL_FIELDS = ['ENTERPRISE', 'INEFF_TYPE', 'GRADE'];
const INTERNAL_HEADINGS_ZH = ['使用企业', '低效类型代码', '低效类型', '亩均评价等级'];
const ZONE_NAME = '淮安经济技术开发区';

const gdalAvailable = await run('ogr2ogr', ['--version']).then(
  () => true,
  () => false,
);
requireUnderCi('GDAL (ogr2ogr)', gdalAvailable);

type PlotFeature = Feature<MultiPolygon, Record<string, unknown>>;
type Table = Record<string, string>[];
type Row = Record<string, string | number | boolean | null>;

/** The files of a zip archive by name. */
function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The DBF's records, decoded as UTF-8 (what the .cpg says). */
async function readDbf(dbf: Buffer): Promise<{ fields: string[]; records: Row[] }> {
  const source = await shapefile.openDbf(dbf, { encoding: 'utf-8' });
  const records: Row[] = [];
  for (let next = await source.read(); !next.done; next = await source.read()) {
    records.push(next.value as Row);
  }
  const count = dbf.readUInt32LE(4);
  const headerBytes = dbf.readUInt16LE(8);
  const fields = Array.from({ length: (headerBytes - 33) / 32 }, (_, i) =>
    dbf
      .subarray(32 + 32 * i, 32 + 32 * i + 11)
      .toString('ascii')
      .replace(/\0.*$/, ''),
  );
  expect(records).toHaveLength(count);
  return { fields, records };
}

/** CSV rows as objects keyed by heading; the BOM must be there for Excel. */
function readCsv(response: LightMyRequestResponse): Table {
  expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  expect(response.body).toContain('\r\n');
  return parse(response.rawPayload, { bom: true, columns: true }) as Table;
}

async function readXlsx(buffer: Buffer): Promise<{ headings: string[]; rows: Row[]; subject: string }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  const sheet = workbook.worksheets[0]!;
  const headings = (sheet.getRow(1).values as (string | undefined)[]).slice(1).map(String);
  const rows: Row[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const values = (row.values as (string | number | null | undefined)[]).slice(1);
    rows.push(Object.fromEntries(headings.map((heading, i) => [heading, values[i] ?? null])));
  });
  return { headings, rows, subject: workbook.subject };
}

/** Area in m² of a ring of lon/lat, on the ellipsoid's local radii (plots are far smaller than a degree). */
function ringAreaDegrees(ring: Position[]): number {
  const a = 6378137;
  const e2 = 0.00669438;
  const lat = (ring.reduce((sum, p) => sum + p[1]!, 0) / ring.length) * (Math.PI / 180);
  const w = 1 - e2 * Math.sin(lat) ** 2;
  const n = a / Math.sqrt(w);
  const m = (a * (1 - e2)) / w ** 1.5;
  const projected = ring.map(([lon, y]) => [
    lon! * (Math.PI / 180) * n * Math.cos(lat),
    y! * (Math.PI / 180) * m,
  ]);
  return ringArea(projected);
}

function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i += 1) {
    sum += ring[i - 1]![0]! * ring[i]![1]! - ring[i]![0]! * ring[i - 1]![1]!;
  }
  return Math.abs(sum / 2);
}

function geometryArea(geometry: Polygon | MultiPolygon, ringAreaOf: (ring: Position[]) => number): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.reduce(
    (sum, rings) =>
      sum + rings.reduce((inner, ring, index) => inner + (index === 0 ? 1 : -1) * ringAreaOf(ring), 0),
    0,
  );
}

describe.each(inject('backends'))('plot exports on $name', (backend) => {
  let pool: Pool;
  let planner: FastifyInstance;
  let manager: FastifyInstance;
  let publicApp: FastifyInstance;
  let zoneId: number;
  let district: string;
  let enterpriseNames: string[];
  let workDir: string;

  beforeAll(async () => {
    pool = poolFor(backend);
    const demo = await demoZoneManager(pool);
    zoneId = demo.zoneId;
    const viewer = demo.viewer;
    district = (
      await pool.query<{ code: string }>(
        'SELECT district_code AS code FROM plots GROUP BY 1 ORDER BY count(*) DESC OFFSET 2 LIMIT 1',
      )
    ).rows[0]!.code;
    enterpriseNames = (
      await pool.query<{ name: string }>(
        'SELECT DISTINCT enterprise_name AS name FROM plots WHERE enterprise_name IS NOT NULL ORDER BY 1 LIMIT 40',
      )
    ).rows.map((row) => row.name);
    planner = await appFor(backend, pool, PLANNER);
    manager = await appFor(backend, pool, viewer);
    publicApp = await appFor(backend, pool);
    workDir = await mkdtemp(path.join(tmpdir(), 'land-atlas-exports-'));
  });
  afterAll(async () => {
    await Promise.all([planner.close(), manager.close(), publicApp.close()]);
    await pool.end();
    await rm(workDir, { recursive: true, force: true });
  });

  async function download(app: FastifyInstance, query: string): Promise<LightMyRequestResponse> {
    const response = await app.inject(`/api/exports/plots?${query}`);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    return response;
  }

  async function geojson(app: FastifyInstance, query = ''): Promise<FeatureCollection<MultiPolygon>> {
    return (await download(app, `format=geojson&${query}`)).json();
  }

  async function shapefileOf(app: FastifyInstance, query = '') {
    const files = await unzip((await download(app, `format=shp&${query}`)).rawPayload);
    return { files, ...(await readDbf(files.get('plots.dbf')!)) };
  }

  /** The plot codes /api/plots lists for the same filter and sort, in its order. */
  async function listedCodes(app: FastifyInstance, query: string): Promise<string[]> {
    const response = await app.inject(`/api/plots?format=geojson&limit=10000&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as FeatureCollection & { numberMatched: number };
    expect(page.numberMatched).toBe(page.features.length);
    return page.features.map((feature) => String(feature.properties?.code));
  }

  it('downloads each format as a dated file, labelled sample, with its content type', async () => {
    const expected = {
      geojson: ['application/geo+json', 'geojson'],
      csv: ['text/csv; charset=utf-8', 'csv'],
      shp: ['application/zip', 'zip'],
      xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
    };
    for (const [format, [type, extension]] of Object.entries(expected)) {
      const response = await download(publicApp, `format=${format}&districtCode=${district}`);
      expect(response.headers['content-type']).toContain(type);
      const name = `plots-\\d{4}-\\d{2}-\\d{2}-sample\\.${extension}`;
      expect(response.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="${name}"; filename\\*=UTF-8''${name}$`),
      );
    }
    const zip = await unzip((await download(publicApp, `format=shp&districtCode=${district}`)).rawPayload);
    expect([...zip.keys()].sort()).toEqual(
      ['plots-fields.csv', 'plots.cpg', 'plots.dbf', 'plots.prj', 'plots.shp', 'plots.shx'].sort(),
    );
    expect(zip.get('plots.cpg')!.toString()).toBe('UTF-8');
    const workbook = await readXlsx(
      (await download(publicApp, `format=xlsx&districtCode=${district}`)).rawPayload,
    );
    expect(workbook.subject).toContain('示例数据');
  });

  it('exports exactly the plots /api/plots lists for the same filter, in its order, in every format', async () => {
    for (const query of [
      `districtCode=${district}&minAreaMu=10&sort=-areaMu`,
      'status=available,reserved&sort=zone',
      'landUseCode=1001&bbox=118.9,33.4,119.2,33.7&sort=code',
    ]) {
      const expected = await listedCodes(planner, query);
      expect(expected.length, query).toBeGreaterThan(10);
      const features = (await geojson(planner, query)).features;
      expect(features.map((feature) => feature.properties?.code)).toEqual(expected);
      const csv = readCsv(await download(planner, `format=csv&${query}`));
      expect(csv.map((row) => row.地块编号)).toEqual(expected);
      const xlsx = await readXlsx((await download(planner, `format=xlsx&lang=en&${query}`)).rawPayload);
      expect(xlsx.rows.map((row) => row['Plot code'])).toEqual(expected);
      const { records } = await shapefileOf(planner, query);
      expect(records.map((record) => record.CODE)).toEqual(expected);
    }
  });

  it('counts what /api/plots counts when the whole city is exported', async () => {
    const total = (await publicApp.inject('/api/plots?limit=1')).json().total as number;
    const collection = (await geojson(publicApp)) as FeatureCollection & { numberMatched: number };
    expect(collection.features).toHaveLength(total);
    expect(collection.numberMatched).toBe(total);
    expect(readCsv(await download(publicApp, 'format=csv'))).toHaveLength(total);
  });

  it('never gives the public an internal attribute or status, in any format', async () => {
    const geo = await download(publicApp, 'format=geojson');
    const features = (geo.json() as FeatureCollection).features;
    for (const feature of features) {
      for (const key of INTERNAL_PROPERTIES) expect(feature.properties).not.toHaveProperty(key);
      expect(PUBLIC_STATUSES).toContain(feature.properties?.status);
    }

    const csvResponse = await download(publicApp, 'format=csv');
    const csv = readCsv(csvResponse);
    for (const heading of INTERNAL_HEADINGS_ZH) expect(Object.keys(csv[0]!)).not.toContain(heading);
    expect(new Set(csv.map((row) => row.状态代码))).toEqual(new Set(PUBLIC_STATUSES));

    const xlsxResponse = await download(publicApp, 'format=xlsx');
    const xlsx = await readXlsx(xlsxResponse.rawPayload);
    for (const heading of INTERNAL_HEADINGS_ZH) expect(xlsx.headings).not.toContain(heading);
    expect(new Set(xlsx.rows.map((row) => row.状态代码))).toEqual(new Set(PUBLIC_STATUSES));

    const { files, fields, records } = await shapefileOf(publicApp);
    for (const field of INTERNAL_FIELDS) expect(fields).not.toContain(field);
    expect(new Set(records.map((record) => record.STATUS))).toEqual(new Set(PUBLIC_STATUSES));
    const description = files.get('plots-fields.csv')!.toString('utf8');
    for (const field of INTERNAL_FIELDS) expect(description).not.toContain(field);

    // No occupant's name anywhere in the bytes (the workbook's text is inside its zip).
    const sheetXml = (await unzip(xlsxResponse.rawPayload)).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    const texts = [geo.body, csvResponse.body, files.get('plots.dbf')!.toString('utf8'), sheetXml];
    expect(enterpriseNames.length).toBeGreaterThan(10);
    for (const name of enterpriseNames) for (const text of texts) expect(text).not.toContain(name);
  });

  it('gives a planner the internal attributes and statuses, in every format', async () => {
    const query = `zoneId=${zoneId}&status=low_efficiency,idle`;
    const { rows: truth } = await pool.query<{
      code: string;
      enterprise_name: string | null;
      grade: string | null;
    }>(
      `SELECT code, enterprise_name, grade FROM plots WHERE zone_id = $1 AND status IN ('low_efficiency', 'idle')`,
      [zoneId],
    );
    const byCode = new Map(truth.map((row) => [row.code, row]));
    expect(truth.filter((row) => row.enterprise_name !== null).length).toBeGreaterThan(5);

    const features = (await geojson(planner, query)).features as PlotFeature[];
    expect(features).toHaveLength(truth.length);
    for (const feature of features) {
      const plot = byCode.get(String(feature.properties.code))!;
      expect(feature.properties.enterpriseName).toBe(plot.enterprise_name);
      expect(feature.properties.grade).toBe(plot.grade);
      expect(['low_efficiency', 'idle']).toContain(feature.properties.status);
    }
    for (const row of readCsv(await download(planner, `format=csv&${query}`))) {
      expect(row.使用企业).toBe(byCode.get(row.地块编号!)!.enterprise_name ?? '');
      expect(['低效', '闲置']).toContain(row.状态);
    }
    const xlsx = await readXlsx((await download(planner, `format=xlsx&${query}`)).rawPayload);
    for (const row of xlsx.rows) expect(row.使用企业).toBe(byCode.get(String(row.地块编号))!.enterprise_name);
    const { fields, records } = await shapefileOf(planner, query);
    expect(fields).toEqual(expect.arrayContaining(INTERNAL_FIELDS));
    for (const record of records) {
      expect(record.ENTERPRISE).toBe(byCode.get(String(record.CODE))!.enterprise_name);
      expect(record.GRADE).toBe(byCode.get(String(record.CODE))!.grade);
    }
  });

  it("gives a zone manager internals for its own zone's plots only", async () => {
    const query = 'districtCode=320803,320804&sort=zone';
    const features = (await geojson(manager, query)).features as PlotFeature[];
    const inZone = features.filter((feature) => feature.properties.zoneId === zoneId);
    expect(inZone.length).toBeGreaterThan(100);
    expect(features.length - inZone.length).toBeGreaterThan(100);
    for (const feature of features) {
      const own = feature.properties.zoneId === zoneId;
      for (const key of INTERNAL_PROPERTIES) expect(key in feature.properties).toBe(own);
      if (!own) expect(PUBLIC_STATUSES).toContain(feature.properties.status);
    }
    expect(inZone.some((feature) => !PUBLIC_STATUSES.includes(String(feature.properties.status)))).toBe(true);

    const csv = readCsv(await download(manager, `format=csv&${query}`));
    const { records } = await shapefileOf(manager, query);
    const xlsx = await readXlsx((await download(manager, `format=xlsx&${query}`)).rawPayload);
    for (const [rows, zoneKey, enterpriseKey, statusKey, empty] of [
      [csv, '园区编号', '使用企业', '状态代码', ''],
      [records, 'ZONE_ID', 'ENTERPRISE', 'STATUS', null],
      [xlsx.rows, '园区编号', '使用企业', '状态代码', null],
    ] as const) {
      expect(rows).toHaveLength(features.length);
      const outside = (rows as readonly Row[]).filter((row) => Number(row[zoneKey]) !== zoneId);
      for (const row of outside) {
        expect(row[enterpriseKey]).toBe(empty);
        expect(PUBLIC_STATUSES).toContain(row[statusKey]);
      }
      const inside = (rows as readonly Row[]).filter((row) => Number(row[zoneKey]) === zoneId);
      expect(inside.some((row) => row[enterpriseKey] !== empty)).toBe(true);
    }
  });

  it('keeps Chinese text intact in every format', async () => {
    const query = `zoneId=${zoneId}&status=in_use&sort=code`;
    const { rows: truth } = await pool.query<{ code: string; enterprise_name: string }>(
      `SELECT code, enterprise_name FROM plots WHERE zone_id = $1 AND status = 'in_use' ORDER BY code`,
      [zoneId],
    );
    const names = truth.map((row) => row.enterprise_name);
    expect(names.some((name) => /[\u4e00-\u9fff]/.test(name))).toBe(true);
    const features = (await geojson(planner, query)).features as PlotFeature[];
    expect(features.map((feature) => feature.properties.enterpriseName)).toEqual(names);
    expect(new Set(features.map((feature) => feature.properties.zoneName))).toEqual(new Set([ZONE_NAME]));
    const csv = readCsv(await download(planner, `format=csv&${query}`));
    expect(csv.map((row) => row.使用企业)).toEqual(names);
    expect(new Set(csv.map((row) => row.园区))).toEqual(new Set([ZONE_NAME]));
    const xlsx = await readXlsx((await download(planner, `format=xlsx&${query}`)).rawPayload);
    expect(xlsx.rows.map((row) => row.使用企业)).toEqual(names);
    const { records, files } = await shapefileOf(planner, query);
    expect(records.map((record) => record.ENTERPRISE)).toEqual(names);
    expect(new Set(records.map((record) => record.ZONE))).toEqual(new Set([ZONE_NAME]));
    expect(files.get('plots-fields.csv')!.toString('utf8')).toContain('GUIDE_PRIC,guidePrice');
  });

  it('writes English headings and labels when asked', async () => {
    const csv = readCsv(await download(publicApp, `format=csv&lang=en&districtCode=${district}`));
    expect(Object.keys(csv[0]!)).toEqual(
      expect.arrayContaining(['Plot code', 'Zone', 'Status', 'Centroid longitude', 'WKT']),
    );
    expect(PUBLIC_STATUSES.map((status) => status[0]!.toUpperCase() + status.slice(1))).toContain(
      csv[0]!.Status,
    );
    expect(csv[0]!['Sample data']).toBe('yes');
  });

  it('writes CGCS2000 Gauss-Krüger zone 40 coordinates in metres, with the 40 prefix, when asked', async () => {
    const csv = readCsv(await download(publicApp, `format=csv&crs=4528&districtCode=${district}`));
    for (const row of csv.slice(0, 50)) {
      const [x, y] = row.WKT!.match(/-?\d+(\.\d+)?/g)!.map(Number) as [number, number];
      expect(x).toBeGreaterThan(40_300_000);
      expect(x).toBeLessThan(40_500_000);
      expect(y).toBeGreaterThan(3_600_000);
      expect(y).toBeLessThan(3_800_000);
      // The centroid stays in degrees.
      expect(Number(row.中心点经度)).toBeGreaterThan(118);
      expect(Number(row.中心点纬度)).toBeLessThan(34);
    }
    const { files } = await shapefileOf(publicApp, `crs=4528&districtCode=${district}`);
    expect(files.get('plots.prj')!.toString()).toContain('CGCS2000_3_Degree_GK_Zone_40');
    const shp = files.get('plots.shp')!;
    expect(shp.readDoubleLE(36)).toBeGreaterThan(40_300_000);
    expect(shp.readDoubleLE(44)).toBeGreaterThan(3_600_000);
    // Without the zone prefix (EPSG:4549) the eastings are a few hundred kilometres.
    const plain = await shapefileOf(publicApp, `crs=4549&districtCode=${district}`);
    expect(plain.files.get('plots.shp')!.readDoubleLE(36)).toBeLessThan(500_000);
  });

  it('refuses bad parameters with a message that says what to change', async () => {
    const cases: [string, RegExp][] = [
      ['', /missing query parameter "format"/],
      ['format=kml', /format/],
      ['format=csv&crs=3857', /EPSG:3857 is not offered; use one of 4326, 4490, 4527, 4528, 4548, 4549/],
      ['format=geojson&crs=4528', /GeoJSON is always WGS 84/],
      ['format=xlsx&crs=4528', /export csv or shp in EPSG:4528/],
      ['format=csv&limit=10', /unknown query parameter "limit"/],
      ['format=csv&status=sold', /status: unknown value "sold"/],
      ['format=csv&sort=price', /sort: unknown key "price"/],
      ['format=shp&bbox=1,2,3', /bbox/],
      ['format=csv&lang=fr', /lang/],
    ];
    for (const [query, message] of cases) {
      const response = await publicApp.inject(`/api/exports/plots?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().message, query).toMatch(message);
    }
  });

  it('refuses a Shapefile of more plots than one export holds, naming the count and the limit', async () => {
    const app = Fastify();
    try {
      await app.register(sensible);
      await app.register(policyPlugin, { resolveViewer: async () => PLANNER });
      app.decorate('db', {
        pool,
        kind: backend.name === 'embedded' ? 'embedded' : 'postgres',
        version: createDataVersion({ pool, kind: 'embedded' }),
      });
      await app.register(exportRoutes, { maxShapefilePlots: 100 });
      const total = (await planner.inject(`/api/plots?limit=1&districtCode=${district}`)).json()
        .total as number;
      const refused = await app.inject(`/api/exports/plots?format=shp&districtCode=${district}`);
      expect(refused.statusCode).toBe(413);
      expect(refused.json().message).toBe(
        `${total.toLocaleString('en')} plots match; narrow the filters (at most 100 per Shapefile export)`,
      );
      const narrowed = await app.inject(
        `/api/exports/plots?format=shp&districtCode=${district}&minAreaMu=0&maxAreaMu=5`,
      );
      expect(narrowed.statusCode, narrowed.body.slice(0, 200)).toBe(200);
    } finally {
      await app.close();
    }
  });

  describe.runIf(gdalAvailable)('read back by GDAL', () => {
    async function gdalRead(file: string): Promise<FeatureCollection<Polygon | MultiPolygon>> {
      const { stdout } = await run('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', file], {
        maxBuffer: 512 * 1024 * 1024,
      });
      return JSON.parse(stdout);
    }

    async function saved(name: string, response: LightMyRequestResponse): Promise<string> {
      const file = path.join(workDir, `${backend.name}-${name}`);
      await writeFile(file, response.rawPayload);
      return file;
    }

    it('reads the Shapefile back with the same plots, attributes, Chinese text, areas and EPSG:4326', async () => {
      const reference = (await geojson(planner)).features as PlotFeature[];
      const byCode = new Map(reference.map((feature) => [feature.properties.code, feature.properties]));
      const zip = await saved('wgs84.zip', await download(planner, 'format=shp'));

      const { stdout: info } = await run('ogrinfo', ['-ro', '-al', '-so', `/vsizip/${zip}`]);
      expect(info).toContain(`Feature Count: ${reference.length}`);
      expect(info).toMatch(/ID\["EPSG",4326\]\]\s*Data axis/);

      const collection = await gdalRead(`/vsizip/${zip}`);
      expect(collection.features).toHaveLength(reference.length);
      for (const feature of collection.features) {
        const read = feature.properties!;
        const plot = byCode.get(read.CODE)!;
        expect(read.ID).toBe(plot.id);
        expect(read.ZONE).toBe(plot.zoneName);
        expect(read.DISTRICT).toBe(plot.districtName);
        expect(read.LANDUSE_NM).toBe(plot.landUseName);
        expect(read.AREA_MU).toBe(plot.areaMu);
        expect(read.STATUS).toBe(plot.status);
        expect(read.SERVICING).toBe((plot.servicing as string[]).join(',') || null);
        expect(read.GUIDE_PRIC).toBe(plot.guidePrice);
        expect(read.SAMPLE).toBe('T');
        expect(read.ENTERPRISE).toBe(plot.enterpriseName);
        expect(read.GRADE).toBe(plot.grade);
        const area = geometryArea(feature.geometry, ringAreaDegrees);
        expect(Math.abs(area / Number(plot.areaM2) - 1)).toBeLessThan(0.005);
      }
    });

    it('reads the Gauss-Krüger zone 40 Shapefile back as EPSG:4528 with areas in square metres', async () => {
      const zip = await saved(
        'gk40.zip',
        await download(publicApp, `format=shp&crs=4528&districtCode=${district}`),
      );
      const { stdout: info } = await run('ogrinfo', ['-ro', '-al', '-so', `/vsizip/${zip}`]);
      expect(info).toMatch(/ID\["EPSG",4528\]\]\s*Data axis/);
      const collection = await gdalRead(`/vsizip/${zip}`);
      const total = (await publicApp.inject(`/api/plots?limit=1&districtCode=${district}`)).json().total;
      expect(collection.features).toHaveLength(total);
      for (const feature of collection.features) {
        const area = geometryArea(feature.geometry, ringArea);
        expect(Math.abs(area / Number(feature.properties!.AREA_M2) - 1)).toBeLessThan(0.005);
      }
    });

    it('reads the GeoJSON back with the same plots and properties', async () => {
      const response = await download(publicApp, `format=geojson&districtCode=${district}`);
      const exported = (response.json() as FeatureCollection).features;
      const file = await saved('plots.geojson', response);
      const { stdout: info } = await run('ogrinfo', ['-ro', '-al', '-so', file]);
      expect(info).toContain(`Feature Count: ${exported.length}`);
      const collection = await gdalRead(file);
      // GDAL takes the "id" property as the feature's id, which the export sets to the same value.
      expect(collection.features.map((feature) => ({ id: feature.id, ...feature.properties }))).toEqual(
        exported.map((feature) => feature.properties),
      );
      expect(collection.features.map((feature) => feature.geometry.type)).toContain('MultiPolygon');
    });
  });
});
