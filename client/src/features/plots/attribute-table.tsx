// The attribute table: the filtered plots, paged and sortable; a row flies the map to its plot.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, EXPORT_MAX_PLOTS } from '../../api/client.ts';
import type { PlotProperties } from '../../api/types.ts';
import { formatNumber } from '../../i18n/format.ts';

const PAGE_SIZE = 50;
const SORTABLE = ['code', 'zone', 'district', 'areaMu', 'status'] as const;
type SortKey = (typeof SORTABLE)[number];

interface AttributeTableProps {
  /** The map's filter as API parameters. */
  filter: Record<string, string>;
  selectedPlotId: number | null;
  onPick: (plot: PlotProperties) => void;
  onClose: () => void;
}

/** The download menu's formats, in the order offered; Shapefile and Excel have a ceiling. */
const EXPORTS = [
  { format: 'geojson', label: 'table.export.geojson' },
  { format: 'csv', label: 'table.export.csv' },
  { format: 'shp', label: 'table.export.shp' },
  { format: 'xlsx', label: 'table.export.xlsx' },
] as const;

export function AttributeTable({ filter, selectedPlotId, onPick, onClose }: AttributeTableProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'code', descending: false });
  const [page, setPage] = useState(0);
  const params = {
    ...filter,
    sort: `${sort.descending ? '-' : ''}${sort.key}`,
    limit: String(PAGE_SIZE),
    offset: String(page * PAGE_SIZE),
  };
  const list = useQuery({
    queryKey: ['plots', 'table', params],
    queryFn: ({ signal }) => api.plotList(params, signal),
    placeholderData: (previous) => previous,
  });
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  // A new filter can leave the current page past the end.
  const shownPage = Math.min(page, pages - 1);
  if (shownPage !== page) setPage(shownPage);
  const internal = list.data?.items.some((item) => 'enterpriseName' in item) ?? false;

  const sortBy = (key: SortKey) => {
    setSort((current) => ({ key, descending: current.key === key ? !current.descending : key === 'areaMu' }));
    setPage(0);
  };

  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="table-sort" onClick={() => sortBy(key)}>
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </th>
  );

  return (
    <section className="panel attribute-table" aria-label={t('table.title')} aria-busy={list.isFetching}>
      <header className="attribute-table__header">
        <h2 className="attribute-table__title">
          {t('table.title')}
          <span className="muted"> · {t('table.rows', { value: formatNumber(i18n.language, total) })}</span>
        </h2>
        <div className="attribute-table__actions">
          {/* Plain links: the server streams the file with the session cookie, in the table's filter and order. */}
          <details className="export-menu">
            <summary className="export-menu__toggle">{t('table.export.menu')}</summary>
            <ul className="export-menu__list panel">
              {EXPORTS.map(({ format, label }) => {
                const most = format === 'shp' || format === 'xlsx' ? EXPORT_MAX_PLOTS[format] : null;
                const tooMany = most !== null && total > most;
                if (total === 0 || tooMany) {
                  return (
                    <li key={format}>
                      <span className="export-menu__item is-disabled" aria-disabled="true">
                        {t(label)}
                        {tooMany && (
                          <small className="muted">
                            {t('table.export.tooMany', { value: formatNumber(i18n.language, most) })}
                          </small>
                        )}
                      </span>
                    </li>
                  );
                }
                return (
                  <li key={format}>
                    <a
                      className="export-menu__item"
                      href={api.plotExportUrl(
                        format,
                        { ...filter, sort: params.sort },
                        english ? 'en' : 'zh-CN',
                      )}
                      download
                      data-format={format}
                      // The download starts; the menu has done its job.
                      onClick={(event) => event.currentTarget.closest('details')?.removeAttribute('open')}
                    >
                      {t(label)}
                    </a>
                  </li>
                );
              })}
            </ul>
          </details>
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('table.close')}>
            ×
          </button>
        </div>
      </header>
      <div className="attribute-table__scroll">
        <table>
          <thead>
            <tr>
              {header('code', t('table.col.code'))}
              {header('zone', t('table.col.zone'))}
              {header('district', t('table.col.district'))}
              {header('areaMu', t('table.col.areaMu'))}
              <th scope="col">{t('table.col.landUse')}</th>
              {header('status', t('table.col.status'))}
              {internal && <th scope="col">{t('table.col.enterprise')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.data?.items.map((plot) => (
              <tr
                key={plot.id}
                data-plot-id={plot.id}
                aria-selected={plot.id === selectedPlotId}
                className={plot.id === selectedPlotId ? 'is-selected' : undefined}
                onClick={() => onPick(plot)}
              >
                <td className="mono">
                  <button type="button" className="table-link" onClick={() => onPick(plot)}>
                    {plot.code}
                  </button>
                </td>
                <td>{(english ? plot.zoneNameEn : plot.zoneName) ?? '—'}</td>
                <td>{english ? plot.districtNameEn : plot.districtName}</td>
                <td className="number">{formatNumber(i18n.language, plot.areaMu, 1)}</td>
                <td>{english ? plot.landUseNameEn : plot.landUseName}</td>
                <td>{t(`status.${plot.status}`)}</td>
                {internal && <td>{plot.enterpriseName ?? '—'}</td>}
              </tr>
            ))}
          </tbody>
        </table>
        {list.isSuccess && total === 0 && <p className="attribute-table__empty muted">{t('table.empty')}</p>}
      </div>
      <footer className="attribute-table__footer">
        <button
          type="button"
          className="button"
          disabled={shownPage === 0}
          onClick={() => setPage(shownPage - 1)}
        >
          {t('table.prev')}
        </button>
        <span>{t('table.page', { page: shownPage + 1, pages })}</span>
        <button
          type="button"
          className="button"
          disabled={shownPage >= pages - 1}
          onClick={() => setPage(shownPage + 1)}
        >
          {t('table.next')}
        </button>
      </footer>
    </section>
  );
}
