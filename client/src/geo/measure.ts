// Measurements drawn on the map: geodesic length of a path and area of a ring (in mu), via Turf.
import turfArea from '@turf/area';
import { lineString, polygon } from '@turf/helpers';
import turfLength from '@turf/length';
import { SQUARE_METRES_PER_MU } from './area.ts';

export type LngLat = [number, number];

/** Length in metres along the points, on the ellipsoid-free great circle Turf uses. */
export function pathLengthMetres(points: readonly LngLat[]): number {
  if (points.length < 2) return 0;
  return turfLength(lineString(points.map((p) => [...p])), { units: 'kilometers' }) * 1000;
}

/** Geodesic area of the ring through the points (closed for you), in mu. */
export function ringAreaMu(points: readonly LngLat[]): number {
  if (points.length < 3) return 0;
  const ring = [...points.map((p) => [...p]), [...points[0]!]];
  return turfArea(polygon([ring])) / SQUARE_METRES_PER_MU;
}
