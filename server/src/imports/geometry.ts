// Checks a source geometry before the database sees it: polygonal, rings closed, coordinates finite,
// vertex counts within the limits. Hostile values refuse the file; honest mistakes mark the row.
import type { Problem } from './attributes.ts';
import type { Bounds } from './crs.ts';
import { ImportFileError, type ImportLimits } from './limits.ts';

export interface GeometryTally {
  vertices: number;
  bounds: Bounds | null;
  /** One vertex of each outline, for a centre that a few stray rows cannot drag away. */
  firstVertices: [number, number][];
}

export function newTally(): GeometryTally {
  return { vertices: 0, bounds: null, firstVertices: [] };
}

/** The median of the outlines' first vertices, or null without outlines. */
export function medianPoint(tally: GeometryTally): [number, number] | null {
  const points = tally.firstVertices;
  if (points.length === 0) return null;
  const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return [middle(points.map((p) => p[0])), middle(points.map((p) => p[1]))];
}

type Ring = number[][];

function isPosition(value: unknown): value is number[] {
  return Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === 'number');
}

/** Polygons of a Polygon or MultiPolygon, or null when the geometry is another kind. */
function polygonsOf(geometry: { type?: unknown; coordinates?: unknown }): unknown[] | null {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)) return geometry.coordinates;
  return null;
}

export interface CheckedGeometry {
  /** GeoJSON text of a 2-D Polygon or MultiPolygon, or null when the row cannot have one. */
  geojson: string | null;
  problem: Problem | null;
}

/**
 * `geometry` (GeoJSON) of source row `row`, checked and flattened to 2-D. Throws ImportFileError for
 * non-finite coordinates and for vertex counts over the limits.
 */
export function checkGeometry(
  geometry: unknown,
  row: number,
  limits: ImportLimits,
  tally: GeometryTally,
): CheckedGeometry {
  if (geometry === null || geometry === undefined) {
    return { geojson: null, problem: { kind: 'missing_geometry', severity: 'error' } };
  }
  const shape = geometry as { type?: unknown; coordinates?: unknown };
  const polygons = polygonsOf(shape);
  if (polygons === null) {
    return {
      geojson: null,
      problem: { kind: 'not_polygon', severity: 'error', detail: String(shape.type ?? 'unknown') },
    };
  }
  const flat: Ring[][] = [];
  let vertices = 0;
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return unreadable('a polygon without rings');
    const rings: Ring[] = [];
    for (const ring of polygon) {
      if (!Array.isArray(ring) || !ring.every(isPosition))
        return unreadable('a ring that is not a list of positions');
      vertices += ring.length;
      if (vertices > limits.verticesPerFeature) {
        throw new ImportFileError(
          `row ${row} has more than ${limits.verticesPerFeature.toLocaleString('en')} vertices; a plot outline needs far fewer — simplify it and upload again`,
        );
      }
      for (const position of ring) {
        const [x, y] = position as [number, number];
        if (!Number.isFinite(x) || !Number.isFinite(y)) {
          throw new ImportFileError(
            `row ${row} has a coordinate that is not a finite number (${x}, ${y}); the file is refused`,
          );
        }
      }
      const first = ring[0]!;
      const last = ring[ring.length - 1]!;
      if (ring.length < 4) {
        return {
          geojson: null,
          problem: {
            kind: 'invalid_geometry',
            severity: 'error',
            detail: `a ring of ${ring.length} positions (at least 4 are needed)`,
          },
        };
      }
      if (first[0] !== last[0] || first[1] !== last[1]) {
        return {
          geojson: null,
          problem: {
            kind: 'invalid_geometry',
            severity: 'error',
            detail: `a ring that is not closed: it starts at ${first[0]} ${first[1]} and ends at ${last[0]} ${last[1]}`,
          },
        };
      }
      rings.push(ring.map((position) => [position[0]!, position[1]!]));
    }
    flat.push(rings);
  }
  tally.vertices += vertices;
  if (tally.vertices > limits.vertices) {
    throw new ImportFileError(
      `the file has more than ${limits.vertices.toLocaleString('en')} vertices in all; split it into several imports`,
      413,
    );
  }
  tally.firstVertices.push([flat[0]![0]![0]![0]!, flat[0]![0]![0]![1]!]);
  for (const rings of flat) {
    for (const [x, y] of rings[0]!) {
      const b = tally.bounds;
      tally.bounds = b
        ? [Math.min(b[0], x!), Math.min(b[1], y!), Math.max(b[2], x!), Math.max(b[3], y!)]
        : [x!, y!, x!, y!];
    }
  }
  return { geojson: JSON.stringify({ type: 'MultiPolygon', coordinates: flat }), problem: null };
}

function unreadable(detail: string): CheckedGeometry {
  return { geojson: null, problem: { kind: 'invalid_geometry', severity: 'error', detail } };
}
