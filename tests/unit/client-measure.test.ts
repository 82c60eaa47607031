import { describe, expect, it } from 'vitest';
import { pathLengthMetres, ringAreaMu } from '../../client/src/geo/measure.ts';

describe('map measurements', () => {
  it('measures a path in metres: 0.01° of latitude is about 1.11 km', () => {
    expect(
      pathLengthMetres([
        [119, 33],
        [119, 33.01],
      ]),
    ).toBeCloseTo(1112, -1);
    expect(pathLengthMetres([[119, 33]])).toBe(0);
  });

  it('measures an area in mu: a 1 km square at 33.5°N is about 1,500 mu', () => {
    const dLat = 1000 / 111_195;
    const dLon = dLat / Math.cos((33.5 * Math.PI) / 180);
    const mu = ringAreaMu([
      [119, 33.5],
      [119 + dLon, 33.5],
      [119 + dLon, 33.5 + dLat],
      [119, 33.5 + dLat],
    ]);
    expect(mu).toBeGreaterThan(1480);
    expect(mu).toBeLessThan(1520);
    expect(
      ringAreaMu([
        [119, 33],
        [119.1, 33],
      ]),
    ).toBe(0);
  });
});
