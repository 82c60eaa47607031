// Uploading files to /api/imports the way a browser's form does (multipart/form-data), and the GDAL
// command-line tools the import and export tests use as the reference client.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import yazl from 'yazl';
import type { ImportDetail } from '../../server/src/imports/schemas.ts';

export const IMPORT_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/imports');

export const gdalAvailable = existsSync('/usr/bin/ogr2ogr') && existsSync('/usr/bin/ogrinfo');

export const run = promisify(execFile);

/** A multipart/form-data body holding one file part. */
export function multipart(
  filename: string,
  content: Buffer,
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----land-atlas-${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(app: FastifyInstance, filename: string, content: Buffer, query = '') {
  const body = multipart(filename, content);
  return app.inject({ method: 'POST', url: `/api/imports${query}`, ...body });
}

/** Uploads and expects a preview. */
export async function preview(
  app: FastifyInstance,
  filename: string,
  content: Buffer,
  query = '',
): Promise<ImportDetail> {
  const response = await upload(app, filename, content, query);
  if (response.statusCode !== 201)
    throw new Error(`upload of ${filename}: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A zip of the given files (name → content), written by yazl as zip tools do. */
export function zip(
  files: Record<string, Buffer | string>,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const archive = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) {
    archive.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name, {
      compress: options.compress ?? true,
    });
  }
  archive.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    archive.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    archive.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    archive.outputStream.on('error', reject);
  });
}

/** Every file of a folder, by name, for zipping what ogr2ogr wrote. */
export async function folderFiles(folder: string): Promise<Record<string, Buffer>> {
  const names = await readdir(folder);
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await readFile(path.join(folder, name))])),
  );
}

/** Planar area of GeoJSON polygons in their own units (square metres in a projected CRS). */
export function planarArea(geometry: { type: string; coordinates: number[][][] | number[][][][] }): number {
  const polygons = (
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  ) as number[][][][];
  const ring = (points: number[][]) => {
    let sum = 0;
    for (let i = 0; i < points.length - 1; i++) {
      sum += points[i]![0]! * points[i + 1]![1]! - points[i + 1]![0]! * points[i]![1]!;
    }
    return Math.abs(sum) / 2;
  };
  return polygons.reduce(
    (total, [outer, ...holes]) => total + ring(outer!) - holes.reduce((h, r) => h + ring(r), 0),
    0,
  );
}
