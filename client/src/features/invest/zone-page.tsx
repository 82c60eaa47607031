// A development zone's page (a permanent link): boundary and available plots on the map, level,
// leading industries, land available, its parcels and plots, the investment office and an inquiry.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ZonePage as ZonePageData } from '../../api/invest.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatArea, formatPrice } from './invest-format.ts';
import { InvestMapLoader } from './invest-map-loader.tsx';
import {
  AreaValue,
  Breadcrumb,
  Fact,
  PageState,
  SampleBadge,
  ShortList,
  useDocumentTitle,
  useNamePicker,
} from './invest-parts.tsx';
import { useInvestZone, useSites } from './invest-queries.ts';
import { toMapSites, useOpenSite } from './map-sites.ts';
import { DEFAULT_SITE_FILTER, formatSiteFilter } from './site-filter.ts';
import { InquirySection } from './site-sections.tsx';
import { IndustryChips, ZoneContact } from './zone-profile.tsx';

export function ZonePage({ id }: { id: number }) {
  const { t } = useTranslation();
  const zone = useInvestZone(id);
  const name = useNamePicker();
  useDocumentTitle(zone.data ? name(zone.data.zone.name, zone.data.zone.nameEn) : null);
  return (
    <PageState query={zone} missing={t('invest.notFound')}>
      {(data) => <ZoneContent data={data} />}
    </PageState>
  );
}

function ZoneContent({ data }: { data: ZonePageData }) {
  const { t } = useTranslation();
  const name = useNamePicker();
  const language = currentLanguage();
  const { zone } = data;
  const zoneName = name(zone.name, zone.nameEn);
  const filter = { ...DEFAULT_SITE_FILTER, zoneId: zone.id };
  // The zone's available plots on the map: the browse page's query, asked once the page shows.
  const sites = useSites(filter);
  const mapSites = useMemo(
    () => (sites.data ? toMapSites(sites.data.pages.flatMap((page) => page.features)) : null),
    [sites.data],
  );
  const onPick = useOpenSite();
  return (
    <article className="site-page" data-testid="zone-page" data-zone-id={zone.id}>
      <Breadcrumb>{zoneName}</Breadcrumb>
      <header className="site-page__head">
        <h1>{zoneName}</h1>
        <p className="site-page__place">
          {t('invest.zone.levelValue', { level: t(`zoneLevel.${zone.level}`) })} ·{' '}
          {name(zone.districtName, zone.districtNameEn)}
        </p>
        {data.isSample && (
          <p className="site-page__badges">
            <SampleBadge />
          </p>
        )}
        <IndustryChips industries={zone.industries} industriesEn={zone.industriesEn} linked />
        <div className="site-page__actions">
          <a className="button button--primary" href="#inquiry">
            {t('invest.inquiry.titleZone')}
          </a>
          <Link className="button" href={`/sites${formatSiteFilter(filter)}`}>
            {t('invest.zone.plotsAll')}
          </Link>
        </div>
      </header>
      <InvestMapLoader
        className="site-page__map"
        focus={{ geometry: zone.geometry, bbox: zone.bbox, kind: 'zone' }}
        bounds={zone.bbox}
        sites={mapSites}
        onPick={onPick}
        cooperative
      />
      <div className="site-page__body">
        <section className="invest-section">
          <h2>{t('invest.zone.profile')}</h2>
          <dl className="facts">
            <Fact label={t('invest.zone.level')}>{t(`zoneLevel.${zone.level}`)}</Fact>
            <Fact label={t('invest.zone.district')}>{name(zone.districtName, zone.districtNameEn)}</Fact>
            <Fact label={t('invest.zone.area')}>
              <AreaValue mu={zone.areaMu} />
            </Fact>
            <Fact label={t('invest.zone.available')} testId="zone-available">
              {t('invest.zone.availableValue', {
                area: t('unit.mu', { value: formatArea(language, zone.availableAreaMu).mu }),
                count: zone.availablePlots,
              })}
            </Fact>
            <Fact label={t('invest.zone.industries')}>
              <IndustryChips industries={zone.industries} industriesEn={zone.industriesEn} linked />
            </Fact>
          </dl>
          <h3>{t('invest.zone.contact')}</h3>
          <ZoneContact zone={zone} />
        </section>
        <section className="invest-section" data-testid="zone-parcels">
          <h2>{t('invest.zone.parcels')}</h2>
          {data.parcels.length === 0 ? (
            <p className="muted">{t('invest.zone.parcelsNone')}</p>
          ) : (
            <ul className="link-list">
              {data.parcels.map((parcel) => (
                <li key={parcel.id}>
                  <Link href={`/parcels/${parcel.id}`}>{t('invest.card.parcel', { id: parcel.id })}</Link>
                  <span className="muted">
                    {t('unit.mu', { value: formatArea(language, parcel.areaMu).mu })} ·{' '}
                    {t('invest.card.plotsIn', { count: parcel.plotCount })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="invest-section" data-testid="zone-plots">
          <h2>
            {t('invest.zone.plots')}
            {data.plots.length > 0 && (
              <span className="muted"> · {t('invest.zone.plotsTop', { count: data.plots.length })}</span>
            )}
          </h2>
          {data.plots.length === 0 ? (
            <p className="muted">{t('invest.zone.plotsNone')}</p>
          ) : (
            <ShortList
              className="link-list link-list--columns"
              items={data.plots.map((plot) => ({
                key: plot.id,
                node: (
                  <>
                    <Link href={`/plots/${plot.id}`}>{plot.code}</Link>
                    <span className="muted">
                      {t('unit.mu', { value: formatArea(language, plot.areaMu).mu })}
                      {plot.guidePrice !== null &&
                        ` · ${t('invest.card.priceValue', { value: formatPrice(language, plot.guidePrice) })}`}
                    </span>
                  </>
                ),
              }))}
            />
          )}
        </section>
        <InquirySection
          target={{ targetType: 'zone', zoneId: zone.id }}
          zone={zone}
          prefill={{ message: t('invest.inquiry.prefillZone', { zone: zoneName }) }}
        />
      </div>
    </article>
  );
}
