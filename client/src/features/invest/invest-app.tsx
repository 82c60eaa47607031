// The investor view's shell (/invest): header with the way back to the map, the pages and their routes.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Router, Switch, useLocation } from 'wouter';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import type { Language } from '../../i18n/index.ts';
import { BrowsePage } from './browse-page.tsx';
import { SampleBadge, useNamePicker } from './invest-parts.tsx';
import { useCity, useInvestSummary } from './invest-queries.ts';
import { LandingPage } from './landing-page.tsx';
import { ParcelPage } from './parcel-page.tsx';
import { PlotPage } from './plot-page.tsx';
import { withLanguage } from './site-filter.ts';
import { ZonePage } from './zone-page.tsx';

/** A page id from the path: a positive integer, or nothing (the page then says it does not exist). */
const pageId = (text: string | undefined): number | null => {
  const id = Number(text);
  return Number.isInteger(id) && id > 0 ? id : null;
};

/** The address says the language, so a link shared from here opens in it. */
function putLanguageInAddress(language: Language): void {
  const search = withLanguage(window.location.search, language);
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`);
}

function InvestHeader() {
  const { t } = useTranslation();
  const summary = useInvestSummary();
  const city = useCity();
  const name = useNamePicker();
  return (
    <header className="invest-header screen-only">
      <Link href="/" className="invest-header__brand">
        <svg className="invest-header__logo" viewBox="0 0 24 24" aria-hidden="true">
          <rect x="2" y="2" width="9" height="9" rx="1.5" fill="#2a9d4b" />
          <rect x="13" y="2" width="9" height="9" rx="1.5" fill="#2f6fd0" />
          <rect x="2" y="13" width="9" height="9" rx="1.5" fill="#f08a24" />
          <rect x="13" y="13" width="9" height="9" rx="1.5" fill="#b8bec7" />
        </svg>
        <span className="invest-header__name">{t('invest.brand')}</span>
        {city.data && (
          <span className="invest-header__city">{name(city.data.city.name, city.data.city.nameEn)}</span>
        )}
      </Link>
      <nav className="invest-header__nav" aria-label={t('invest.nav.label')}>
        <Link href="/sites" className="invest-header__link">
          {t('invest.nav.sites')}
        </Link>
        <a href="/" className="invest-header__link" title={t('invest.toMapHint')} data-testid="to-map">
          {t('invest.toMap')}
        </a>
      </nav>
      <div className="invest-header__tools">
        {summary.data?.isSample && <SampleBadge />}
        <LanguageSwitch onChosen={putLanguageInAddress} />
      </div>
    </header>
  );
}

/** A new page starts at its top, as a page load would. */
function ScrollToTop() {
  const [location] = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the location changing is the point.
  useEffect(() => {
    if (!window.location.hash) window.scrollTo(0, 0);
  }, [location]);
  return null;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="invest-state" role="alert">
      <p>{t('invest.notFound')}</p>
      <Link href="/" className="button button--primary">
        {t('invest.backHome')}
      </Link>
    </div>
  );
}

export function InvestApp() {
  const { t } = useTranslation();
  return (
    <Router base="/invest">
      <ScrollToTop />
      <div className="invest">
        <InvestHeader />
        <main className="invest__main">
          <Switch>
            <Route path="/">
              <LandingPage />
            </Route>
            <Route path="/sites">
              <BrowsePage />
            </Route>
            <Route path="/plots/:id">
              {(params) => {
                const id = pageId(params.id);
                return id ? <PlotPage key={id} id={id} /> : <NotFound />;
              }}
            </Route>
            <Route path="/parcels/:id">
              {(params) => {
                const id = pageId(params.id);
                return id ? <ParcelPage key={id} id={id} /> : <NotFound />;
              }}
            </Route>
            <Route path="/zones/:id">
              {(params) => {
                const id = pageId(params.id);
                return id ? <ZonePage key={id} id={id} /> : <NotFound />;
              }}
            </Route>
            <Route>
              <NotFound />
            </Route>
          </Switch>
        </main>
        <footer className="invest-footer screen-only">
          <a href="/">{t('invest.toMapHint')}</a>
          <span className="muted">{t('invest.facts.priceNote')}</span>
        </footer>
      </div>
    </Router>
  );
}
