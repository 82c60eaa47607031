// The application shell: top bar, full-window map, layers-and-legend panel and the plot panel.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllPlots, useDistricts, useMeta, useZones } from './api/queries.ts';
import type { PlotStatus } from './api/types.ts';
import { LegendPanel, type StatusTally } from './features/legend/legend-panel.tsx';
import { LoadingBar } from './features/plots/loading-bar.tsx';
import { PlotPanel } from './features/plots/plot-panel.tsx';
import { TopBar } from './features/top-bar/top-bar.tsx';
import { type LayerVisibility, MapView } from './map/map-view.tsx';

export function App() {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  const districts = useDistricts();
  const zones = useZones();
  const plotLoad = useAllPlots(meta.isSuccess);
  const [visibility, setVisibility] = useState<LayerVisibility>({
    districts: true,
    zones: true,
    plots: true,
  });
  const [selectedPlotId, setSelectedPlotId] = useState<number | null>(null);

  const tally = useMemo(() => {
    const byStatus: Partial<Record<PlotStatus, StatusTally>> = {};
    for (const feature of plotLoad.plots.features) {
      const { status, areaMu } = feature.properties;
      const entry = byStatus[status] ?? { count: 0, areaMu: 0 };
      entry.count += 1;
      entry.areaMu += areaMu;
      byStatus[status] = entry;
    }
    return byStatus;
  }, [plotLoad.plots]);

  const selectedFromMap = useMemo(
    () =>
      selectedPlotId === null
        ? undefined
        : plotLoad.plots.features.find((feature) => feature.properties.id === selectedPlotId)?.properties,
    [plotLoad.plots, selectedPlotId],
  );

  const toggleLayer = useCallback(
    (layer: keyof LayerVisibility) => setVisibility((current) => ({ ...current, [layer]: !current[layer] })),
    [],
  );
  const closePanel = useCallback(() => setSelectedPlotId(null), []);

  return (
    <div className="app">
      <TopBar meta={meta.data} />
      <LoadingBar
        loaded={plotLoad.loaded}
        total={plotLoad.total}
        done={plotLoad.done}
        error={plotLoad.error}
        onRetry={plotLoad.retry}
      />
      <main className="app__main">
        {meta.data ? (
          <MapView
            bbox={meta.data.bbox}
            districts={districts.data}
            zones={zones.data}
            plots={plotLoad.plots}
            plotsReady={plotLoad.done}
            visibility={visibility}
            selectedPlotId={selectedPlotId}
            onSelectPlot={setSelectedPlotId}
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
        {meta.data && (
          <LegendPanel
            visibility={visibility}
            onToggle={toggleLayer}
            tally={tally}
            plotsDone={plotLoad.done}
          />
        )}
        {selectedPlotId !== null && (
          <PlotPanel
            key={selectedPlotId}
            plotId={selectedPlotId}
            fromMap={selectedFromMap}
            districts={districts.data}
            zones={zones.data}
            onClose={closePanel}
          />
        )}
      </main>
    </div>
  );
}
