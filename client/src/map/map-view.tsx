// The map: the offline base style, district/zone/plot sources and layers, name labels and plot picking.
import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, Map as MaplibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import MapGL, {
  AttributionControl,
  Layer,
  type MapLayerMouseEvent,
  NavigationControl,
  ScaleControl,
  Source,
  type ViewStateChangeEvent,
} from 'react-map-gl/maplibre';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { BBox, DistrictCollection, ZoneCollection } from '../api/types.ts';
import { type MeasureMode, MeasureTool } from '../features/measure/measure-tool.tsx';
import { basemapConfigFromEnv, baseStyle } from './basemap-style.ts';
import {
  districtFillLayer,
  districtLineLayer,
  LAYER_IDS,
  type LayerVisibility,
  plotFillLayer,
  plotLineLayer,
  plotSelectedLayer,
  SOURCE_IDS,
  selectedPlotFilter,
  zoneFillLayer,
  zoneLineLayer,
} from './layer-styles.ts';
import { MapLabels } from './map-labels.tsx';
import { maplibregl } from './maplibre.ts';
import type { MapCamera } from './permalink.ts';

declare global {
  interface Window {
    /** The maplibre map, for browser tests (queryRenderedFeatures). */
    __landAtlasMap?: MaplibreMap;
  }
}

export type { LayerVisibility } from './layer-styles.ts';

interface MapViewProps {
  /** The city's extent from /api/meta; null (no data yet) shows the whole world. */
  bbox: BBox | null;
  /** A camera from the URL; it wins over fitting the city. */
  initialCamera: MapCamera | null;
  onCameraChange: (camera: MapCamera) => void;
  /** Which plots to draw (the user's filter), as a layer filter; null draws all. */
  plotFilter: ExpressionSpecification | null;
  /** A place to fly to (a search result); a new object flies again. */
  focus: { bbox: BBox; maxZoom: number } | null;
  districts: DistrictCollection | undefined;
  zones: ZoneCollection | undefined;
  visibility: LayerVisibility;
  selectedPlotId: number | null;
  onSelectPlot: (id: number | null) => void;
  english: boolean;
  ariaLabel: string;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
// maplibre fetches tiles from a worker, which needs an absolute URL.
const PLOT_TILES = [`${window.location.origin}/tiles/plots/{z}/{x}/{y}.mvt`];
/** Zoom bands for labels: district names when looking at the city, zone names once zones are legible. */
const DISTRICT_LABEL_MAX_ZOOM = 11.5;
const ZONE_LABEL_MIN_ZOOM = 9.6;

const visible = (on: boolean) => ({ visibility: on ? ('visible' as const) : ('none' as const) });

export function MapView(props: MapViewProps) {
  const {
    bbox,
    initialCamera,
    onCameraChange,
    focus,
    plotFilter,
    districts,
    zones,
    visibility,
    selectedPlotId,
    onSelectPlot,
    english,
  } = props;
  const basemap = useMemo(basemapConfigFromEnv, []);
  const mapStyle = useMemo(() => baseStyle(basemap), [basemap]);
  const [zoom, setZoom] = useState<number | null>(null);
  const [hovering, setHovering] = useState(false);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const [rendered, setRendered] = useState(false);
  // While measuring, clicks place points instead of picking plots.
  const [measureMode, setMeasureMode] = useState<MeasureMode | null>(null);

  // Ready for tests and screenshots once the map has drawn the plot tiles of the first view.
  useEffect(() => {
    if (!map) return;
    const check = () => {
      if (map.isSourceLoaded(SOURCE_IDS.plots)) setRendered(true);
    };
    map.on('idle', check);
    map.triggerRepaint();
    return () => {
      map.off('idle', check);
    };
  }, [map]);

  useEffect(() => {
    if (!map || !focus) return;
    const [minLon, minLat, maxLon, maxLat] = focus.bbox;
    map.fitBounds(
      [
        [minLon, minLat],
        [maxLon, maxLat],
      ],
      { padding: 60, maxZoom: focus.maxZoom, duration: 800 },
    );
  }, [map, focus]);

  // A layer without a filter must not carry `filter: undefined` (the style validator refuses it).
  const filtered = plotFilter ? { filter: plotFilter } : {};

  const onLoad = useCallback((event: { target: MaplibreMap }) => {
    window.__landAtlasMap = event.target;
    setMap(event.target);
    setZoom(event.target.getZoom());
  }, []);
  const onZoomEnd = useCallback((event: ViewStateChangeEvent) => setZoom(event.viewState.zoom), []);
  const onMoveEnd = useCallback(
    (event: ViewStateChangeEvent) => {
      const { zoom: z, latitude, longitude } = event.viewState;
      onCameraChange({ zoom: z, latitude, longitude });
    },
    [onCameraChange],
  );
  const onClick = useCallback(
    (event: MapLayerMouseEvent) => {
      if (measureMode !== null) return;
      const id = event.features?.[0]?.id;
      onSelectPlot(typeof id === 'number' ? id : typeof id === 'string' && id !== '' ? Number(id) : null);
    },
    [onSelectPlot, measureMode],
  );

  return (
    <section className="map" data-ready={rendered ? 'true' : 'false'} aria-label={props.ariaLabel}>
      <MapGL
        mapLib={maplibregl}
        initialViewState={
          initialCamera ??
          (bbox
            ? { bounds: bbox, fitBoundsOptions: { padding: 24 } }
            : { longitude: 0, latitude: 20, zoom: 1 })
        }
        mapStyle={mapStyle}
        attributionControl={false}
        dragRotate={false}
        pitchWithRotate={false}
        touchPitch={false}
        maxPitch={0}
        interactiveLayerIds={visibility.plots && measureMode === null ? [LAYER_IDS.plotFill] : []}
        cursor={hovering ? 'pointer' : 'grab'}
        onMouseEnter={() => setHovering(true)}
        onMouseLeave={() => setHovering(false)}
        onClick={onClick}
        onLoad={onLoad}
        onZoomEnd={onZoomEnd}
        onMoveEnd={onMoveEnd}
      >
        <Source id={SOURCE_IDS.districts} type="geojson" data={districts ?? EMPTY}>
          <Layer {...districtFillLayer} layout={visible(visibility.districts)} />
        </Source>
        <Source id={SOURCE_IDS.zones} type="geojson" data={zones ?? EMPTY}>
          <Layer {...zoneFillLayer} layout={visible(visibility.zones)} />
        </Source>
        {/* Role-aware vector tiles from this server; feature ids are plot ids (for highlighting). */}
        <Source id={SOURCE_IDS.plots} type="vector" tiles={PLOT_TILES} minzoom={6} maxzoom={16}>
          <Layer {...plotFillLayer} layout={visible(visibility.plots)} {...filtered} />
          <Layer {...plotLineLayer} layout={visible(visibility.plots)} {...filtered} />
          <Layer
            {...plotSelectedLayer}
            layout={{ ...plotSelectedLayer.layout, ...visible(visibility.plots) }}
            filter={selectedPlotFilter(selectedPlotId)}
          />
        </Source>
        {/* Boundaries go above the plots, so they are drawn outside their sources' <Source> blocks. */}
        <Layer
          {...zoneLineLayer}
          source={SOURCE_IDS.zones}
          layout={{ ...zoneLineLayer.layout, ...visible(visibility.zones) }}
        />
        <Layer
          {...districtLineLayer}
          source={SOURCE_IDS.districts}
          layout={{ ...districtLineLayer.layout, ...visible(visibility.districts) }}
        />
        <MapLabels
          districts={districts}
          zones={zones}
          showDistricts={visibility.districts && zoom !== null && zoom < DISTRICT_LABEL_MAX_ZOOM}
          showZones={visibility.zones && zoom !== null && zoom >= ZONE_LABEL_MIN_ZOOM}
          english={english}
          zoom={zoom}
        />
        <MeasureTool mode={measureMode} onModeChange={setMeasureMode} />
        <NavigationControl position="bottom-right" showCompass={false} />
        <ScaleControl position="bottom-left" />
        {basemap.url && <AttributionControl position="bottom-right" compact />}
      </MapGL>
    </section>
  );
}
