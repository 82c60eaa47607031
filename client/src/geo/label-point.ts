// A point guaranteed inside a polygon, for placing a name label (a centroid can fall outside concave shapes).
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Signed planar area of a ring in degrees², only to rank rings by size. */
function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j];
    const b = ring[i];
    if (a && b) sum += (a[0] ?? 0) * (b[1] ?? 0) - (b[0] ?? 0) * (a[1] ?? 0);
  }
  return sum / 2;
}

/** Longitudes where the horizontal line at `lat` crosses the polygon's rings (holes included). */
function crossings(rings: Position[][], lat: number): number[] {
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[j];
      const b = ring[i];
      if (!a || !b) continue;
      const [ax = 0, ay = 0] = a;
      const [bx = 0, by = 0] = b;
      if (ay > lat !== by > lat) xs.push(ax + ((lat - ay) / (by - ay)) * (bx - ax));
    }
  }
  return xs.sort((p, q) => p - q);
}

/**
 * The middle of the widest interior span of the largest polygon, on a horizontal line through the
 * middle of its extent. Returns [lon, lat], or null for an empty geometry.
 */
export function labelPoint(geometry: Polygon | MultiPolygon): [number, number] | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let largest: Position[][] | undefined;
  let largestArea = -1;
  for (const polygon of polygons) {
    const outer = polygon[0];
    if (!outer) continue;
    const area = Math.abs(ringArea(outer));
    if (area > largestArea) {
      largestArea = area;
      largest = polygon;
    }
  }
  const outer = largest?.[0];
  if (!largest || !outer || outer.length < 3) return null;

  let minLat = Number.POSITIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const [, lat = 0] of outer) {
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  // Try a few lines around the middle; keep the widest span found.
  let best: [number, number] | null = null;
  let bestWidth = -1;
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
    const lat = minLat + (maxLat - minLat) * t;
    const xs = crossings(largest, lat);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const west = xs[k] ?? 0;
      const east = xs[k + 1] ?? 0;
      if (east - west > bestWidth) {
        bestWidth = east - west;
        best = [(west + east) / 2, lat];
      }
    }
    if (t === 0.5 && bestWidth > 0) {
      // The middle line is usually good enough; only search further when it is much narrower than the shape.
      let minLon = Number.POSITIVE_INFINITY;
      let maxLon = Number.NEGATIVE_INFINITY;
      for (const [lon = 0] of outer) {
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
      }
      if (bestWidth > 0.4 * (maxLon - minLon)) break;
    }
  }
  return best;
}
