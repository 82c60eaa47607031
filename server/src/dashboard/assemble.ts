// Turns the dashboard query's rows into the response: figures for the scope, each district, each zone.
import { PLOT_STATUSES } from '../plots/schemas.ts';
import { PROJECT_STAGES } from '../projects/schemas.ts';
import type { DashboardScope, FigureRow, Reference, ReviewRow } from './queries.ts';
import {
  DASHBOARD_INEFFICIENCY_TYPES,
  type Dashboard,
  type DashboardFigures,
  INEFFICIENT_STATUSES,
  type RevitalizationMonth,
  type Tally,
} from './schemas.ts';

const tally = (): Tally => ({ count: 0, areaMu: 0 });
const keyed = <K extends string, V>(keys: readonly K[], make: () => V) =>
  Object.fromEntries(keys.map((key) => [key, make()])) as Record<K, V>;

export function emptyFigures(): DashboardFigures {
  return {
    plots: tally(),
    byStatus: keyed(PLOT_STATUSES, tally),
    inefficient: tally(),
    byInefficiencyType: keyed(DASHBOARD_INEFFICIENCY_TYPES, tally),
    revitalized: tally(),
    parcels: tally(),
    reservations: { count: 0, plotCount: 0, areaMu: 0, expiringSoon: 0 },
    projects: {
      count: 0,
      investmentYi: 0,
      byStage: keyed(PROJECT_STAGES, () => ({ count: 0, investmentYi: 0 })),
    },
    reviews: { due: 0, overdue: 0 },
  };
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** Puts one measure into a scope's figures; month measures go to `months` instead. */
function put(figures: DashboardFigures, row: FigureRow, months: Map<string, Tally>, sample: { n: number }) {
  const { measure, n, amount } = row;
  const [kind, key = ''] = measure.split(/\.(.*)/s, 2) as [string, string?];
  switch (kind) {
    case 'plots':
      figures.plots = { count: n, areaMu: amount };
      return;
    case 'sample':
      sample.n = n;
      return;
    case 'status':
      if (isOneOf(PLOT_STATUSES, key)) figures.byStatus[key] = { count: n, areaMu: amount };
      return;
    case 'inefficient':
      figures.inefficient = { count: n, areaMu: amount };
      return;
    case 'type':
      if (isOneOf(DASHBOARD_INEFFICIENCY_TYPES, key))
        figures.byInefficiencyType[key] = { count: n, areaMu: amount };
      return;
    case 'revitalized':
      figures.revitalized = { count: n, areaMu: amount };
      return;
    case 'month':
      months.set(key, { count: n, areaMu: amount });
      return;
    case 'parcels':
      figures.parcels = { count: n, areaMu: amount };
      return;
    case 'reservations':
      if (key === '') figures.reservations.count = n;
      else if (key === 'plots') Object.assign(figures.reservations, { plotCount: n, areaMu: amount });
      else if (key === 'expiring') figures.reservations.expiringSoon = n;
      return;
    case 'projects':
      figures.projects.count = n;
      figures.projects.investmentYi = amount;
      return;
    case 'stage':
      if (isOneOf(PROJECT_STAGES, key)) figures.projects.byStage[key] = { count: n, investmentYi: amount };
      return;
    case 'review':
      if (key === 'due' || key === 'overdue') figures.reviews[key] = n;
      return;
  }
}

/** The months charted, oldest first: `count` months ending with `current` (YYYY-MM). */
export function monthsEnding(current: string, count: number): string[] {
  const [year, month] = current.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

interface Bucket {
  figures: DashboardFigures;
  months: Map<string, Tally>;
  sample: { n: number };
}
const bucket = (): Bucket => ({ figures: emptyFigures(), months: new Map(), sample: { n: 0 } });

export function assembleDashboard(input: {
  rows: FigureRow[];
  reviews: ReviewRow[];
  reference: Reference;
  scope: DashboardScope;
  requested: { districtCode: string | null; zoneId: number | null };
  forcedZones: number[] | null;
}): Dashboard {
  const { rows, reference, scope } = input;
  const total = bucket();
  const districts = new Map<string, Bucket>();
  const zones = new Map<number | null, Bucket>();
  for (const row of rows) {
    let target = total;
    if (row.level === 'district') {
      const code = row.district_code!;
      target = districts.get(code) ?? bucket();
      districts.set(code, target);
    } else if (row.level === 'zone') {
      target = zones.get(row.zone_id) ?? bucket();
      zones.set(row.zone_id, target);
    }
    put(target.figures, row, target.months, target.sample);
  }

  // Every district and zone the scope covers is listed, with zeros where it has nothing.
  const zoneInScope = (zone: Reference['zones'][number]) =>
    (scope.zoneIds === null || scope.zoneIds.includes(zone.id)) &&
    (scope.districtCode === null || zone.districtCode === scope.districtCode);
  const scopedZones = reference.zones.filter(zoneInScope);
  const districtInScope = (code: string) =>
    districts.has(code) ||
    (scope.districtCode === null
      ? scope.zoneIds === null || scopedZones.some((zone) => zone.districtCode === code)
      : code === scope.districtCode);
  const byDistrict = reference.districts
    .filter((district) => districtInScope(district.code))
    .map((district) => ({
      districtCode: district.code,
      name: district.name,
      nameEn: district.nameEn,
      figures: districts.get(district.code)?.figures ?? emptyFigures(),
    }));
  const byZone: Dashboard['byZone'] = reference.zones
    .filter((zone) => zoneInScope(zone) || zones.has(zone.id))
    .map((zone) => ({
      zoneId: zone.id,
      code: zone.code,
      name: zone.name,
      nameEn: zone.nameEn,
      districtCode: zone.districtCode,
      figures: zones.get(zone.id)?.figures ?? emptyFigures(),
    }));
  const outside = zones.get(null);
  if (outside) {
    byZone.push({
      zoneId: null,
      code: null,
      name: null,
      nameEn: null,
      districtCode: null,
      figures: outside.figures,
    });
  }

  const revitalization: RevitalizationMonth[] = monthsEnding(
    reference.currentMonth,
    reference.settings.months,
  ).map((month) => ({
    month,
    ...(total.months.get(month) ?? tally()),
    byDistrict: [...districts]
      .filter(([, b]) => b.months.has(month))
      .map(([districtCode, b]) => ({ districtCode, ...b.months.get(month)! })),
    byZone: [...zones]
      .filter(([, b]) => b.months.has(month))
      .map(([zoneId, b]) => ({ zoneId, ...b.months.get(month)! })),
  }));

  const settings = reference.settings;
  return {
    scope: {
      districtCode: input.requested.districtCode,
      zoneId: input.requested.zoneId,
      zoneIds: input.forcedZones,
    },
    isSample: reference.citySample || total.sample.n > 0,
    generatedAt: new Date().toISOString(),
    definitions: {
      inefficientStatuses: [...INEFFICIENT_STATUSES],
      revitalizedFrom: settings.revitalizedFrom,
      revitalizedTo: settings.revitalizedTo,
      months: settings.months,
      timeZone: settings.timeZone,
      expiringWithinDays: settings.expiringWithinDays,
    },
    totals: total.figures,
    byDistrict,
    byZone,
    revitalization,
    reviews: input.reviews,
  };
}
