// The one typed client for the Land Atlas JSON API.
import type {
  ApiErrorBody,
  DistrictCollection,
  Meta,
  PlotDetail,
  PlotPage,
  PlotQuery,
  PlotStats,
  SearchResult,
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

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, signal: signal ?? null });
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

export function plotQueryString(query: PlotQuery): string {
  const params = new URLSearchParams({
    format: 'geojson',
    limit: String(query.limit),
    offset: String(query.offset),
  });
  if (query.status?.length) params.set('status', query.status.join(','));
  if (query.zoneId?.length) params.set('zoneId', query.zoneId.join(','));
  if (query.districtCode?.length) params.set('districtCode', query.districtCode.join(','));
  if (query.minAreaMu !== undefined) params.set('minAreaMu', String(query.minAreaMu));
  if (query.maxAreaMu !== undefined) params.set('maxAreaMu', String(query.maxAreaMu));
  if (query.bbox) params.set('bbox', query.bbox.join(','));
  if (query.sort) params.set('sort', query.sort);
  return params.toString();
}

export const api = {
  meta: (signal?: AbortSignal) => getJson<Meta>('/api/meta', signal),
  districts: (signal?: AbortSignal) => getJson<DistrictCollection>('/api/districts?format=geojson', signal),
  zones: (signal?: AbortSignal) => getJson<ZoneCollection>('/api/zones?format=geojson', signal),
  plots: (query: PlotQuery, signal?: AbortSignal) =>
    getJson<PlotPage>(`/api/plots?${plotQueryString(query)}`, signal),
  plotStats: (filter: Record<string, string>, signal?: AbortSignal) =>
    getJson<PlotStats>(`/api/plots/stats?${new URLSearchParams(filter).toString()}`, signal),
  plot: (id: number, signal?: AbortSignal) => getJson<PlotDetail>(`/api/plots/${id}`, signal),
  search: (q: string, signal?: AbortSignal) =>
    getJson<SearchResult>(`/api/search?${new URLSearchParams({ q }).toString()}`, signal),
};
