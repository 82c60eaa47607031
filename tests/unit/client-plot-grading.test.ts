// The plot panel's per-mu evaluation rows: units, precision, benchmarks, and the "top N%" wording.
import { describe, expect, it } from 'vitest';
import { indicatorRows, topPercent } from '../../client/src/features/plots/grading.ts';

const indicators = {
  investmentIntensity: 320,
  taxPerMu: 12.34,
  salesPerMu: 300.5,
  plotRatio: 1.2,
  valueAddedRate: 0.245,
  rdShare: null,
  energyPerValueAdded: 0.321,
  greenIndex: 0.5123,
};

describe('indicatorRows', () => {
  it('lists the scored indicators first with their county benchmarks, shares as percentages', () => {
    const rows = indicatorRows(indicators, { taxPerMu: 28.4, salesPerMu: 700, green: 1.3 });
    expect(rows.map((r) => [r.key, r.unit, r.benchmark, r.scored])).toEqual([
      ['taxPerMu', 'wanPerMuYear', 28.4, true],
      ['salesPerMu', 'wanPerMuYear', 700, true],
      ['greenIndex', 'wanPerTce', 1.3, true],
      ['investmentIntensity', 'wanPerMu', null, false],
      ['plotRatio', 'plain', null, false],
      ['valueAddedRate', 'percent', null, false],
      ['energyPerValueAdded', 'tcePerWan', null, false],
    ]);
    expect(rows.find((r) => r.key === 'valueAddedRate')?.value).toBeCloseTo(24.5, 10);
    expect(rows.find((r) => r.key === 'taxPerMu')?.value).toBe(12.34);
  });

  it('leaves out missing indicators and benchmarks it does not have', () => {
    const rows = indicatorRows({ ...indicators, taxPerMu: null, greenIndex: null }, null);
    expect(rows.map((r) => r.key)).not.toContain('taxPerMu');
    expect(rows.map((r) => r.key)).not.toContain('rdShare');
    expect(rows.every((r) => r.benchmark === null)).toBe(true);
    expect(rows.find((r) => r.key === 'salesPerMu')?.scored).toBe(true);
  });
});

describe('topPercent', () => {
  it('rounds the rank up to a whole percent of the county, as the A cut-off counts it', () => {
    expect(topPercent(1, 100)).toBe(1);
    expect(topPercent(20, 100)).toBe(20);
    expect(topPercent(21, 100)).toBe(21);
    expect(topPercent(1, 3)).toBe(34);
    expect(topPercent(3, 3)).toBe(100);
    expect(topPercent(1, 1000)).toBe(1);
    expect(topPercent(7, 0)).toBe(100);
  });
});
