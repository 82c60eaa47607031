// Response shapes of the Land Atlas JSON API. They come from the server's TypeBox schemas, imported
// as types only: a change to a response shape breaks this build, not the people using the client.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Role } from '../../../server/src/auth/roles.ts';
import type { COMPLIANCE_CLASSES as SERVER_COMPLIANCE_CLASSES } from '../../../server/src/compliance/schemas.ts';
import type { District } from '../../../server/src/districts/schemas.ts';
import type { ErrorBody } from '../../../server/src/http/schemas.ts';
import type { Meta } from '../../../server/src/meta/schemas.ts';
import type { ParcelCollection, ParcelFeature } from '../../../server/src/parcels/schemas.ts';
import type {
  PlotDetail,
  PlotList,
  PlotSelection,
  PlotStats,
  PlotSummary,
  PlotTimeline,
  GRADES as SERVER_GRADES,
  INEFFICIENCY_TYPES as SERVER_INEFFICIENCY_TYPES,
  SelectionPolygon,
} from '../../../server/src/plots/schemas.ts';
import type { SearchItem, SearchResult } from '../../../server/src/search/schemas.ts';
import type {
  SiteCandidate,
  SiteSearchBody,
  SiteSearchResult,
} from '../../../server/src/site-search/schemas.ts';
import type { Zone } from '../../../server/src/zones/schemas.ts';

export type {
  Meta,
  ParcelCollection,
  ParcelFeature,
  PlotDetail,
  PlotList,
  PlotSelection,
  PlotStats,
  PlotTimeline,
  Role,
  SearchItem,
  SearchResult,
  SelectionPolygon,
  SiteCandidate,
  SiteSearchBody,
  SiteSearchResult,
};

export const GRADES = ['A', 'B', 'C', 'D', 'T'] as const satisfies typeof SERVER_GRADES;
export type Grade = (typeof GRADES)[number];
export const INEFFICIENCY_TYPES = [
  'idle',
  'low_output',
  'low_intensity',
  'halted',
  'industry_mismatch',
  'noncompliant',
  'grade_d',
] as const satisfies typeof SERVER_INEFFICIENCY_TYPES;
export type InefficiencyType = (typeof INEFFICIENCY_TYPES)[number];
/** Control-line compliance of a plot (tile attribute `compliance`): a breach, or none. */
export const COMPLIANCE_CLASSES = [
  'industrial_outside',
  'nonindustrial_in_core',
  'compliant',
] as const satisfies typeof SERVER_COMPLIANCE_CLASSES;
export type ComplianceClass = (typeof COMPLIANCE_CLASSES)[number];

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
] as const satisfies readonly PlotSummary['status'][];
export type PlotStatus = (typeof PLOT_STATUSES)[number];
// The list above must name every status the server can send (the build fails otherwise).
const everyStatusListed: [PlotSummary['status']] extends [PlotStatus] ? true : never = true;
void everyStatusListed;

export type ZoneLevel = Zone['level'];

/** [minLon, minLat, maxLon, maxLat] in EPSG:4326. */
export type BBox = [number, number, number, number];

export type ApiErrorBody = ErrorBody;
export type DistrictProperties = District;
export interface DistrictList {
  items: DistrictProperties[];
}
export type ZoneProperties = Zone;
export type PlotProperties = PlotSummary;

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
