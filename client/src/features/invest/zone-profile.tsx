// A development zone as investors meet it: level, district, leading industries, land available, contact.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ZoneProfile } from '../../api/invest.ts';
import { AreaValue, Fact, industryLabels, useNamePicker } from './invest-parts.tsx';

/** The investment office: phone and email as links a phone can dial or write to. */
export function ZoneContact({ zone }: { zone: ZoneProfile }) {
  const { t } = useTranslation();
  const name = useNamePicker();
  const { phone, email } = zone.contact;
  const department = zone.contact.department && name(zone.contact.department, zone.contact.departmentEn);
  if (!department && !phone && !email) return <p className="muted">{t('invest.zone.noContact')}</p>;
  return (
    <dl className="facts facts--contact" data-testid="zone-contact">
      {department && <Fact label={t('invest.zone.department')}>{department}</Fact>}
      {phone && (
        <Fact label={t('invest.zone.phone')}>
          <a href={`tel:${phone.replace(/[^0-9+]/g, '')}`}>{phone}</a>
        </Fact>
      )}
      {email && (
        <Fact label={t('invest.zone.email')}>
          <a href={`mailto:${email}`}>{email}</a>
        </Fact>
      )}
    </dl>
  );
}

export function IndustryChips({
  industries,
  industriesEn,
  linked = false,
}: {
  industries: readonly string[];
  /** Their English names, in the same order. */
  industriesEn: readonly string[];
  linked?: boolean;
}) {
  const { i18n } = useTranslation();
  if (industries.length === 0) return null;
  return (
    <ul className="chips">
      {industryLabels(industries, industriesEn, i18n.language === 'en').map(({ name, label }) => (
        <li key={name}>
          {linked ? (
            <Link className="chip chip--link" href={`/sites?industry=${encodeURIComponent(name)}`}>
              {label}
            </Link>
          ) : (
            <span className="chip">{label}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The zone's profile and contact, as a section of a plot's or parcel's page. */
export function ZoneProfileSection({ zone }: { zone: ZoneProfile }) {
  const { t } = useTranslation();
  const name = useNamePicker();
  return (
    <section className="invest-section zone-profile" data-testid="zone-profile" data-zone-id={zone.id}>
      <h2>{t('invest.zone.profile')}</h2>
      <p className="zone-profile__name">
        <Link href={`/zones/${zone.id}`}>{name(zone.name, zone.nameEn)}</Link>
        <span className="level-badge">{t(`zoneLevel.${zone.level}`)}</span>
      </p>
      <dl className="facts">
        <Fact label={t('invest.zone.district')}>{name(zone.districtName, zone.districtNameEn)}</Fact>
        <Fact label={t('invest.zone.industries')}>
          <IndustryChips industries={zone.industries} industriesEn={zone.industriesEn} />
        </Fact>
        <Fact label={t('invest.zone.available')}>
          <AreaValue mu={zone.availableAreaMu} /> · {t('invest.count.plots', { count: zone.availablePlots })}
        </Fact>
      </dl>
      <h3>{t('invest.zone.contact')}</h3>
      <ZoneContact zone={zone} />
    </section>
  );
}
