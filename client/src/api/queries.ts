// TanStack Query hooks over the API client: one place for query keys and caching policy.
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { useMemo } from 'react';
import { api } from './client.ts';
import type { PlotFeature, PlotPage, PlotProperties } from './types.ts';

export const queryKeys = {
  meta: ['meta'] as const,
  districts: ['districts', 'geojson'] as const,
  zones: ['zones', 'geojson'] as const,
  plotPage: (offset: number, limit: number) => ['plots', 'geojson', { offset, limit }] as const,
  plot: (id: number) => ['plot', id] as const,
};

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

/** Plots per request; the server allows up to 10000 for GeoJSON. */
export const PLOT_PAGE_SIZE = 5000;
/** How many pages are in flight at once after the first. */
const PLOT_PAGE_CONCURRENCY = 2;

export interface PlotLoad {
  plots: FeatureCollection<Polygon | MultiPolygon, PlotProperties>;
  loaded: number;
  /** numberMatched from the server, once the first page has arrived. */
  total: number | null;
  done: boolean;
  error: Error | null;
  retry: () => void;
}

/**
 * Loads every plot as GeoJSON: the first page tells how many match, the rest follow two at a time,
 * and the features accumulate into one collection as pages arrive.
 */
export function useAllPlots(enabled = true): PlotLoad {
  const queryClient = useQueryClient();
  const first = useQuery({
    queryKey: queryKeys.plotPage(0, PLOT_PAGE_SIZE),
    queryFn: ({ signal }) => api.plots({ limit: PLOT_PAGE_SIZE, offset: 0 }, signal),
    enabled,
  });
  // Without numberMatched the first page is taken as everything there is.
  const total = first.data ? (first.data.numberMatched ?? first.data.features.length) : null;
  // If the server caps the page size below ours, step by what it actually returned.
  const returned = first.data?.numberReturned ?? first.data?.features.length ?? 0;
  const stride = returned > 0 && returned < PLOT_PAGE_SIZE ? returned : PLOT_PAGE_SIZE;
  const offsets: number[] = [];
  if (total !== null) for (let offset = stride; offset < total; offset += stride) offsets.push(offset);

  // A page may start once fewer than PLOT_PAGE_CONCURRENCY earlier pages are unfinished. useQueries
  // re-renders on every page's status change, so reading the cache here keeps the window sliding.
  let unfinishedBefore = 0;
  const rest = useQueries({
    queries: offsets.map((offset) => {
      const key = queryKeys.plotPage(offset, stride);
      const allowed = unfinishedBefore < PLOT_PAGE_CONCURRENCY;
      if (queryClient.getQueryState(key)?.status !== 'success') unfinishedBefore += 1;
      return {
        queryKey: key,
        queryFn: ({ signal }: { signal: AbortSignal }) => api.plots({ limit: stride, offset }, signal),
        enabled: enabled && allowed,
      };
    }),
  });

  const pages: (PlotPage | undefined)[] = [first.data, ...rest.map((result) => result.data)];
  const stamp = [first.dataUpdatedAt, ...rest.map((result) => result.dataUpdatedAt)].join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `stamp` changes exactly when a page's data does.
  const plots = useMemo(() => {
    const features: PlotFeature[] = [];
    for (const page of pages) if (page) for (const feature of page.features) features.push(feature);
    return { type: 'FeatureCollection' as const, features };
  }, [stamp]);

  const error = first.error ?? rest.find((result) => result.error)?.error ?? null;
  const loaded = plots.features.length;
  const done = total !== null && pages.every((page) => page !== undefined);
  return {
    plots,
    loaded,
    total,
    done,
    error,
    retry: () => {
      if (first.error) void first.refetch();
      for (const result of rest) if (result.error) void result.refetch();
    },
  };
}
