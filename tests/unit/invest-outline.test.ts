// The brochure's fallback picture: a site's outline drawn from its GeoJSON into an SVG frame.
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { outlinePaths } from '../../client/src/features/invest/outline-path.ts';

const frame = { width: 600, height: 300, padding: 20 };
const numbers = (path: string) => (path.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

describe('a site outline in an SVG frame', () => {
  const square: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [119, 33],
        [119.01, 33],
        [119.01, 33.01],
        [119, 33.01],
        [119, 33],
      ],
    ],
  };

  it('fits the site inside the frame, padding kept clear, and centres it', () => {
    const [path] = outlinePaths([square], frame);
    const values = numbers(path!);
    const xs = values.filter((_, i) => i % 2 === 0);
    const ys = values.filter((_, i) => i % 2 === 1);
    expect(Math.min(...ys)).toBeCloseTo(20, 0);
    expect(Math.max(...ys)).toBeCloseTo(280, 0);
    expect(Math.min(...xs) + Math.max(...xs)).toBeCloseTo(600, 0);
  });

  it('keeps the shape true at its latitude (a degree of longitude is shorter than one of latitude)', () => {
    const [path] = outlinePaths([square], frame);
    const values = numbers(path!);
    const xs = values.filter((_, i) => i % 2 === 0);
    const ys = values.filter((_, i) => i % 2 === 1);
    const ratio = (Math.max(...xs) - Math.min(...xs)) / (Math.max(...ys) - Math.min(...ys));
    expect(ratio).toBeCloseTo(Math.cos((33.005 * Math.PI) / 180), 2);
  });

  it('draws north up and every ring, holes included, as its own closed subpath', () => {
    const withHole: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [
          square.coordinates[0]!,
          [
            [119.004, 33.004],
            [119.006, 33.004],
            [119.006, 33.006],
            [119.004, 33.006],
            [119.004, 33.004],
          ],
        ],
      ],
    };
    const [path] = outlinePaths([withHole], frame);
    expect(path!.match(/M/g)).toHaveLength(2);
    expect(path!.match(/Z/g)).toHaveLength(2);
    // The first corner (south-west) lies at the bottom of the frame.
    expect(numbers(path!)[1]).toBeCloseTo(280, 0);
  });

  it('draws neighbours at the site’s scale, and nothing for no site', () => {
    const neighbour: Polygon = {
      type: 'Polygon',
      coordinates: [square.coordinates[0]!.map(([lon, lat]) => [lon! + 0.02, lat!])],
    };
    const [, other] = outlinePaths([square, neighbour], frame);
    expect(Math.min(...numbers(other!).filter((_, i) => i % 2 === 0))).toBeGreaterThan(600);
    expect(outlinePaths([], frame)).toEqual([]);
  });
});
