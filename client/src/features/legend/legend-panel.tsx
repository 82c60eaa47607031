// Layers and legend: layer toggles and the plot-status key with counts; collapsible (collapsed on phones).
import { type CSSProperties, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlotStatus } from '../../api/types.ts';
import { PLOT_STATUSES } from '../../api/types.ts';
import { formatNumber } from '../../i18n/format.ts';
import { BASEMAP_COLORS, STATUS_COLORS } from '../../map/layer-styles.ts';
import type { LayerVisibility } from '../../map/map-view.tsx';

export interface StatusTally {
  count: number;
  areaMu: number;
}

interface LegendPanelProps {
  visibility: LayerVisibility;
  onToggle: (layer: keyof LayerVisibility) => void;
  tally: Partial<Record<PlotStatus, StatusTally>>;
  plotsDone: boolean;
}

const PHONE_QUERY = '(max-width: 640px)';

export function LegendPanel({ visibility, onToggle, tally, plotsDone }: LegendPanelProps) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(() => !window.matchMedia(PHONE_QUERY).matches);
  const bodyId = useId();
  const present = PLOT_STATUSES.filter((status) => (tally[status]?.count ?? 0) > 0);
  // Before any plot has arrived show every class; afterwards only the classes this viewer actually sees.
  const shown = present.length > 0 ? present : PLOT_STATUSES;
  const total = present.reduce((sum, status) => sum + (tally[status]?.count ?? 0), 0);
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
              <span className="swatch" style={{ '--swatch': STATUS_COLORS[status] } as CSSProperties} />
              <span className="status-legend__label">{t(`status.${status}`)}</span>
              <span className="status-legend__count">
                {tally[status] ? formatNumber(i18n.language, tally[status].count) : ''}
              </span>
            </li>
          ))}
        </ul>
        {total > 0 && (
          <p className="status-legend__total">
            <span>{t('panel.total')}</span>
            <span>
              {t('panel.plotCount', { value: formatNumber(i18n.language, total) })}
              {!plotsDone && '…'}
            </span>
          </p>
        )}
      </div>
    </section>
  );
}
