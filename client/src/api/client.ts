// The one typed client for the Land Atlas JSON API.
import type {
  ApiErrorBody,
  DistrictCollection,
  Meta,
  PlotDetail,
  PlotList,
  PlotPage,
  PlotSelection,
  PlotStats,
  PlotTimeline,
  SearchResult,
  SelectionPolygon,
  ZoneCollection,
} from './types.ts';

/** A failed request, carrying the server's error body when it sent one. */
export class ApiError extends Error {
  readonly statusCode: number;

  constructor(statusCode: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && 'message' in value && 'statusCode' in value;
}

async function getJson<T>(path: string, signal?: AbortSignal, body?: unknown): Promise<T> {
  const response = await fetch(
    path,
    body === undefined
      ? { headers: { accept: 'application/json' }, signal: signal ?? null }
      : {
          method: 'POST',
          headers: { accept: 'application/json', 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: signal ?? null,
        },
  );
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body: unknown = await response.json();
      if (isErrorBody(body)) message = body.message;
    } catch {
      // Not JSON (e.g. a proxy's HTML error page): keep the status line.
    }
    throw new ApiError(response.status, message);
  }
  return (await response.json()) as T;
}

export const api = {
  meta: (signal?: AbortSignal) => getJson<Meta>('/api/meta', signal),
  districts: (signal?: AbortSignal) => getJson<DistrictCollection>('/api/districts?format=geojson', signal),
  zones: (signal?: AbortSignal) => getJson<ZoneCollection>('/api/zones?format=geojson', signal),
  /** A page of the plot list (JSON), with the map's filter parameters, sort, limit and offset. */
  plotList: (params: Record<string, string>, signal?: AbortSignal) =>
    getJson<PlotList>(`/api/plots?${new URLSearchParams(params).toString()}`, signal),
  /** Up to 10,000 filtered plots as GeoJSON (the API's largest page). */
  plotsGeoJson: (params: Record<string, string>, signal?: AbortSignal) =>
    getJson<PlotPage>(
      `/api/plots?${new URLSearchParams({ ...params, format: 'geojson', limit: '10000' }).toString()}`,
      signal,
    ),
  plotStats: (filter: Record<string, string>, signal?: AbortSignal) =>
    getJson<PlotStats>(`/api/plots/stats?${new URLSearchParams(filter).toString()}`, signal),
  plot: (id: number, signal?: AbortSignal) => getJson<PlotDetail>(`/api/plots/${id}`, signal),
  plotTimeline: (id: number, signal?: AbortSignal) =>
    getJson<PlotTimeline>(`/api/plots/${id}/history`, signal),
  /** Plots a drawn polygon touches, under the map's filter. */
  plotSelection: (polygon: SelectionPolygon, filter: Record<string, string>, signal?: AbortSignal) =>
    getJson<PlotSelection>(`/api/plots/selection?${new URLSearchParams(filter).toString()}`, signal, {
      polygon,
    }),
  search: (q: string, signal?: AbortSignal) =>
    getJson<SearchResult>(`/api/search?${new URLSearchParams({ q }).toString()}`, signal),
};
