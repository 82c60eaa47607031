// The map's base style: offline by default (a plain background; districts and zones are the basemap),
// with an optional online XYZ raster basemap when VITE_BASEMAP_URL is set at build time.
import type { StyleSpecification } from 'maplibre-gl';
import { backgroundLayer, LAYER_IDS, SOURCE_IDS } from './layer-styles.ts';

export interface BasemapConfig {
  /** XYZ template, e.g. https://tile.example.org/{z}/{x}/{y}.png; must match the data's datum (not GCJ-02). */
  url?: string | undefined;
  attribution?: string | undefined;
}

export function basemapConfigFromEnv(): BasemapConfig {
  const url = import.meta.env.VITE_BASEMAP_URL?.trim();
  return {
    url: url || undefined,
    attribution: import.meta.env.VITE_BASEMAP_ATTRIBUTION?.trim() || undefined,
  };
}

// No `glyphs` or `sprite`: nothing is fetched from outside the app. Map labels are HTML markers.
export function baseStyle(config: BasemapConfig): StyleSpecification {
  if (!config.url) return { version: 8, sources: {}, layers: [backgroundLayer] };
  return {
    version: 8,
    sources: {
      [SOURCE_IDS.basemap]: {
        type: 'raster',
        tiles: [config.url],
        tileSize: 256,
        maxzoom: 18,
        ...(config.attribution ? { attribution: config.attribution } : {}),
      },
    },
    layers: [
      backgroundLayer,
      {
        id: LAYER_IDS.basemapRaster,
        type: 'raster',
        source: SOURCE_IDS.basemap,
        paint: { 'raster-opacity': 0.85 },
      },
    ],
  };
}
