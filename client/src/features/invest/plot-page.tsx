// A plot's page (a permanent link): outline on the map, key facts, availability, its parcel and the
// parcels nearby, the zone's profile and contact, an inquiry about it and its printable brochure.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { PlotPage as PlotPageData } from '../../api/invest.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { Brochure, type BrochureFact, useBrochurePrint } from './brochure.tsx';
import { formatArea, formatPriceRange, joinList } from './invest-format.ts';
import {
  AreaValue,
  Breadcrumb,
  Fact,
  PageState,
  SampleBadge,
  ServicingList,
  StatusBadge,
  useDocumentTitle,
  useNamePicker,
} from './invest-parts.tsx';
import { useInvestPlot } from './invest-queries.ts';
import { InquirySection, NearbyParcels, SiteActions, SiteMap } from './site-sections.tsx';
import { ZoneProfileSection } from './zone-profile.tsx';

export function PlotPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const plot = useInvestPlot(id);
  useDocumentTitle(plot.data ? t('invest.card.plot', { code: plot.data.plot.code }) : null);
  return (
    <PageState query={plot} missing={t('invest.notFoundSite', { what: t('invest.card.plot', { code: id }) })}>
      {(data) => <PlotContent data={data} />}
    </PageState>
  );
}

function PlotContent({ data }: { data: PlotPageData }) {
  const { t } = useTranslation();
  const name = useNamePicker();
  const language = currentLanguage();
  const { plot, zone, parcel } = data;
  const title = t('invest.card.plot', { code: plot.code });
  const price = formatPriceRange(language, plot.guidePrice, plot.guidePrice);
  const priceText = price ? t('invest.card.priceValue', { value: price }) : t('invest.card.priceOnRequest');
  const lineText = t(`invest.facts.${plot.controlLine ?? 'outside'}`);
  const place = `${zone ? name(zone.name, zone.nameEn) : t('invest.card.outsideZone')} · ${name(plot.districtName, plot.districtNameEn)}`;
  const brochure = useBrochurePrint();
  const area = formatArea(language, plot.areaMu);
  const facts: BrochureFact[] = [
    { label: t('invest.facts.code'), value: plot.code },
    { label: t('invest.facts.area'), value: <AreaValue mu={plot.areaMu} /> },
    { label: t('invest.facts.status'), value: t(`invest.status.${plot.status}`) },
    { label: t('invest.facts.landUse'), value: name(plot.landUseName, plot.landUseNameEn) },
    { label: t('invest.facts.zone'), value: place },
    { label: t('invest.facts.controlLine'), value: lineText },
    {
      label: t('invest.facts.servicing'),
      value: plot.servicing.length
        ? joinList(
            language,
            plot.servicing.map((item) => t(`servicing.${item}`)),
          )
        : t('invest.facts.servicingNone'),
    },
    { label: t('invest.facts.guidePrice'), value: priceText },
  ];
  if (parcel) {
    facts.push({
      label: t('invest.facts.parcel'),
      value: t('invest.facts.parcelValue', {
        id: parcel.id,
        area: t('unit.mu', { value: formatArea(language, parcel.areaMu).mu }),
        count: parcel.plotCount,
      }),
    });
  }
  return (
    <article className="site-page" data-testid="plot-page" data-plot-id={plot.id}>
      <div className="screen-only">
        <Breadcrumb>{title}</Breadcrumb>
        <header className="site-page__head">
          <h1>{title}</h1>
          <p className="site-page__place">{place}</p>
          <p className="site-page__badges">
            <StatusBadge status={plot.status} />
            {data.isSample && <SampleBadge />}
          </p>
          <p className="site-page__area">
            <AreaValue mu={plot.areaMu} />
          </p>
          <p className={`site-page__status site-page__status--${plot.status}`} data-testid="plot-status">
            {t(`invest.statusNote.${plot.status}`)}
          </p>
          <SiteActions brochure={brochure} />
        </header>
        <SiteMap site={plot} title={title} brochure={brochure} />
        <div className="site-page__body">
          <section className="invest-section">
            <h2>{t('invest.facts.title')}</h2>
            <dl className="facts">
              <Fact label={t('invest.facts.area')} testId="fact-area">
                <AreaValue mu={plot.areaMu} />
              </Fact>
              <Fact label={t('invest.facts.landUse')}>
                {name(plot.landUseName, plot.landUseNameEn)}{' '}
                <span className="muted mono">{plot.landUseCode}</span>
              </Fact>
              <Fact label={t('invest.facts.zone')}>
                {zone ? (
                  <Link href={`/zones/${zone.id}`}>{name(zone.name, zone.nameEn)}</Link>
                ) : (
                  t('invest.card.outsideZone')
                )}
              </Fact>
              <Fact label={t('invest.facts.district')}>{name(plot.districtName, plot.districtNameEn)}</Fact>
              <Fact label={t('invest.facts.controlLine')}>{lineText}</Fact>
              <Fact label={t('invest.facts.servicing')}>
                <ServicingList items={plot.servicing} />
              </Fact>
              <Fact label={t('invest.facts.guidePrice')} testId="fact-price">
                {priceText}
                <span className="fact__note muted">{t('invest.facts.priceNote')}</span>
              </Fact>
              <Fact label={t('invest.facts.code')}>
                <span className="mono">{plot.code}</span>
              </Fact>
              {parcel && (
                <Fact label={t('invest.facts.parcel')}>
                  <Link href={`/parcels/${parcel.id}`} data-testid="plot-parcel">
                    {t('invest.facts.parcelValue', {
                      id: parcel.id,
                      area: t('unit.mu', { value: formatArea(language, parcel.areaMu).mu }),
                      count: parcel.plotCount,
                    })}
                  </Link>
                </Fact>
              )}
            </dl>
          </section>
          {zone && <ZoneProfileSection zone={zone} />}
          <NearbyParcels parcels={data.nearbyParcels} />
          <InquirySection
            target={{ targetType: 'plot', plotId: plot.id }}
            zone={zone}
            prefill={{
              message: t('invest.inquiry.prefillPlot', { code: plot.code, area: area.mu }),
              landDemandMu: Math.round(plot.areaMu),
            }}
          />
        </div>
      </div>
      <Brochure
        title={title}
        subtitle={place}
        facts={facts}
        zone={zone}
        geometry={plot.geometry}
        snapshot={brochure.snapshot}
        isSample={data.isSample}
      />
    </article>
  );
}
