// Map layer styles as typed constants: status colours, the offline basemap and the thematic layers.
import type {
  BackgroundLayerSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
} from 'maplibre-gl';
import {
  COMPLIANCE_CLASSES,
  type ComplianceClass,
  GRADES,
  type Grade,
  INEFFICIENCY_TYPES,
  type InefficiencyType,
  PLOT_STATUSES,
  type PlotStatus,
} from '../api/types.ts';

/**
 * Plot status colours. Chosen to stay distinct for common colour-vision deficiencies: the warm
 * "needs attention" classes (orange, red) differ in lightness as well as hue, and the supply classes
 * (green, blue, purple) differ from them and from each other.
 */
export const STATUS_COLORS: Readonly<Record<PlotStatus, string>> = {
  in_use: '#6b7f99',
  low_efficiency: '#f08a24',
  idle: '#d7301f',
  revitalizing: '#8856c7',
  available: '#2a9d4b',
  reserved: '#2f6fd0',
  supplied: '#4b5058',
  occupied: '#b8bec7',
};

/** Per-mu grades (亩均评价): a diverging scale from A (green) to D (red); T (not rated) neutral. */
export const GRADE_COLORS: Readonly<Record<Grade, string>> = {
  A: '#1b7837',
  B: '#7fbf7b',
  C: '#f1a340',
  D: '#b2182b',
  T: '#8d96a3',
};

/** Inefficiency types (低效用地类型), distinct hues; plots not inefficient are drawn pale. */
export const INEFFICIENCY_COLORS: Readonly<Record<InefficiencyType, string>> = {
  idle: '#d7301f',
  low_output: '#f08a24',
  low_intensity: '#d9b300',
  halted: '#7b3294',
  industry_mismatch: '#2c7fb8',
  noncompliant: '#8c510a',
  grade_d: '#c51b7d',
};

/**
 * Control-line compliance: the two breaches as an orange / purple pair (apart for common colour-vision
 * deficiencies), compliant plots a quiet green so the breaches stand out.
 */
export const COMPLIANCE_COLORS: Readonly<Record<ComplianceClass, string>> = {
  industrial_outside: '#e66101',
  nonindustrial_in_core: '#5e3c99',
  compliant: '#b7d3b0',
};

/** Plots without the themed attribute (no grade, not inefficient). */
export const UNTHEMED_COLOR = '#d5d9de';

/**
 * What colours the plots: their status or control-line compliance (everyone), or their grade or
 * inefficiency type (internal).
 */
export const PLOT_THEMES = ['status', 'grade', 'inefficiency', 'compliance'] as const;
export type PlotTheme = (typeof PLOT_THEMES)[number];
/** The themes built from public attributes only. */
export const PUBLIC_PLOT_THEMES = ['status', 'compliance'] as const satisfies readonly PlotTheme[];

/** Control lines (工业用地控制线): core solid, transitional dashed. */
export const CONTROL_LINE_COLORS = { core: '#9f1239', transitional: '#c2410c' } as const;
export const PARCEL_COLOR = '#4338ca';
/** Site finder candidates: a colour no plot theme uses. */
export const SITE_COLOR = '#db2777';

/** Basemap palette: the app draws its own offline basemap from its layers. */
export const BASEMAP_COLORS = {
  background: '#e6e9ec',
  districtFill: '#fafaf7',
  districtLine: '#7d8797',
  zoneFill: '#dff0ec',
  zoneLine: '#0f766e',
  plotLine: '#ffffff',
  selectedLine: '#111827',
} as const;

/** Which of the toggleable layers are shown. */
export interface LayerVisibility {
  districts: boolean;
  zones: boolean;
  controlLines: boolean;
  parcels: boolean;
  plots: boolean;
}

export const ALL_LAYERS_VISIBLE: LayerVisibility = {
  districts: true,
  zones: true,
  controlLines: true,
  parcels: true,
  plots: true,
};

export const LAYER_IDS = {
  background: 'background',
  basemapRaster: 'basemap-raster',
  districtFill: 'district-fill',
  districtLine: 'district-line',
  zoneFill: 'zone-fill',
  zoneLine: 'zone-line',
  plotFill: 'plot-fill',
  plotLine: 'plot-line',
  plotSelected: 'plot-selected',
  plotPicked: 'plot-picked',
  parcelFill: 'parcel-fill',
  parcelLine: 'parcel-line',
  controlLineCore: 'control-line-core',
  controlLineTransitional: 'control-line-transitional',
} as const;

export const SOURCE_IDS = {
  basemap: 'basemap',
  districts: 'districts',
  zones: 'zones',
  plots: 'plots',
  parcels: 'parcels',
  controlLines: 'control-lines',
} as const;

/** A layer as react-map-gl's <Layer> takes it: the source comes from the enclosing <Source>. */
type SourcedLayer<T> = Omit<T, 'source'>;

const statusColorExpression = [
  'match',
  ['get', 'status'],
  ...PLOT_STATUSES.flatMap((status) => [status, STATUS_COLORS[status]]),
  STATUS_COLORS.occupied,
] as unknown as ExpressionSpecification;

const gradeColorExpression = [
  'match',
  ['coalesce', ['get', 'grade'], ''],
  ...GRADES.flatMap((grade) => [grade, GRADE_COLORS[grade]]),
  UNTHEMED_COLOR,
] as unknown as ExpressionSpecification;

const inefficiencyColorExpression = [
  'match',
  ['coalesce', ['get', 'inefficiencyType'], ''],
  ...INEFFICIENCY_TYPES.flatMap((type) => [type, INEFFICIENCY_COLORS[type]]),
  UNTHEMED_COLOR,
] as unknown as ExpressionSpecification;

const complianceColorExpression = [
  'match',
  ['coalesce', ['get', 'compliance'], 'compliant'],
  ...COMPLIANCE_CLASSES.flatMap((value) => [value, COMPLIANCE_COLORS[value]]),
  COMPLIANCE_COLORS.compliant,
] as unknown as ExpressionSpecification;

/** The plot fill colour for a theme. */
export function plotColorExpression(theme: PlotTheme): ExpressionSpecification {
  switch (theme) {
    case 'status':
      return statusColorExpression;
    case 'grade':
      return gradeColorExpression;
    case 'inefficiency':
      return inefficiencyColorExpression;
    case 'compliance':
      return complianceColorExpression;
  }
}

export const backgroundLayer: BackgroundLayerSpecification = {
  id: LAYER_IDS.background,
  type: 'background',
  paint: { 'background-color': BASEMAP_COLORS.background },
};

export const districtFillLayer: SourcedLayer<FillLayerSpecification> = {
  id: LAYER_IDS.districtFill,
  type: 'fill',
  paint: { 'fill-color': BASEMAP_COLORS.districtFill, 'fill-opacity': 0.9 },
};

export const districtLineLayer: SourcedLayer<LineLayerSpecification> = {
  id: LAYER_IDS.districtLine,
  type: 'line',
  layout: { 'line-join': 'round' },
  paint: {
    'line-color': BASEMAP_COLORS.districtLine,
    'line-width': ['interpolate', ['linear'], ['zoom'], 7, 1, 12, 2],
    'line-dasharray': [3, 2],
  },
};

export const zoneFillLayer: SourcedLayer<FillLayerSpecification> = {
  id: LAYER_IDS.zoneFill,
  type: 'fill',
  paint: { 'fill-color': BASEMAP_COLORS.zoneFill, 'fill-opacity': 0.85 },
};

export const zoneLineLayer: SourcedLayer<LineLayerSpecification> = {
  id: LAYER_IDS.zoneLine,
  type: 'line',
  layout: { 'line-join': 'round' },
  paint: {
    'line-color': BASEMAP_COLORS.zoneLine,
    'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 13, 2.5],
    'line-opacity': 0.9,
  },
};

export const plotFillLayer: SourcedLayer<FillLayerSpecification> = {
  id: LAYER_IDS.plotFill,
  'source-layer': 'plots',
  type: 'fill',
  paint: {
    'fill-color': statusColorExpression,
    'fill-opacity': ['interpolate', ['linear'], ['zoom'], 8, 0.95, 14, 0.8],
  },
};

export const plotLineLayer: SourcedLayer<LineLayerSpecification> = {
  id: LAYER_IDS.plotLine,
  'source-layer': 'plots',
  type: 'line',
  minzoom: 11,
  paint: {
    'line-color': BASEMAP_COLORS.plotLine,
    'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.3, 16, 1.5],
    'line-opacity': ['interpolate', ['linear'], ['zoom'], 11, 0, 12.5, 0.9],
  },
};

/** Outline of the selected plot; the filter is set per selection. */
export const plotSelectedLayer: SourcedLayer<LineLayerSpecification> = {
  id: LAYER_IDS.plotSelected,
  'source-layer': 'plots',
  type: 'line',
  layout: { 'line-join': 'round' },
  paint: { 'line-color': BASEMAP_COLORS.selectedLine, 'line-width': 3 },
};

export function selectedPlotFilter(id: number | null): ExpressionSpecification {
  return ['==', ['id'], id ?? -1];
}

/** Plots picked with a drawn polygon: a heavy outline over whatever theme is showing. */
export const plotPickedLayer: SourcedLayer<LineLayerSpecification> = {
  id: LAYER_IDS.plotPicked,
  'source-layer': 'plots',
  type: 'line',
  layout: { 'line-join': 'round' },
  paint: { 'line-color': '#0b5cad', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1, 15, 2.5] },
};

export function pickedPlotsFilter(ids: readonly number[]): ExpressionSpecification {
  return ['in', ['id'], ['literal', ids]];
}

export const parcelFillLayer: SourcedLayer<FillLayerSpecification> = {
  id: LAYER_IDS.parcelFill,
  'source-layer': 'parcels',
  type: 'fill',
  paint: { 'fill-color': PARCEL_COLOR, 'fill-opacity': 0.08 },
};

export const parcelLineLayer: SourcedLayer<LineLayerSpecification> = {
  id: LAYER_IDS.parcelLine,
  'source-layer': 'parcels',
  type: 'line',
  layout: { 'line-join': 'round' },
  paint: {
    'line-color': PARCEL_COLOR,
    'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.2, 14, 3],
    'line-dasharray': [4, 2],
  },
};

export const controlLineCoreLayer: SourcedLayer<LineLayerSpecification> = {
  id: LAYER_IDS.controlLineCore,
  'source-layer': 'control-lines',
  type: 'line',
  filter: ['==', ['get', 'level'], 'core'],
  layout: { 'line-join': 'round' },
  paint: {
    'line-color': CONTROL_LINE_COLORS.core,
    'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.5, 14, 3.5],
  },
};

export const controlLineTransitionalLayer: SourcedLayer<LineLayerSpecification> = {
  id: LAYER_IDS.controlLineTransitional,
  'source-layer': 'control-lines',
  type: 'line',
  filter: ['==', ['get', 'level'], 'transitional'],
  layout: { 'line-join': 'round' },
  paint: {
    'line-color': CONTROL_LINE_COLORS.transitional,
    'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.2, 14, 2.5],
    'line-dasharray': [3, 2],
  },
};
