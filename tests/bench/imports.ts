// Benchmark of imports: a re-survey of a city of N plots (half new, half updates) uploaded (read,
// checked, previewed) and committed, as GeoJSON and as a GBK Shapefile in EPSG:4528, against seeding
// the same city into an empty database in the same run (the bulk path doing the same derived work).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import { seedSampleCity } from '../../server/src/seed/sample-city.ts';
import { PLANNER } from '../support/app.ts';
import { folderFiles, gdalAvailable, multipart, run, zip } from '../support/imports.ts';
import { type BenchDatabase, seconds, withDatabases } from './support.ts';

export interface ImportBenchOptions {
  report: (line: string) => void;
  serverUrl: string | null;
  /** Plots in the uploaded file, on PostGIS (the embedded database takes the first only). */
  sizes: number[];
}

/**
 * A contractor's re-survey of the city just seeded: every plot not held by a reservation, with its
 * code, outline and attributes under Chinese field names. Half of them are then deleted from the
 * database, so the import inserts half and updates half, as a real re-survey mixes both.
 */
async function surveyFiles(
  pool: Pool,
  folder: string,
): Promise<{ plots: number; geojson: Buffer; shapefile: Buffer | null }> {
  const { rows } = await pool.query<{
    code: string;
    land_use_code: string;
    enterprise_name: string | null;
    status: string;
    geometry: string;
  }>(
    `SELECT code, land_use_code, enterprise_name, status, ST_AsGeoJSON(geom, 7) AS geometry
       FROM plots WHERE status <> 'reserved' ORDER BY id`,
  );
  const features = rows.map((row) => ({
    type: 'Feature',
    properties: {
      地块编号: row.code,
      用地代码: row.land_use_code,
      企业名称: row.enterprise_name,
      状态: row.status,
    },
    geometry: JSON.parse(row.geometry),
  }));
  const geojson = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
  let shapefile: Buffer | null = null;
  if (gdalAvailable) {
    const source = path.join(folder, 'survey.geojson');
    const out = path.join(folder, `shp-${rows.length}`);
    await writeFile(source, geojson);
    await mkdir(out, { recursive: true });
    await run('ogr2ogr', [
      '-f',
      'ESRI Shapefile',
      '-t_srs',
      'EPSG:4528',
      '-lco',
      'ENCODING=CP936',
      path.join(out, 'survey.shp'),
      source,
    ]);
    shapefile = await zip(await folderFiles(out));
  }
  return { plots: rows.length, geojson, shapefile };
}

/** Deletes every other plot of the survey that nothing else refers to, so the import inserts them again. */
async function forgetHalf(pool: Pool): Promise<void> {
  await pool.query(
    `DELETE FROM plots p WHERE p.id % 2 = 0 AND p.status <> 'reserved'
        AND NOT EXISTS (SELECT 1 FROM reservation_plots r WHERE r.plot_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.plot_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM inquiries i WHERE i.plot_id = p.id)`,
  );
  await pool.query('SELECT parcels_refresh()');
}

async function importOnce(
  app: FastifyInstance,
  name: string,
  file: Buffer,
): Promise<{ preview: number; commit: number; counts: { rows: number; insert: number } }> {
  let started = performance.now();
  const uploaded = await app.inject({ method: 'POST', url: '/api/imports', ...multipart(name, file) });
  if (uploaded.statusCode !== 201)
    throw new Error(`upload: ${uploaded.statusCode} ${uploaded.body.slice(0, 300)}`);
  const preview = performance.now() - started;
  const { id, counts } = uploaded.json();
  started = performance.now();
  const committed = await app.inject({
    method: 'POST',
    url: `/api/imports/${id}/commit`,
    payload: { skipInvalid: true },
  });
  if (committed.statusCode !== 200)
    throw new Error(`commit: ${committed.statusCode} ${committed.body.slice(0, 300)}`);
  if (counts.skip > 0) throw new Error(`${counts.skip} of ${counts.rows} rows not importable`);
  return { preview, commit: performance.now() - started, counts };
}

async function measure(
  database: BenchDatabase,
  plots: number,
  folder: string,
  report: (line: string) => void,
) {
  const seedStarted = performance.now();
  await seedSampleCity(database.pool, { plots, demoPassword: 'bench-password', method: database.method });
  const seeding = performance.now() - seedStarted;
  const files = await surveyFiles(database.pool, folder);
  const app = await buildApp({
    pool: database.pool,
    databaseKind: database.kind,
    clientDir: null,
    resolveViewer: async () => PLANNER,
    reservationSweepMs: 0,
    parcelSweepMs: 0,
    importMaxBytes: 512 * 1024 * 1024,
  });
  await app.ready();
  try {
    for (const [format, file] of [
      ['GeoJSON (longitude/latitude, UTF-8)', files.geojson],
      ['Shapefile (EPSG:4528, GBK)', files.shapefile],
    ] as const) {
      if (!file) {
        report(
          `| ${database.name} | ${files.plots.toLocaleString('en')} | ${format} | _GDAL not installed_ | | | | |`,
        );
        continue;
      }
      await forgetHalf(database.pool);
      await database.pool.query('ANALYZE');
      const name = format.startsWith('GeoJSON') ? 'survey.geojson' : 'survey.zip';
      const { preview, commit, counts } = await importOnce(app, name, file);
      const total = preview + commit;
      report(
        `| ${database.name} | ${files.plots.toLocaleString('en')} (${counts.insert.toLocaleString('en')} new) | ${format}, ${(file.length / 1024 / 1024).toFixed(1)} MB | ${seconds(preview)} | ${seconds(commit)} | ${seconds(total)} | ${seconds(seeding)} | ${(total / seeding).toFixed(2)} |`,
      );
    }
  } finally {
    await app.close();
  }
}

export async function benchImports(options: ImportBenchOptions): Promise<void> {
  const { report } = options;
  report('### Imports: upload and preview, then commit, of a re-survey of the city (half of its plots new)');
  report(
    '| database | plots in the file | file | upload + preview | commit | total | seeding the city into an empty database (baseline) | × baseline |',
  );
  report('|---|---|---|---|---|---|---|---|');
  const folder = await mkdtemp(path.join(tmpdir(), 'land-atlas-bench-import-'));
  try {
    await withDatabases(options.serverUrl, options.sizes, (database, plots) =>
      measure(database, plots, folder, report),
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
