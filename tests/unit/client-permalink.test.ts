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
    };
    const text = formatPermalink(state);
    expect(text).toBe('?map=14.25/33.587123/119.123457&layers=zones,lines,plots&theme=grade&plot=42');
    expect(parsePermalink(text)).toEqual({
      view: { zoom: 14.25, latitude: 33.587123, longitude: 119.123457 },
      layers: state.layers,
      plotId: 42,
      filter: NO_FILTER,
      theme: 'grade',
    });
  });

  it('keeps other parameters and drops the plot when none is selected', () => {
    const text = formatPermalink(
      { view: null, layers: null, plotId: null, filter: NO_FILTER, theme: 'status' },
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
    const text = formatPermalink({ view: null, layers: null, plotId: null, filter, theme: 'status' });
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
});
