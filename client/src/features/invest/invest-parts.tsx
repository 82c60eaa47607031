// Small pieces every investor page shares: areas, servicing, availability, page states and titles.
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ApiError } from '../../api/client.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatArea } from './invest-format.ts';
import { SERVICING_ITEMS, type ServicingItem } from './site-filter.ts';

/** Names come in both languages from the API; this picks the reader's. */
export function useNamePicker(): (zh: string, en: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (zh, en) => (english && en ? en : zh);
}

/** A list of leading industries as shown: each by its name (the filter's key) and its label in the page's language. */
export function industryLabels(
  industries: readonly string[],
  industriesEn: readonly string[],
  english: boolean,
): { name: string; label: string }[] {
  return industries.map((name, index) => ({ name, label: (english && industriesEn[index]) || name }));
}

/** Sets the tab's title for a page, in the current language (kept when the language changes). */
export function useDocumentTitle(title: string | null): void {
  const { t } = useTranslation();
  const suffix = t('invest.documentTitle');
  useEffect(() => {
    document.title = title ? `${title} · ${suffix}` : suffix;
  }, [title, suffix]);
}

/** An area in mu, with hectares beside it. */
export function AreaValue({ mu, compact = false }: { mu: number; compact?: boolean }) {
  const { t } = useTranslation();
  const area = formatArea(currentLanguage(), mu);
  return (
    <span className="area-value" data-mu={mu}>
      <span className="area-value__mu">{t('unit.mu', { value: area.mu })}</span>
      {!compact && <span className="area-value__ha"> · {t('unit.ha', { value: area.ha })}</span>}
    </span>
  );
}

const isServicingItem = (value: string): value is ServicingItem =>
  (SERVICING_ITEMS as readonly string[]).includes(value);

/** 七通一平 as a checklist: which items the site has, which it lacks. */
export function ServicingList({ items }: { items: readonly string[] }) {
  const { t } = useTranslation();
  const have = new Set(items.filter(isServicingItem));
  if (have.size === 0) return <span className="muted">{t('invest.facts.servicingNone')}</span>;
  return (
    <ul className="servicing-list">
      {SERVICING_ITEMS.map((item) => (
        <li
          key={item}
          className={`servicing-list__item servicing-list__item--${have.has(item) ? 'on' : 'off'}`}
        >
          <span aria-hidden="true">{have.has(item) ? '✓' : '–'}</span>
          {t(`servicing.${item}`)}
          {!have.has(item) && <span className="visually-hidden">{t('invest.facts.servicingMissing')}</span>}
        </li>
      ))}
    </ul>
  );
}

export type PublicStatus = 'available' | 'reserved' | 'occupied';

export function StatusBadge({ status }: { status: PublicStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status-badge status-badge--${status}`} data-status={status}>
      {t(`invest.status.${status}`)}
    </span>
  );
}

export function SampleBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge badge--sample" title={t('invest.sampleNote')} data-testid="sample-badge">
      {t('invest.sample')}
    </span>
  );
}

/** Loading, failed (with a retry, or a way on when the thing does not exist) or the page itself. */
export function PageState<T>({
  query,
  missing,
  children,
}: {
  query: { data: T | undefined; error: Error | null; refetch: () => unknown; isFetching: boolean };
  /** Said when the server answers 404 (a link to land that has changed). */
  missing?: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error) {
    const notFound = query.error instanceof ApiError && query.error.statusCode === 404;
    return (
      <div className="invest-state" role="alert">
        <p>{notFound ? (missing ?? t('invest.notFound')) : t('invest.errorLoad')}</p>
        {notFound ? (
          <Link href="/sites" className="button button--primary">
            {t('invest.backToSites')}
          </Link>
        ) : (
          <button
            type="button"
            className="button button--primary"
            disabled={query.isFetching}
            onClick={() => void query.refetch()}
          >
            {t('invest.retry')}
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="invest-state" role="status">
      <div className="spinner" aria-hidden="true" />
      <p>{t('invest.loading')}</p>
    </div>
  );
}

/** A breadcrumb back to the overview and the browse page. */
export function Breadcrumb({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <nav className="breadcrumb screen-only" aria-label={t('invest.nav.breadcrumb')}>
      <Link href="/">{t('invest.nav.home')}</Link>
      <span aria-hidden="true">›</span>
      <Link href="/sites">{t('invest.nav.sites')}</Link>
      <span aria-hidden="true">›</span>
      <span aria-current="page">{children}</span>
    </nav>
  );
}

/** A definition list row of key facts. */
export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="fact" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A long list of links (a parcel's plots, a zone's): the first few, and the rest on request. */
export function ShortList({
  items,
  className,
  first = 12,
}: {
  items: { key: string | number; node: ReactNode }[];
  className?: string;
  first?: number;
}) {
  const { t } = useTranslation();
  const [all, setAll] = useState(items.length <= first + 3);
  return (
    <>
      <ul className={className}>
        {(all ? items : items.slice(0, first)).map((item) => (
          <li key={item.key}>{item.node}</li>
        ))}
      </ul>
      {!all && (
        <button type="button" className="button short-list__more" onClick={() => setAll(true)}>
          {t('invest.showAll', { count: items.length })}
        </button>
      )}
    </>
  );
}
