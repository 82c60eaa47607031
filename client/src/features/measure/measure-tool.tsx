// Measure distance and area on the map, or draw an area to select plots: clicks add points;
// lengths in m/km, areas in mu (and ha). A selection ends with a double-click or "Done".
import type { FeatureCollection } from 'geojson';
import type { MapMouseEvent } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Layer, Source, useMap } from 'react-map-gl/maplibre';
import { muToHectares } from '../../geo/area.ts';
import { type LngLat, pathLengthMetres, ringAreaMu } from '../../geo/measure.ts';
import { formatNumber } from '../../i18n/format.ts';

export type MeasureMode = 'distance' | 'area' | 'select';

interface MeasureToolProps {
  mode: MeasureMode | null;
  onModeChange: (mode: MeasureMode | null) => void;
  /** A finished selection area: one closed ring, lon/lat. */
  onSelectArea: (ring: LngLat[]) => void;
}

/** The drawn points as a closed ring, without the repeats a double-click leaves; null if too few. */
export function closedRing(points: readonly LngLat[]): LngLat[] | null {
  const ring: LngLat[] = [];
  for (const point of points) {
    const last = ring[ring.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) ring.push(point);
  }
  if (ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1]) ring.pop();
  return ring.length >= 3 ? [...ring, ring[0]!] : null;
}

const SKETCH_COLOR = '#d9480f';

export function MeasureTool({ mode, onModeChange, onSelectArea }: MeasureToolProps) {
  const { t, i18n } = useTranslation();
  const { current: mapRef } = useMap();
  const [points, setPoints] = useState<LngLat[]>([]);
  const [kind, setKind] = useState<MeasureMode>('distance');
  // A double-click's own clicks arrive before it: finish once they have been added.
  const [finishing, setFinishing] = useState(false);

  useEffect(() => {
    const map = mapRef?.getMap();
    if (!map || mode === null) return;
    const add = (event: MapMouseEvent) =>
      setPoints((current) => [...current, [event.lngLat.lng, event.lngLat.lat]]);
    const cancel = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      if (mode === 'select') setPoints([]);
      onModeChange(null);
    };
    const finish = () => {
      if (mode === 'select') setFinishing(true);
    };
    map.on('click', add);
    map.on('dblclick', finish);
    map.doubleClickZoom.disable();
    map.getCanvas().style.cursor = 'crosshair';
    window.addEventListener('keydown', cancel);
    return () => {
      map.off('click', add);
      map.off('dblclick', finish);
      map.doubleClickZoom.enable();
      map.getCanvas().style.cursor = '';
      window.removeEventListener('keydown', cancel);
    };
  }, [mapRef, mode, onModeChange]);

  const finishSelection = useCallback(() => {
    const ring = closedRing(points);
    setPoints([]);
    onModeChange(null);
    if (ring) onSelectArea(ring);
  }, [points, onModeChange, onSelectArea]);
  useEffect(() => {
    if (!finishing) return;
    setFinishing(false);
    finishSelection();
  }, [finishing, finishSelection]);

  const start = (next: MeasureMode) => {
    if (mode === next) {
      onModeChange(null);
      return;
    }
    setKind(next);
    setPoints([]);
    onModeChange(next);
  };

  const sketch = useMemo<FeatureCollection>(() => {
    const features: FeatureCollection['features'] = points.map((p) => ({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Point', coordinates: p },
    }));
    if (points.length >= 2) {
      const closes = kind !== 'distance' && points.length >= 3;
      const line = closes ? [...points, points[0]!] : points;
      features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } });
    }
    if (kind !== 'distance' && points.length >= 3) {
      features.push({
        type: 'Feature',
        properties: {},
        geometry: { type: 'Polygon', coordinates: [[...points, points[0]!]] },
      });
    }
    return { type: 'FeatureCollection', features };
  }, [points, kind]);

  const language = i18n.language;
  let result: string | null = null;
  if (kind === 'distance' && points.length >= 2) {
    const metres = pathLengthMetres(points);
    result =
      metres >= 1000
        ? t('measure.km', { value: formatNumber(language, metres / 1000, 2) })
        : t('measure.m', { value: formatNumber(language, metres, 0) });
  } else if (kind !== 'distance' && points.length >= 3) {
    const mu = ringAreaMu(points);
    result = `${t('unit.mu', { value: formatNumber(language, mu, 1) })} (${t('unit.ha', {
      value: formatNumber(language, muToHectares(mu), 2),
    })})`;
  }

  return (
    <>
      <Source id="measure" type="geojson" data={sketch}>
        <Layer
          id="measure-fill"
          type="fill"
          filter={['==', ['geometry-type'], 'Polygon']}
          paint={{ 'fill-color': SKETCH_COLOR, 'fill-opacity': 0.15 }}
        />
        <Layer
          id="measure-line"
          type="line"
          filter={['==', ['geometry-type'], 'LineString']}
          paint={{ 'line-color': SKETCH_COLOR, 'line-width': 2, 'line-dasharray': [2, 1] }}
        />
        <Layer
          id="measure-points"
          type="circle"
          filter={['==', ['geometry-type'], 'Point']}
          paint={{
            'circle-radius': 4,
            'circle-color': '#ffffff',
            'circle-stroke-color': SKETCH_COLOR,
            'circle-stroke-width': 2,
          }}
        />
      </Source>
      <fieldset className="panel measure-tool" aria-label={t('measure.title')}>
        <button
          type="button"
          className="button"
          aria-pressed={mode === 'distance'}
          onClick={() => start('distance')}
        >
          {t('measure.distance')}
        </button>
        <button type="button" className="button" aria-pressed={mode === 'area'} onClick={() => start('area')}>
          {t('measure.area')}
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={mode === 'select'}
          onClick={() => start('select')}
          data-tool="select"
        >
          {t('select.draw')}
        </button>
        {mode === 'select' && points.length >= 3 && (
          <button type="button" className="button button--primary" onClick={finishSelection}>
            {t('select.finish')}
          </button>
        )}
        {points.length > 0 && mode !== 'select' && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setPoints([]);
              onModeChange(null);
            }}
          >
            {t('measure.clear')}
          </button>
        )}
        {mode === 'select' ? (
          <output className="measure-tool__result" aria-live="polite">
            {points.length >= 3 && result ? result : t('select.hint')}
          </output>
        ) : (
          (mode !== null || result) && (
            <output className="measure-tool__result" aria-live="polite">
              {result ?? t('measure.hint')}
            </output>
          )
        )}
      </fieldset>
    </>
  );
}
