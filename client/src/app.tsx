// The application shell: top bar, full-window map, layers-and-legend panel and the plot panel.

import { useQueryClient } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api/client.ts';
import {
  queryKeys,
  useDistricts,
  useMe,
  useMeta,
  usePlotSelection,
  usePlotStats,
  useZones,
} from './api/queries.ts';
import type {
  BBox,
  PlotProperties,
  PlotStatus,
  SearchItem,
  SelectionPolygon,
  SiteCandidate,
  SiteSearchResult,
} from './api/types.ts';
import { dashboardInLink, withDashboard } from './features/dashboard/dashboard-link.ts';
import { DashboardLoader } from './features/dashboard/dashboard-loader.tsx';
import { LegendPanel, type StatusTally } from './features/legend/legend-panel.tsx';
import { AttributeTable } from './features/plots/attribute-table.tsx';
import { PlotPanel } from './features/plots/plot-panel.tsx';
import { SearchBox } from './features/search/search-box.tsx';
import { SelectionPanel } from './features/selection/selection-panel.tsx';
import { SiteFinderPanel } from './features/site-finder/site-finder-panel.tsx';
import { TopBar } from './features/top-bar/top-bar.tsx';
import { Workbench } from './features/work/workbench.tsx';
import type { LngLat } from './geo/measure.ts';
import { ALL_LAYERS_VISIBLE, PLOT_THEMES, type PlotTheme, PUBLIC_PLOT_THEMES } from './map/layer-styles.ts';
import { type LayerVisibility, MapView } from './map/map-view.tsx';
import { formatPermalink, type MapCamera, parsePermalink } from './map/permalink.ts';
import { filterExpression, filterParams, type PlotFilter } from './map/plot-filter.ts';

export function App() {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  const me = useMe();
  const user = me.data ? me.data.user : me.isError ? null : undefined;
  const [workOpen, setWorkOpen] = useState(false);
  // ?view=dashboard reopens the dashboard; it shows for signed-in internal roles only.
  const [dashboardOpen, setDashboardOpen] = useState(() => dashboardInLink(window.location.search));
  const dashboardShown = dashboardOpen && !!user && user.role !== 'investor';
  const districts = useDistricts();
  const zones = useZones();
  // The URL holds the view, the layers and the selection: read once, then kept current.
  const link = useMemo(() => parsePermalink(window.location.search), []);
  const [visibility, setVisibility] = useState<LayerVisibility>(link.layers ?? ALL_LAYERS_VISIBLE);
  // Grade and inefficiency themes colour internal attributes: offered to roles that may see them.
  const role = meta.data?.viewer.role;
  const internalViewer = role === 'planner' || role === 'admin' || role === 'zone_manager';
  const themes: readonly PlotTheme[] = internalViewer ? PLOT_THEMES : PUBLIC_PLOT_THEMES;
  const [chosenTheme, setTheme] = useState<PlotTheme>(link.theme);
  const theme: PlotTheme = !meta.data || themes.includes(chosenTheme) ? chosenTheme : 'status';
  const [selectionArea, setSelectionArea] = useState<LngLat[] | null>(link.selection);
  const [selectedPlotId, setSelectedPlotId] = useState<number | null>(link.plotId);
  const [camera, setCamera] = useState<MapCamera | null>(link.view);
  const [filter, setFilter] = useState<PlotFilter>(link.filter);
  // Per-status figures under the other filters, so a hidden status still shows its count.
  const stats = usePlotStats(
    useMemo(() => filterParams(filter, false), [filter]),
    meta.isSuccess,
  );
  const plotFilter = useMemo(() => filterExpression(filter), [filter]);
  const apiFilter = useMemo(() => filterParams(filter), [filter]);
  const selectionPolygon = useMemo<SelectionPolygon | null>(
    () => (selectionArea ? { type: 'Polygon', coordinates: [selectionArea] } : null),
    [selectionArea],
  );
  const selection = usePlotSelection(selectionPolygon, apiFilter);
  const pickedPlotIds = useMemo(() => selection.data?.items.map((plot) => plot.id) ?? [], [selection.data]);
  const clearSelection = useCallback(() => setSelectionArea(null), []);
  const [tableOpen, setTableOpen] = useState(false);
  const [siteFinderOpen, setSiteFinderOpen] = useState(false);
  const [sites, setSites] = useState<SiteSearchResult | null>(null);
  const [siteRank, setSiteRank] = useState<number | null>(null);
  const siteOutlines = useMemo<FeatureCollection | null>(
    () =>
      sites && siteFinderOpen
        ? {
            type: 'FeatureCollection',
            features: sites.candidates.map((site) => ({
              type: 'Feature',
              properties: { rank: site.rank, areaMu: site.areaMu },
              geometry: site.geometry,
            })),
          }
        : null,
    [sites, siteFinderOpen],
  );
  const [focus, setFocus] = useState<{ bbox: BBox; maxZoom: number; coveredLeft?: number } | null>(null);
  // The import preview open in the workbench, drawn over the plots until it is closed or finished.
  const [importPreview, setImportPreview] = useState<FeatureCollection | null>(null);
  const queryClient = useQueryClient();
  // A table row selects its plot and frames it (the detail, shared with the panel, has its bbox).
  const onTablePick = useCallback(
    async (plot: Pick<PlotProperties, 'id'>) => {
      setSelectedPlotId(plot.id);
      const detail = await queryClient.fetchQuery({
        queryKey: queryKeys.plot(plot.id),
        queryFn: ({ signal }) => api.plot(plot.id, signal),
      });
      setFocus({ bbox: detail.bbox, maxZoom: 16 });
    },
    [queryClient],
  );
  // A link naming a plot but no view (e.g. from a notification or the inbox) frames that plot.
  useEffect(() => {
    if (link.plotId !== null && link.view === null) void onTablePick({ id: link.plotId });
  }, [link, onTablePick]);
  const onSearchPick = useCallback((item: SearchItem) => {
    const isPlot = item.kind === 'plot' || item.kind === 'enterprise';
    setFocus({ bbox: item.bbox, maxZoom: isPlot ? 16 : 13 });
    if (isPlot && typeof item.id === 'number') setSelectedPlotId(item.id);
  }, []);
  useEffect(() => {
    const search = withDashboard(
      formatPermalink(
        { view: camera, layers: visibility, plotId: selectedPlotId, filter, theme, selection: selectionArea },
        window.location.search,
      ),
      dashboardOpen,
    );
    if (search !== window.location.search) {
      window.history.replaceState(
        window.history.state,
        '',
        `${window.location.pathname}${search}${window.location.hash}`,
      );
    }
  }, [camera, visibility, selectedPlotId, filter, theme, selectionArea, dashboardOpen]);

  const tally = useMemo(() => {
    const byStatus: Partial<Record<PlotStatus, StatusTally>> = {};
    for (const { status, count, areaMu } of stats.data?.byStatus ?? []) byStatus[status] = { count, areaMu };
    return byStatus;
  }, [stats.data]);

  const toggleLayer = useCallback(
    (layer: keyof LayerVisibility) => setVisibility((current) => ({ ...current, [layer]: !current[layer] })),
    [],
  );
  const closePanel = useCallback(() => setSelectedPlotId(null), []);
  const onSitePick = useCallback((site: SiteCandidate) => {
    setSiteRank(site.rank);
    const points = site.geometry.coordinates.flat(2);
    const lons = points.map((p) => p[0] as number);
    const lats = points.map((p) => p[1] as number);
    setFocus({
      bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
      maxZoom: 15,
    });
  }, []);

  return (
    <div className="app">
      <TopBar
        meta={meta.data}
        user={user}
        workOpen={workOpen}
        onToggleWork={() => setWorkOpen((open) => !open)}
        dashboardOpen={dashboardShown}
        onToggleDashboard={() => setDashboardOpen((open) => !open)}
      />
      {stats.error && (
        <div className="notice notice--error" role="alert">
          <span>{t('app.errorPlots')}</span>
          <button type="button" className="button" onClick={() => void stats.refetch()}>
            {t('app.retry')}
          </button>
        </div>
      )}
      <main className="app__main">
        {meta.data ? (
          <MapView
            bbox={meta.data.bbox}
            initialCamera={link.view}
            onCameraChange={setCamera}
            focus={focus}
            plotFilter={plotFilter}
            districts={districts.data}
            zones={zones.data}
            visibility={visibility}
            selectedPlotId={selectedPlotId}
            onSelectPlot={setSelectedPlotId}
            theme={theme}
            selectionArea={selectionArea}
            pickedPlotIds={pickedPlotIds}
            onSelectArea={setSelectionArea}
            sites={siteOutlines}
            selectedSiteRank={siteRank}
            importPreview={importPreview}
            english={i18n.language === 'en'}
            ariaLabel={t('map.ariaLabel')}
          />
        ) : meta.error ? (
          <div className="app__message" role="alert">
            <p>{t('app.errorMeta')}</p>
            <p className="muted">{meta.error.message}</p>
            <button type="button" className="button button--primary" onClick={() => void meta.refetch()}>
              {t('app.retry')}
            </button>
          </div>
        ) : (
          <div className="app__message" role="status">
            <div className="spinner" aria-hidden="true" />
            <p>{t('app.loading')}</p>
          </div>
        )}
        {meta.data && <SearchBox onPick={onSearchPick} />}
        {meta.data && (!tableOpen || !siteFinderOpen) && (
          <div className="map-toggles">
            {!tableOpen && (
              <button type="button" className="panel table-toggle" onClick={() => setTableOpen(true)}>
                {t('table.open')}
              </button>
            )}
            {!siteFinderOpen && (
              <button
                type="button"
                className="panel site-toggle"
                onClick={() => {
                  setSiteFinderOpen(true);
                  setSelectionArea(null);
                }}
              >
                {t('sites.open')}
              </button>
            )}
          </div>
        )}
        {tableOpen && (
          <AttributeTable
            filter={apiFilter}
            selectedPlotId={selectedPlotId}
            onPick={(plot) => void onTablePick(plot)}
            onClose={() => setTableOpen(false)}
          />
        )}
        {meta.data && (
          <LegendPanel
            visibility={visibility}
            onToggle={toggleLayer}
            tally={tally}
            statsReady={stats.isSuccess}
            filter={filter}
            onFilterChange={setFilter}
            zones={zones.data}
            districts={districts.data}
            landUses={meta.data.landUses}
            theme={theme}
            onThemeChange={setTheme}
            themes={themes}
            stats={stats.data}
          />
        )}
        {user && workOpen && (
          <Workbench
            user={user}
            onClose={() => setWorkOpen(false)}
            onShowPlot={(id) => void onTablePick({ id })}
            onShowArea={(bbox, maxZoom, coveredLeft) => setFocus({ bbox, maxZoom, coveredLeft })}
            onImportPreview={setImportPreview}
          />
        )}
        {selectedPlotId === null && siteFinderOpen && (
          <SiteFinderPanel
            user={user ?? null}
            zones={zones.data}
            districts={districts.data}
            onResult={(result) => {
              setSites(result);
              setSiteRank(null);
            }}
            selectedRank={siteRank}
            onSelect={onSitePick}
            onClose={() => {
              setSiteFinderOpen(false);
              setSites(null);
            }}
          />
        )}
        {selectedPlotId === null && !siteFinderOpen && selectionArea !== null && (
          <SelectionPanel
            selection={selection.data}
            error={selection.error}
            onPick={(plot) => void onTablePick(plot)}
            onClear={clearSelection}
            user={user ?? null}
          />
        )}
        {selectedPlotId !== null && (
          <PlotPanel
            key={selectedPlotId}
            plotId={selectedPlotId}
            districts={districts.data}
            zones={zones.data}
            onClose={closePanel}
            onZoomTo={(bbox) => setFocus({ bbox, maxZoom: 16 })}
            user={user ?? null}
          />
        )}
        {user && dashboardShown && (
          <DashboardLoader
            user={user}
            districts={districts.data}
            zones={zones.data}
            districtCode={filter.districtCode}
            zoneId={filter.zoneId}
            onScopeChange={(scope) => setFilter((current) => ({ ...current, ...scope }))}
            onClose={() => setDashboardOpen(false)}
          />
        )}
      </main>
    </div>
  );
}
