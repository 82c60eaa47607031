// A site's outline as SVG paths: the brochure's and the no-WebGL fallback's picture of the site.
import type { MultiPolygon, Polygon } from 'geojson';

export type AreaGeometry = Polygon | MultiPolygon;

export interface OutlineFrame {
  width: number;
  height: number;
  /** Space kept clear on every side, in the frame's units. */
  padding: number;
}

function rings(geometry: AreaGeometry): number[][][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/**
 * Projects outlines into a frame, the first geometry centred and as large as fits, the others drawn
 * at the same scale around it (neighbours, a zone boundary). Equirectangular at the site's latitude:
 * true to shape at a site's scale. Answers one path (`d`, even-odd rings) per geometry.
 */
export function outlinePaths(geometries: readonly AreaGeometry[], frame: OutlineFrame): string[] {
  const focus = geometries[0];
  if (!focus) return [];
  const points = rings(focus).flat();
  if (points.length === 0) return geometries.map(() => '');
  const lons = points.map((point) => point[0] ?? 0);
  const lats = points.map((point) => point[1] ?? 0);
  const [minLon, maxLon, minLat, maxLat] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const shrink = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * shrink, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = Math.min(
    (frame.width - 2 * frame.padding) / spanX,
    (frame.height - 2 * frame.padding) / spanY,
  );
  const offsetX = (frame.width - spanX * scale) / 2;
  const offsetY = (frame.height - spanY * scale) / 2;
  const round = (value: number) => Math.round(value * 10) / 10;
  const x = (lon: number) => round(offsetX + (lon - minLon) * shrink * scale);
  const y = (lat: number) => round(offsetY + (maxLat - lat) * scale);
  return geometries.map((geometry) =>
    rings(geometry)
      .filter((ring) => ring.length >= 3)
      .map((ring) => `M${ring.map((point) => `${x(point[0] ?? 0)} ${y(point[1] ?? 0)}`).join('L')}Z`)
      .join(''),
  );
}
