// Sections shared by the plot, parcel and zone pages: contiguous parcels nearby and the inquiry form.
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { PlotPage, ZoneProfile } from '../../api/invest.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { InquiryForm } from '../inquiries/inquiry-form.tsx';
import { formatArea, formatDistanceKm } from './invest-format.ts';
import { useNamePicker } from './invest-parts.tsx';

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
