// District and zone names as HTML markers: text renders with the browser's fonts, so the map needs no glyphs.
// Labels that would overlap an already placed one are left out, zones before districts.
import { useMemo } from 'react';
import { Marker, useMap } from 'react-map-gl/maplibre';
import type { DistrictCollection, ZoneCollection } from '../api/types.ts';
import { labelPoint } from '../geo/label-point.ts';

// Labels must not swallow clicks meant for the plots underneath.
const NO_POINTER = { pointerEvents: 'none' } as const;
const PHONE_QUERY = '(max-width: 640px)';
/** Gap kept between label boxes, in pixels. */
const LABEL_MARGIN = 4;

interface Label {
  key: string;
  kind: 'district' | 'zone';
  lonLat: [number, number];
  text: string;
  areaMu: number;
}

type Box = [number, number, number, number];

let measureContext: CanvasRenderingContext2D | null | undefined;

/** Approximate on-screen size of a label, matching .map-label--district / --zone in app.css. */
function labelSize(label: Label, phone: boolean): [number, number] {
  const fontSize = label.kind === 'district' ? (phone ? 13 : 15) : phone ? 11 : 12;
  if (measureContext === undefined) measureContext = document.createElement('canvas').getContext('2d');
  let width = label.text.length * fontSize;
  if (measureContext) {
    measureContext.font = `600 ${fontSize}px system-ui, sans-serif`;
    width = measureContext.measureText(label.text).width;
  }
  if (label.kind === 'zone') return [width + 16, fontSize * 1.45 + 6];
  const maxWidth = 8 * fontSize; // district labels wrap at max-width: 8em
  const lines = Math.ceil(width / maxWidth);
  return [Math.min(width, maxWidth), lines * fontSize * 1.15];
}

function overlaps(a: Box, b: Box): boolean {
  return (
    a[0] < b[2] + LABEL_MARGIN &&
    b[0] < a[2] + LABEL_MARGIN &&
    a[1] < b[3] + LABEL_MARGIN &&
    b[1] < a[3] + LABEL_MARGIN
  );
}

interface MapLabelsProps {
  districts: DistrictCollection | undefined;
  zones: ZoneCollection | undefined;
  showDistricts: boolean;
  showZones: boolean;
  english: boolean;
  /** Placement depends only on zoom (panning moves all labels alike), so it is recomputed per zoom. */
  zoom: number | null;
}

export function MapLabels({ districts, zones, showDistricts, showZones, english, zoom }: MapLabelsProps) {
  const { current: map } = useMap();
  const candidates = useMemo(() => {
    const out: Label[] = [];
    for (const feature of zones?.features ?? []) {
      const lonLat = labelPoint(feature.geometry);
      const p = feature.properties;
      if (lonLat)
        out.push({
          key: `z-${p.id}`,
          kind: 'zone',
          lonLat,
          text: english ? p.nameEn : p.name,
          areaMu: p.areaMu,
        });
    }
    for (const feature of districts?.features ?? []) {
      const lonLat = labelPoint(feature.geometry);
      const p = feature.properties;
      if (lonLat)
        out.push({
          key: `d-${p.code}`,
          kind: 'district',
          lonLat,
          text: english ? p.nameEn : p.name,
          areaMu: p.areaMu,
        });
    }
    // Zones first, then districts; larger areas first within each kind.
    return out.sort((a, b) => (a.kind === b.kind ? b.areaMu - a.areaMu : a.kind === 'zone' ? -1 : 1));
  }, [districts, zones, english]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `zoom` is why the projection changes.
  const placed = useMemo(() => {
    if (!map) return [];
    const phone = window.matchMedia(PHONE_QUERY).matches;
    const boxes: Box[] = [];
    const result: Label[] = [];
    for (const label of candidates) {
      if (label.kind === 'zone' ? !showZones : !showDistricts) continue;
      const point = map.project(label.lonLat);
      const [w, h] = labelSize(label, phone);
      const box: Box = [point.x - w / 2, point.y - h / 2, point.x + w / 2, point.y + h / 2];
      if (boxes.some((other) => overlaps(box, other))) continue;
      boxes.push(box);
      result.push(label);
    }
    return result;
  }, [map, candidates, showDistricts, showZones, zoom]);

  return (
    <>
      {placed.map((label) => (
        <Marker
          key={label.key}
          longitude={label.lonLat[0]}
          latitude={label.lonLat[1]}
          anchor="center"
          style={NO_POINTER}
        >
          <span className={`map-label map-label--${label.kind}`}>{label.text}</span>
        </Marker>
      ))}
    </>
  );
}
