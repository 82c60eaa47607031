// The attribute table: the filtered plots, paged and sortable; a row flies the map to its plot.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { PlotProperties } from '../../api/types.ts';
import { formatNumber } from '../../i18n/format.ts';
import { plotsToCsv } from './plots-csv.ts';

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

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function AttributeTable({ filter, selectedPlotId, onPick, onClose }: AttributeTableProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'code', descending: false });
  const [page, setPage] = useState(0);
  const [exporting, setExporting] = useState(false);
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

  const exportAs = async (format: 'csv' | 'geojson') => {
    setExporting(true);
    try {
      const collection = await api.plotsGeoJson({ ...filter, sort: params.sort });
      const stamp = new Date().toISOString().slice(0, 10);
      if (format === 'geojson') {
        download(`plots-${stamp}.geojson`, 'application/geo+json', JSON.stringify(collection));
      } else {
        download(`plots-${stamp}.csv`, 'text/csv;charset=utf-8', plotsToCsv(collection.features));
      }
    } finally {
      setExporting(false);
    }
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
          <button
            type="button"
            className="button"
            disabled={exporting || total === 0}
            onClick={() => exportAs('csv')}
          >
            {t('table.exportCsv')}
          </button>
          <button
            type="button"
            className="button"
            disabled={exporting || total === 0}
            onClick={() => exportAs('geojson')}
          >
            {t('table.exportGeojson')}
          </button>
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
