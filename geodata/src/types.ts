// The sample city's records: what the generator yields and the seeder writes, one per table row.
import type { MultiPolygon } from 'geojson';

export type PlotStatus =
  | 'in_use'
  | 'low_efficiency'
  | 'idle'
  | 'revitalizing'
  | 'available'
  | 'reserved'
  | 'supplied';

export type InefficiencyType =
  | 'idle'
  | 'low_output'
  | 'low_intensity'
  | 'halted'
  | 'industry_mismatch'
  | 'noncompliant'
  | 'grade_d';

export type ServicingItem =
  | 'road'
  | 'power'
  | 'water'
  | 'drainage'
  | 'sewage'
  | 'telecom'
  | 'gas'
  | 'heat'
  | 'cable'
  | 'levelled';

export type ZoneLevel = 'national' | 'provincial' | 'other';
export type ControlLineLevel = 'core' | 'transitional';
export type ProjectStage = 'talks' | 'signed' | 'started' | 'producing';
export type Grade = 'A' | 'B' | 'C' | 'D' | 'T';
/** 一地一策 measures (DOMAIN.md); the database's check constraint lists the same. */
export const REVITALIZATION_MEASURES = [
  'take_back',
  'reserve_purchase',
  'swap',
  'owner_upgrade',
  'merger',
  'transfer',
  'judicial_sale',
  'change_of_use',
  'split_sale',
  'lease',
] as const;
export type RevitalizationMeasure = (typeof REVITALIZATION_MEASURES)[number];

export interface DistrictRecord {
  code: string; // 6-digit admin code
  name: string;
  nameEn: string;
  geom: MultiPolygon;
}

export interface ZoneRecord {
  code: string; // stable short code, e.g. "HA-ETDZ"
  name: string;
  nameEn: string;
  level: ZoneLevel;
  districtCode: string;
  industries: string[]; // 2–3 leading industries, Chinese names of the "7+3" clusters
  contact: { department: string; departmentEn: string; phone: string; email: string }; // synthetic, no real person
  geom: MultiPolygon;
}

export interface ControlLineRecord {
  code: string;
  name: string;
  level: ControlLineLevel;
  version: string;
  effectiveDate: string; // YYYY-MM-DD
  districtCode: string;
  geom: MultiPolygon;
}

export interface PlotIndicators {
  investmentIntensity: number; // 万元/亩
  taxPerMu: number; // 万元/亩·年
  salesPerMu: number; // 万元/亩·年
  plotRatio: number;
  valueAddedRate: number; // 0..1
  rdShare: number; // 0..1
  energyPerValueAdded: number; // 吨标煤/万元
}

export interface RevitalizationPlanRecord {
  measure: RevitalizationMeasure;
  responsibleUnit: string;
  targetDate: string; // YYYY-MM-DD
  progress: string;
  progressPct: number;
}

export interface PlotRecord {
  code: string; // unique, e.g. "320891-ETDZ-00001"
  zoneCode: string;
  districtCode: string;
  geom: MultiPolygon; // EPSG:4326, valid, inside its zone
  landUseCode: string; // from land_use_classes (mostly 1001/100101/100102/100103)
  enterpriseName: string | null; // synthetic; null for available land
  status: PlotStatus;
  inefficiencyType: InefficiencyType | null; // set for idle / low_efficiency (and some revitalizing)
  contractedStartDate: string | null; // YYYY-MM-DD, set for idle plots
  indicators: PlotIndicators | null; // null where there is no enterprise
  grade: Grade | null;
  gradeScore: number | null;
  servicing: ServicingItem[];
  guidePrice: number | null; // 万元/亩, for available land
  revitalization: RevitalizationPlanRecord | null; // for revitalizing and some inefficient plots
}

export interface ProjectRecord {
  code: string;
  name: string;
  investor: string; // synthetic company name
  industry: string;
  investmentYi: number; // 亿元
  landDemandMu: number;
  stage: ProjectStage;
  zoneCode: string;
  signedAt: string | null; // ISO timestamp; null only in stage 'talks'
}

export interface SampleCityOptions {
  seed?: number; // default 20261125
  plots?: number; // target plot count, default 10_000; up to 1_000_000
}

export interface SampleCity {
  /** The city the sample describes; stored as data so no code names it. */
  city: { name: string; nameEn: string };
  districts: DistrictRecord[];
  zones: ZoneRecord[];
  controlLines: ControlLineRecord[];
  projects: ProjectRecord[];
  /** Exactly how many records `plots()` yields, known before streaming (for progress reporting). */
  plotCount: number;
  /** Streams the plots in a fixed order; memory stays bounded at any count. */
  plots(): Generator<PlotRecord>;
}
