// Response shapes of the Land Atlas JSON API, as the client reads them. One file, so it can be swapped
// for the server's exported TypeBox schemas (imported as types only) without touching callers.
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';

export type Role = 'public' | 'investor' | 'zone_manager' | 'planner' | 'admin';

/** Lifecycle statuses, plus `occupied`: what anonymous users see for any plot not available or reserved. */
export const PLOT_STATUSES = [
  'in_use',
  'low_efficiency',
  'idle',
  'revitalizing',
  'available',
  'reserved',
  'supplied',
  'occupied',
] as const;
export type PlotStatus = (typeof PLOT_STATUSES)[number];

export type ZoneLevel = 'national' | 'provincial' | 'other';

/** [minLon, minLat, maxLon, maxLat] in EPSG:4326. */
export type BBox = [number, number, number, number];

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

export interface Meta {
  city: { name: string; nameEn: string };
  /** Extent of the districts; null while the database holds no districts. */
  bbox: BBox | null;
  isSample: boolean;
  counts: { districts: number; zones: number; plots: number };
  viewer: { role: Role };
}

export interface DistrictProperties {
  code: string;
  name: string;
  nameEn: string;
  areaMu: number;
}

export interface DistrictList {
  items: DistrictProperties[];
}

export interface ZoneProperties {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  level: ZoneLevel;
  districtCode: string;
  industries: string[];
  areaMu: number;
  isSample: boolean;
}

export interface PlotProperties {
  id: number;
  code: string;
  zoneId: number | null;
  zoneName: string | null;
  zoneNameEn?: string | null;
  districtCode: string;
  districtName: string;
  districtNameEn?: string;
  areaMu: number;
  landUseCode: string;
  landUseName: string;
  landUseNameEn?: string;
  status: PlotStatus;
  isSample: boolean;
  /** Present only for roles allowed to see occupants. */
  enterpriseName?: string | null;
  inefficiencyType?: string | null;
  grade?: string | null;
}

export interface PlotDetail extends PlotProperties {
  areaM2?: number;
  centroid?: [number, number];
  servicing?: string[];
  /** 万元/亩, available land only. */
  guidePrice?: number | null;
  geometry: Geometry;
}

type AreaGeometry = Polygon | MultiPolygon;

export type DistrictFeature = Feature<AreaGeometry, DistrictProperties>;
export type ZoneFeature = Feature<AreaGeometry, ZoneProperties>;
export type PlotFeature = Feature<AreaGeometry, PlotProperties>;

export type DistrictCollection = FeatureCollection<AreaGeometry, DistrictProperties>;
export type ZoneCollection = FeatureCollection<AreaGeometry, ZoneProperties>;

export interface PlotPage extends FeatureCollection<AreaGeometry, PlotProperties> {
  numberMatched?: number;
  numberReturned?: number;
}

export interface PlotQuery {
  limit: number;
  offset: number;
  status?: PlotStatus[];
  zoneId?: number[];
  districtCode?: string[];
  minAreaMu?: number;
  maxAreaMu?: number;
  bbox?: BBox;
  sort?: string;
}
