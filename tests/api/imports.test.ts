// A planner imports a survey of plots: upload → preview (CRS, encoding, mapping, a report per row) →
// commit in one transaction, or discard; what the map and the parcels show afterwards.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import type { FastifyInstance } from 'fastify';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool } from '../../server/src/db/pool.ts';
import type { ImportDetail, ImportRows } from '../../server/src/imports/schemas.ts';
import type { ParcelCollection } from '../../server/src/parcels/schemas.ts';
import { appFor, PLANNER } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';
import { IMPORT_FIXTURES, preview, upload } from '../support/imports.ts';
import { tileAt } from '../support/tiles.ts';

const fixture = (name: string) => readFile(path.join(IMPORT_FIXTURES, name));

describe.each(inject('backends'))('importing plots on $name', (backend) => {
  let pool: Pool;
  let planner: FastifyInstance;
  let publicApp: FastifyInstance;

  beforeAll(async () => {
    pool = poolFor(backend);
    planner = await appFor(backend, pool, PLANNER);
    publicApp = await appFor(backend, pool);
  });
  afterAll(async () => {
    await pool.query("DELETE FROM plots WHERE code LIKE 'IMP-%'");
    await pool.query('SELECT parcels_refresh()');
    await Promise.all([planner.close(), publicApp.close()]);
    await pool.end();
  });

  async function plotsNamed(codes: string[]) {
    const { rows } = await pool.query<{
      code: string;
      area_mu: number;
      land_use_code: string;
      enterprise_name: string | null;
      status: string;
      district_code: string;
      zone_id: number | null;
      contracted_start_date: string | null;
      notes: string | null;
      is_sample: boolean;
    }>(
      `SELECT code, area_mu, land_use_code, enterprise_name, status, district_code, zone_id, is_sample, notes,
              to_char(contracted_start_date, 'YYYY-MM-DD') AS contracted_start_date
         FROM plots WHERE code = ANY ($1) ORDER BY code`,
      [codes],
    );
    return rows;
  }

  async function rowsOf(app: FastifyInstance, id: number, query = ''): Promise<ImportRows> {
    const response = await app.inject(`/api/imports/${id}/rows${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  it('previews a survey in longitude/latitude with Chinese field names, writing nothing yet', async () => {
    const detail = await preview(planner, 'survey-plots.geojson', await fixture('survey-plots.geojson'));
    expect(detail.status).toBe('preview');
    expect(detail.format).toBe('geojson');
    expect(detail.srid).toBe(4326);
    expect(detail.detection.crs.source).toBe('coordinates');
    expect(detail.encoding).toBe('utf-8');
    expect(detail.mapping).toMatchObject({
      code: '地块编号',
      landUseCode: '用地代码',
      enterpriseName: '企业名称',
      status: '状态',
      contractedStartDate: '约定开工日期',
      notes: '备注',
    });
    expect(detail.counts).toEqual({ rows: 8, insert: 8, update: 0, skip: 0, warnings: 1 });
    // The old GB/T 21010 code 0601 is read as the current 1001, and said so.
    expect(detail.report.problems).toEqual([{ kind: 'legacy_land_use', severity: 'warning', count: 1 }]);
    expect(detail.report.districts).toEqual([{ code: '320812', count: 8 }]);
    expect(detail.detection.sampleRows[0]!.attributes.企业名称).toBe('示例企业甲（示例数据）');
    expect(await plotsNamed(['IMP-QJP-0001'])).toEqual([]);
    await planner.inject({ method: 'POST', url: `/api/imports/${detail.id}/discard` });
  });

  it('commits in one transaction: the plots, their history, the record, the parcels and the tiles', async () => {
    const [z, x, y] = tileAt(119.016, 33.5014, 14);
    const tileBefore = await publicApp.inject(`/tiles/plots/${z}/${x}/${y}.mvt`);
    const detail = await preview(planner, 'survey-plots.geojson', await fixture('survey-plots.geojson'));
    const response = await planner.inject({
      method: 'POST',
      url: `/api/imports/${detail.id}/commit`,
      payload: {},
    });
    expect(response.statusCode, response.body).toBe(200);
    const committed: ImportDetail = response.json();
    expect(committed.status).toBe('committed');
    expect(committed.finishedBy).toBe('planner');
    expect(committed.counts).toMatchObject({ rows: 8, insert: 8, update: 0, skip: 0 });

    const plots = await plotsNamed(['IMP-QJP-0001', 'IMP-QJP-0002', 'IMP-QJP-0003', 'IMP-QJP-0004']);
    expect(plots.map((p) => [p.code, p.land_use_code, p.status, p.enterprise_name])).toEqual([
      ['IMP-QJP-0001', '1001', 'in_use', '示例企业甲（示例数据）'],
      ['IMP-QJP-0002', '1001', 'idle', '示例企业乙（示例数据）'],
      ['IMP-QJP-0003', '100102', 'available', null],
      ['IMP-QJP-0004', '100101', 'in_use', '示例企业丙（示例数据）'],
    ]);
    expect(plots[1]!.contracted_start_date).toBe('2020-03-15');
    expect(plots.every((p) => p.district_code === '320812' && !p.is_sample)).toBe(true);
    // 0.002° × 0.0014° at 33.5°N is about 185.7 m × 155.3 m = 28,842 m² ≈ 43.3 mu; the inner
    // courtyard of IMP-QJP-0004 (about 7.7 mu) is taken out of its 69.5 mu.
    expect(plots[0]!.area_mu).toBeCloseTo(43.26, 0);
    expect(plots[3]!.area_mu).toBeCloseTo(61.8, 0);

    const audit = await pool.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_events
        WHERE (entity_type = 'import' AND entity_id = $1::text)
           OR (action = 'plot.imported' AND after ->> 'importId' = $1::text)
        GROUP BY action ORDER BY action`,
      [detail.id],
    );
    expect(audit.rows).toEqual([
      { action: 'import.committed', n: 1 },
      { action: 'import.uploaded', n: 1 },
      { action: 'plot.imported', n: 8 },
    ]);
    // The staged rows and the uploaded file are gone; the record stays.
    const staging = await pool.query(
      `SELECT (SELECT count(*) FROM import_rows WHERE import_id = $1)::int AS rows,
              (SELECT count(*) FROM import_files WHERE import_id = $1)::int AS files`,
      [detail.id],
    );
    expect(staging.rows[0]).toEqual({ rows: 0, files: 0 });

    // The four available plots of about 150 mu each make a 500+ mu parcel the public can see.
    const block = await plotsNamed(['IMP-QJP-0101', 'IMP-QJP-0102', 'IMP-QJP-0103', 'IMP-QJP-0104']);
    expect(block.reduce((sum, p) => sum + p.area_mu, 0)).toBeGreaterThan(500);
    const ids = (
      await pool.query<{ id: number }>("SELECT id FROM plots WHERE code LIKE 'IMP-QJP-01%'")
    ).rows.map((r) => r.id);
    const parcels: ParcelCollection = (await publicApp.inject('/api/parcels?limit=1000')).json();
    const parcel = parcels.features.find((f) => f.properties.plotIds.some((id) => ids.includes(id)));
    expect(parcel?.properties.plotIds.sort()).toEqual(ids.sort());

    // The map's tiles change at once: a new ETag, and the imported codes in the tile.
    const tileAfter = await publicApp.inject(`/tiles/plots/${z}/${x}/${y}.mvt`);
    expect(tileAfter.headers.etag).not.toBe(tileBefore.headers.etag);
    const layer = new VectorTile(new PbfReader(tileAfter.rawPayload)).layers.plots!;
    const codes = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.code);
    expect(codes).toEqual(expect.arrayContaining(['IMP-QJP-0101', 'IMP-QJP-0104']));
  });

  it('updates plots of the same code on the next import, keeping what was replaced in the audit', async () => {
    const survey = JSON.parse((await fixture('survey-plots.geojson')).toString('utf8'));
    survey.features = survey.features.slice(0, 2);
    survey.features[1].properties.状态 = '盘活中';
    survey.features[1].properties.企业名称 = null;
    // A field nobody maps: it is shown but changes nothing.
    survey.features[1].properties.调查员 = '示例调查员';
    const detail = await preview(planner, 'resurvey.geojson', Buffer.from(JSON.stringify(survey)));
    expect(detail.counts).toMatchObject({ rows: 2, insert: 0, update: 2, skip: 0 });
    const response = await planner.inject({
      method: 'POST',
      url: `/api/imports/${detail.id}/commit`,
      payload: {},
    });
    expect(response.statusCode, response.body).toBe(200);
    const [first, second] = await plotsNamed(['IMP-QJP-0001', 'IMP-QJP-0002']);
    expect(first!.status).toBe('in_use');
    expect(second).toMatchObject({ status: 'revitalizing', enterprise_name: null, notes: '旧地类代码 0601' });
    const { rows } = await pool.query<{
      action: string;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    }>(
      `SELECT a.action, a.before, a.after FROM audit_events a JOIN plots p ON a.entity_id = p.id::text
        WHERE a.entity_type = 'plot' AND p.code = 'IMP-QJP-0002' ORDER BY a.id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['plot.imported', 'plot.status_changed', 'plot.imported']);
    expect(rows[2]!.before).toMatchObject({ status: 'idle', enterprise_name: '示例企业乙（示例数据）' });
    expect(rows[2]!.before.geometry).toMatchObject({ type: 'MultiPolygon' });
    expect(rows[2]!.after).toMatchObject({
      status: 'revitalizing',
      enterprise_name: null,
      importId: detail.id,
    });
  });

  it('warns when an outline lies on a plot of another code: the same land surveyed under a new code', async () => {
    const survey = JSON.parse((await fixture('survey-plots.geojson')).toString('utf8'));
    survey.features = [survey.features[0]];
    survey.features[0].properties.地块编号 = 'IMP-QJP-9001';
    const detail = await preview(planner, 'renumbered.geojson', Buffer.from(JSON.stringify(survey)));
    expect(detail.counts).toMatchObject({ insert: 1, warnings: 1 });
    const [row] = (await rowsOf(planner, detail.id, '?severity=warning')).items;
    expect(row!.problems).toEqual([{ kind: 'overlaps_plot', severity: 'warning', detail: 'IMP-QJP-0001' }]);
    await planner.inject({ method: 'POST', url: `/api/imports/${detail.id}/discard` });
  });

  it('reports each problem row with its reason and place, and refuses to commit until told to skip them', async () => {
    const detail = await preview(
      planner,
      'survey-problems.geojson',
      await fixture('survey-problems.geojson'),
    );
    expect(detail.counts).toMatchObject({ rows: 8, insert: 1, skip: 7 });
    const kinds = Object.fromEntries(detail.report.problems.map((p) => [p.kind, p.count]));
    expect(kinds).toEqual({
      invalid_geometry: 1,
      outside_city: 1,
      duplicate_code: 2,
      unknown_land_use: 1,
      status_reserved: 1,
      not_polygon: 1,
    });
    const report = await rowsOf(planner, detail.id, '?severity=error');
    const byRow = new Map(report.items.map((item) => [item.row, item.problems]));
    const bowTie = byRow.get(1)![0]!;
    expect(bowTie).toMatchObject({ kind: 'invalid_geometry', severity: 'error' });
    expect(bowTie.detail).toMatch(/^Self-intersection at 119\.001 33\.5107/);
    expect(bowTie.location![0]).toBeCloseTo(119.001, 3);
    expect(bowTie.location![1]).toBeCloseTo(33.5107, 3);
    expect(byRow.get(3)![0]).toMatchObject({ kind: 'duplicate_code', value: 'IMP-BAD-0003', detail: '3, 4' });
    expect(byRow.get(5)![0]).toMatchObject({ kind: 'unknown_land_use', field: 'landUseCode', value: '9999' });
    expect(byRow.get(7)![0]).toMatchObject({ kind: 'not_polygon', detail: 'LineString' });

    const refused = await planner.inject({
      method: 'POST',
      url: `/api/imports/${detail.id}/commit`,
      payload: {},
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/7 of 8 rows have errors/);
    expect(await plotsNamed(['IMP-OK-0008'])).toEqual([]);

    const skipped = await planner.inject({
      method: 'POST',
      url: `/api/imports/${detail.id}/commit`,
      payload: { skipInvalid: true },
    });
    expect(skipped.statusCode, skipped.body).toBe(200);
    expect(skipped.json().counts).toMatchObject({ insert: 1, skip: 7 });
    expect((await plotsNamed(['IMP-OK-0008', 'IMP-BAD-0003', 'IMP-BAD-0005'])).map((p) => p.code)).toEqual([
      'IMP-OK-0008',
    ]);
    // What was left out can still be read after the commit.
    expect((await rowsOf(planner, detail.id, '?severity=error')).total).toBe(7);
  });

  it('checks again at commit: a plot reserved since the preview is not changed by it', async () => {
    const { rows } = await pool.query<{ code: string; geometry: string }>(
      `SELECT code, ST_AsGeoJSON(geom, 7) AS geometry FROM plots p WHERE status = 'available'
          AND NOT EXISTS (SELECT 1 FROM reservation_plots r WHERE r.plot_id = p.id) ORDER BY id LIMIT 1`,
    );
    const plot = rows[0]!;
    const survey = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { 地块编号: plot.code, 状态: '闲置' },
          geometry: JSON.parse(plot.geometry),
        },
      ],
    };
    const detail = await preview(planner, 'one.geojson', Buffer.from(JSON.stringify(survey)));
    expect(detail.counts).toMatchObject({ update: 1, skip: 0 });
    // Meanwhile another planner reserves it.
    await pool.query("UPDATE plots SET status = 'reserved' WHERE code = $1", [plot.code]);
    try {
      const refused = await planner.inject({
        method: 'POST',
        url: `/api/imports/${detail.id}/commit`,
        payload: {},
      });
      expect(refused.statusCode).toBe(409);
      expect((await planner.inject(`/api/imports/${detail.id}`)).json().report.problems).toEqual([
        { kind: 'plot_reserved', severity: 'error', count: 1 },
      ]);
      expect((await plotsNamed([plot.code]))[0]!.status).toBe('reserved');
    } finally {
      await pool.query("UPDATE plots SET status = 'available' WHERE code = $1", [plot.code]);
    }
    await planner.inject({ method: 'POST', url: `/api/imports/${detail.id}/discard` });
  });

  it('lets the planner change the mapping, and remembers it for the next upload', async () => {
    const csv = [
      'PLOT_NO;LAND;OWNER;WKT',
      'IMP-CSV-0001;1001;示例企业丁（示例数据）;"POLYGON((119.030 33.500,119.032 33.500,119.032 33.5014,119.030 33.5014,119.030 33.500))"',
    ].join('\r\n');
    const detail = await preview(planner, 'owners.csv', Buffer.from(csv));
    expect(detail.format).toBe('csv');
    expect(detail.mapping).toEqual({});
    expect(detail.report.problems).toContainEqual({ kind: 'missing_code', severity: 'error', count: 1 });
    const patched = await planner.inject({
      method: 'PATCH',
      url: `/api/imports/${detail.id}`,
      payload: { mapping: { code: 'PLOT_NO', landUseCode: 'LAND', enterpriseName: 'OWNER' } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().counts).toMatchObject({ insert: 1, skip: 0 });
    const unknownField = await planner.inject({
      method: 'PATCH',
      url: `/api/imports/${detail.id}`,
      payload: { mapping: { code: 'PLOT_NUMBER' } },
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().message).toBe('mapping: the file has no field "PLOT_NUMBER" (for code)');
    await planner.inject({ method: 'POST', url: `/api/imports/${detail.id}/commit`, payload: {} });
    const again = await preview(
      planner,
      'owners-2.csv',
      Buffer.from(csv.replace('IMP-CSV-0001', 'IMP-CSV-0002')),
    );
    expect(again.mapping).toEqual({ code: 'PLOT_NO', landUseCode: 'LAND', enterpriseName: 'OWNER' });
    await planner.inject({ method: 'POST', url: `/api/imports/${again.id}/discard` });
  });

  it('loads its own export back, Shapefile and CSV alike: every plot an update, nothing changed', async () => {
    const { rows: zone } = await pool.query<{ id: number }>("SELECT id FROM zones WHERE code = 'HA-HIP'");
    const state = async () =>
      (
        await pool.query(
          `SELECT code, status, enterprise_name, land_use_code, zone_id, district_code, servicing, guide_price,
                  is_sample, round(area_mu::numeric, 3) AS area
             FROM plots WHERE zone_id = $1 ORDER BY code`,
          [zone[0]!.id],
        )
      ).rows;
    const before = await state();
    expect(before.length).toBeGreaterThan(50);
    for (const [format, name] of [
      ['shp', 'plots.zip'],
      ['csv', 'plots.csv'],
    ] as const) {
      const exported = await planner.inject(`/api/exports/plots?format=${format}&zoneId=${zone[0]!.id}`);
      expect(exported.statusCode).toBe(200);
      const detail = await preview(planner, name, exported.rawPayload);
      expect(detail.counts, `${format}: ${JSON.stringify(detail.report.problems)}`).toMatchObject({
        rows: before.length,
        update: before.length,
        skip: 0,
      });
      const committed = await planner.inject({
        method: 'POST',
        url: `/api/imports/${detail.id}/commit`,
        payload: {},
      });
      expect(committed.statusCode, committed.body).toBe(200);
      expect(await state()).toEqual(before);
    }
  });

  it('says when the file names a system its coordinates cannot be in, and reads them as they are', async () => {
    const survey = JSON.parse((await fixture('survey-plots.geojson')).toString('utf8'));
    survey.crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4528' } };
    const detail = await preview(planner, 'mislabelled.geojson', Buffer.from(JSON.stringify(survey)));
    expect(detail.srid).toBe(4326);
    expect(detail.detection.crs).toMatchObject({
      source: 'coordinates',
      note: 'the file says EPSG:4528, but its coordinates do not fit that system',
    });
    // Forced into zone 40 anyway, degrees lie outside what that projection can hold.
    const forced = await planner.inject({
      method: 'PATCH',
      url: `/api/imports/${detail.id}`,
      payload: { srid: 4528 },
    });
    expect(forced.json().report.problems).toEqual([
      { kind: 'outside_crs', severity: 'error', count: 8 },
      { kind: 'legacy_land_use', severity: 'warning', count: 1 },
    ]);
    await planner.inject({ method: 'POST', url: `/api/imports/${detail.id}/discard` });
  });

  it('discards a preview: nothing written, its rows and file deleted, the record kept', async () => {
    const detail = await preview(planner, 'survey-plots.geojson', await fixture('survey-plots.geojson'));
    const discarded = await planner.inject({ method: 'POST', url: `/api/imports/${detail.id}/discard` });
    expect(discarded.statusCode).toBe(200);
    expect(discarded.json()).toMatchObject({ status: 'discarded', finishedBy: 'planner' });
    const { rows } = await pool.query(
      `SELECT (SELECT count(*) FROM import_rows WHERE import_id = $1)::int AS rows,
              (SELECT count(*) FROM import_files WHERE import_id = $1)::int AS files`,
      [detail.id],
    );
    expect(rows[0]).toEqual({ rows: 0, files: 0 });
    const late = await planner.inject({
      method: 'POST',
      url: `/api/imports/${detail.id}/commit`,
      payload: {},
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toMatch(/already discarded/);
  });

  it('refuses what is not a file it can read, naming the fix', async () => {
    const text = await upload(planner, 'notes.docx', Buffer.from('not a survey'));
    expect(text.statusCode).toBe(415);
    expect(text.json().message).toMatch(/zipped Shapefile/);
    const bareShp = await upload(planner, 'plots.shp', Buffer.alloc(200));
    expect(bareShp.json().message).toMatch(/zip the \.shp, \.shx, \.dbf and \.prj together/);
    const json = await upload(
      planner,
      'broken.geojson',
      Buffer.from('{"type": "FeatureCollection", "features": ['),
    );
    expect(json.statusCode).toBe(400);
    expect(json.json().message).toMatch(/not valid JSON/);
  });
});
