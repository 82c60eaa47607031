// A plot's non-geometric attributes: land use, occupant, indicators and grade, servicing, price and revitalization plan.
import { type DistrictGrading, districtStrength, drawIndicators, gradeOf, gradeScore } from './grading.ts';
import { INDUSTRIES } from './huaian-facts.ts';
import { enterpriseName } from './names.ts';
import type { Rng } from './prng.ts';
import { dateFromReference } from './reference-date.ts';
import {
  type InefficiencyType,
  type PlotIndicators,
  type PlotRecord,
  type PlotStatus,
  REVITALIZATION_MEASURES,
  type RevitalizationMeasure,
  type RevitalizationPlanRecord,
  type ServicingItem,
} from './types.ts';
import type { ZonePlan } from './zone-layout.ts';

export type PlotAttributes = Omit<PlotRecord, 'code' | 'zoneCode' | 'districtCode' | 'geom' | 'status'>;

const INDUSTRIAL_USE: Record<string, number> = {
  '100102': 0.46,
  '100101': 0.28,
  '1001': 0.16,
  '100103': 0.1,
};
const NON_INDUSTRIAL_USE: Record<string, number> = { '1101': 0.45, '0901': 0.25, '0701': 0.15, '1401': 0.15 };

/** 七通一平: seven connections plus site levelling; 五通一平 and 九通一平 also occur. */
const SEVEN_AND_LEVELLED: ServicingItem[] = [
  'road',
  'power',
  'water',
  'drainage',
  'telecom',
  'gas',
  'heat',
  'levelled',
];
const FIVE_AND_LEVELLED: ServicingItem[] = ['road', 'power', 'water', 'drainage', 'telecom', 'levelled'];
const NINE_AND_LEVELLED: ServicingItem[] = [
  'road',
  'power',
  'water',
  'drainage',
  'sewage',
  'telecom',
  'gas',
  'heat',
  'cable',
  'levelled',
];
const BUILT: ServicingItem[] = [
  'road',
  'power',
  'water',
  'drainage',
  'sewage',
  'telecom',
  'gas',
  'heat',
  'cable',
];

const MEASURES_BY_STATUS: Partial<Record<PlotStatus, RevitalizationMeasure[]>> = {
  idle: ['take_back', 'reserve_purchase', 'judicial_sale', 'transfer', 'swap'],
  low_efficiency: ['owner_upgrade', 'merger', 'transfer', 'lease', 'split_sale', 'change_of_use'],
  revitalizing: [...REVITALIZATION_MEASURES],
};

const PROGRESS: readonly { text: string; min: number; max: number }[] = [
  { text: '已完成现状调查和权属核实', min: 5, max: 20 },
  { text: '已制定一地一策方案，正在与企业协商', min: 15, max: 35 },
  { text: '已签订收回（置换）协议，正在办理补偿', min: 35, max: 60 },
  { text: '技改项目已备案，正在施工', min: 40, max: 75 },
  { text: '已完成地上物清理，准备入库或挂牌', min: 70, max: 95 },
];

function servicingFor(rng: Rng, status: PlotStatus): ServicingItem[] {
  if (status === 'available' || status === 'reserved') {
    const u = rng.next();
    if (u < 0.75) return SEVEN_AND_LEVELLED.slice();
    if (u < 0.9) return FIVE_AND_LEVELLED.slice();
    return NINE_AND_LEVELLED.slice();
  }
  return BUILT.filter((_item, i) => i < 4 || rng.chance(0.75 - i * 0.05));
}

function inefficiencyFor(rng: Rng, ind: PlotIndicators, graded: string | null): InefficiencyType {
  // Mirrors Huai'an's criteria: grade D, tax or sales per mu too low, too little investment, or other failings.
  if (graded === 'D' && rng.chance(0.6)) return 'grade_d';
  if ((ind.taxPerMu < 6 || ind.salesPerMu < 200) && rng.chance(0.7)) return 'low_output';
  if (ind.investmentIntensity < 250 && rng.chance(0.6)) return 'low_intensity';
  return rng.pick(['halted', 'industry_mismatch', 'noncompliant', 'low_output'] as const);
}

function revitalizationFor(rng: Rng, zone: ZonePlan, status: PlotStatus): RevitalizationPlanRecord | null {
  const chance =
    status === 'revitalizing' ? 1 : status === 'idle' ? 0.45 : status === 'low_efficiency' ? 0.3 : 0;
  if (!rng.chance(chance)) return null;
  const measures = MEASURES_BY_STATUS[status] ?? [];
  const district = zone.district.name;
  const responsibleUnit = rng.pick([
    `${district}自然资源和规划局 (示例)`,
    `${district}工业和信息化局 (示例)`,
    `${zone.record.name}管理委员会 (示例)`,
  ]);
  const step = status === 'revitalizing' ? rng.pick(PROGRESS) : rng.pick(PROGRESS.slice(0, 2));
  return {
    measure: rng.pick(measures),
    responsibleUnit,
    targetDate: dateFromReference(rng.int(60, 720)),
    progress: step.text,
    progressPct: rng.int(step.min, step.max),
  };
}

function guidePriceFor(rng: Rng, zone: ZonePlan): number {
  const [lo, hi] =
    zone.record.level === 'national' ? [32, 60] : zone.record.level === 'provincial' ? [22, 42] : [15, 30];
  return Math.round(rng.range(lo, hi) * 2) / 2;
}

/** Draws everything about a plot except its code and geometry, given its status and place. */
export function plotAttributes(
  rng: Rng,
  zone: ZonePlan,
  grading: DistrictGrading,
  status: PlotStatus,
): PlotAttributes {
  const industrial = status !== 'in_use' || !rng.chance(0.05);
  const landUseCode = rng.weighted(industrial ? INDUSTRIAL_USE : NON_INDUSTRIAL_USE);
  const industry = rng.chance(0.8) ? rng.pick(zone.record.industries) : rng.pick(INDUSTRIES);
  const hasEnterprise = status !== 'available' && status !== 'reserved';
  const enterprise = hasEnterprise ? enterpriseName(rng, industry, landUseCode) : null;
  const indicators = hasEnterprise ? drawIndicators(rng, districtStrength(zone.district.code), status) : null;

  // T (not rated): not yet producing, non-industrial occupants, and a few utilities or young firms.
  const rated =
    indicators !== null && industrial && status !== 'idle' && status !== 'supplied' && !rng.chance(0.05);
  const score = rated && indicators ? gradeScore(indicators, grading) : null;
  const grade = score !== null ? gradeOf(score, grading) : indicators ? 'T' : null;

  let inefficiencyType: InefficiencyType | null = null;
  if (status === 'idle') inefficiencyType = 'idle';
  else if (status === 'low_efficiency' && indicators)
    inefficiencyType = inefficiencyFor(rng, indicators, grade);
  else if (status === 'revitalizing' && indicators && rng.chance(0.6))
    inefficiencyType = inefficiencyFor(rng, indicators, grade);

  return {
    landUseCode,
    enterpriseName: enterprise,
    inefficiencyType,
    contractedStartDate: status === 'idle' ? dateFromReference(-rng.int(365, 4 * 365)) : null,
    indicators,
    grade,
    gradeScore: score,
    servicing: servicingFor(rng, status),
    guidePrice: status === 'available' ? guidePriceFor(rng, zone) : null,
    revitalization: revitalizationFor(rng, zone, status),
  };
}
