// Layers and legend: layer toggles and the plot-status key with counts; collapsible (collapsed on phones).
import { type CSSProperties, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistrictCollection, PlotStatus, ZoneCollection } from '../../api/types.ts';
import { PLOT_STATUSES } from '../../api/types.ts';
import { formatNumber } from '../../i18n/format.ts';
import { BASEMAP_COLORS, STATUS_COLORS } from '../../map/layer-styles.ts';
import type { LayerVisibility } from '../../map/map-view.tsx';
import { isFiltered, NO_FILTER, type PlotFilter } from '../../map/plot-filter.ts';

export interface StatusTally {
  count: number;
  areaMu: number;
}

interface LegendPanelProps {
  visibility: LayerVisibility;
  onToggle: (layer: keyof LayerVisibility) => void;
  tally: Partial<Record<PlotStatus, StatusTally>>;
  statsReady: boolean;
  filter: PlotFilter;
  onFilterChange: (filter: PlotFilter) => void;
  zones: ZoneCollection | undefined;
  districts: DistrictCollection | undefined;
}

function areaValue(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

const PHONE_QUERY = '(max-width: 640px)';

export function LegendPanel(props: LegendPanelProps) {
  const { visibility, onToggle, tally, statsReady, filter, onFilterChange, zones, districts } = props;
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(() => !window.matchMedia(PHONE_QUERY).matches);
  const bodyId = useId();
  const present = PLOT_STATUSES.filter((status) => (tally[status]?.count ?? 0) > 0);
  // Before any plot has arrived show every class; afterwards only the classes this viewer actually sees.
  const shown = present.length > 0 ? present : PLOT_STATUSES;
  const included = (status: PlotStatus) => filter.statuses === null || filter.statuses.includes(status);
  const total = present.filter(included).reduce((sum, status) => sum + (tally[status]?.count ?? 0), 0);
  const toggleStatus = (status: PlotStatus) => {
    const current = filter.statuses ?? shown;
    const next = current.includes(status) ? current.filter((s) => s !== status) : [...current, status];
    // Every visible status ticked is the same as no status filter.
    onFilterChange({ ...filter, statuses: shown.every((s) => next.includes(s)) ? null : next });
  };
  const english = i18n.language === 'en';
  // The area inputs keep their own text while one types; clearing the filters remounts them empty.
  const [cleared, setCleared] = useState(0);
  const layers: { key: keyof LayerVisibility; swatch: string; className: string }[] = [
    { key: 'districts', swatch: BASEMAP_COLORS.districtLine, className: 'swatch swatch--dashed' },
    { key: 'zones', swatch: BASEMAP_COLORS.zoneLine, className: 'swatch swatch--zone' },
    { key: 'plots', swatch: STATUS_COLORS.available, className: 'swatch swatch--plots' },
  ];

  return (
    <section className={`panel legend-panel${open ? ' is-open' : ''}`} aria-label={t('panel.title')}>
      <button
        type="button"
        className="panel__header"
        aria-expanded={open}
        aria-controls={bodyId}
        title={open ? t('panel.hide') : t('panel.show')}
        onClick={() => setOpen((value) => !value)}
      >
        <svg className="panel__icon" viewBox="0 0 20 20" aria-hidden="true">
          <path d="M10 2 1 6.5 10 11l9-4.5L10 2Z" fill="currentColor" opacity=".9" />
          <path d="m2.6 9.7-1.6.8L10 15l9-4.5-1.6-.8L10 13.4 2.6 9.7Z" fill="currentColor" opacity=".6" />
          <path d="m2.6 13.2-1.6.8 9 4.5 9-4.5-1.6-.8-7.4 3.7-7.4-3.7Z" fill="currentColor" opacity=".4" />
        </svg>
        <span className="panel__title">{t('panel.title')}</span>
        <svg className="panel__chevron" viewBox="0 0 20 20" aria-hidden="true">
          <path d="m5 8 5 5 5-5" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      </button>
      <div id={bodyId} className="panel__body" hidden={!open}>
        <h2 className="panel__subtitle">{t('panel.layers')}</h2>
        <ul className="layer-list">
          {layers.map((layer) => (
            <li key={layer.key}>
              <label className="layer-toggle">
                <input
                  type="checkbox"
                  checked={visibility[layer.key]}
                  onChange={() => onToggle(layer.key)}
                  data-layer={layer.key}
                />
                <span className={layer.className} style={{ '--swatch': layer.swatch } as CSSProperties} />
                <span>{t(`layer.${layer.key}`)}</span>
              </label>
            </li>
          ))}
        </ul>
        <h2 className="panel__subtitle">{t('panel.legend')}</h2>
        <ul className="status-legend">
          {shown.map((status) => (
            <li key={status} className="status-legend__item" data-status={status}>
              <label className="status-legend__toggle">
                <input type="checkbox" checked={included(status)} onChange={() => toggleStatus(status)} />
                <span className="swatch" style={{ '--swatch': STATUS_COLORS[status] } as CSSProperties} />
                <span className="status-legend__label">{t(`status.${status}`)}</span>
                <span className="status-legend__count">
                  {tally[status] ? formatNumber(i18n.language, tally[status].count) : ''}
                </span>
              </label>
            </li>
          ))}
        </ul>
        <h2 className="panel__subtitle">{t('filter.title')}</h2>
        <div className="filter-form">
          <label className="filter-form__field">
            <span>{t('filter.zone')}</span>
            <select
              aria-label={t('filter.zone')}
              value={filter.zoneId ?? ''}
              onChange={(event) =>
                onFilterChange({ ...filter, zoneId: event.target.value ? Number(event.target.value) : null })
              }
            >
              <option value="">{t('filter.all')}</option>
              {zones?.features.map((zone) => (
                <option key={zone.properties.id} value={zone.properties.id}>
                  {english ? zone.properties.nameEn : zone.properties.name}
                </option>
              ))}
            </select>
          </label>
          <label className="filter-form__field">
            <span>{t('filter.district')}</span>
            <select
              aria-label={t('filter.district')}
              value={filter.districtCode ?? ''}
              onChange={(event) => onFilterChange({ ...filter, districtCode: event.target.value || null })}
            >
              <option value="">{t('filter.all')}</option>
              {districts?.features.map((district) => (
                <option key={district.properties.code} value={district.properties.code}>
                  {english ? district.properties.nameEn : district.properties.name}
                </option>
              ))}
            </select>
          </label>
          <div className="filter-form__field">
            <span>{t('filter.area')}</span>
            <div className="filter-form__range">
              <input
                key={`min-${cleared}`}
                type="number"
                min={0}
                inputMode="decimal"
                aria-label={t('filter.areaMin')}
                placeholder={t('filter.min')}
                defaultValue={filter.minAreaMu ?? ''}
                onChange={(event) => onFilterChange({ ...filter, minAreaMu: areaValue(event.target.value) })}
              />
              <span aria-hidden="true">–</span>
              <input
                key={`max-${cleared}`}
                type="number"
                min={0}
                inputMode="decimal"
                aria-label={t('filter.areaMax')}
                placeholder={t('filter.max')}
                defaultValue={filter.maxAreaMu ?? ''}
                onChange={(event) => onFilterChange({ ...filter, maxAreaMu: areaValue(event.target.value) })}
              />
            </div>
          </div>
          {isFiltered(filter) && (
            <button
              type="button"
              className="button filter-form__reset"
              onClick={() => {
                setCleared((n) => n + 1);
                onFilterChange(NO_FILTER);
              }}
            >
              {t('filter.reset')}
            </button>
          )}
        </div>
        {total > 0 && (
          <p className="status-legend__total">
            <span>{t('panel.total')}</span>
            <span>
              {t('panel.plotCount', { value: formatNumber(i18n.language, total) })}
              {!statsReady && '…'}
            </span>
          </p>
        )}
      </div>
    </section>
  );
}
