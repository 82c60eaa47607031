// /api/imports: upload a file of plots, preview and check it, then commit it in one transaction or discard it.
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { recordAudit } from '../audit/record.ts';
import { type Pool, type PoolClient, withTransaction } from '../db/pool.ts';
import { RequestError } from '../http/errors.ts';
import { runPeriodically } from '../http/periodic.ts';
import { ErrorResponse, errorResponses } from '../http/schemas.ts';
import { describeSrid } from './crs.ts';
import { ImportFileError, importLimits, megabytes } from './limits.ts';
import {
  type ImportChoices,
  type Prepared,
  prepareImport,
  readImportFile,
  storePrepared,
} from './prepare.ts';
import {
  checkAgainstPlots,
  findImport,
  type ImportRecord,
  importFile,
  listImports,
  listRows,
  previewForUpdate,
  rememberMapping,
  rowFeatures,
  summarise,
  writePlots,
} from './queries.ts';
import {
  CommitBody,
  IMPORT_PREVIEW_FEATURES,
  ImportDetail,
  ImportFeatures,
  ImportList,
  ImportListQuery,
  ImportParams,
  ImportRows,
  ImportRowsQuery,
  UpdateImportBody,
  UploadQuery,
} from './schemas.ts';

export interface ImportOptions {
  /** Largest upload accepted, in bytes. */
  maxBytes: number;
}

/** Previews nobody committed or discarded are discarded after this long. */
export const PREVIEW_HOURS = 24;

const responses = {
  ...errorResponses,
  404: ErrorResponse,
  409: ErrorResponse,
  413: ErrorResponse,
  415: ErrorResponse,
};

function toDetail(record: ImportRecord): ImportDetail {
  const srid = record.source_crs ? Number(record.source_crs.replace('EPSG:', '')) : null;
  const detection = record.detection as ImportDetail['detection'];
  return {
    id: record.id,
    filename: record.filename,
    format: record.format,
    status: record.status,
    fileSize: record.file_size,
    createdBy: record.created_by,
    createdAt: record.created_at.toISOString(),
    finishedBy: record.finished_by,
    finishedAt: record.finished_at?.toISOString() ?? null,
    srid,
    crsName: srid === null ? null : (describeSrid(srid)?.name ?? `EPSG:${srid}`),
    encoding: record.encoding,
    swapAxes: record.options.swapAxes ?? false,
    choices: {
      srid: record.options.srid ?? null,
      encoding: record.options.encoding ?? null,
      swapAxes: record.options.swapAxes ?? false,
    },
    detection,
    mapping: record.mapping,
    counts: { rows: 0, insert: 0, update: 0, skip: 0, warnings: 0, ...record.counts },
    report: { problems: [], extent: null, districts: [], ...record.report },
  };
}

/** Discards previews older than PREVIEW_HOURS: their rows and file go, the record stays. */
export async function discardStalePreviews(pool: Pool, hours = PREVIEW_HOURS): Promise<number> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: number }>(
      `UPDATE imports SET status = 'discarded', finished_at = now(), updated_at = now()
        WHERE status = 'preview' AND updated_at < now() - make_interval(hours => $1)
        RETURNING id`,
      [hours],
    );
    for (const { id } of rows) {
      await clearStaging(client, id, false);
      await recordAudit(client, {
        actorId: null,
        action: 'import.expired',
        entityType: 'import',
        entityId: id,
      });
    }
    return rows.length;
  });
}

async function clearStaging(client: PoolClient, id: number, keepSkipped: boolean): Promise<void> {
  await client.query(
    `DELETE FROM import_rows WHERE import_id = $1${keepSkipped ? " AND action IS DISTINCT FROM 'skip'" : ''}`,
    [id],
  );
  await client.query('DELETE FROM import_files WHERE import_id = $1', [id]);
}

const importRoutes: FastifyPluginAsyncTypebox<ImportOptions> = async (app, options) => {
  const limits = importLimits(options.maxBytes);
  await app.register(multipart, { limits: { fileSize: options.maxBytes, files: 1, fields: 0, parts: 1 } });
  runPeriodically(app, 3_600_000, 'discarding stale import previews', async () => {
    await discardStalePreviews(app.db.pool);
  });

  const detail = async (client: PoolClient, id: number) => toDetail((await findImport(client, id))!);

  /** The check again, stored: what a planner sees after a refused commit is the state of now. */
  const refreshReport = (id: number) =>
    withTransaction(app.db.pool, async (client) => {
      await checkAgainstPlots(client, id);
      const { counts, report } = await summarise(client, id);
      await client.query('UPDATE imports SET counts = $2, report = $3, updated_at = now() WHERE id = $1', [
        id,
        JSON.stringify(counts),
        JSON.stringify(report),
      ]);
    });

  app.post(
    '/api/imports',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['imports'],
        summary:
          'Upload a zipped Shapefile, GeoJSON or CSV with a WKT column (multipart/form-data, field "file"): answers the preview',
        consumes: ['multipart/form-data'],
        querystring: UploadQuery,
        response: { 201: ImportDetail, ...responses },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new ImportFileError('send the file as multipart/form-data, in a field named "file"', 415);
      }
      let part: Awaited<ReturnType<typeof request.file>>;
      let bytes: Buffer;
      try {
        part = await request.file();
        if (!part) throw new ImportFileError('no file was sent: put it in a form field named "file"');
        if (part.fieldname !== 'file') {
          throw new ImportFileError(
            `unknown form field "${part.fieldname}"; send the file in a field named "file"`,
          );
        }
        bytes = await part.toBuffer();
      } catch (error) {
        if (error instanceof app.multipartErrors.RequestFileTooLargeError) {
          throw new ImportFileError(
            `the file is larger than the upload limit of ${megabytes(options.maxBytes)} (IMPORT_MAX_MB); split it into several files`,
            413,
          );
        }
        if (
          error instanceof app.multipartErrors.FieldsLimitError ||
          error instanceof app.multipartErrors.PartsLimitError
        ) {
          throw new ImportFileError(
            'send only the file, in a form field named "file"; choices go in the query string',
          );
        }
        throw error;
      }
      const filename = (part.filename.split(/[\\/]/).pop() ?? '').slice(-200) || 'upload';
      const choices: ImportChoices = {
        srid: request.query.srid ?? null,
        encoding: request.query.encoding ?? null,
      };
      const source = await readImportFile({ name: filename, bytes }, choices, limits);
      const result = await withTransaction(
        app.db.pool,
        async (client) => {
          const { rows } = await client.query<{ id: number }>(
            `INSERT INTO imports (filename, format, status, file_size, created_by)
             VALUES ($1, $2, 'preview', $3, $4) RETURNING id`,
            [filename, source.format, bytes.length, request.viewer.userId],
          );
          const id = rows[0]!.id;
          await client.query('INSERT INTO import_files (import_id, content) VALUES ($1, $2)', [id, bytes]);
          const prepared = await prepareImport(client, id, source, choices, limits);
          await storePrepared(client, id, prepared, choices);
          await recordAudit(client, {
            actorId: request.viewer.userId,
            action: 'import.uploaded',
            entityType: 'import',
            entityId: id,
            after: { filename, format: source.format, bytes: bytes.length, counts: prepared.counts },
          });
          return detail(client, id);
        },
        request.viewer.userId,
      );
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/api/imports',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['imports'],
        summary: 'Imports, newest first',
        querystring: ImportListQuery,
        response: { 200: ImportList, ...errorResponses },
      },
    },
    async (request) => {
      const { total, rows } = await listImports(
        app.db.pool,
        request.query.limit ?? 50,
        request.query.offset ?? 0,
      );
      return { total, items: rows.map(toDetail) };
    },
  );

  app.get(
    '/api/imports/:id',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['imports'],
        summary: 'One import: what was detected, the mapping, counts and the report',
        params: ImportParams,
        response: { 200: ImportDetail, ...responses },
      },
    },
    async (request) => {
      const record = await findImport(app.db.pool, request.params.id);
      if (!record) throw new RequestError(404, `import ${request.params.id} does not exist`);
      return toDetail(record);
    },
  );

  app.patch(
    '/api/imports/:id',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['imports'],
        summary:
          'Change the source CRS, encoding, axis order or field mapping of a preview: it is read and checked again',
        params: ImportParams,
        body: UpdateImportBody,
        response: { 200: ImportDetail, ...responses },
      },
    },
    async (request) => {
      const { id } = request.params;
      const body = request.body;
      return withTransaction(
        app.db.pool,
        async (client) => {
          const record = await previewForUpdate(client, id);
          const bytes = await importFile(client, id);
          if (!bytes) throw new RequestError(409, `import ${id} no longer has its file; upload it again`);
          const previous = toDetail(record).choices;
          const encodingChanged = body.encoding !== undefined && body.encoding !== record.encoding;
          const choices: ImportChoices = {
            srid: body.srid === undefined ? previous.srid : body.srid,
            encoding: body.encoding === undefined ? previous.encoding : body.encoding,
            swapAxes: body.swapAxes ?? previous.swapAxes,
            // Another encoding can rename the fields (Chinese names), so the mapping starts afresh then.
            ...(body.mapping
              ? { mapping: body.mapping }
              : encodingChanged
                ? {}
                : { mapping: record.mapping }),
          };
          const source = await readImportFile({ name: record.filename, bytes }, choices, limits);
          const prepared: Prepared = await prepareImport(client, id, source, choices, limits);
          await storePrepared(client, id, prepared, choices);
          await recordAudit(client, {
            actorId: request.viewer.userId,
            action: 'import.updated',
            entityType: 'import',
            entityId: id,
            before: { srid: toDetail(record).srid, encoding: record.encoding, mapping: record.mapping },
            after: {
              srid: prepared.srid,
              encoding: prepared.encoding,
              mapping: prepared.mapping,
              swapAxes: prepared.swapAxes,
            },
          });
          return detail(client, id);
        },
        request.viewer.userId,
      );
    },
  );

  app.get(
    '/api/imports/:id/rows',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['imports'],
        summary: 'The report row by row: each row with its source values and problems',
        params: ImportParams,
        querystring: ImportRowsQuery,
        response: { 200: ImportRows, ...responses },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!(await findImport(app.db.pool, id))) throw new RequestError(404, `import ${id} does not exist`);
      const query = request.query;
      return listRows(
        app.db.pool,
        id,
        { severity: query.severity ?? 'any', kind: query.kind ?? null },
        { limit: query.limit ?? 100, offset: query.offset ?? 0 },
      );
    },
  );

  app.get(
    '/api/imports/:id/features',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['imports'],
        summary: `The outlines of a preview as they would be written (EPSG:4326), at most ${IMPORT_PREVIEW_FEATURES}, for the map`,
        params: ImportParams,
        response: { 200: ImportFeatures, ...responses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await findImport(app.db.pool, id))) throw new RequestError(404, `import ${id} does not exist`);
      const rows = await rowFeatures(app.db.pool, id, IMPORT_PREVIEW_FEATURES);
      reply.type('application/geo+json; charset=utf-8');
      return {
        type: 'FeatureCollection' as const,
        numberReturned: rows.length,
        features: rows.map((row) => ({
          type: 'Feature' as const,
          id: row.row,
          properties: { row: row.row, code: row.code, action: row.action, hasProblems: row.has_warning },
          geometry: JSON.parse(row.geometry),
        })),
      };
    },
  );

  app.post(
    '/api/imports/:id/commit',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['imports'],
        summary:
          'Write the preview to the plots in one transaction (upsert by plot code): all of it or, on any failure, nothing',
        params: ImportParams,
        body: CommitBody,
        response: { 200: ImportDetail, ...responses },
      },
    },
    async (request) => {
      const { id } = request.params;
      const actorId = request.viewer.userId;
      let previewed = false;
      try {
        return await withTransaction(
          app.db.pool,
          async (client) => {
            const record = await previewForUpdate(client, id);
            previewed = true;
            // Plots may have changed since the preview: check again, inside the transaction that writes.
            const srid = toDetail(record).srid;
            await checkAgainstPlots(client, id);
            const { counts, report } = await summarise(client, id);
            if (counts.skip > 0 && request.body.skipInvalid !== true) {
              throw new RequestError(
                409,
                `${counts.skip} of ${counts.rows} rows have errors; correct the file, or commit with skipInvalid to leave those rows out`,
              );
            }
            if (counts.insert + counts.update === 0) {
              throw new RequestError(409, 'no row can be written: every row has an error');
            }
            const written = await writePlots(client, id, record.mapping, actorId);
            await rememberMapping(client, record.mapping);
            await clearStaging(client, id, true);
            const finalCounts = { ...counts, insert: written.inserted, update: written.updated };
            await client.query(
              `UPDATE imports SET status = 'committed', counts = $2, report = $3, finished_at = now(),
                      finished_by = $4, updated_at = now() WHERE id = $1`,
              [id, JSON.stringify(finalCounts), JSON.stringify(report), actorId],
            );
            await recordAudit(client, {
              actorId,
              action: 'import.committed',
              entityType: 'import',
              entityId: id,
              after: { filename: record.filename, counts: finalCounts, srid, mapping: record.mapping },
            });
            return detail(client, id);
          },
          actorId,
        );
      } catch (error) {
        if (error instanceof RequestError && error.statusCode === 409 && previewed) await refreshReport(id);
        throw error;
      }
    },
  );

  app.post(
    '/api/imports/:id/discard',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['imports'],
        summary: 'Drop a preview: nothing is written, the file and its rows are deleted, the record stays',
        params: ImportParams,
        response: { 200: ImportDetail, ...responses },
      },
    },
    async (request) => {
      const { id } = request.params;
      return withTransaction(
        app.db.pool,
        async (client) => {
          await previewForUpdate(client, id);
          await clearStaging(client, id, false);
          await client.query(
            `UPDATE imports SET status = 'discarded', finished_at = now(), finished_by = $2, updated_at = now()
              WHERE id = $1`,
            [id, request.viewer.userId],
          );
          await recordAudit(client, {
            actorId: request.viewer.userId,
            action: 'import.discarded',
            entityType: 'import',
            entityId: id,
          });
          return detail(client, id);
        },
        request.viewer.userId,
      );
    },
  );
};

export default importRoutes;
