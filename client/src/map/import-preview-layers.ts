// Layer styles of an import preview on the map: new plots, updated plots, rows skipped for errors
// (red, hatched), and the place of a problem the planner asked to see.
import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
} from 'maplibre-gl';

export const IMPORT_PREVIEW_SOURCE = 'import-preview';

/** Colours no plot status uses, so a preview reads apart from the plots under it. */
export const IMPORT_ACTION_COLORS = {
  insert: '#0891b2',
  update: '#7c3aed',
  skip: '#dc2626',
} as const;
export type ImportAction = keyof typeof IMPORT_ACTION_COLORS;

/** The fill pattern of skipped rows (added to the map by name when it asks for it). */
export const IMPORT_HATCH_IMAGE = 'import-hatch';

type SourcedLayer<T> = Omit<T, 'source'>;

// Outlines are MultiPolygons (newer maplibre says so, older said Polygon): anything but the point.
const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
const isOutline: ExpressionSpecification = ['!', isPoint];
const actionColor: ExpressionSpecification = [
  'match',
  ['get', 'action'],
  'insert',
  IMPORT_ACTION_COLORS.insert,
  'update',
  IMPORT_ACTION_COLORS.update,
  IMPORT_ACTION_COLORS.skip,
];

export const importFillLayer: SourcedLayer<FillLayerSpecification> = {
  id: 'import-preview-fill',
  type: 'fill',
  filter: ['all', isOutline, ['!=', ['get', 'action'], 'skip']],
  paint: { 'fill-color': actionColor, 'fill-opacity': 0.35 },
};

export const importSkipFillLayer: SourcedLayer<FillLayerSpecification> = {
  id: 'import-preview-skip',
  type: 'fill',
  filter: ['all', isOutline, ['==', ['get', 'action'], 'skip']],
  paint: { 'fill-pattern': IMPORT_HATCH_IMAGE },
};

export const importLineLayer: SourcedLayer<LineLayerSpecification> = {
  id: 'import-preview-line',
  type: 'line',
  filter: isOutline,
  layout: { 'line-join': 'round' },
  paint: { 'line-color': actionColor, 'line-width': 2.5 },
};

export const importPointLayer: SourcedLayer<CircleLayerSpecification> = {
  id: 'import-preview-point',
  type: 'circle',
  filter: isPoint,
  paint: {
    'circle-radius': 7,
    'circle-color': IMPORT_ACTION_COLORS.skip,
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 2.5,
  },
};

/** Red diagonal hatching, `size` pixels square, tiling seamlessly (RGBA, as map.addImage takes it). */
export function hatchImage(size = 8): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % size < 2;
      const at = (y * size + x) * 4;
      // #dc2626, opaque on the stripe and faintly tinted between, so a skipped area still reads as one.
      data.set(on ? [220, 38, 38, 255] : [220, 38, 38, 40], at);
    }
  }
  return { width: size, height: size, data };
}
