// Per-mu indicators and the 亩均效益 grade: draws indicators, scores them against district benchmarks, ranks into A–D.
import { Rng } from './prng.ts';
import type { Grade, PlotIndicators, PlotStatus } from './types.ts';

/** Huai'an's 2024 weights: tax per mu, sales per mu, green development (tax per unit energy). */
export const GRADE_WEIGHTS = { tax: 0.45, sales: 0.35, green: 0.2 } as const;
/** Share of rated enterprises below each grade's floor: D bottom 5%, C to 40%, B to 80%, A top 20%. */
export const GRADE_CUTS = { D: 0.05, C: 0.4, B: 0.8 } as const;

export interface DistrictGrading {
  benchTax: number;
  benchSales: number;
  benchGreen: number;
  /** Score thresholds: below cutD is D, below cutC is C, below cutB is B, else A. */
  cutD: number;
  cutC: number;
  cutB: number;
}

/** Relative productivity of each county-level unit; unknown codes count as 1. */
const DISTRICT_STRENGTH: Record<string, number> = {
  '320812': 1.15,
  '320803': 1.05,
  '320804': 1.0,
  '320813': 0.9,
  '320826': 0.88,
  '320830': 0.95,
  '320831': 0.95,
};

export function districtStrength(code: string): number {
  return DISTRICT_STRENGTH[code] ?? 1;
}

const STATUS_SHIFT: Partial<Record<PlotStatus, number>> = {
  in_use: 0.15,
  low_efficiency: -1.3,
  revitalizing: -1.0,
  idle: -2.4,
  supplied: -0.6,
};

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function r2(v: number): number {
  return Math.round(v * 100) / 100;
}

function r3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** Draws a plausible set of per-mu indicators for an enterprise on a plot with this status. */
export function drawIndicators(rng: Rng, strength: number, status: PlotStatus): PlotIndicators {
  const z = rng.normal() + (STATUS_SHIFT[status] ?? 0);
  const producing = status !== 'idle';
  const tax = producing
    ? clamp(11 * strength * Math.exp(0.7 * z + 0.2 * rng.normal()), 0.3, 60)
    : rng.range(0, 1.5);
  const salesPerTax = 24 * Math.exp(0.3 * rng.normal());
  const sales = producing ? clamp(tax * salesPerTax, 50, 1500) : rng.range(0, 40);
  return {
    investmentIntensity: r2(clamp(330 * Math.exp(0.3 * rng.normal() + 0.15 * z), 100, 800)),
    taxPerMu: r2(tax),
    salesPerMu: r2(sales),
    plotRatio: r2(clamp(1.2 + 0.3 * rng.normal() + 0.1 * z, 0.5, 2.5)),
    valueAddedRate: r3(clamp(0.24 + 0.05 * rng.normal(), 0.08, 0.45)),
    rdShare: r3(clamp(0.022 * Math.exp(0.5 * rng.normal() + 0.2 * z), 0.001, 0.1)),
    energyPerValueAdded: r3(clamp(0.32 * Math.exp(0.45 * rng.normal() - 0.1 * z), 0.03, 1.5)),
  };
}

/** Tax per tonne of standard coal (万元/吨标煤): tax ÷ (energy per value added × value added). */
export function greenIndex(ind: PlotIndicators): number {
  const energyPerMu = ind.energyPerValueAdded * ind.salesPerMu * ind.valueAddedRate;
  return energyPerMu > 0 ? ind.taxPerMu / energyPerMu : 0;
}

export function gradeScore(ind: PlotIndicators, g: DistrictGrading): number {
  const score =
    (GRADE_WEIGHTS.tax * ind.taxPerMu) / g.benchTax +
    (GRADE_WEIGHTS.sales * ind.salesPerMu) / g.benchSales +
    (GRADE_WEIGHTS.green * greenIndex(ind)) / g.benchGreen;
  return Math.round(score * 1000) / 1000;
}

export function gradeOf(score: number, g: DistrictGrading): Grade {
  if (score < g.cutD) return 'D';
  if (score < g.cutC) return 'C';
  if (score < g.cutB) return 'B';
  return 'A';
}

/** Mix of statuses among rated enterprises, as the plot generator produces them. */
const RATED_MIX: Partial<Record<PlotStatus, number>> = {
  in_use: 0.55,
  low_efficiency: 0.1,
  revitalizing: 0.05,
};

/**
 * Benchmarks (twice the district average) and grade cut-offs for one district, from a fixed-size
 * sample of the same indicator distribution the plots use. Plots stream, so ranking against the
 * known distribution stands in for ranking the whole district at once.
 */
export function buildDistrictGrading(seed: number, districtCode: string, samples = 8000): DistrictGrading {
  const rng = new Rng(seed, 505, Number(districtCode));
  const strength = districtStrength(districtCode);
  const drawn: PlotIndicators[] = [];
  let tax = 0;
  let sales = 0;
  let green = 0;
  for (let i = 0; i < samples; i++) {
    const ind = drawIndicators(rng, strength, rng.weighted(RATED_MIX as Record<PlotStatus, number>));
    drawn.push(ind);
    tax += ind.taxPerMu;
    sales += ind.salesPerMu;
    green += greenIndex(ind);
  }
  const base = {
    benchTax: r2((2 * tax) / samples),
    benchSales: r2((2 * sales) / samples),
    benchGreen: r3((2 * green) / samples),
    cutD: 0,
    cutC: 0,
    cutB: 0,
  };
  const scores = drawn.map((ind) => gradeScore(ind, base)).sort((a, b) => a - b);
  const at = (q: number): number => scores[Math.floor(q * (scores.length - 1))] as number;
  return { ...base, cutD: at(GRADE_CUTS.D), cutC: at(GRADE_CUTS.C), cutB: at(GRADE_CUTS.B) };
}
