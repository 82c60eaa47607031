// Tile SQL, built once per layer from its fixed definition. The tile envelope is transformed into
// the table's SRID (4326) so the GiST index answers the `&&`; the margin keeps edges seamless.
import { TILE_BUFFER, TILE_EXTENT, type TileLayer } from './layers.ts';

export type ViewerClass = 'public' | 'internal';

function quoted(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`unsafe property name ${name}`);
  return `"${name}"`;
}

/** The property names a viewer class receives for a layer. */
export function layerFields(layer: TileLayer, viewer: ViewerClass): string[] {
  return [
    ...Object.keys(layer.columns),
    ...(viewer === 'internal' ? Object.keys(layer.internalColumns) : []),
  ];
}

/**
 * Rows of one tile: $1 z, $2 x, $3 y, $4 simplification tolerance in metres, and for layers with
 * internals $5 (sees all internals) and $6 (zone ids whose internals it sees).
 */
function rowsSql(layer: TileLayer, viewer: ViewerClass): string {
  const columns = { ...layer.columns, ...(viewer === 'internal' ? layer.internalColumns : {}) };
  const select = Object.entries(columns).map(([name, expr]) => `${expr} AS ${quoted(name)}`);
  const visibility = layer.internal
    ? `CROSS JOIN LATERAL (SELECT ${viewer === 'internal' ? layer.internal : 'false'} AS internal) v`
    : '';
  return `
    bounds AS (
      SELECT ST_TileEnvelope($1, $2, $3) AS env,
             ST_TileEnvelope($1, $2, $3, margin => ${TILE_BUFFER / TILE_EXTENT}) AS env_margin),
    tile_rows AS (
      SELECT ${layer.id} AS id, ${select.join(', ')},
             ST_Simplify(ST_Transform(t.geom, 3857), $4::float8, true) AS g
      FROM ${layer.from} ${visibility}, bounds b
      WHERE t.geom && ST_Transform(b.env_margin, 4326)${layer.where ? ` AND (${layer.where})` : ''}
      ORDER BY ${layer.order}
      LIMIT ${layer.featureLimit})`;
}

/** PostGIS with protobuf: the database encodes the tile. */
export function mvtSql(layer: TileLayer, viewer: ViewerClass): string {
  const fields = layerFields(layer, viewer).map(quoted);
  return `WITH ${rowsSql(layer, viewer)}
    SELECT ST_AsMVT(q, '${layer.name}', ${TILE_EXTENT}, 'geom', 'id') AS tile FROM (
      SELECT r.id, ${fields.map((f) => `r.${f}`).join(', ')},
             ST_AsMVTGeom(r.g, b.env, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom
      FROM tile_rows r, bounds b) q
    WHERE q.geom IS NOT NULL`;
}

/**
 * PGlite's PostGIS has no protobuf (neither ST_AsMVT nor ST_AsMVTGeom): clip, move into tile
 * coordinates (y down) and snap to the integer grid here, and encode in JS. Exterior rings are
 * made clockwise before the y flip, so they come out with the positive area MVT requires.
 */
export function tileGeometrySql(layer: TileLayer, viewer: ViewerClass): string {
  const fields = layerFields(layer, viewer).map(quoted);
  const scaleX = `${TILE_EXTENT} / (ST_XMax(b.env) - ST_XMin(b.env))`;
  const scaleY = `${TILE_EXTENT} / (ST_YMax(b.env) - ST_YMin(b.env))`;
  return `WITH ${rowsSql(layer, viewer)}
    SELECT q.id, ${fields.map((f) => `q.${f}`).join(', ')}, ST_AsGeoJSON(q.tg, 0) AS geometry FROM (
      SELECT r.*, ST_CollectionExtract(ST_SnapToGrid(ST_Affine(
               ST_ForcePolygonCW(ST_ClipByBox2D(r.g, b.env_margin::box2d)),
               ${scaleX}, 0, 0, -(${scaleY}),
               -ST_XMin(b.env) * ${scaleX}, ST_YMax(b.env) * ${scaleY}), 1), 3) AS tg
      FROM tile_rows r, bounds b) q
    WHERE NOT ST_IsEmpty(q.tg)`;
}
