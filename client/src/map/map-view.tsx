// The map: the offline base style; districts, zones, control lines, parcels and plots; name labels,
// plot picking, measuring and selecting plots by a drawn area.
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { ExpressionSpecification, Map as MaplibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import MapGL, {
  AttributionControl,
  Layer,
  type MapLayerMouseEvent,
  Marker,
  NavigationControl,
  ScaleControl,
  Source,
  type ViewStateChangeEvent,
} from 'react-map-gl/maplibre';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { BBox, DistrictCollection, ZoneCollection } from '../api/types.ts';
import { type MeasureMode, MeasureTool } from '../features/measure/measure-tool.tsx';
import { labelPoint } from '../geo/label-point.ts';
import type { LngLat } from '../geo/measure.ts';
import { basemapConfigFromEnv, baseStyle } from './basemap-style.ts';
import {
  hatchImage,
  IMPORT_HATCH_IMAGE,
  IMPORT_PREVIEW_SOURCE,
  importFillLayer,
  importLineLayer,
  importPointLayer,
  importSkipFillLayer,
} from './import-preview-layers.ts';
import {
  controlLineCoreLayer,
  controlLineTransitionalLayer,
  districtFillLayer,
  districtLineLayer,
  LAYER_IDS,
  type LayerVisibility,
  PARCEL_COLOR,
  type PlotTheme,
  parcelFillLayer,
  parcelLineLayer,
  pickedPlotsFilter,
  plotColorExpression,
  plotFillLayer,
  plotLineLayer,
  plotPickedLayer,
  plotSelectedLayer,
  SITE_COLOR,
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
    /** The maplibre map: browser tests query it, and writes (api/use-write.ts) refresh its data tiles. */
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
  /**
   * A place to fly to (a search result); a new object flies again. `coveredLeft`: pixels a panel
   * covers on the map's left (the workbench), kept clear on a desktop.
   */
  focus: { bbox: BBox; maxZoom: number; coveredLeft?: number } | null;
  districts: DistrictCollection | undefined;
  zones: ZoneCollection | undefined;
  visibility: LayerVisibility;
  selectedPlotId: number | null;
  onSelectPlot: (id: number | null) => void;
  theme: PlotTheme;
  /** A drawn selection area (closed ring) and the plots it picked, outlined on the map. */
  selectionArea: LngLat[] | null;
  pickedPlotIds: readonly number[];
  onSelectArea: (ring: LngLat[]) => void;
  /** Site finder results, outlined and numbered by rank; the selected one stands out. */
  sites: FeatureCollection | null;
  selectedSiteRank: number | null;
  /** An import preview's outlines (property `action`) and the problem place asked for; null hides it. */
  importPreview: FeatureCollection | null;
  english: boolean;
  ariaLabel: string;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
// maplibre fetches tiles from a worker, which needs an absolute URL.
const tiles = (layer: string) => [`${window.location.origin}/tiles/${layer}/{z}/{x}/{y}.mvt`];
const PLOT_TILES = tiles('plots');
const PARCEL_TILES = tiles('parcels');
const CONTROL_LINE_TILES = tiles('control-lines');
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
    theme,
    selectionArea,
    pickedPlotIds,
    onSelectArea,
    sites,
    selectedSiteRank,
    importPreview,
  } = props;
  const plotPaint = useMemo(
    () => ({ ...plotFillLayer.paint, 'fill-color': plotColorExpression(theme) }),
    [theme],
  );
  const selectionData = useMemo<FeatureCollection>(
    () =>
      selectionArea
        ? {
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                properties: {},
                geometry: { type: 'Polygon', coordinates: [selectionArea] },
              },
            ],
          }
        : EMPTY,
    [selectionArea],
  );
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

  // The hatching of skipped import rows is an image; the map asks for it again if its style reloads.
  useEffect(() => {
    if (!map) return;
    const provide = (event: { id: string }) => {
      if (event.id === IMPORT_HATCH_IMAGE && !map.hasImage(IMPORT_HATCH_IMAGE)) {
        map.addImage(IMPORT_HATCH_IMAGE, hatchImage());
      }
    };
    provide({ id: IMPORT_HATCH_IMAGE });
    map.on('styleimagemissing', provide);
    return () => {
      map.off('styleimagemissing', provide);
    };
  }, [map]);

  useEffect(() => {
    if (!map || !focus) return;
    const [minLon, minLat, maxLon, maxLat] = focus.bbox;
    const covered = focus.coveredLeft ?? 0;
    // Beside a left panel only when the map is wide enough to frame something there.
    const left = map.getContainer().clientWidth - covered > 360 ? 60 + covered : 60;
    map.fitBounds(
      [
        [minLon, minLat],
        [maxLon, maxLat],
      ],
      {
        // On a phone the panels are bottom sheets over the lower half: frame above them.
        padding: window.matchMedia('(max-width: 640px)').matches
          ? { top: 70, left: 24, right: 24, bottom: Math.round(map.getContainer().clientHeight * 0.55) + 16 }
          : { top: 60, right: 60, bottom: 60, left },
        maxZoom: focus.maxZoom,
        duration: 800,
      },
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
        <Source id={SOURCE_IDS.parcels} type="vector" tiles={PARCEL_TILES} minzoom={6} maxzoom={16}>
          <Layer {...parcelFillLayer} layout={visible(visibility.parcels)} />
        </Source>
        {/* Role-aware vector tiles from this server; feature ids are plot ids (for highlighting). */}
        <Source id={SOURCE_IDS.plots} type="vector" tiles={PLOT_TILES} minzoom={6} maxzoom={16}>
          <Layer {...plotFillLayer} paint={plotPaint} layout={visible(visibility.plots)} {...filtered} />
          <Layer {...plotLineLayer} layout={visible(visibility.plots)} {...filtered} />
          <Layer
            {...plotSelectedLayer}
            layout={{ ...plotSelectedLayer.layout, ...visible(visibility.plots) }}
            filter={selectedPlotFilter(selectedPlotId)}
          />
          <Layer
            {...plotPickedLayer}
            layout={{ ...plotPickedLayer.layout, ...visible(visibility.plots && pickedPlotIds.length > 0) }}
            filter={pickedPlotsFilter(pickedPlotIds)}
          />
        </Source>
        <Layer
          {...parcelLineLayer}
          source={SOURCE_IDS.parcels}
          layout={{ ...parcelLineLayer.layout, ...visible(visibility.parcels) }}
        />
        <Source
          id={SOURCE_IDS.controlLines}
          type="vector"
          tiles={CONTROL_LINE_TILES}
          minzoom={6}
          maxzoom={16}
        >
          <Layer
            {...controlLineTransitionalLayer}
            layout={{ ...controlLineTransitionalLayer.layout, ...visible(visibility.controlLines) }}
          />
          <Layer
            {...controlLineCoreLayer}
            layout={{ ...controlLineCoreLayer.layout, ...visible(visibility.controlLines) }}
          />
        </Source>
        <Source id="selection-area" type="geojson" data={selectionData}>
          <Layer
            id="selection-area-line"
            type="line"
            paint={{ 'line-color': PARCEL_COLOR, 'line-width': 2, 'line-dasharray': [1, 1] }}
          />
        </Source>
        <Source id="site-candidates" type="geojson" data={sites ?? EMPTY}>
          <Layer
            id="site-candidate-fill"
            type="fill"
            paint={{
              'fill-color': SITE_COLOR,
              'fill-opacity': ['case', ['==', ['get', 'rank'], selectedSiteRank ?? -1], 0.35, 0.15],
            }}
          />
          <Layer
            id="site-candidate-line"
            type="line"
            paint={{
              'line-color': SITE_COLOR,
              'line-width': ['case', ['==', ['get', 'rank'], selectedSiteRank ?? -1], 3.5, 1.8],
            }}
          />
        </Source>
        <Source id={IMPORT_PREVIEW_SOURCE} type="geojson" data={importPreview ?? EMPTY}>
          <Layer {...importFillLayer} />
          <Layer {...importSkipFillLayer} />
          <Layer {...importLineLayer} />
          <Layer {...importPointLayer} />
        </Source>
        {sites?.features.map((site) => {
          const at = labelPoint(site.geometry as MultiPolygon);
          const rank = Number(site.properties?.rank);
          return at ? (
            <Marker key={rank} longitude={at[0]} latitude={at[1]}>
              <span
                className={`site-marker${rank === selectedSiteRank ? ' site-marker--selected' : ''}`}
                data-rank={rank}
              >
                {rank}
              </span>
            </Marker>
          ) : null;
        })}
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
        <MeasureTool mode={measureMode} onModeChange={setMeasureMode} onSelectArea={onSelectArea} />
        <NavigationControl position="bottom-right" showCompass={false} />
        <ScaleControl position="bottom-left" />
        {basemap.url && <AttributionControl position="bottom-right" compact />}
      </MapGL>
    </section>
  );
}
