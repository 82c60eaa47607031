// Layers and legend: layer toggles, the plot theme and its key with counts (each key item also filters),
// and the plot filters; collapsible (collapsed on phones).
import { type CSSProperties, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistrictCollection, Meta, PlotStats, PlotStatus, ZoneCollection } from '../../api/types.ts';
import { COMPLIANCE_CLASSES, GRADES, INEFFICIENCY_TYPES, PLOT_STATUSES } from '../../api/types.ts';
import { formatNumber } from '../../i18n/format.ts';
import {
  BASEMAP_COLORS,
  COMPLIANCE_COLORS,
  CONTROL_LINE_COLORS,
  GRADE_COLORS,
  INEFFICIENCY_COLORS,
  PARCEL_COLOR,
  PLOT_THEMES,
  type PlotTheme,
  STATUS_COLORS,
  UNTHEMED_COLOR,
} from '../../map/layer-styles.ts';
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
  landUses: Meta['landUses'];
  theme: PlotTheme;
  /** Null when the viewer may only see the status theme. */
  onThemeChange: ((theme: PlotTheme) => void) | null;
  /** The themes this viewer may choose (default: all). */
  themes?: readonly PlotTheme[];
  stats: PlotStats | undefined;
}

/** Toggles one value of a key list; every value ticked is the same as no filter (null). */
function toggled<T extends string>(current: T[] | null, all: readonly T[], value: T): T[] | null {
  const base = current ?? [...all];
  const next = base.includes(value) ? base.filter((v) => v !== value) : [...base, value];
  return all.every((v) => next.includes(v)) ? null : next;
}

function areaValue(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

const PHONE_QUERY = '(max-width: 640px)';

export function LegendPanel(props: LegendPanelProps) {
  const { visibility, onToggle, tally, statsReady, filter, onFilterChange, zones, districts } = props;
  const { landUses, theme, onThemeChange, stats, themes = PLOT_THEMES } = props;
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
    { key: 'controlLines', swatch: CONTROL_LINE_COLORS.core, className: 'swatch swatch--line' },
    { key: 'parcels', swatch: PARCEL_COLOR, className: 'swatch swatch--dashed' },
    { key: 'plots', swatch: STATUS_COLORS.available, className: 'swatch swatch--plots' },
  ];
  const gradeCounts = new Map(stats?.byGrade.map((g) => [g.grade, g.count]));
  const inefficiencyCounts = new Map(stats?.byInefficiencyType.map((g) => [g.inefficiencyType, g.count]));
  const complianceCounts = new Map(stats?.byCompliance.map((c) => [c.compliance, c.count]));
  const legendTitle = {
    status: t('theme.legendStatus'),
    grade: t('theme.legendGrade'),
    inefficiency: t('theme.legendInefficiency'),
    compliance: t('theme.legendCompliance'),
  }[theme];

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
              {layer.key === 'controlLines' && visibility.controlLines && (
                <span className="line-key">
                  <span className="line-key__item">
                    <span
                      className="line-key__core"
                      style={{ '--swatch': CONTROL_LINE_COLORS.core } as CSSProperties}
                    />
                    {t('layer.core')}
                  </span>
                  <span className="line-key__item">
                    <span
                      className="line-key__transitional"
                      style={{ '--swatch': CONTROL_LINE_COLORS.transitional } as CSSProperties}
                    />
                    {t('layer.transitional')}
                  </span>
                </span>
              )}
            </li>
          ))}
        </ul>
        {onThemeChange && themes.length > 1 && (
          <fieldset className="theme-switch">
            <legend className="panel__subtitle">{t('theme.title')}</legend>
            {themes.map((name) => (
              <label key={name} className="theme-switch__option">
                <input
                  type="radio"
                  name="plot-theme"
                  value={name}
                  checked={theme === name}
                  onChange={() => onThemeChange(name)}
                />
                <span>{t(`theme.${name}`)}</span>
              </label>
            ))}
          </fieldset>
        )}
        <h2 className="panel__subtitle">{legendTitle}</h2>
        {theme === 'grade' && (
          <ul className="status-legend" data-theme="grade">
            {GRADES.map((grade) => (
              <li key={grade} className="status-legend__item" data-grade={grade}>
                <label className="status-legend__toggle">
                  <input
                    type="checkbox"
                    checked={filter.grades === null || filter.grades.includes(grade)}
                    onChange={() =>
                      onFilterChange({ ...filter, grades: toggled(filter.grades, GRADES, grade) })
                    }
                  />
                  <span className="swatch" style={{ '--swatch': GRADE_COLORS[grade] } as CSSProperties} />
                  <span className="status-legend__label">{t(`grade.${grade}`)}</span>
                  <span className="status-legend__count">
                    {formatNumber(i18n.language, gradeCounts.get(grade) ?? 0)}
                  </span>
                </label>
              </li>
            ))}
            {filter.grades === null && (
              <li className="status-legend__item">
                <span className="status-legend__toggle">
                  <span className="swatch" style={{ '--swatch': UNTHEMED_COLOR } as CSSProperties} />
                  <span className="status-legend__label">{t('theme.noGrade')}</span>
                </span>
              </li>
            )}
          </ul>
        )}
        {theme === 'inefficiency' && (
          <ul className="status-legend" data-theme="inefficiency">
            {INEFFICIENCY_TYPES.map((type) => (
              <li key={type} className="status-legend__item" data-inefficiency={type}>
                <label className="status-legend__toggle">
                  <input
                    type="checkbox"
                    checked={filter.inefficiencyTypes === null || filter.inefficiencyTypes.includes(type)}
                    onChange={() =>
                      onFilterChange({
                        ...filter,
                        inefficiencyTypes: toggled(filter.inefficiencyTypes, INEFFICIENCY_TYPES, type),
                      })
                    }
                  />
                  <span
                    className="swatch"
                    style={{ '--swatch': INEFFICIENCY_COLORS[type] } as CSSProperties}
                  />
                  <span className="status-legend__label">{t(`inefficiencyType.${type}`)}</span>
                  <span className="status-legend__count">
                    {formatNumber(i18n.language, inefficiencyCounts.get(type) ?? 0)}
                  </span>
                </label>
              </li>
            ))}
            {filter.inefficiencyTypes === null && (
              <li className="status-legend__item">
                <span className="status-legend__toggle">
                  <span className="swatch" style={{ '--swatch': UNTHEMED_COLOR } as CSSProperties} />
                  <span className="status-legend__label">{t('theme.notInefficient')}</span>
                </span>
              </li>
            )}
          </ul>
        )}
        {theme === 'compliance' && (
          <ul className="status-legend" data-theme="compliance">
            {COMPLIANCE_CLASSES.map((value) => (
              <li key={value} className="status-legend__item" data-compliance={value}>
                <label className="status-legend__toggle">
                  <input
                    type="checkbox"
                    checked={filter.compliance === null || filter.compliance.includes(value)}
                    onChange={() =>
                      onFilterChange({
                        ...filter,
                        compliance: toggled(filter.compliance, COMPLIANCE_CLASSES, value),
                      })
                    }
                  />
                  <span
                    className="swatch"
                    style={{ '--swatch': COMPLIANCE_COLORS[value] } as CSSProperties}
                  />
                  <span className="status-legend__label">{t(`compliance.class.${value}`)}</span>
                  <span className="status-legend__count">
                    {formatNumber(i18n.language, complianceCounts.get(value) ?? 0)}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <ul className="status-legend" hidden={theme !== 'status'}>
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
          <label className="filter-form__field">
            <span>{t('filter.landUse')}</span>
            <select
              aria-label={t('filter.landUse')}
              value={filter.landUseCode ?? ''}
              onChange={(event) => onFilterChange({ ...filter, landUseCode: event.target.value || null })}
            >
              <option value="">{t('filter.all')}</option>
              {landUses.map((use) => (
                <option key={use.code} value={use.code}>
                  {use.code.length > 4 ? '\u2003' : ''}
                  {english ? use.nameEn : use.name}
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
