// ECharts options for the dashboard's charts, built from the API's figures (pure functions).

import type { BarSeriesOption, FunnelSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { TFunction } from 'i18next';
import type {
  Dashboard,
  DashboardFigures,
  RevitalizationMonth,
} from '../../../../server/src/dashboard/schemas.ts';
import { formatNumber } from '../../i18n/format.ts';
import { INEFFICIENCY_COLORS, PARCEL_COLOR, STATUS_COLORS } from '../../map/layer-styles.ts';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | FunnelSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/** A row of a by-district or by-zone chart: its key, its name in the current language, its figures. */
export interface Group {
  key: string;
  name: string;
  figures: DashboardFigures;
}

export const CHART_STATUSES = [
  'in_use',
  'low_efficiency',
  'idle',
  'revitalizing',
  'available',
  'reserved',
  'supplied',
] as const;
export const CHART_INEFFICIENCY_TYPES = [
  'idle',
  'low_output',
  'low_intensity',
  'halted',
  'industry_mismatch',
  'noncompliant',
  'grade_d',
  'unclassified',
] as const satisfies readonly (keyof DashboardFigures['byInefficiencyType'])[];
export const STAGES = ['talks', 'signed', 'started', 'producing'] as const;

/** Inefficient plots with no type: a grey dark enough to carry a white label. */
const UNCLASSIFIED_COLOR = '#8a94a0';
const FONT =
  'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
const TEXT = { fontFamily: FONT, color: '#1f2933' };

const mu = (language: string) => (value: unknown) =>
  typeof value === 'number' ? `${formatNumber(language, value, 1)}` : String(value ?? '');

const compactFormats = new Map<string, Intl.NumberFormat>();
/** Axis numbers short enough for a phone: 3万 / 30K. */
function compact(language: string, value: number): string {
  let format = compactFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: 1 });
    compactFormats.set(language, format);
  }
  return format.format(value);
}

/** Pixels a horizontal bar chart needs for `rows` rows, legend included. */
export function barHeight(rows: number): number {
  return Math.max(220, 70 + rows * 30);
}

function horizontalBars(
  groups: Group[],
  language: string,
  series: { name: string; color: string; value: (figures: DashboardFigures) => number }[],
  stacked: boolean,
): ChartOption {
  return {
    textStyle: TEXT,
    animationDuration: 300,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: mu(language) },
    legend: { type: 'scroll', bottom: 0, textStyle: TEXT },
    grid: { left: 8, right: 24, top: 8, bottom: 36, containLabel: true },
    xAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => compact(language, v), hideOverlap: true },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: groups.map((g) => g.name),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      ...(stacked ? { stack: 'area' } : {}),
      barMaxWidth: 22,
      itemStyle: { color: s.color },
      data: groups.map((g) => s.value(g.figures)),
    })),
  };
}

/** Land by status (mu), a stacked bar per district or zone. */
export function statusChart(groups: Group[], t: TFunction, language: string): ChartOption {
  return horizontalBars(
    groups,
    language,
    CHART_STATUSES.map((status) => ({
      name: t(`status.${status}`),
      color: STATUS_COLORS[status],
      value: (f) => f.byStatus[status].areaMu,
    })),
    true,
  );
}

/** Available land, contiguous parcels and land held by active reservations (mu), side by side. */
export function supplyChart(groups: Group[], t: TFunction, language: string): ChartOption {
  return horizontalBars(
    groups,
    language,
    [
      {
        name: t('status.available'),
        color: STATUS_COLORS.available,
        value: (f) => f.byStatus.available.areaMu,
      },
      { name: t('dashboard.series.parcels'), color: PARCEL_COLOR, value: (f) => f.parcels.areaMu },
      {
        name: t('dashboard.series.reserved'),
        color: STATUS_COLORS.reserved,
        value: (f) => f.reservations.areaMu,
      },
    ],
    false,
  );
}

/** Inefficient land by type (mu), as a ring. */
export function inefficiencyChart(totals: DashboardFigures, t: TFunction, language: string): ChartOption {
  return {
    textStyle: TEXT,
    animationDuration: 300,
    tooltip: {
      trigger: 'item',
      valueFormatter: (value) => `${mu(language)(value)} ${t('dashboard.unit.muShort')}`,
    },
    legend: { type: 'scroll', bottom: 0, textStyle: TEXT },
    series: [
      {
        type: 'pie',
        radius: ['38%', '66%'],
        center: ['50%', '44%'],
        avoidLabelOverlap: true,
        // Shares inside the ring, where they fit; the legend and the tables carry the rest.
        label: { position: 'inside', formatter: '{d}%', fontFamily: FONT, fontSize: 11, color: '#fff' },
        labelLayout: { hideOverlap: true },
        data: CHART_INEFFICIENCY_TYPES.filter((type) => totals.byInefficiencyType[type].areaMu > 0).map(
          (type) => ({
            name: type === 'unclassified' ? t('dashboard.unclassified') : t(`inefficiencyType.${type}`),
            value: totals.byInefficiencyType[type].areaMu,
            itemStyle: { color: type === 'unclassified' ? UNCLASSIFIED_COLOR : INEFFICIENCY_COLORS[type] },
          }),
        ),
      },
    ],
  };
}

/** Revitalized area per month (mu), stacked by district or zone. */
export function revitalizationChart(
  months: RevitalizationMonth[],
  groups: Group[],
  mode: 'district' | 'zone',
  language: string,
): ChartOption {
  const valueFor = (month: RevitalizationMonth, key: string) =>
    mode === 'district'
      ? (month.byDistrict.find((d) => d.districtCode === key)?.areaMu ?? 0)
      : (month.byZone.find((z) => String(z.zoneId) === key)?.areaMu ?? 0);
  const active = groups.filter((g) => g.figures.revitalized.count > 0);
  return {
    textStyle: TEXT,
    animationDuration: 300,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: mu(language) },
    legend: { type: 'scroll', bottom: 0, textStyle: TEXT },
    grid: { left: 8, right: 16, top: 16, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => compact(language, v), hideOverlap: true },
    },
    series: active.map((g) => ({
      type: 'bar',
      stack: 'area',
      name: g.name,
      barMaxWidth: 28,
      data: months.map((m) => valueFor(m, g.key)),
    })),
  };
}

/** Projects that reached each stage: a funnel (a project producing has also signed and started). */
export function funnelChart(
  projects: DashboardFigures['projects'],
  t: TFunction,
  language: string,
): ChartOption {
  const counts = STAGES.map((stage) => projects.byStage[stage].count);
  return {
    textStyle: TEXT,
    animationDuration: 300,
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const { dataIndex } = params as { dataIndex: number };
        const stage = STAGES[dataIndex]!;
        return t('dashboard.funnelTooltip', {
          stage: t(`project.stage.${stage}`),
          reached: formatNumber(
            language,
            counts.slice(dataIndex).reduce((a, b) => a + b, 0),
          ),
          atStage: formatNumber(language, projects.byStage[stage].count),
          investment: formatNumber(language, projects.byStage[stage].investmentYi, 1),
        });
      },
    },
    color: ['#9bb7e0', '#5f8fd6', '#2f6fd0', '#1d4f9e'],
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '8%',
        width: '84%',
        top: 8,
        bottom: 8,
        minSize: '24%',
        label: { position: 'inside', formatter: '{b}  {c}', fontFamily: FONT, color: '#fff' },
        data: STAGES.map((stage, i) => ({
          name: t(`project.stage.${stage}`),
          value: counts.slice(i).reduce((a, b) => a + b, 0),
        })),
      },
    ],
  };
}

export type { Dashboard };
