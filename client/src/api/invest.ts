// The investor view's calls (/api/invest): public data only, typed by the server's schemas.
import type {
  InvestSummary,
  ParcelPage,
  PlotPage,
  SiteCollection,
  ZonePage,
} from '../../../server/src/invest/schemas.ts';
import { getJson } from './client.ts';

export type {
  InvestSummary,
  ParcelPage,
  ParcelSite,
  PlotPage,
  PlotSite,
  SiteCollection,
  ZonePage,
  ZoneProfile,
} from '../../../server/src/invest/schemas.ts';
export type SiteFeature = SiteCollection['features'][number];
export type SiteProperties = SiteFeature['properties'];

export const investApi = {
  summary: (signal?: AbortSignal) => getJson<InvestSummary>('/api/invest/summary', signal),
  /** Available plots or contiguous parcels as GeoJSON, filtered and sorted, a page at a time. */
  sites: (params: Record<string, string>, signal?: AbortSignal) =>
    getJson<SiteCollection>(`/api/invest/sites?${new URLSearchParams(params).toString()}`, signal),
  plot: (id: number, signal?: AbortSignal) => getJson<PlotPage>(`/api/invest/plots/${id}`, signal),
  parcel: (id: number, signal?: AbortSignal) => getJson<ParcelPage>(`/api/invest/parcels/${id}`, signal),
  zone: (id: number, signal?: AbortSignal) => getJson<ZonePage>(`/api/invest/zones/${id}`, signal),
};
