// TanStack Query hooks of the investor view: query keys, paging of the sites and when not to retry.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ApiError, api, getJson } from '../../api/client.ts';
import { investApi } from '../../api/invest.ts';
import type { DistrictList } from '../../api/types.ts';
import { type SiteFilter, sitesQuery } from './site-filter.ts';

/** Sites fetched per page: the cards and the map show the same pages, so a phone is not sent all at once. */
export const SITES_PAGE = 100;

/** A missing or refused page will not appear by asking again; a dropped connection might. */
export function retryTransient(failures: number, error: Error): boolean {
  if (error instanceof ApiError && error.statusCode >= 400 && error.statusCode < 500) return false;
  return failures < 2;
}

export const investKeys = {
  summary: ['invest', 'summary'] as const,
  sites: (query: Record<string, string>) => ['invest', 'sites', query] as const,
  plot: (id: number) => ['invest', 'plot', id] as const,
  parcel: (id: number) => ['invest', 'parcel', id] as const,
  zone: (id: number) => ['invest', 'zone', id] as const,
  city: ['meta'] as const,
  districts: ['districts', 'list'] as const,
};

export function useInvestSummary() {
  return useQuery({
    queryKey: investKeys.summary,
    queryFn: ({ signal }) => investApi.summary(signal),
    retry: retryTransient,
  });
}

/** The city's name and extent (/api/meta is public and small). */
export function useCity() {
  return useQuery({
    queryKey: investKeys.city,
    queryFn: ({ signal }) => api.meta(signal),
    retry: retryTransient,
  });
}

export function useDistrictList() {
  return useQuery({
    queryKey: investKeys.districts,
    queryFn: async ({ signal }) => (await getJson<DistrictList>('/api/districts', signal)).items,
    retry: retryTransient,
  });
}

/** One filter, one query: its pages feed both the cards and the map. */
export function useSites(filter: SiteFilter, enabled = true) {
  const query = sitesQuery(filter);
  return useInfiniteQuery({
    queryKey: investKeys.sites(query),
    queryFn: ({ signal, pageParam }) =>
      investApi.sites({ ...query, limit: String(SITES_PAGE), offset: String(pageParam) }, signal),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.numberReturned, 0);
      return loaded < last.numberMatched && last.numberReturned > 0 ? loaded : undefined;
    },
    placeholderData: (previous) => previous,
    enabled,
    retry: retryTransient,
  });
}

export function useInvestPlot(id: number) {
  return useQuery({
    queryKey: investKeys.plot(id),
    queryFn: ({ signal }) => investApi.plot(id, signal),
    retry: retryTransient,
  });
}

export function useInvestParcel(id: number) {
  return useQuery({
    queryKey: investKeys.parcel(id),
    queryFn: ({ signal }) => investApi.parcel(id, signal),
    retry: retryTransient,
  });
}

export function useInvestZone(id: number) {
  return useQuery({
    queryKey: investKeys.zone(id),
    queryFn: ({ signal }) => investApi.zone(id, signal),
    retry: retryTransient,
  });
}
