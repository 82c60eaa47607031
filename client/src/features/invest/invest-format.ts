// Figures as investors read them: areas in mu with hectares beside them, guide prices and shares.
import { formatNumber } from '../../i18n/format.ts';

/** 1 ha = 15 mu (1 mu = 10000/15 m²). */
export const MU_PER_HA = 15;

export function muToHa(mu: number): number {
  return mu / MU_PER_HA;
}

/** Enough digits to tell small plots apart without pretending to survey precision on large ones. */
export function areaDigits(value: number): number {
  const size = Math.abs(value);
  if (size < 10) return 2;
  if (size < 100) return 1;
  return 0;
}

/** An area as two numbers in the reader's language: mu and the same in hectares. */
export function formatArea(language: string, mu: number): { mu: string; ha: string } {
  const ha = muToHa(mu);
  return {
    mu: formatNumber(language, mu, areaDigits(mu)),
    ha: formatNumber(language, ha, Math.max(1, areaDigits(ha))),
  };
}

/** A guide price (万元/亩): whole when whole, else to one decimal. */
export function formatPrice(language: string, value: number): string {
  return formatNumber(language, value, Number.isInteger(value) ? 0 : 1);
}

/** A guide price (万元/亩), or a range when a parcel's plots differ; null when none is published. */
export function formatPriceRange(language: string, min: number | null, max: number | null): string | null {
  const low = min ?? max;
  const high = max ?? min;
  if (low === null || high === null) return null;
  if (Math.abs(high - low) < 0.05) return formatPrice(language, low);
  return `${formatPrice(language, low)}–${formatPrice(language, high)}`;
}

/** A share of 0..1 as a whole percentage (a sliver above zero shows as "<1"). */
export function formatShare(language: string, share: number): string {
  if (share > 0 && share < 0.005) return '<1';
  return formatNumber(language, Math.round(share * 100), 0);
}

/** Items of a list as the language writes them: 、 between Chinese items, commas in English. */
export function joinList(language: string, items: readonly string[]): string {
  return items.join(language.startsWith('zh') ? '、' : ', ');
}

/** A distance in km: one decimal below 10 km, whole kilometres beyond. */
export function formatDistanceKm(language: string, km: number): string {
  return formatNumber(language, km, km < 10 ? 1 : 0);
}
