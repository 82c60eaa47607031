// Turns the investor site list's query string into a checked filter, or a 400 naming the problem.
import { FilterError } from '../plots/filters.ts';
import { SERVICING_ITEMS } from '../plots/schemas.ts';
import { SITE_SORTS, type SitesQuery } from './schemas.ts';

export type SiteKind = NonNullable<SitesQuery['kind']>;

export interface SiteFilter {
  zoneId: number | null;
  districtCode: string | null;
  minAreaMu: number | null;
  maxAreaMu: number | null;
  /** A leading industry one of the site's zones lists. */
  industry: string | null;
  /** Servicing items the site must have, every one (a parcel: on every member plot). */
  servicing: string[] | null;
}

export interface SiteSort {
  key: 'area' | 'price';
  descending: boolean;
}

function servicingItems(raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  const items = [...new Set(raw.split(',').map((item) => item.trim()))];
  for (const item of items) {
    if (item === '') throw new FilterError(`servicing: empty item in "${raw}"; separate items with commas`);
    if (!(SERVICING_ITEMS as readonly string[]).includes(item)) {
      throw new FilterError(
        `servicing: unknown item "${item}"; expected some of ${SERVICING_ITEMS.join(', ')}, separated by commas`,
      );
    }
  }
  return items;
}

export function parseSiteFilter(query: SitesQuery): SiteFilter {
  const minAreaMu = query.minAreaMu ?? null;
  const maxAreaMu = query.maxAreaMu ?? null;
  if (minAreaMu !== null && maxAreaMu !== null && minAreaMu > maxAreaMu) {
    throw new FilterError(
      `minAreaMu (${minAreaMu}) is greater than maxAreaMu (${maxAreaMu}); swap them or widen the range`,
    );
  }
  const industry = query.industry?.trim() ?? null;
  if (industry === '') throw new FilterError('industry: empty; leave it out to see every industry');
  return {
    zoneId: query.zoneId ?? null,
    districtCode: query.districtCode ?? null,
    minAreaMu,
    maxAreaMu,
    industry,
    servicing: servicingItems(query.servicing),
  };
}

export function parseSiteSort(raw: SitesQuery['sort']): SiteSort {
  const sort = raw ?? SITE_SORTS[0];
  const descending = sort.startsWith('-');
  return { key: descending ? (sort.slice(1) as SiteSort['key']) : (sort as SiteSort['key']), descending };
}
