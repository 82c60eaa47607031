// What the plot panel shows of a plot's per-mu evaluation (亩均效益评价): which indicators, in
// which unit and precision, and against which county benchmark. Pure, so it is tested directly.
import type { PlotDetail } from '../../api/types.ts';

export type IndicatorKey =
  | 'taxPerMu'
  | 'salesPerMu'
  | 'greenIndex'
  | 'investmentIntensity'
  | 'plotRatio'
  | 'valueAddedRate'
  | 'rdShare'
  | 'energyPerValueAdded';

/** Message keys under `grading.unit`; each takes `{{value}}`. */
export type IndicatorUnit = 'wanPerMuYear' | 'wanPerMu' | 'wanPerTce' | 'tcePerWan' | 'percent' | 'plain';

export interface IndicatorRow {
  key: IndicatorKey;
  /** In the unit's scale (shares already as percentages). */
  value: number;
  digits: number;
  unit: IndicatorUnit;
  /** The county benchmark for the three scored indicators, when known. */
  benchmark: number | null;
  /** Whether the indicator counts towards the score. */
  scored: boolean;
}

type Indicators = NonNullable<PlotDetail['indicators']>;
type Benchmarks = NonNullable<PlotDetail['gradeBenchmarks']>;

const ROWS: readonly {
  key: IndicatorKey;
  unit: IndicatorUnit;
  digits: number;
  percent?: true;
  benchmark?: keyof Benchmarks;
}[] = [
  { key: 'taxPerMu', unit: 'wanPerMuYear', digits: 2, benchmark: 'taxPerMu' },
  { key: 'salesPerMu', unit: 'wanPerMuYear', digits: 1, benchmark: 'salesPerMu' },
  { key: 'greenIndex', unit: 'wanPerTce', digits: 2, benchmark: 'green' },
  { key: 'investmentIntensity', unit: 'wanPerMu', digits: 0 },
  { key: 'plotRatio', unit: 'plain', digits: 2 },
  { key: 'valueAddedRate', unit: 'percent', digits: 1, percent: true },
  { key: 'rdShare', unit: 'percent', digits: 1, percent: true },
  { key: 'energyPerValueAdded', unit: 'tcePerWan', digits: 3 },
];

/** The indicators a plot has, scored ones first, with their benchmarks; missing ones are left out. */
export function indicatorRows(
  indicators: Indicators,
  benchmarks: Benchmarks | null | undefined,
): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  for (const row of ROWS) {
    const raw = indicators[row.key];
    if (raw === null || raw === undefined) continue;
    rows.push({
      key: row.key,
      value: row.percent ? raw * 100 : raw,
      digits: row.digits,
      unit: row.unit,
      benchmark: row.benchmark ? (benchmarks?.[row.benchmark] ?? null) : null,
      scored: row.benchmark !== undefined,
    });
  }
  return rows;
}

/**
 * "Top N%" of the county's rated plots, rounded up: rank 20 of 100 is in the top 20% (grade A
 * with the default cut-offs), rank 21 in the top 21%.
 */
export function topPercent(rank: number, total: number): number {
  if (total <= 0 || rank < 1) return 100;
  return Math.min(100, Math.max(1, Math.ceil((rank / total) * 100 - 1e-9)));
}
