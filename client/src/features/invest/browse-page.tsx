// Finding land: available plots or contiguous parcels as cards and on the map, from one query whose
// filter is the address — a phone shows the list with a map toggle, a wide screen both side by side.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { InvestMapLoader } from './invest-map-loader.tsx';
import { PageState, useDocumentTitle } from './invest-parts.tsx';
import { useDistrictList, useInvestSummary, useSites } from './invest-queries.ts';
import { toMapSites, useOpenSite } from './map-sites.ts';
import { SiteCard } from './site-card.tsx';
import {
  formatSiteFilter,
  parseSiteFilter,
  SITE_KINDS,
  type SiteFilter,
  type SiteSort,
} from './site-filter.ts';
import { SiteFilters } from './site-filters.tsx';

const WIDE = '(min-width: 900px)';
const SORT_LABELS = {
  '-area': 'invest.browse.sortAreaDesc',
  area: 'invest.browse.sortAreaAsc',
  price: 'invest.browse.sortPriceAsc',
  '-price': 'invest.browse.sortPriceDesc',
} as const satisfies Record<SiteSort, string>;

export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}

export function BrowsePage() {
  const { t } = useTranslation();
  const search = useSearch();
  const [, navigate] = useLocation();
  const filter = useMemo(() => parseSiteFilter(search), [search]);
  const setFilter = useCallback(
    (next: SiteFilter) => navigate(`/sites${formatSiteFilter(next, search)}`, { replace: true }),
    [navigate, search],
  );
  const summary = useInvestSummary();
  const districts = useDistrictList();
  const sites = useSites(filter);
  const wide = useMediaQuery(WIDE);
  const [filtersOpen, setFiltersOpen] = useState<boolean | null>(null);
  const [mapShown, setMapShown] = useState(false);
  const [hoverId, setHoverId] = useState<number | null>(null);
  useDocumentTitle(t('invest.browse.title'));

  const pages = sites.data?.pages;
  const features = useMemo(() => pages?.flatMap((page) => page.features) ?? [], [pages]);
  const mapSites = useMemo(() => toMapSites(features), [features]);
  const total = pages?.[0]?.numberMatched ?? 0;
  const showMap = wide || mapShown;
  const frameKey = formatSiteFilter({ ...filter, sort: '-area' });
  const onPick = useOpenSite();

  return (
    <div className="browse" data-view={!wide && mapShown ? 'map' : 'list'}>
      <section className="browse__list" aria-labelledby="browse-title">
        <div className="browse__head">
          <h1 id="browse-title">{t('invest.browse.title')}</h1>
          <fieldset className="segmented" aria-label={t('invest.browse.kindLabel')}>
            {SITE_KINDS.map((kind) => (
              <button
                key={kind}
                type="button"
                aria-pressed={filter.kind === kind}
                data-kind={kind}
                onClick={() => setFilter({ ...filter, kind })}
              >
                {t(kind === 'plots' ? 'invest.browse.plots' : 'invest.browse.parcels')}
              </button>
            ))}
          </fieldset>
        </div>
        <SiteFilters
          filter={filter}
          onChange={setFilter}
          summary={summary.data}
          districts={districts.data}
          open={filtersOpen ?? wide}
          onToggle={() => setFiltersOpen(!(filtersOpen ?? wide))}
        />
        <div className="browse__bar">
          <p
            className="browse__count"
            data-testid="result-count"
            data-value={pages ? total : ''}
            aria-live="polite"
          >
            {pages
              ? t(filter.kind === 'plots' ? 'invest.browse.countPlots' : 'invest.browse.countParcels', {
                  count: total,
                })
              : t('invest.loading')}
            {sites.isFetching && pages && !sites.isFetchingNextPage && (
              <span className="muted"> · {t('invest.browse.updating')}</span>
            )}
          </p>
          <label className="browse__sort">
            <span>{t('invest.browse.sort')}</span>
            <select
              name="sort"
              value={filter.sort}
              onChange={(event) => setFilter({ ...filter, sort: event.target.value as SiteSort })}
            >
              {(Object.keys(SORT_LABELS) as SiteSort[]).map((sort) => (
                <option key={sort} value={sort}>
                  {t(SORT_LABELS[sort])}
                </option>
              ))}
            </select>
          </label>
        </div>
        <PageState query={{ ...sites, data: pages }}>
          {() =>
            features.length === 0 ? (
              <p className="invest-state">{t('invest.browse.none')}</p>
            ) : (
              <>
                <ul className="site-cards" data-testid="site-cards">
                  {features.map((feature) => (
                    <SiteCard
                      key={`${feature.properties.kind}-${feature.id}`}
                      site={feature.properties}
                      highlighted={hoverId === feature.id}
                      onHover={setHoverId}
                    />
                  ))}
                </ul>
                {features.length < total && (
                  <div className="browse__more">
                    <p className="muted">{t('invest.browse.shown', { shown: features.length, total })}</p>
                    <button
                      type="button"
                      className="button"
                      disabled={sites.isFetchingNextPage}
                      onClick={() => void sites.fetchNextPage()}
                    >
                      {sites.isFetchingNextPage ? t('invest.loading') : t('invest.browse.more')}
                    </button>
                  </div>
                )}
              </>
            )
          }
        </PageState>
      </section>
      {showMap && pages && (
        <InvestMapLoader
          className="browse__map"
          sites={mapSites}
          highlightId={hoverId}
          onPick={onPick}
          bounds={null}
          frameKey={frameKey}
        />
      )}
      {!wide && (
        <button
          type="button"
          className="button button--primary browse__toggle"
          aria-pressed={mapShown}
          data-testid="map-toggle"
          onClick={() => setMapShown((shown) => !shown)}
        >
          {mapShown ? t('invest.browse.showList') : t('invest.browse.showMap')}
        </button>
      )}
    </div>
  );
}
