// The plot panel's per-mu benefit evaluation (亩均效益评价): the grade and what it means, the score,
// the rank among the county's rated plots, when it was evaluated, and the indicators with their
// units and the county benchmarks they were scored against. Internal viewers only: the server
// sends none of this to the public.
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADES, type Grade, type PlotDetail } from '../../api/types.ts';
import { formatNumber } from '../../i18n/format.ts';
import { GRADE_COLORS } from '../../map/layer-styles.ts';
import { indicatorRows, topPercent } from './grading.ts';

const isGrade = (value: unknown): value is Grade =>
  typeof value === 'string' && (GRADES as readonly string[]).includes(value);

function Row({ label, children, name }: { label: string; children: ReactNode; name: string }) {
  return (
    <div className="attr-row" data-field={name}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function PlotIndicators({ plot, districtName }: { plot: PlotDetail; districtName: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (plot.indicators === undefined) return null;
  const grade = isGrade(plot.grade) ? plot.grade : null;
  const rows = indicatorRows(plot.indicators, plot.gradeBenchmarks);
  if (grade === null && rows.length === 0) return null;
  const rank = plot.gradeRank ?? null;
  const total = plot.gradeRankTotal ?? null;
  const gradedAt = plot.gradedAt
    ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(plot.gradedAt))
    : null;

  return (
    <section className="plot-indicators" aria-labelledby="plot-indicators-title">
      <h3 id="plot-indicators-title" className="plot-panel__subtitle">
        {t('grading.title')}
      </h3>
      <dl className="attr-list">
        {grade && (
          <Row name="grade" label={t('grading.grade')}>
            <span
              className="status-chip"
              data-grade={grade}
              style={{ '--swatch': GRADE_COLORS[grade] } as CSSProperties}
            >
              {t(`grade.${grade}`)}
            </span>
            {grade === 'T' && <div className="muted">{t('grading.notRated')}</div>}
            {grade !== 'T' && plot.gradeScore == null && (
              <div className="muted">{t('grading.notScored')}</div>
            )}
          </Row>
        )}
        {plot.gradeScore != null && (
          <Row name="score" label={t('grading.score')}>
            {formatNumber(lang, plot.gradeScore, 3)}
          </Row>
        )}
        {rank !== null && total !== null && (
          <Row name="rank" label={t('grading.rank')}>
            {t('grading.rankValue', { rank, total, district: districtName })}{' '}
            <span className="muted">({t('grading.top', { value: topPercent(rank, total) })})</span>
          </Row>
        )}
        {gradedAt && (
          <Row name="gradedAt" label={t('grading.gradedAt')}>
            {gradedAt}
          </Row>
        )}
        {rows.map((row) => (
          <Row key={row.key} name={row.key} label={t(`grading.indicator.${row.key}`)}>
            {t(`grading.unit.${row.unit}`, { value: formatNumber(lang, row.value, row.digits) })}
            {row.benchmark !== null && (
              <span className="muted">
                {' · '}
                {t('grading.benchmark', { value: formatNumber(lang, row.benchmark, row.digits) })}
              </span>
            )}
          </Row>
        ))}
        {plot.productionStartDate && (
          <Row name="productionStartDate" label={t('grading.productionStartDate')}>
            {plot.productionStartDate}
          </Row>
        )}
      </dl>
    </section>
  );
}
