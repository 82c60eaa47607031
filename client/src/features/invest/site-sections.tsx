// Sections shared by the plot, parcel and zone pages: a site's actions and map, contiguous parcels
// nearby and the inquiry form.
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { PlotPage, ZoneProfile } from '../../api/invest.ts';
import type { BBox } from '../../api/types.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { InquiryForm } from '../inquiries/inquiry-form.tsx';
import { PrintButton, type useBrochurePrint } from './brochure.tsx';
import { formatArea, formatDistanceKm } from './invest-format.ts';
import { InvestMapLoader } from './invest-map-loader.tsx';
import { useNamePicker } from './invest-parts.tsx';
import type { AreaGeometry } from './outline-path.ts';

type BrochurePrint = ReturnType<typeof useBrochurePrint>;

/** A site page's two actions: ask about it (the form further down) or print its brochure. */
export function SiteActions({ brochure }: { brochure: BrochurePrint }) {
  const { t } = useTranslation();
  return (
    <div className="site-page__actions">
      <a className="button button--primary" href="#inquiry">
        {t('invest.inquiry.open')}
      </a>
      <PrintButton onPrint={brochure.print} />
    </div>
  );
}

/** The site framed on the map, its outline standing in until the map shows; the brochure copies it. */
export function SiteMap({
  site,
  title,
  brochure,
}: {
  site: { geometry: AreaGeometry; bbox: BBox };
  title: string;
  brochure: BrochurePrint;
}) {
  const { t } = useTranslation();
  return (
    <InvestMapLoader
      className="site-page__map"
      focus={{ geometry: site.geometry, bbox: site.bbox, kind: 'site' }}
      bounds={site.bbox}
      outline={{ geometry: site.geometry, label: t('invest.map.outline', { name: title }) }}
      onSnapshot={brochure.setSnapshot}
      captureRef={brochure.captureRef}
      cooperative
    />
  );
}

export function NearbyParcels({ parcels }: { parcels: PlotPage['nearbyParcels'] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <section className="invest-section" data-testid="nearby-parcels">
      <h2>{t('invest.nearby.title')}</h2>
      {parcels.length === 0 ? (
        <p className="muted">{t('invest.nearby.none')}</p>
      ) : (
        <ul className="link-list">
          {parcels.map((parcel) => (
            <li key={parcel.id}>
              <Link href={`/parcels/${parcel.id}`}>{t('invest.card.parcel', { id: parcel.id })}</Link>
              <span className="muted">
                {t('invest.nearby.item', {
                  area: t('unit.mu', { value: formatArea(language, parcel.areaMu).mu }),
                  count: parcel.plotCount,
                  distance:
                    parcel.distanceKm < 0.05
                      ? t('invest.nearby.adjacent')
                      : t('invest.nearby.distance', { value: formatDistanceKm(language, parcel.distanceKm) }),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type InquiryFormProps = ComponentProps<typeof InquiryForm>;

/** The inquiry form under its heading (the page's #inquiry anchor), saying who will answer. */
export function InquirySection({
  target,
  zone,
  prefill,
}: {
  target: InquiryFormProps['target'];
  zone: ZoneProfile | null;
  prefill: InquiryFormProps['prefill'];
}) {
  const { t } = useTranslation();
  const name = useNamePicker();
  const zoneName = zone ? name(zone.name, zone.nameEn) : null;
  return (
    <section className="invest-section inquiry-section" id="inquiry" aria-labelledby="inquiry-title">
      <h2 id="inquiry-title">
        {target.targetType === 'zone' ? t('invest.inquiry.titleZone') : t('invest.inquiry.title')}
      </h2>
      <p className="muted">
        {zoneName ? t('invest.inquiry.lead', { zone: zoneName }) : t('invest.inquiry.leadNoZone')}
      </p>
      <InquiryForm target={target} prefill={prefill} receiptNote={t('invest.inquiry.sentNote')} />
    </section>
  );
}
