// Survey contractors' Shapefiles as GDAL writes them: CGCS2000 Gauss-Krüger coordinates, GBK text,
// with and without .prj and .cpg. The import must read the right CRS and text, and keep the areas.
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool } from '../../server/src/db/pool.ts';
import { appFor, PLANNER } from '../support/app.ts';
import { poolFor, requireUnderCi } from '../support/backends.ts';
import {
  folderFiles,
  gdalAvailable,
  IMPORT_FIXTURES,
  planarArea,
  preview,
  run,
  zip,
} from '../support/imports.ts';

requireUnderCi('GDAL (ogr2ogr, ogrinfo)', gdalAvailable);

const SURVEY = path.join(IMPORT_FIXTURES, 'survey-plots.geojson');
const MU = 10_000 / 15;

interface Written {
  zip: Buffer;
  /** Plot code → planar area in mu, in the projection the Shapefile was written in. */
  sourceAreas: Map<string, number>;
}

/** The survey fixture as ogr2ogr writes it in `srid`, optionally GBK, optionally without side files. */
async function shapefile(
  folder: string,
  srid: number,
  options: { gbk: boolean; drop?: string[]; plainLanguageByte?: boolean },
): Promise<Written> {
  const out = path.join(folder, `${srid}-${options.gbk ? 'gbk' : 'utf8'}-${(options.drop ?? []).join('')}`);
  await rm(out, { recursive: true, force: true });
  await mkdir(out);
  await run('ogr2ogr', [
    '-f',
    'ESRI Shapefile',
    '-t_srs',
    `EPSG:${srid}`,
    '-lco',
    `ENCODING=${options.gbk ? 'CP936' : 'UTF-8'}`,
    path.join(out, 'survey.shp'),
    SURVEY,
  ]);
  // The areas the source itself holds, in its own projected metres (what the contractor measured).
  const { stdout } = await run('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', path.join(out, 'survey.shp')], {
    env: { ...process.env, SHAPE_ENCODING: options.gbk ? 'CP936' : 'UTF-8' },
    maxBuffer: 10 * 1024 * 1024,
  });
  const collection = JSON.parse(stdout) as {
    features: { properties: Record<string, string>; geometry: Parameters<typeof planarArea>[0] }[];
  };
  // The code field's name depends on how GDAL cut it to 10 bytes; its values are the plot codes.
  const code = (properties: Record<string, string>) =>
    Object.values(properties).find((v) => /^IMP-/.test(v))!;
  const sourceAreas = new Map(
    collection.features.map((f) => [code(f.properties), planarArea(f.geometry) / MU]),
  );
  for (const extension of options.drop ?? []) await unlink(path.join(out, `survey.${extension}`));
  if (options.plainLanguageByte) {
    // Some tools write no language byte; only the bytes themselves then say GBK.
    const dbf = path.join(out, 'survey.dbf');
    const bytes = await readFile(dbf);
    bytes[29] = 0;
    await writeFile(dbf, bytes);
  }
  return { zip: await zip(await folderFiles(out)), sourceAreas };
}

describe.each(inject('backends'))('importing GDAL-written Shapefiles on $name', (backend) => {
  let pool: Pool;
  let planner: FastifyInstance;
  let folder: string;

  beforeAll(async () => {
    pool = poolFor(backend);
    planner = await appFor(backend, pool, PLANNER);
    folder = await mkdtemp(path.join(tmpdir(), 'land-atlas-shp-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    await Promise.all([planner.close()]);
    await pool.end();
  });

  async function committedAreas(
    id: number,
  ): Promise<Map<string, { area: number; enterprise: string | null }>> {
    const response = await planner.inject({ method: 'POST', url: `/api/imports/${id}/commit`, payload: {} });
    expect(response.statusCode, response.body).toBe(200);
    const { rows } = await pool.query<{ code: string; area_mu: number; enterprise_name: string | null }>(
      `SELECT p.code, p.area_mu, p.enterprise_name FROM plots p
        WHERE p.id IN (SELECT entity_id::bigint FROM audit_events WHERE action = 'plot.imported' AND after ->> 'importId' = $1::text)`,
      [id],
    );
    const areas = new Map(rows.map((r) => [r.code, { area: r.area_mu, enterprise: r.enterprise_name }]));
    await pool.query("DELETE FROM plots WHERE code LIKE 'IMP-QJP-%'");
    await pool.query('SELECT parcels_refresh()');
    return areas;
  }

  function expectAreasWithin(
    areas: Map<string, { area: number }>,
    source: Map<string, number>,
    share: number,
  ) {
    expect([...areas.keys()].sort()).toEqual([...source.keys()].sort());
    for (const [code, { area }] of areas) {
      const expected = source.get(code)!;
      expect(
        Math.abs(area - expected) / expected,
        `${code}: ${area} mu imported, ${expected} mu in the source`,
      ).toBeLessThan(share);
    }
  }

  it('reads EPSG:4528 from the .prj and GBK from the .cpg, keeping Chinese text and areas', async () => {
    const written = await shapefile(folder, 4528, { gbk: true });
    const detail = await preview(planner, 'survey-4528.zip', written.zip);
    expect(detail.format).toBe('shapefile');
    expect(detail.srid).toBe(4528);
    expect(detail.detection.crs.source).toBe('prj');
    expect(detail.crsName).toBe('CGCS2000 / 3-degree Gauss-Kruger zone 40 (CM 120E)');
    expect(detail.detection.encoding).toEqual({ encoding: 'gbk', source: 'cpg', declared: 'CP936' });
    // DBF field names are 10 bytes at most: GDAL cut 约定开工日期 to 约定开工日, still recognised.
    expect(detail.mapping).toMatchObject({ code: '地块编号', enterpriseName: '企业名称', status: '状态' });
    expect(detail.counts).toMatchObject({ rows: 8, insert: 8, skip: 0 });
    const areas = await committedAreas(detail.id);
    expect(areas.get('IMP-QJP-0001')!.enterprise).toBe('示例企业甲（示例数据）');
    expectAreasWithin(areas, written.sourceAreas, 0.005);
  });

  it('guesses EPSG:4528 from the zone-prefixed eastings when there is no .prj, and GBK from the bytes', async () => {
    const written = await shapefile(folder, 4528, {
      gbk: true,
      drop: ['prj', 'cpg'],
      plainLanguageByte: true,
    });
    const detail = await preview(planner, 'survey-no-prj.zip', written.zip);
    expect(detail.srid).toBe(4528);
    expect(detail.detection.crs.source).toBe('coordinates');
    expect(detail.detection.encoding).toEqual({ encoding: 'gbk', source: 'detected' });
    expect(detail.detection.sampleRows[0]!.attributes.企业名称).toBe('示例企业甲（示例数据）');
    expectAreasWithin(await committedAreas(detail.id), written.sourceAreas, 0.005);
  });

  it('tells plain Gauss-Krüger eastings apart by where the city is (EPSG:4549, no .prj)', async () => {
    const written = await shapefile(folder, 4549, { gbk: false, drop: ['prj'] });
    const detail = await preview(planner, 'survey-4549.zip', written.zip);
    expect(detail.srid).toBe(4549);
    expect(detail.detection.crs.source).toBe('coordinates');
    expect(detail.detection.crs.candidates[0]).toMatchObject({ srid: 4549, distanceKm: 0 });
    expect(detail.detection.encoding.encoding).toBe('utf-8');
    // The planner tries the neighbouring zone: every plot then lies far outside the city.
    const wrong = await planner.inject({
      method: 'PATCH',
      url: `/api/imports/${detail.id}`,
      payload: { srid: 4548 },
    });
    expect(wrong.statusCode, wrong.body).toBe(200);
    expect(wrong.json().counts).toMatchObject({ insert: 0, skip: 8 });
    expect(wrong.json().report.problems).toContainEqual({
      kind: 'outside_city',
      severity: 'error',
      count: 8,
    });
    const right = await planner.inject({
      method: 'PATCH',
      url: `/api/imports/${detail.id}`,
      payload: { srid: 4549 },
    });
    expect(right.json()).toMatchObject({ srid: 4549, detection: { crs: { source: 'chosen' } } });
    expectAreasWithin(await committedAreas(detail.id), written.sourceAreas, 0.005);
  });

  it('reads the text again when the planner says the encoding is another', async () => {
    const written = await shapefile(folder, 4528, { gbk: true, drop: ['cpg'] });
    const detail = await preview(planner, 'survey-gbk.zip', written.zip, '?encoding=utf-8');
    expect(detail.detection.encoding.source).toBe('chosen');
    // GBK bytes read as UTF-8 make no sense: the Chinese field names are unrecognisable.
    expect(detail.mapping.code).toBeUndefined();
    const fixed = await planner.inject({
      method: 'PATCH',
      url: `/api/imports/${detail.id}`,
      payload: { encoding: 'gbk' },
    });
    expect(fixed.json().mapping).toMatchObject({ code: '地块编号' });
    expect(fixed.json().detection.sampleRows[0].attributes.企业名称).toBe('示例企业甲（示例数据）');
    await planner.inject({ method: 'POST', url: `/api/imports/${detail.id}/discard` });
  });
});
