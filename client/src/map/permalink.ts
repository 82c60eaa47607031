// The map's state in the URL, so a reload or a shared link reproduces what one sees:
// ?map=zoom/lat/lon&layers=districts,zones,lines,parcels,plots&theme=grade&plot=123&status=…&zone=…
// &draw=lon,lat;lon,lat;… (an area drawn to select plots)
import type { LngLat } from '../geo/measure.ts';
import { type LayerVisibility, PLOT_THEMES, type PlotTheme } from './layer-styles.ts';
import { type PlotFilter, parseFilter, writeFilter } from './plot-filter.ts';

export interface MapCamera {
  zoom: number;
  latitude: number;
  longitude: number;
}

export interface Permalink {
  view: MapCamera | null;
  layers: LayerVisibility | null;
  plotId: number | null;
  filter: PlotFilter;
  /** Plot colouring; 'status' (the default) is left out of the URL. */
  theme: PlotTheme;
  /** A drawn selection area: a closed ring, lon/lat. */
  selection: LngLat[] | null;
}

const MAX_DRAWN_POINTS = 200;

function parseRing(text: string | null): LngLat[] | null {
  if (!text) return null;
  const points = text.split(';').map((pair) => pair.split(',').map(Number));
  if (points.length < 4 || points.length > MAX_DRAWN_POINTS) return null;
  const ring: LngLat[] = [];
  for (const point of points) {
    const [lon, lat] = point;
    if (point.length !== 2 || lon === undefined || lat === undefined) return null;
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 85.06)
      return null;
    ring.push([lon, lat]);
  }
  const [first, last] = [ring[0]!, ring.at(-1)!];
  return first[0] === last[0] && first[1] === last[1] ? ring : null;
}

/** URL name of each layer, in the order they are written. */
const LAYER_NAMES: [keyof LayerVisibility, string][] = [
  ['districts', 'districts'],
  ['zones', 'zones'],
  ['controlLines', 'lines'],
  ['parcels', 'parcels'],
  ['plots', 'plots'],
];

function finite(text: string | undefined, min: number, max: number): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= min && value <= max ? value : null;
}

/** Reads a permalink; anything malformed is ignored rather than breaking the map. */
export function parsePermalink(search: string): Permalink {
  const params = new URLSearchParams(search);
  let view: MapCamera | null = null;
  const parts = params.get('map')?.split('/');
  if (parts?.length === 3) {
    const zoom = finite(parts[0], 0, 22);
    const latitude = finite(parts[1], -85.06, 85.06);
    const longitude = finite(parts[2], -180, 180);
    if (zoom !== null && latitude !== null && longitude !== null) view = { zoom, latitude, longitude };
  }
  let layers: LayerVisibility | null = null;
  const layerText = params.get('layers');
  if (layerText !== null) {
    const shown = new Set(layerText.split(',').filter(Boolean));
    layers = Object.fromEntries(
      LAYER_NAMES.map(([key, name]) => [key, shown.has(name)]),
    ) as unknown as LayerVisibility;
  }
  const themeText = params.get('theme');
  const theme = PLOT_THEMES.find((name) => name === themeText) ?? 'status';
  const plot = finite(params.get('plot') ?? undefined, 1, Number.MAX_SAFE_INTEGER);
  return {
    view,
    layers,
    plotId: plot !== null && Number.isInteger(plot) ? plot : null,
    filter: parseFilter(params),
    theme,
    selection: parseRing(params.get('draw')),
  };
}

/** Writes a permalink, keeping any other query parameters the page has. */
export function formatPermalink(state: Permalink, search = ''): string {
  const params = new URLSearchParams(search);
  if (state.view) {
    const { zoom, latitude, longitude } = state.view;
    // Decimals enough for a metre at the zoom shown.
    const digits = Math.max(4, Math.min(7, Math.ceil(zoom / 3) + 1));
    params.set('map', `${zoom.toFixed(2)}/${latitude.toFixed(digits)}/${longitude.toFixed(digits)}`);
  }
  if (state.layers) {
    const layers = state.layers;
    params.set(
      'layers',
      LAYER_NAMES.filter(([key]) => layers[key])
        .map(([, name]) => name)
        .join(','),
    );
  }
  if (state.theme === 'status') params.delete('theme');
  else params.set('theme', state.theme);
  // Five decimals: about a metre, enough for an area drawn by hand.
  if (state.selection) {
    params.set('draw', state.selection.map(([lon, lat]) => `${lon.toFixed(5)},${lat.toFixed(5)}`).join(';'));
  } else params.delete('draw');
  if (state.plotId !== null) params.set('plot', String(state.plotId));
  else params.delete('plot');
  writeFilter(state.filter, params);
  const text = params.toString().replaceAll('%2F', '/').replaceAll('%2C', ',').replaceAll('%3B', ';');
  return text ? `?${text}` : '';
}
