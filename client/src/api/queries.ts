// TanStack Query hooks over the API client: one place for query keys and caching policy.
import { useQuery } from '@tanstack/react-query';
import { api, setCsrfToken } from './client.ts';
import type { SelectionPolygon } from './types.ts';

export const queryKeys = {
  me: ['auth', 'me'] as const,
  work: ['work'] as const,
  meta: ['meta'] as const,
  districts: ['districts', 'geojson'] as const,
  zones: ['zones', 'geojson'] as const,
  plotStats: (filter: Record<string, string>) => ['plots', 'stats', filter] as const,
  plot: (id: number) => ['plot', id] as const,
  plotTimeline: (id: number) => ['plot', id, 'timeline'] as const,
  plotSelection: (polygon: SelectionPolygon, filter: Record<string, string>) =>
    ['plots', 'selection', polygon, filter] as const,
  dashboard: (scope: { districtCode?: string; zoneId?: number }) => ['dashboard', scope] as const,
};

/** Who is signed in (null user for the public), and the CSRF token for state changes. */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }) => {
      const me = await api.me(signal);
      setCsrfToken(me.csrfToken);
      return me;
    },
    staleTime: 60_000,
  });
}

export function useMeta() {
  return useQuery({ queryKey: queryKeys.meta, queryFn: ({ signal }) => api.meta(signal) });
}

export function useDistricts() {
  return useQuery({ queryKey: queryKeys.districts, queryFn: ({ signal }) => api.districts(signal) });
}

export function useZones() {
  return useQuery({ queryKey: queryKeys.zones, queryFn: ({ signal }) => api.zones(signal) });
}

export function usePlot(id: number | null) {
  return useQuery({
    queryKey: queryKeys.plot(id ?? -1),
    queryFn: ({ signal }) => api.plot(id ?? -1, signal),
    enabled: id !== null,
  });
}

/** A plot's status history; only asked for when the viewer may read it. */
export function usePlotTimeline(id: number, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.plotTimeline(id),
    queryFn: ({ signal }) => api.plotTimeline(id, signal),
    enabled,
  });
}

/** The plots a drawn polygon selects, re-asked when the filter changes. */
export function usePlotSelection(polygon: SelectionPolygon | null, filter: Record<string, string>) {
  return useQuery({
    queryKey: queryKeys.plotSelection(polygon ?? { type: 'Polygon', coordinates: [] }, filter),
    queryFn: ({ signal }) => api.plotSelection(polygon!, filter, signal),
    enabled: polygon !== null,
    retry: false,
  });
}

/** Plot counts and areas by the status this viewer sees (the legend's figures). */
export function usePlotStats(filter: Record<string, string>, enabled = true) {
  return useQuery({
    queryKey: queryKeys.plotStats(filter),
    queryFn: ({ signal }) => api.plotStats(filter, signal),
    enabled,
    placeholderData: (previous) => previous,
  });
}

/** The dashboard's figures for a scope (the city, a district or a zone); kept while the next loads. */
export function useDashboard(scope: { districtCode?: string; zoneId?: number }) {
  return useQuery({
    queryKey: queryKeys.dashboard(scope),
    queryFn: ({ signal }) => api.dashboard(scope, signal),
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });
}
