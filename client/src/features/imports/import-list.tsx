// Recent imports (file, status, counts, who and when); any of them opens again.
import { useTranslation } from 'react-i18next';
import type { ImportSummary } from '../../api/import-types.ts';
import { formatNumber } from '../../i18n/format.ts';
import { ImportError } from './import-error.tsx';
import { formatWhen } from './import-format.ts';
import { useImportList } from './import-queries.ts';

export function ImportList({ onOpen }: { onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const list = useImportList();
  const items = list.data?.items;
  return (
    <section className="imports__recent" aria-labelledby="imports-recent">
      <h3 id="imports-recent" className="imports__title">
        {t('imports.recent')}
      </h3>
      {list.isError && <ImportError error={list.error} stage="load" />}
      {list.isPending && <p className="muted">{t('app.loading')}</p>}
      {items?.length === 0 && <p className="muted">{t('imports.none')}</p>}
      <ul className="work-list">
        {items?.map((item) => (
          <ImportListItem key={item.id} item={item} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  );
}

function ImportListItem({ item, onOpen }: { item: ImportSummary; onOpen: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const number = (value: number) => formatNumber(i18n.language, value);
  return (
    <li className="work-item" data-import-id={item.id} data-status={item.status}>
      <div className="work-item__head">
        <button type="button" className="link-button imports__filename" onClick={() => onOpen(item.id)}>
          {item.filename}
        </button>
        <span className={`state imports__state imports__state--${item.status}`}>
          {t(`imports.status.${item.status}`)}
        </span>
      </div>
      <p className="work-item__line">
        {t('imports.countsLine', {
          rows: number(item.counts.rows),
          insert: number(item.counts.insert),
          update: number(item.counts.update),
          skip: number(item.counts.skip),
        })}
      </p>
      <p className="work-item__meta muted">
        {t('imports.by', {
          who: item.finishedBy ?? item.createdBy ?? '—',
          when: formatWhen(i18n.language, item.finishedAt ?? item.createdAt),
        })}
      </p>
    </li>
  );
}
