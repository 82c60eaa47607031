// The browse page's address is its filter: links reproduce what was shown, and mangled links degrade.
import { describe, expect, it } from 'vitest';
import {
  activeConditions,
  DEFAULT_SITE_FILTER,
  formatSiteFilter,
  parseSiteFilter,
  sitesQuery,
  withLanguage,
} from '../../client/src/features/invest/site-filter.ts';

describe('the browse filter in the address', () => {
  it('reads zone, district, area range, industry, servicing, sort and kind', () => {
    expect(
      parseSiteFilter(
        '?kind=parcels&zone=3&district=320812&area=100-600&industry=绿色食品&servicing=power,road&sort=price',
      ),
    ).toEqual({
      kind: 'parcels',
      zoneId: 3,
      districtCode: '320812',
      minAreaMu: 100,
      maxAreaMu: 600,
      industry: '绿色食品',
      servicing: ['road', 'power'],
      sort: 'price',
    });
  });

  it('writes only what differs from the defaults, so a plain page keeps a plain link', () => {
    expect(formatSiteFilter(DEFAULT_SITE_FILTER)).toBe('');
    expect(formatSiteFilter({ ...DEFAULT_SITE_FILTER, minAreaMu: 50, servicing: ['water', 'road'] })).toBe(
      '?area=50-&servicing=road,water',
    );
  });

  it('reads back what it wrote', () => {
    const filter = {
      ...DEFAULT_SITE_FILTER,
      kind: 'parcels' as const,
      zoneId: 1,
      maxAreaMu: 800,
      industry: 'PCB及电子元器件',
      servicing: ['gas' as const],
      sort: '-price' as const,
    };
    expect(parseSiteFilter(formatSiteFilter(filter))).toEqual(filter);
  });

  it('keeps the language and other parameters it does not own', () => {
    expect(formatSiteFilter({ ...DEFAULT_SITE_FILTER, zoneId: 2 }, '?lang=en&zone=5')).toBe(
      '?lang=en&zone=2',
    );
  });

  it('ignores what a mangled link gets wrong instead of refusing the page', () => {
    expect(
      parseSiteFilter('?kind=farms&zone=-1&district=32&area=abc-&servicing=wifi,road&sort=random'),
    ).toEqual({
      ...DEFAULT_SITE_FILTER,
      servicing: ['road'],
    });
  });

  it('puts a reversed area range the right way round', () => {
    const filter = parseSiteFilter('?area=600-100');
    expect([filter.minAreaMu, filter.maxAreaMu]).toEqual([100, 600]);
  });

  it('turns into the API query of /api/invest/sites', () => {
    expect(
      sitesQuery({ ...DEFAULT_SITE_FILTER, zoneId: 4, minAreaMu: 0, servicing: ['road', 'levelled'] }),
    ).toEqual({ kind: 'plots', sort: '-area', zoneId: '4', minAreaMu: '0', servicing: 'road,levelled' });
  });

  it('counts the narrowing conditions (an area range is one)', () => {
    expect(activeConditions(DEFAULT_SITE_FILTER)).toBe(0);
    expect(
      activeConditions({ ...DEFAULT_SITE_FILTER, minAreaMu: 1, maxAreaMu: 9, servicing: ['road', 'gas'] }),
    ).toBe(3);
  });

  it('names English in the address and leaves the default language out', () => {
    expect(withLanguage('?zone=2', 'en')).toBe('?zone=2&lang=en');
    expect(withLanguage('?lang=en', 'zh-CN')).toBe('');
  });
});
