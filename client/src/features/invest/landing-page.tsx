// The investor view's front page: the city's available land in three figures, the way in to plots and
// parcels, industries to search by and each zone's land, all from one small request and no map.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { InvestSummary } from '../../api/invest.ts';
import { formatNumber } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatArea } from './invest-format.ts';
import {
  AreaValue,
  industryLabels,
  PageState,
  SampleBadge,
  useDocumentTitle,
  useNamePicker,
} from './invest-parts.tsx';
import { useCity, useInvestSummary } from './invest-queries.ts';
import { IndustryChips } from './zone-profile.tsx';

export function LandingPage() {
  const { t } = useTranslation();
  const summary = useInvestSummary();
  const city = useCity();
  const name = useNamePicker();
  const cityName = city.data ? name(city.data.city.name, city.data.city.nameEn) : null;
  const title = cityName ? t('invest.landing.title', { city: cityName }) : t('invest.landing.titleNoCity');
  useDocumentTitle(cityName ? title : null);
  return (
    <div className="landing">
      <section className="landing__hero">
        <h1>{title}</h1>
        <p className="landing__lead">
          {t('invest.landing.lead', {
            min: formatNumber(currentLanguage(), summary.data?.minParcelAreaMu ?? 500),
          })}
        </p>
        {summary.data?.isSample && (
          <p className="landing__sample">
            <SampleBadge /> {t('invest.sampleNote')}
          </p>
        )}
      </section>
      <PageState query={summary}>{(data) => <LandingContent summary={data} />}</PageState>
    </div>
  );
}

function LandingContent({ summary }: { summary: InvestSummary }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const name = useNamePicker();
  const language = currentLanguage();
  const available = formatArea(language, summary.availableAreaMu);
  const zonesWithLand = summary.zones.filter((zone) => zone.availablePlots > 0);
  return (
    <>
      <section className="figures" aria-label={t('invest.landing.availableArea')}>
        <div className="figure" data-testid="figure-available-area" data-value={summary.availableAreaMu}>
          <span className="figure__label">{t('invest.landing.availableArea')}</span>
          <span className="figure__value">{t('unit.mu', { value: available.mu })}</span>
          <span className="figure__detail">
            {t('unit.ha', { value: available.ha })} ·{' '}
            <span data-testid="figure-available-plots" data-value={summary.availablePlots}>
              {t('invest.landing.availablePlots', { count: summary.availablePlots })}
            </span>
          </span>
        </div>
        <div className="figure" data-testid="figure-parcels" data-value={summary.parcels}>
          <span className="figure__label">
            {t('invest.landing.parcels', { min: formatNumber(language, summary.minParcelAreaMu) })}
          </span>
          <span className="figure__value">{t('invest.count.parcels', { count: summary.parcels })}</span>
          <span className="figure__detail">
            {t('invest.landing.parcelsArea', {
              area: t('unit.mu', { value: formatArea(language, summary.parcelsAreaMu).mu }),
            })}
          </span>
        </div>
        <div className="figure" data-testid="figure-zones" data-value={zonesWithLand.length}>
          <span className="figure__label">{t('invest.landing.zones')}</span>
          <span className="figure__value">{t('invest.count.zones', { count: zonesWithLand.length })}</span>
          <span className="figure__detail">
            {t('invest.landing.zonesOf', { count: summary.zones.length })}
          </span>
        </div>
      </section>
      {summary.reservedPlots > 0 && (
        <p className="landing__reserved muted">
          {t('invest.landing.reserved', { count: summary.reservedPlots })}
        </p>
      )}
      <nav className="entry-points" aria-label={t('invest.nav.sites')}>
        <Link href="/sites" className="entry-point" data-testid="browse-plots">
          <span className="entry-point__title">{t('invest.landing.browsePlots')}</span>
          <span className="entry-point__detail">
            {t('invest.count.plots', { count: summary.availablePlots })}
          </span>
        </Link>
        <Link
          href="/sites?kind=parcels"
          className="entry-point entry-point--parcels"
          data-testid="browse-parcels"
        >
          <span className="entry-point__title">{t('invest.landing.browseParcels')}</span>
          <span className="entry-point__detail">{t('invest.count.parcels', { count: summary.parcels })}</span>
        </Link>
      </nav>
      {summary.industries.length > 0 && (
        <section className="invest-section">
          <h2>{t('invest.landing.industries')}</h2>
          <IndustryChips industries={summary.industries} industriesEn={summary.industriesEn} linked />
        </section>
      )}
      <section className="invest-section">
        <h2>{t('invest.landing.zonesTitle')}</h2>
        <ul className="zone-cards">
          {summary.zones.map((zone) => (
            <li key={zone.id}>
              <Link
                href={`/zones/${zone.id}`}
                className="zone-card"
                data-testid="zone-card"
                data-zone-id={zone.id}
                data-available-area={zone.availableAreaMu}
              >
                <span className="zone-card__head">
                  <span className="zone-card__name">{name(zone.name, zone.nameEn)}</span>
                  <span className="level-badge">{t(`zoneLevel.${zone.level}`)}</span>
                </span>
                <span className="zone-card__district muted">
                  {name(zone.districtName, zone.districtNameEn)}
                </span>
                <span className="zone-card__land">
                  {zone.availablePlots > 0 ? (
                    <>
                      <span className="muted">{t('invest.landing.zoneAvailable')}</span>{' '}
                      <AreaValue mu={zone.availableAreaMu} /> ·{' '}
                      {t('invest.count.plots', { count: zone.availablePlots })}
                      {zone.parcels > 0 && <> · {t('invest.count.parcels', { count: zone.parcels })}</>}
                    </>
                  ) : (
                    <span className="muted">{t('invest.landing.zoneNoLand')}</span>
                  )}
                </span>
                <span className="zone-card__industries">
                  {industryLabels(zone.industries, zone.industriesEn, english)
                    .map((industry) => industry.label)
                    .join(' · ')}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
