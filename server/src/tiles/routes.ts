// /tiles/{layer}/{z}/{x}/{y}.mvt and /tiles/{layer}.json: role-aware vector tiles with ETags and a cache.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { seesAllInternal, type Viewer } from '../auth/policy.ts';
import { cityExtent } from '../districts/queries.ts';
import { errorResponses } from '../http/schemas.ts';
import { TileCache } from './cache.ts';
import { encodeTile, type TileRow } from './encode.ts';
import { findLayer, TILE_EXTENT, TILE_LAYERS, type TileLayer } from './layers.ts';
import { layerFields, mvtSql, tileGeometrySql, type ViewerClass } from './sql.ts';

const MVT_TYPE = 'application/vnd.mapbox-vector-tile';
const WEB_MERCATOR_WIDTH = 40_075_016.685578488;

export interface TileOptions {
  cacheBytes: number;
}

/** Who a tile is for: everyone sees the public tile; internal tiles are per zone scope. */
function viewerKey(layer: TileLayer, viewer: Viewer): { cls: ViewerClass; key: string; params: unknown[] } {
  if (layer.internal === null || viewer.role === 'public' || viewer.role === 'investor') {
    return { cls: 'public', key: 'public', params: [] };
  }
  if (seesAllInternal(viewer)) return { cls: 'internal', key: 'all', params: [true, []] };
  const zones = [...viewer.zoneIds].sort((a, b) => a - b);
  if (zones.length === 0) return { cls: 'public', key: 'public', params: [] };
  return { cls: 'internal', key: `zones:${zones.join(',')}`, params: [false, zones] };
}

const TileParams = Type.Object(
  {
    layer: Type.String({ maxLength: 40 }),
    z: Type.Integer({ minimum: 0, maximum: 22 }),
    x: Type.Integer({ minimum: 0 }),
    y: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

const TileJson = Type.Object({
  tilejson: Type.String(),
  name: Type.String(),
  description: Type.String(),
  tiles: Type.Array(Type.String()),
  minzoom: Type.Integer(),
  maxzoom: Type.Integer(),
  bounds: Type.Optional(Type.Array(Type.Number())),
  vector_layers: Type.Array(
    Type.Object({
      id: Type.String(),
      minzoom: Type.Integer(),
      maxzoom: Type.Integer(),
      fields: Type.Record(Type.String(), Type.String()),
    }),
  ),
});

/** Tiles are bytes (or nothing: 204 empty, 304 unchanged), outside the JSON response schemas. */
function sendTile(reply: FastifyReply, status: 200 | 204 | 304, tile: Buffer | null): FastifyReply {
  reply.code(status);
  return tile ? reply.type(MVT_TYPE).send(tile) : reply.send();
}

const tileRoutes: FastifyPluginAsyncTypebox<TileOptions> = async (app, options) => {
  const cache = new TileCache(options.cacheBytes);
  // Named statements on PostgreSQL: pg prepares each once per connection and the plan is kept.
  // Not on PGlite: all its connections share one backend session, so a statement prepared by an
  // earlier connection still exists there and preparing it again fails.
  const statements = new Map<string, { name?: string; text: string }>();
  const statementFor = (layer: TileLayer, cls: ViewerClass) => {
    const name = `tile-${layer.name}-${cls}`;
    let statement = statements.get(name);
    if (!statement) {
      statement =
        app.db.kind === 'postgres'
          ? { name, text: mvtSql(layer, cls) }
          : { text: tileGeometrySql(layer, cls) };
      statements.set(name, statement);
    }
    return statement;
  };

  async function render(
    layer: TileLayer,
    cls: ViewerClass,
    params: unknown[],
    z: number,
    x: number,
    y: number,
  ) {
    // Simplify to about a quarter of a tile unit: invisible at this zoom, and much less to clip.
    const tolerance = WEB_MERCATOR_WIDTH / 2 ** z / TILE_EXTENT / 4;
    const values = [z, x, y, tolerance, ...params];
    if (app.db.kind === 'postgres') {
      const { rows } = await app.db.pool.query<{ tile: Buffer | null }>({
        ...statementFor(layer, cls),
        values,
      });
      return rows[0]?.tile ?? Buffer.alloc(0);
    }
    const { rows } = await app.db.pool.query<TileRow>({ ...statementFor(layer, cls), values });
    return rows.length === 0 ? Buffer.alloc(0) : Buffer.from(encodeTile(layer.name, rows));
  }

  app.get(
    '/tiles/:layer/:z/:x/:y.mvt',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['tiles'],
        summary: 'A Mapbox Vector Tile of one layer; internal attributes only for viewers allowed them',
        params: TileParams,
        response: { ...errorResponses, 404: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const { z, x, y } = request.params;
      const layer = findLayer(request.params.layer);
      if (!layer) {
        throw app.httpErrors.notFound(
          `no tile layer "${request.params.layer}"; layers: ${Object.keys(TILE_LAYERS).join(', ')}`,
        );
      }
      const size = 2 ** z;
      if (x >= size || y >= size) {
        throw app.httpErrors.badRequest(
          `tile ${z}/${x}/${y} does not exist: x and y run from 0 to ${size - 1}`,
        );
      }
      const viewer = viewerKey(layer, request.viewer);
      const version = await app.db.version.current();
      const key = `${layer.name}/${z}/${x}/${y}/${viewer.key}/${version}`;
      const etag = `"${createHash('sha1').update(key).digest('base64url').slice(0, 20)}"`;
      reply.header('etag', etag);
      reply.header(
        'cache-control',
        viewer.cls === 'public' ? 'public, max-age=60, stale-while-revalidate=600' : 'private, no-cache',
      );
      reply.header('vary', 'Cookie');
      if (request.headers['if-none-match'] === etag) return sendTile(reply, 304, null);
      let tile = cache.get(key);
      if (!tile) {
        tile =
          z < layer.minzoom || z > layer.maxzoom
            ? Buffer.alloc(0)
            : await render(layer, viewer.cls, viewer.params, z, x, y);
        cache.set(key, tile);
      }
      return tile.length === 0 ? sendTile(reply, 204, null) : sendTile(reply, 200, tile);
    },
  );

  app.get(
    '/tiles/:layer.json',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['tiles'],
        summary: 'TileJSON 3.0 of a tile layer, listing the fields this viewer receives',
        params: Type.Object({ layer: Type.String({ maxLength: 40 }) }, { additionalProperties: false }),
        response: { 200: TileJson, 404: errorResponses[400] },
      },
    },
    async (request) => {
      const layer = findLayer(request.params.layer);
      if (!layer) throw app.httpErrors.notFound(`no tile layer "${request.params.layer}"`);
      const bounds = await cityExtent(app.db.pool);
      const fields = Object.fromEntries(
        layerFields(layer, viewerKey(layer, request.viewer).cls).map((name) => [name, 'see the API schema']),
      );
      const origin = `${request.protocol}://${request.host}`;
      return {
        tilejson: '3.0.0',
        name: layer.name,
        description: layer.description,
        tiles: [`${origin}/tiles/${layer.name}/{z}/{x}/{y}.mvt`],
        minzoom: layer.minzoom,
        maxzoom: layer.maxzoom,
        ...(bounds ? { bounds } : {}),
        vector_layers: [{ id: layer.name, minzoom: layer.minzoom, maxzoom: layer.maxzoom, fields }],
      };
    },
  );
};

export default tileRoutes;
