// Sites as the investor map draws them, and what picking one on the map does.
import { useCallback } from 'react';
import { useLocation } from 'wouter';
import type { SiteFeature } from '../../api/invest.ts';
import type { MapSites, SiteRef } from './invest-map.tsx';
import { sitePath } from './site-card.tsx';

/** The cards' features reduced to what the map needs: the outline and which site it is. */
export function toMapSites(features: readonly SiteFeature[]): MapSites {
  return {
    type: 'FeatureCollection',
    features: features.map((feature) => ({
      type: 'Feature',
      id: feature.id,
      properties: { kind: feature.properties.kind, id: feature.properties.id },
      geometry: feature.geometry,
    })),
  };
}

/** Opens a site's page when it is picked on the map. */
export function useOpenSite(): (site: SiteRef) => void {
  const [, navigate] = useLocation();
  return useCallback((site: SiteRef) => navigate(sitePath(site)), [navigate]);
}
