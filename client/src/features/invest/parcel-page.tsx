// A contiguous parcel's page (a permanent link): its outline, area and plots, servicing every plot has,
// guide prices, the share inside control lines, its zones, parcels nearby, an inquiry and the brochure.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ParcelPage as ParcelPageData } from '../../api/invest.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { Brochure, type BrochureFact, useBrochurePrint } from './brochure.tsx';
import { formatArea, formatPrice, formatPriceRange, formatShare, joinList } from './invest-format.ts';
import {
  AreaValue,
  Breadcrumb,
  Fact,
  industryLabels,
  PageState,
  SampleBadge,
  ServicingList,
  ShortList,
  useDocumentTitle,
  useNamePicker,
} from './invest-parts.tsx';
import { useInvestParcel } from './invest-queries.ts';
import { InquirySection, NearbyParcels, SiteActions, SiteMap } from './site-sections.tsx';
import { IndustryChips, ZoneProfileSection } from './zone-profile.tsx';

export function ParcelPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const parcel = useInvestParcel(id);
  useDocumentTitle(parcel.data ? t('invest.card.parcel', { id }) : null);
  return (
    <PageState query={parcel} missing={t('invest.notFoundSite', { what: t('invest.card.parcel', { id }) })}>
      {(data) => <ParcelContent data={data} />}
    </PageState>
  );
}

function ParcelContent({ data }: { data: ParcelPageData }) {
  const { t } = useTranslation();
  const name = useNamePicker();
  const language = currentLanguage();
  const { parcel, zones } = data;
  const title = t('invest.card.parcel', { id: parcel.id });
  const price = formatPriceRange(language, parcel.guidePriceMin, parcel.guidePriceMax);
  const priceText = price ? t('invest.card.priceValue', { value: price }) : t('invest.card.priceOnRequest');
  const zoneNames = zones.map((zone) => name(zone.name, zone.nameEn));
  const districtNames = [...new Set(zones.map((zone) => name(zone.districtName, zone.districtNameEn)))];
  const place = [...zoneNames, ...districtNames].join(' · ');
  const lineShares = t('invest.facts.lineShares', {
    core: formatShare(language, parcel.coreShare),
    transitional: formatShare(language, parcel.transitionalShare),
  });
  const brochure = useBrochurePrint();
  const facts: BrochureFact[] = [
    { label: t('invest.facts.area'), value: <AreaValue mu={parcel.areaMu} /> },
    { label: t('invest.facts.plotCount'), value: t('invest.card.plotsIn', { count: parcel.plotCount }) },
    { label: t('invest.facts.zones'), value: place || t('invest.card.outsideZone') },
    {
      label: t('invest.facts.industries'),
      value:
        joinList(
          language,
          industryLabels(parcel.industries, parcel.industriesEn, language === 'en').map((i) => i.label),
        ) || '—',
    },
    { label: t('invest.facts.controlLine'), value: lineShares },
    {
      label: t('invest.facts.servicing'),
      value: parcel.servicing.length
        ? joinList(
            language,
            parcel.servicing.map((item) => t(`servicing.${item}`)),
          )
        : t('invest.facts.servicingNone'),
    },
    { label: t('invest.facts.guidePrice'), value: priceText },
  ];
  return (
    <article className="site-page" data-testid="parcel-page" data-parcel-id={parcel.id}>
      <div className="screen-only">
        <Breadcrumb>{title}</Breadcrumb>
        <header className="site-page__head">
          <h1>{title}</h1>
          <p className="site-page__place">{place}</p>
          <p className="site-page__badges">
            <span className="status-badge status-badge--available">{t('invest.status.available')}</span>
            {data.isSample && <SampleBadge />}
          </p>
          <p className="site-page__area">
            <AreaValue mu={parcel.areaMu} />
          </p>
          <p className="site-page__status">{t('invest.parcel.lead')}</p>
          <SiteActions brochure={brochure} />
        </header>
        <SiteMap site={parcel} title={title} brochure={brochure} />
        <div className="site-page__body">
          <section className="invest-section">
            <h2>{t('invest.facts.title')}</h2>
            <dl className="facts">
              <Fact label={t('invest.facts.area')} testId="fact-area">
                <AreaValue mu={parcel.areaMu} />
              </Fact>
              <Fact label={t('invest.facts.plotCount')}>
                {t('invest.card.plotsIn', { count: parcel.plotCount })}
              </Fact>
              <Fact label={t('invest.facts.zones')}>
                {zones.length === 0
                  ? t('invest.card.outsideZone')
                  : zones.map((zone, index) => (
                      <span key={zone.id}>
                        {index > 0 && '、'}
                        <Link href={`/zones/${zone.id}`}>{name(zone.name, zone.nameEn)}</Link>
                      </span>
                    ))}
              </Fact>
              <Fact label={t('invest.facts.industries')}>
                <IndustryChips industries={parcel.industries} industriesEn={parcel.industriesEn} />
              </Fact>
              <Fact label={t('invest.facts.controlLine')}>{lineShares}</Fact>
              <Fact label={t('invest.facts.servicing')}>
                <ServicingList items={parcel.servicing} />
              </Fact>
              <Fact label={t('invest.facts.guidePrice')} testId="fact-price">
                {priceText}
                <span className="fact__note muted">{t('invest.facts.priceNote')}</span>
              </Fact>
            </dl>
          </section>
          <section className="invest-section" data-testid="parcel-members">
            <h2>{t('invest.parcel.members', { count: parcel.members.length })}</h2>
            <ShortList
              className="link-list link-list--columns"
              items={parcel.members.map((member) => ({
                key: member.id,
                node: (
                  <>
                    <Link href={`/plots/${member.id}`}>{member.code}</Link>
                    <span className="muted">
                      {t('unit.mu', { value: formatArea(language, member.areaMu).mu })}
                      {member.guidePrice !== null &&
                        ` · ${t('invest.card.priceValue', { value: formatPrice(language, member.guidePrice) })}`}
                    </span>
                  </>
                ),
              }))}
            />
          </section>
          {zones.map((zone) => (
            <ZoneProfileSection key={zone.id} zone={zone} />
          ))}
          <NearbyParcels parcels={data.nearbyParcels} />
          <InquirySection
            target={{ targetType: 'parcel', parcelId: parcel.id }}
            zone={zones[0] ?? null}
            prefill={{
              message: t('invest.inquiry.prefillParcel', {
                id: parcel.id,
                area: formatArea(language, parcel.areaMu).mu,
              }),
              landDemandMu: Math.round(parcel.areaMu),
            }}
          />
        </div>
      </div>
      <Brochure
        title={title}
        subtitle={place}
        facts={facts}
        zone={zones[0] ?? null}
        geometry={parcel.geometry}
        snapshot={brochure.snapshot}
        isSample={data.isSample}
      />
    </article>
  );
}
