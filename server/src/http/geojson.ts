// Assembles GeoJSON text from geometry JSON that PostGIS already wrote, without re-parsing it.
import type { FastifyReply } from 'fastify';
export interface FeatureRow {
  id: number | string;
  geometry: string; // ST_AsGeoJSON output
  properties: string; // serialized by a schema-compiled stringifier (drops unlisted fields)
}

export function featureCollectionText(
  rows: readonly FeatureRow[],
  extra: { numberMatched?: number; numberReturned?: number } = {},
): string {
  const head = ['"type":"FeatureCollection"'];
  if (extra.numberMatched !== undefined) head.push(`"numberMatched":${extra.numberMatched}`);
  if (extra.numberReturned !== undefined) head.push(`"numberReturned":${extra.numberReturned}`);
  const features = rows.map(
    (row) =>
      `{"type":"Feature","id":${JSON.stringify(row.id)},"geometry":${row.geometry},"properties":${row.properties}}`,
  );
  return `{${head.join(',')},"features":[${features.join(',')}]}`;
}

/** Sends prebuilt GeoJSON text as-is (the properties inside were already schema-serialized). */
export function sendGeoJson(reply: FastifyReply, text: string): FastifyReply {
  return reply
    .type('application/geo+json; charset=utf-8')
    .serializer((payload) => payload as string)
    .send(text);
}
