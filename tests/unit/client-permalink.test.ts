import { describe, expect, it } from 'vitest';
import { formatPermalink, parsePermalink } from '../../client/src/map/permalink.ts';
import { NO_FILTER } from '../../client/src/map/plot-filter.ts';

describe('map permalinks', () => {
  it('round-trips view, layers and the selected plot', () => {
    const state = {
      view: { zoom: 14.25, latitude: 33.5871234, longitude: 119.1234567 },
      layers: { districts: false, zones: true, controlLines: true, parcels: false, plots: true },
      plotId: 42,
      filter: NO_FILTER,
      theme: 'grade' as const,
      selection: null,
    };
    const text = formatPermalink(state);
    expect(text).toBe('?map=14.25/33.587123/119.123457&layers=zones,lines,plots&theme=grade&plot=42');
    expect(parsePermalink(text)).toEqual({
      view: { zoom: 14.25, latitude: 33.587123, longitude: 119.123457 },
      layers: state.layers,
      plotId: 42,
      filter: NO_FILTER,
      theme: 'grade',
      selection: null,
    });
  });

  it('keeps other parameters and drops the plot when none is selected', () => {
    const text = formatPermalink(
      { view: null, layers: null, plotId: null, filter: NO_FILTER, theme: 'status', selection: null },
      '?plot=9&theme=grade&utm=x',
    );
    expect(text).toBe('?utm=x');
    expect(parsePermalink('?theme=rainbow').theme).toBe('status');
  });

  it.each([
    ['?map=99/33/119', 'zoom out of range'],
    ['?map=12/95/119', 'latitude out of range'],
    ['?map=12/33', 'missing part'],
    ['?map=a/b/c', 'not numbers'],
    ['?plot=-3', 'negative id'],
    ['?plot=1.5', 'fractional id'],
  ])('ignores a malformed link (%s: %s)', (search) => {
    const link = parsePermalink(search);
    expect(link.plotId).toBeNull();
    if (search.startsWith('?map')) expect(link.view).toBeNull();
  });

  it('carries the filter', () => {
    const filter = { ...NO_FILTER, statuses: ['available' as const], minAreaMu: 100 };
    const text = formatPermalink({
      view: null,
      layers: null,
      plotId: null,
      filter,
      theme: 'status',
      selection: null,
    });
    expect(text).toBe('?status=available&area=100-');
    expect(parsePermalink(text).filter).toEqual(filter);
  });

  it('reads an empty layer list as every layer hidden', () => {
    expect(parsePermalink('?layers=').layers).toEqual({
      districts: false,
      zones: false,
      controlLines: false,
      parcels: false,
      plots: false,
    });
  });

  it('carries a drawn selection area, and ignores one that is not a closed ring', () => {
    const ring: [number, number][] = [
      [119.01, 33.58],
      [119.05, 33.58],
      [119.05, 33.61],
      [119.01, 33.58],
    ];
    const text = formatPermalink({
      view: null,
      layers: null,
      plotId: null,
      filter: NO_FILTER,
      theme: 'status',
      selection: ring,
    });
    expect(text).toBe('?draw=119.01000,33.58000;119.05000,33.58000;119.05000,33.61000;119.01000,33.58000');
    expect(parsePermalink(text).selection).toEqual(ring);
    expect(parsePermalink('?draw=119,33;119.1,33;119.1,33.1;119,33.1').selection).toBeNull();
    expect(parsePermalink('?draw=119,33;x,33;119.1,33.1;119,33').selection).toBeNull();
    expect(parsePermalink('?draw=119,33;500,33;119.1,33.1;119,33').selection).toBeNull();
  });
});
