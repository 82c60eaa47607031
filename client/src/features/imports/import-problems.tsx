// The report: problems by kind with their counts; a kind opens the rows that have it, a page at a
// time, each with its source values and its problems explained, and the place of a bad outline.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportDetail, ImportRow } from '../../api/import-types.ts';
import { useDistricts } from '../../api/queries.ts';
import { formatNumber } from '../../i18n/format.ts';
import { ImportError } from './import-error.tsx';
import { cellText } from './import-format.ts';
import { ROWS_PAGE, useImportRows } from './import-queries.ts';
import { type ProblemContext, problemMessage, problemTitle } from './problem-message.ts';

type Place = [number, number];

interface ImportProblemsProps {
  detail: ImportDetail;
  onShowPlace: (place: Place) => void;
}

export function ImportProblems({ detail, onShowPlace }: ImportProblemsProps) {
  const { t, i18n } = useTranslation();
  const [openKind, setOpenKind] = useState<string | null>(null);
  const problems = detail.report.problems;
  return (
    <section className="imports__section" aria-labelledby="imports-problems">
      <h3 id="imports-problems" className="imports__title">
        {t('imports.problems.title')}
      </h3>
      {problems.length === 0 && <p className="muted">{t('imports.problems.none')}</p>}
      <ul className="imports__problems">
        {problems.map((problem) => {
          const open = openKind === problem.kind;
          const severity = problem.severity === 'warning' ? 'warning' : 'error';
          return (
            <li key={`${problem.kind}-${problem.severity}`} data-kind={problem.kind} data-severity={severity}>
              <button
                type="button"
                className="imports__problem"
                aria-expanded={open}
                onClick={() => setOpenKind(open ? null : problem.kind)}
              >
                <span className={`imports__severity imports__severity--${severity}`}>
                  {t(`imports.problems.${severity}`)}
                </span>
                <span className="imports__problem-title">{problemTitle(problem.kind, t)}</span>
                <span className="imports__problem-count">
                  {t('imports.problems.rows', { value: formatNumber(i18n.language, problem.count) })}
                </span>
              </button>
              {open && <ProblemRows id={detail.id} kind={problem.kind} onShowPlace={onShowPlace} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ProblemRows({
  id,
  kind,
  onShowPlace,
}: {
  id: number;
  kind: string;
  onShowPlace: (place: Place) => void;
}) {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const rows = useImportRows(id, kind, offset);
  const districts = useDistricts();
  const english = i18n.language === 'en';
  const context: ProblemContext = {
    t,
    language: i18n.language,
    districtName: (code) => {
      const district = districts.data?.features.find((feature) => feature.properties.code === code);
      return district && (english ? district.properties.nameEn : district.properties.name);
    },
  };
  const total = rows.data?.total ?? 0;
  const number = (value: number) => formatNumber(i18n.language, value);
  return (
    <div className="imports__rows" data-testid="import-rows">
      {rows.isError && <ImportError error={rows.error} stage="load" />}
      {rows.isPending && <p className="muted">{t('app.loading')}</p>}
      <ol className="work-list">
        {rows.data?.items.map((row) => (
          <ProblemRow key={row.row} row={row} context={context} onShowPlace={onShowPlace} />
        ))}
      </ol>
      {total > ROWS_PAGE && (
        <div className="work-item__actions">
          <button
            type="button"
            className="button"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - ROWS_PAGE))}
          >
            {t('table.prev')}
          </button>
          <span className="muted">
            {t('imports.problems.page', {
              from: number(offset + 1),
              to: number(Math.min(total, offset + ROWS_PAGE)),
              total: number(total),
            })}
          </span>
          <button
            type="button"
            className="button"
            disabled={offset + ROWS_PAGE >= total}
            onClick={() => setOffset(offset + ROWS_PAGE)}
          >
            {t('table.next')}
          </button>
        </div>
      )}
    </div>
  );
}

function ProblemRow({
  row,
  context,
  onShowPlace,
}: {
  row: ImportRow;
  context: ProblemContext;
  onShowPlace: (place: Place) => void;
}) {
  const { t } = context;
  return (
    <li className="work-item imports__row" data-row={row.row} data-action={row.action}>
      <div className="work-item__head">
        <strong>{t('imports.problems.row', { row: row.row })}</strong>
        {row.code && <span className="mono">{row.code}</span>}
        <span className={`state imports__action imports__action--${row.action}`}>
          {t(`imports.problems.action.${row.action}`)}
        </span>
      </div>
      <dl className="imports__values" aria-label={t('imports.problems.values')}>
        {Object.entries(row.attributes).map(([name, value]) => (
          <div key={name}>
            <dt className="imports__value-name">{name}</dt>
            <dd className="imports__value">{cellText(value)}</dd>
          </div>
        ))}
      </dl>
      <ul className="imports__row-problems">
        {row.problems.map((problem, index) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: the server lists a row's problems in a fixed order
            key={index}
            data-kind={problem.kind}
            data-severity={problem.severity}
          >
            <span className={`imports__severity imports__severity--${problem.severity}`}>
              {t(`imports.problems.${problem.severity}`)}
            </span>{' '}
            <span className="imports__message">{problemMessage(problem, context)}</span>
            {problem.location && (
              <button
                type="button"
                className="link-button imports__place"
                onClick={() => onShowPlace(problem.location as Place)}
              >
                {t('imports.map.point')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </li>
  );
}
