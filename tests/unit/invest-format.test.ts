// The investor view's figures: areas in mu with hectares, guide prices, shares, distances and lists.
import { describe, expect, it } from 'vitest';
import {
  areaDigits,
  formatArea,
  formatDistanceKm,
  formatPriceRange,
  formatShare,
  joinList,
  muToHa,
} from '../../client/src/features/invest/invest-format.ts';

describe('areas as investors read them', () => {
  it('converts mu to hectares at 15 mu to the hectare', () => {
    expect(muToHa(15)).toBe(1);
    expect(muToHa(500)).toBeCloseTo(33.333, 3);
  });

  it('shows a large parcel in whole mu and its hectares to one decimal', () => {
    expect(formatArea('zh-CN', 44676.9)).toEqual({ mu: '44,677', ha: '2,978.5' });
    expect(formatArea('en', 2181.44)).toEqual({ mu: '2,181', ha: '145.4' });
  });

  it('keeps the decimals that tell small plots apart', () => {
    expect(formatArea('en', 8.456)).toEqual({ mu: '8.46', ha: '0.56' });
    expect(formatArea('en', 45.26)).toEqual({ mu: '45.3', ha: '3.02' });
    expect(areaDigits(150)).toBe(0);
  });
});

describe('guide prices (万元/亩)', () => {
  it('shows one price for a plot and a range for a parcel whose plots differ', () => {
    expect(formatPriceRange('zh-CN', 28.5, 28.5)).toBe('28.5');
    expect(formatPriceRange('zh-CN', 30, 44.5)).toBe('30–44.5');
  });

  it('says nothing when no price is published, and uses the one bound that is', () => {
    expect(formatPriceRange('en', null, null)).toBeNull();
    expect(formatPriceRange('en', null, 40)).toBe('40');
  });
});

describe('shares, distances and lists', () => {
  it('rounds a control-line share to whole percent, a sliver showing as under one', () => {
    expect(formatShare('en', 0.854)).toBe('85');
    expect(formatShare('en', 0.001)).toBe('<1');
    expect(formatShare('en', 0)).toBe('0');
  });

  it('gives nearby distances to a tenth of a kilometre, far ones in whole kilometres', () => {
    expect(formatDistanceKm('en', 1.234)).toBe('1.2');
    expect(formatDistanceKm('en', 12.6)).toBe('13');
  });

  it('joins Chinese items with 、 and English ones with commas', () => {
    expect(joinList('zh-CN', ['通路', '通电'])).toBe('通路、通电');
    expect(joinList('en', ['road', 'power'])).toBe('road, power');
  });
});
