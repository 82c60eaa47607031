// Map layer styles as typed constants: status colours, the offline basemap and the thematic layers.
import type {
  BackgroundLayerSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
} from 'maplibre-gl';
import { PLOT_STATUSES, type PlotStatus } from '../api/types.ts';

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
  plots: boolean;
}

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
} as const;

export const SOURCE_IDS = {
  basemap: 'basemap',
  districts: 'districts',
  zones: 'zones',
  plots: 'plots',
} as const;

/** A layer as react-map-gl's <Layer> takes it: the source comes from the enclosing <Source>. */
type SourcedLayer<T> = Omit<T, 'source'>;

const statusColorExpression = [
  'match',
  ['get', 'status'],
  ...PLOT_STATUSES.flatMap((status) => [status, STATUS_COLORS[status]]),
  STATUS_COLORS.occupied,
] as unknown as ExpressionSpecification;

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
