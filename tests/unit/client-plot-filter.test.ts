import { describe, expect, it } from 'vitest';
import {
  filterExpression,
  filterParams,
  NO_FILTER,
  parseFilter,
  writeFilter,
} from '../../client/src/map/plot-filter.ts';

describe('the plot filter', () => {
  const filter = {
    statuses: ['available' as const, 'idle' as const],
    zoneId: 3,
    districtCode: '320812',
    minAreaMu: 50,
    maxAreaMu: 300,
    landUseCode: '1001',
    grades: ['C' as const, 'D' as const],
    inefficiencyTypes: ['idle' as const],
    compliance: ['industrial_outside' as const],
  };

  it('restyles the map with one expression over the tile properties', () => {
    expect(filterExpression(NO_FILTER)).toBeNull();
    expect(filterExpression({ ...NO_FILTER, zoneId: 3 })).toEqual(['==', ['get', 'zoneId'], 3]);
    expect(filterExpression(filter)).toEqual([
      'all',
      ['in', ['get', 'status'], ['literal', ['available', 'idle']]],
      ['==', ['get', 'zoneId'], 3],
      ['==', ['get', 'districtCode'], '320812'],
      ['>=', ['get', 'areaMu'], 50],
      ['<=', ['get', 'areaMu'], 300],
      ['==', ['slice', ['get', 'landUseCode'], 0, 4], '1001'],
      ['in', ['coalesce', ['get', 'grade'], ''], ['literal', ['C', 'D']]],
      ['in', ['coalesce', ['get', 'inefficiencyType'], ''], ['literal', ['idle']]],
      ['in', ['coalesce', ['get', 'compliance'], 'compliant'], ['literal', ['industrial_outside']]],
    ]);
  });

  it('asks the API for the same plots, with or without the status part', () => {
    expect(filterParams(filter)).toEqual({
      status: 'available,idle',
      zoneId: '3',
      districtCode: '320812',
      minAreaMu: '50',
      maxAreaMu: '300',
      landUseCode: '1001',
      grade: 'C,D',
      inefficiencyType: 'idle',
      compliance: 'industrial_outside',
    });
    expect(filterParams(filter, false)).not.toHaveProperty('status');
  });

  it('round-trips through the URL and keeps other parameters', () => {
    const params = new URLSearchParams('map=12/33/119&plot=4');
    writeFilter(filter, params);
    expect(params.toString()).toBe(
      'map=12%2F33%2F119&plot=4&status=available%2Cidle&zone=3&district=320812&area=50-300&landuse=1001&grade=C%2CD&inefficiency=idle&compliance=industrial_outside',
    );
    expect(parseFilter(params)).toEqual(filter);
    writeFilter(NO_FILTER, params);
    expect(params.toString()).toBe('map=12%2F33%2F119&plot=4');
  });

  it('ignores what it cannot read', () => {
    expect(
      parseFilter(
        new URLSearchParams(
          'status=sold,idle&zone=x&district=12&area=300-100&landuse=10x&grade=E,A&inefficiency=lazy',
        ),
      ),
    ).toEqual({
      ...NO_FILTER,
      statuses: ['idle'],
      minAreaMu: 300,
      grades: ['A'],
    });
  });
});
