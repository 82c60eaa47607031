// Name labels sit inside their polygon, even when the polygon is concave.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { labelPoint } from '../../client/src/geo/label-point.ts';

function inside([x, y]: [number, number], ring: Position[]): boolean {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

describe('labelPoint', () => {
  it('puts the label of a C-shaped district inside it, not in the notch', () => {
    const ring: Position[] = [
      [0, 0],
      [10, 0],
      [10, 2],
      [2, 2],
      [2, 8],
      [10, 8],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    const polygon: Polygon = { type: 'Polygon', coordinates: [ring] };
    const point = labelPoint(polygon);
    expect(point).not.toBeNull();
    expect(inside(point as [number, number], ring)).toBe(true);
  });

  it('labels the largest part of a multipolygon', () => {
    const small: Position[] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    const large: Position[] = [
      [5, 5],
      [9, 5],
      [9, 9],
      [5, 9],
      [5, 5],
    ];
    const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: [[small], [large]] };
    expect(labelPoint(geometry)).toEqual([7, 7]);
  });

  it('returns null for an empty geometry', () => {
    expect(labelPoint({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
  });
});
