// The investor view's map (loaded lazily, after the first content): available sites or one site's
// outline over the offline basemap of districts and zones; it can hand the brochure a picture of itself.

import { useQuery } from '@tanstack/react-query';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { ExpressionSpecification, Map as MaplibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import MapGL, {
  Layer,
  type MapLayerMouseEvent,
  NavigationControl,
  ScaleControl,
  Source,
} from 'react-map-gl/maplibre';
import 'maplibre-gl/dist/maplibre-gl.css';
import { api } from '../../api/client.ts';
import { queryKeys } from '../../api/queries.ts';
import type { BBox } from '../../api/types.ts';
import { basemapConfigFromEnv, baseStyle } from '../../map/basemap-style.ts';
import {
  districtFillLayer,
  districtLineLayer,
  PARCEL_COLOR,
  SITE_COLOR,
  STATUS_COLORS,
  zoneFillLayer,
  zoneLineLayer,
} from '../../map/layer-styles.ts';
import { MapLabels } from '../../map/map-labels.tsx';
import { maplibregl } from '../../map/maplibre.ts';
import type { AreaGeometry } from './outline-path.ts';

declare global {
  interface Window {
    /** The investor view's map: browser tests read what its sources hold. */
    __landAtlasInvestMap?: MaplibreMap;
  }
}

export type SiteRef = { kind: 'plot' | 'parcel'; id: number };
export type MapSites = FeatureCollection<MultiPolygon, SiteRef>;

export interface InvestMapProps {
  /** Sites to draw: plots green, contiguous parcels indigo; each can be picked. */
  sites?: MapSites | null;
  highlightId?: number | null;
  onPick?: (site: SiteRef) => void;
  /** The page's own site or zone: outlined and framed. */
  focus?: { geometry: AreaGeometry; bbox: BBox; kind: 'site' | 'zone' } | null;
  /** What to frame without a focus or sites (the city's extent). */
  bounds: BBox | null;
  /** Frames the sites again when it changes (a new filter). */
  frameKey?: string;
  /** The map as a PNG once it has settled on its framing (the brochure's picture). */
  onSnapshot?: (image: string) => void;
  /** Filled with a function that frames the focus again and answers a fresh picture (printing). */
  captureRef?: { current: (() => Promise<string | null>) | null };
  /** A map inside a scrolling page: on a phone one finger scrolls the page and two move the map. */
  cooperative?: boolean;
}

/** The sites' source: browser tests read what it holds. */
const SITES_SOURCE = 'invest-sites';
const SITE_FILL = 'invest-site-fill';
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const SITE_COLOR_BY_KIND: ExpressionSpecification = [
  'match',
  ['get', 'kind'],
  'parcel',
  PARCEL_COLOR,
  STATUS_COLORS.available,
];

function boundsOf(collection: MapSites): BBox | null {
  let box: BBox | null = null;
  for (const feature of collection.features) {
    for (const point of feature.geometry.coordinates.flat(2)) {
      const [lon = 0, lat = 0] = point;
      box = box
        ? [Math.min(box[0], lon), Math.min(box[1], lat), Math.max(box[2], lon), Math.max(box[3], lat)]
        : [lon, lat, lon, lat];
    }
  }
  return box;
}

/** Room around what is framed: a site is shown with its surroundings, a set of sites fills the view. */
const padding = (map: MaplibreMap, roomy: boolean) => {
  const { clientWidth, clientHeight } = map.getContainer();
  const side = Math.min(clientWidth, clientHeight);
  return roomy ? Math.round(side / 4) : Math.max(12, Math.min(48, Math.round(side / 8)));
};

/** Resolves once the map has drawn everything it was asked to (or after `ms`, whichever is first). */
function settled(map: MaplibreMap, ms = 4000): Promise<void> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(resolve, ms);
    map.once('idle', () => {
      window.clearTimeout(timer);
      resolve();
    });
    map.triggerRepaint();
  });
}

export default function InvestMap(props: InvestMapProps) {
  const { sites, highlightId, onPick, focus, bounds, frameKey, onSnapshot, captureRef, cooperative } = props;
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const zones = useQuery({ queryKey: queryKeys.zones, queryFn: ({ signal }) => api.zones(signal) });
  const districts = useQuery({
    queryKey: queryKeys.districts,
    queryFn: ({ signal }) => api.districts(signal),
  });
  const mapStyle = useMemo(() => baseStyle(basemapConfigFromEnv()), []);
  // Only where the page scrolls under the map (a phone); beside a wide page's content the map is sticky.
  const [twoFingers] = useState(() => !!cooperative && window.matchMedia('(max-width: 899px)').matches);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const [zoom, setZoom] = useState<number | null>(null);
  const [ready, setReady] = useState(false);
  const [hovering, setHovering] = useState(false);
  const sitesBounds = useMemo(() => (sites ? boundsOf(sites) : null), [sites]);
  const frame = focus?.bbox ?? sitesBounds ?? bounds;
  const frameRef = useRef(frame);
  frameRef.current = frame;
  const snapshotRef = useRef(onSnapshot);
  snapshotRef.current = onSnapshot;

  const roomy = focus?.kind === 'site';
  const fit = useCallback(
    (target: MaplibreMap, box: BBox | null, duration: number) => {
      if (!box) return;
      target.fitBounds(
        [
          [box[0], box[1]],
          [box[2], box[3]],
        ],
        { padding: padding(target, roomy), maxZoom: roomy ? 15.5 : 16, duration },
      );
    },
    [roomy],
  );

  const picture = useCallback((target: MaplibreMap): string | null => {
    try {
      return target.getCanvas().toDataURL('image/png');
    } catch {
      return null; // a tainted or lost canvas: the brochure draws the outline instead
    }
  }, []);

  // Frame the focus, or the sites each time the filter changes, then hand over a picture.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `frameKey` says when to frame again; `frame` follows the data.
  useEffect(() => {
    if (!map || !frameRef.current) return;
    fit(map, frameRef.current, 0);
    let live = true;
    void settled(map).then(() => {
      const image = live && snapshotRef.current ? picture(map) : null;
      if (image) snapshotRef.current?.(image);
    });
    return () => {
      live = false;
    };
  }, [map, frameKey, focus?.bbox, sitesBounds === null, fit, picture]);

  useEffect(() => {
    if (!map || !captureRef) return;
    captureRef.current = async () => {
      fit(map, frameRef.current, 0);
      await settled(map);
      return picture(map);
    };
    return () => {
      captureRef.current = null;
    };
  }, [map, captureRef, fit, picture]);

  useEffect(() => {
    if (!map) return;
    const check = () => {
      if (map.loaded()) setReady(true);
    };
    map.on('idle', check);
    return () => {
      map.off('idle', check);
    };
  }, [map]);

  const onLoad = useCallback((event: { target: MaplibreMap }) => {
    window.__landAtlasInvestMap = event.target;
    setMap(event.target);
    setZoom(event.target.getZoom());
  }, []);
  const onClick = useCallback(
    (event: MapLayerMouseEvent) => {
      const properties = event.features?.[0]?.properties;
      const id = Number(properties?.id);
      if (onPick && Number.isInteger(id) && (properties?.kind === 'plot' || properties?.kind === 'parcel')) {
        onPick({ kind: properties.kind, id });
      }
    },
    [onPick],
  );

  const initial = frame ?? [73, 18, 135, 53];
  return (
    <section
      className="invest-map"
      aria-label={t('invest.map.ariaLabel')}
      data-ready={ready ? 'true' : 'false'}
      data-site-count={sites?.features.length ?? 0}
    >
      <MapGL
        mapLib={maplibregl}
        initialViewState={{ bounds: initial, fitBoundsOptions: { padding: 24, maxZoom: 16 } }}
        mapStyle={mapStyle}
        // The brochure copies the canvas: its last frame must still be there when asked.
        canvasContextAttributes={{ preserveDrawingBuffer: true }}
        attributionControl={false}
        dragRotate={false}
        pitchWithRotate={false}
        touchPitch={false}
        maxPitch={0}
        cooperativeGestures={twoFingers}
        locale={{
          'CooperativeGesturesHandler.WindowsHelpText': t('invest.map.ctrlScroll'),
          'CooperativeGesturesHandler.MacHelpText': t('invest.map.cmdScroll'),
          'CooperativeGesturesHandler.MobileHelpText': t('invest.map.twoFingers'),
        }}
        interactiveLayerIds={onPick ? [SITE_FILL] : []}
        cursor={hovering ? 'pointer' : 'grab'}
        onMouseEnter={() => setHovering(true)}
        onMouseLeave={() => setHovering(false)}
        onClick={onClick}
        onLoad={onLoad}
        onZoomEnd={(event) => setZoom(event.viewState.zoom)}
      >
        <Source id="invest-districts" type="geojson" data={districts.data ?? EMPTY}>
          <Layer {...districtFillLayer} id="invest-district-fill" />
        </Source>
        <Source id="invest-zones" type="geojson" data={zones.data ?? EMPTY}>
          <Layer {...zoneFillLayer} id="invest-zone-fill" />
          <Layer {...zoneLineLayer} id="invest-zone-line" />
        </Source>
        <Layer {...districtLineLayer} id="invest-district-line" source="invest-districts" />
        <Source id={SITES_SOURCE} type="geojson" data={sites ?? EMPTY}>
          <Layer
            id={SITE_FILL}
            type="fill"
            paint={{ 'fill-color': SITE_COLOR_BY_KIND, 'fill-opacity': 0.55 }}
          />
          <Layer
            id="invest-site-line"
            type="line"
            paint={{ 'line-color': SITE_COLOR_BY_KIND, 'line-width': 1.2 }}
          />
          <Layer
            id="invest-site-highlight"
            type="line"
            filter={['==', ['id'], highlightId ?? -1]}
            paint={{ 'line-color': '#111827', 'line-width': 3 }}
          />
        </Source>
        <Source
          id="invest-focus"
          type="geojson"
          data={
            focus ? { type: 'Feature', properties: { kind: focus.kind }, geometry: focus.geometry } : EMPTY
          }
        >
          <Layer
            id="invest-focus-fill"
            type="fill"
            paint={{ 'fill-color': SITE_COLOR, 'fill-opacity': focus?.kind === 'site' ? 0.3 : 0 }}
          />
          <Layer
            id="invest-focus-line"
            type="line"
            layout={{ 'line-join': 'round' }}
            paint={{
              'line-color': focus?.kind === 'site' ? SITE_COLOR : '#0f766e',
              'line-width': focus?.kind === 'site' ? 3 : 2.5,
            }}
          />
        </Source>
        <MapLabels
          districts={districts.data}
          zones={zones.data}
          showDistricts={zoom !== null && zoom < 10.5}
          showZones={zoom !== null && zoom >= 9.5 && focus?.kind !== 'zone'}
          english={english}
          zoom={zoom}
        />
        <NavigationControl position="bottom-right" showCompass={false} />
        <ScaleControl position="bottom-left" />
      </MapGL>
    </section>
  );
}
