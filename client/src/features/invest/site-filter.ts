// The investor browse filter and its URL: what the address says is what the cards and the map show.
import type {
  SITE_KINDS as SERVER_SITE_KINDS,
  SITE_SORTS as SERVER_SITE_SORTS,
} from '../../../../server/src/invest/schemas.ts';
import type { SERVICING_ITEMS as SERVER_SERVICING_ITEMS } from '../../../../server/src/plots/schemas.ts';

export const SITE_KINDS = ['plots', 'parcels'] as const satisfies typeof SERVER_SITE_KINDS;
export type SiteKind = (typeof SITE_KINDS)[number];
export const SITE_SORTS = ['-area', 'area', 'price', '-price'] as const satisfies typeof SERVER_SITE_SORTS;
export type SiteSort = (typeof SITE_SORTS)[number];
/** 七通一平 items, in the order the filter lists them. */
export const SERVICING_ITEMS = [
  'road',
  'power',
  'water',
  'drainage',
  'sewage',
  'telecom',
  'gas',
  'heat',
  'cable',
  'levelled',
] as const satisfies typeof SERVER_SERVICING_ITEMS;
export type ServicingItem = (typeof SERVICING_ITEMS)[number];

export interface SiteFilter {
  kind: SiteKind;
  zoneId: number | null;
  districtCode: string | null;
  minAreaMu: number | null;
  maxAreaMu: number | null;
  industry: string | null;
  /** Items every site must have. */
  servicing: ServicingItem[];
  sort: SiteSort;
}

export const DEFAULT_SITE_FILTER: SiteFilter = {
  kind: 'plots',
  zoneId: null,
  districtCode: null,
  minAreaMu: null,
  maxAreaMu: null,
  industry: null,
  servicing: [],
  sort: '-area',
};

/** URL parameters of the browse page; names follow the map's permalink (zone, district, area=min-max). */
const PARAMS = ['kind', 'zone', 'district', 'area', 'industry', 'servicing', 'sort'] as const;

const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T =>
  value !== null && (list as readonly string[]).includes(value);

function areaBound(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/** Reads a filter from a query string; anything malformed is ignored rather than refused (links get mangled). */
export function parseSiteFilter(search: string): SiteFilter {
  const params = new URLSearchParams(search);
  const kind = params.get('kind');
  const sort = params.get('sort');
  const zone = Number(params.get('zone'));
  const district = params.get('district');
  const [min, max] = (params.get('area') ?? '').split('-');
  let minAreaMu = areaBound(min);
  let maxAreaMu = areaBound(max);
  if (minAreaMu !== null && maxAreaMu !== null && minAreaMu > maxAreaMu) {
    [minAreaMu, maxAreaMu] = [maxAreaMu, minAreaMu];
  }
  const industry = params.get('industry')?.trim() ?? '';
  const servicing = new Set((params.get('servicing') ?? '').split(','));
  return {
    kind: isOneOf(SITE_KINDS, kind) ? kind : DEFAULT_SITE_FILTER.kind,
    zoneId: Number.isInteger(zone) && zone > 0 ? zone : null,
    districtCode: district !== null && /^[0-9]{6}$/.test(district) ? district : null,
    minAreaMu,
    maxAreaMu,
    industry: industry === '' ? null : industry.slice(0, 100),
    servicing: SERVICING_ITEMS.filter((item) => servicing.has(item)),
    sort: isOneOf(SITE_SORTS, sort) ? sort : DEFAULT_SITE_FILTER.sort,
  };
}

/**
 * Writes a filter into a query string (`?…`, or '' when nothing is set), keeping any parameter that
 * is not the filter's own (e.g. `lang`). Defaults are left out, so a plain link stays plain.
 */
export function formatSiteFilter(filter: SiteFilter, current = ''): string {
  const params = new URLSearchParams(current);
  for (const name of PARAMS) params.delete(name);
  if (filter.kind !== DEFAULT_SITE_FILTER.kind) params.set('kind', filter.kind);
  if (filter.zoneId !== null) params.set('zone', String(filter.zoneId));
  if (filter.districtCode !== null) params.set('district', filter.districtCode);
  if (filter.minAreaMu !== null || filter.maxAreaMu !== null) {
    params.set('area', `${filter.minAreaMu ?? ''}-${filter.maxAreaMu ?? ''}`);
  }
  if (filter.industry !== null) params.set('industry', filter.industry);
  if (filter.servicing.length > 0) {
    params.set('servicing', SERVICING_ITEMS.filter((item) => filter.servicing.includes(item)).join(','));
  }
  if (filter.sort !== DEFAULT_SITE_FILTER.sort) params.set('sort', filter.sort);
  const text = params.toString().replaceAll('%2C', ',');
  return text === '' ? '' : `?${text}`;
}

/** The API's query parameters for a filter (GET /api/invest/sites), paging added by the caller. */
export function sitesQuery(filter: SiteFilter): Record<string, string> {
  const query: Record<string, string> = { kind: filter.kind, sort: filter.sort };
  if (filter.zoneId !== null) query.zoneId = String(filter.zoneId);
  if (filter.districtCode !== null) query.districtCode = filter.districtCode;
  if (filter.minAreaMu !== null) query.minAreaMu = String(filter.minAreaMu);
  if (filter.maxAreaMu !== null) query.maxAreaMu = String(filter.maxAreaMu);
  if (filter.industry !== null) query.industry = filter.industry;
  if (filter.servicing.length > 0) query.servicing = filter.servicing.join(',');
  return query;
}

/** How many narrowing conditions are set (kind and sort only choose what to show and in what order). */
export function activeConditions(filter: SiteFilter): number {
  return (
    (filter.zoneId !== null ? 1 : 0) +
    (filter.districtCode !== null ? 1 : 0) +
    (filter.minAreaMu !== null || filter.maxAreaMu !== null ? 1 : 0) +
    (filter.industry !== null ? 1 : 0) +
    filter.servicing.length
  );
}

/** The query string with the interface language named (`lang=en`), or the default (zh-CN) left out. */
export function withLanguage(search: string, language: string): string {
  const params = new URLSearchParams(search);
  if (language === 'zh-CN') params.delete('lang');
  else params.set('lang', language);
  const text = params.toString().replaceAll('%2C', ',');
  return text === '' ? '' : `?${text}`;
}
