// Encodes tile rows (geometry already in integer tile coordinates) as a Mapbox Vector Tile.
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { TILE_EXTENT } from './layers.ts';

type Ring = [number, number][];
type TileGeometry =
  | { type: 'Polygon'; coordinates: Ring[] }
  | { type: 'MultiPolygon'; coordinates: Ring[][] };

export interface TileRow {
  id: number;
  geometry: string;
  [property: string]: unknown;
}

type TagValue = string | number | boolean;

export function encodeTile(layerName: string, rows: readonly TileRow[]): Uint8Array {
  const features = rows.map(({ id, geometry, ...properties }) => {
    const parsed = JSON.parse(geometry) as TileGeometry;
    const polygons = parsed.type === 'Polygon' ? [parsed.coordinates] : parsed.coordinates;
    // MVT rings are not closed: the encoder writes ClosePath instead of the repeated first point.
    const rings = polygons.flat().map((ring) => ring.slice(0, -1));
    const tags: Record<string, TagValue> = {};
    for (const [key, value] of Object.entries(properties)) {
      if (value !== null && value !== undefined) tags[key] = value as TagValue;
    }
    return { id, type: 3 as const, tags, geometry: rings };
  });
  const layer = { features, transformed: true } as unknown as Parameters<typeof fromGeojsonVt>[0][string];
  return fromGeojsonVt({ [layerName]: layer }, { version: 2, extent: TILE_EXTENT });
}
