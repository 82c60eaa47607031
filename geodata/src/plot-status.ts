// Where each lifecycle status goes: whole blocks of available or inefficient land clustered into 500+ mu sites, the rest mixed.
import { TRUNK_EVERY } from './block-grid.ts';
import { hashUnit, type Rng } from './prng.ts';
import type { PlotStatus } from './types.ts';

export type BlockRole = 'serviced_site' | 'inefficient_site' | 'reserved' | 'supplied' | 'old' | 'normal';

/** Status mix per block role; weights need not sum to 1. */
const MIX: Record<BlockRole, Partial<Record<PlotStatus, number>>> = {
  serviced_site: { available: 0.82, revitalizing: 0.1, idle: 0.08 },
  inefficient_site: { low_efficiency: 0.42, idle: 0.26, revitalizing: 0.32 },
  reserved: { reserved: 0.85, available: 0.15 },
  supplied: { supplied: 0.9, in_use: 0.1 },
  old: { in_use: 0.56, low_efficiency: 0.24, idle: 0.08, revitalizing: 0.08, available: 0.05 },
  normal: {
    in_use: 0.67,
    low_efficiency: 0.055,
    idle: 0.045,
    available: 0.125,
    supplied: 0.04,
    reserved: 0.02,
    revitalizing: 0.035,
  },
};

/** Chance that a trunk cell (3 × 3 blocks between trunk roads) holds an assembled site. */
const SITE_CHANCE = 0.1;

/**
 * The role of block (col, row). A site is a rectangle of 2–3 × 2–3 neighbouring blocks inside one
 * trunk cell, so its plots are separated only by local roads and form one contiguous parcel.
 */
export function blockRole(seed: number, zoneIndex: number, col: number, row: number): BlockRole {
  const tc = Math.floor(col / TRUNK_EVERY);
  const tr = Math.floor(row / TRUNK_EVERY);
  if (hashUnit(seed, 11, zoneIndex, tc, tr) < SITE_CHANCE) {
    const w = hashUnit(seed, 12, zoneIndex, tc, tr) < 0.5 ? 2 : 3;
    const h = hashUnit(seed, 13, zoneIndex, tc, tr) < 0.6 ? 2 : 3;
    const c0 = Math.floor(hashUnit(seed, 14, zoneIndex, tc, tr) * (TRUNK_EVERY - w + 1));
    const r0 = Math.floor(hashUnit(seed, 15, zoneIndex, tc, tr) * (TRUNK_EVERY - h + 1));
    const c = col - tc * TRUNK_EVERY;
    const r = row - tr * TRUNK_EVERY;
    if (c >= c0 && c < c0 + w && r >= r0 && r < r0 + h)
      return hashUnit(seed, 16, zoneIndex, tc, tr) < 0.65 ? 'serviced_site' : 'inefficient_site';
  }
  const u = hashUnit(seed, 17, zoneIndex, col, row);
  if (u < 0.025) return 'reserved';
  if (u < 0.075) return 'supplied';
  if (u < 0.3) return 'old';
  return 'normal';
}

export function drawStatus(rng: Rng, role: BlockRole): PlotStatus {
  return rng.weighted(MIX[role] as Record<PlotStatus, number>);
}
