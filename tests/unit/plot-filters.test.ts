import { describe, expect, it } from 'vitest';
import { FilterError, parseBBox, parsePlotFilter, parsePlotSort } from '../../server/src/plots/filters.ts';

describe('plot list filters', () => {
  it('reads comma lists, removing duplicates', () => {
    const filter = parsePlotFilter({
      status: 'available,reserved,available',
      zoneId: '3,7',
      districtCode: '320812',
    });
    expect(filter.statuses).toEqual(['available', 'reserved']);
    expect(filter.zoneIds).toEqual([3, 7]);
    expect(filter.districtCodes).toEqual(['320812']);
    expect(filter.bbox).toBeNull();
  });

  it('reads a bounding box lon/lat order', () => {
    expect(parseBBox('118.9,33.4,119.2,33.7')).toEqual([118.9, 33.4, 119.2, 33.7]);
  });

  it.each([
    ['33.4,118.9,33.7,119.2x', /"119.2x" is not a number/],
    ['-200,0,0,1', /longitudes must lie in -180..180/],
    ['1,2,3', /expected 4 numbers/],
  ])('refuses bbox %s', (raw, message) => {
    expect(() => parseBBox(raw)).toThrow(FilterError);
    expect(() => parseBBox(raw)).toThrow(message);
  });

  it('refuses unknown statuses, malformed codes and empty list items', () => {
    expect(() => parsePlotFilter({ status: 'sold' })).toThrow(/unknown value "sold"/);
    expect(() => parsePlotFilter({ districtCode: '3208' })).toThrow(/not a valid districtCode/);
    expect(() => parsePlotFilter({ zoneId: '1,,2' })).toThrow(/empty value/);
  });

  it('sorts by allowed keys only', () => {
    expect(parsePlotSort('-areaMu')).toEqual({ key: 'areaMu', descending: true });
    expect(parsePlotSort(undefined)).toEqual({ key: 'id', descending: false });
    expect(() => parsePlotSort('geom; drop table plots')).toThrow(/unknown key/);
  });
});
