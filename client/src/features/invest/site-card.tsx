// A plot or a contiguous parcel as a card: what an investor compares first, linking to its page.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ParcelSite, PlotSite } from '../../api/invest.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatPriceRange, joinList } from './invest-format.ts';
import { AreaValue, useNamePicker } from './invest-parts.tsx';
import { SERVICING_ITEMS } from './site-filter.ts';

type CardProps = {
  site: PlotSite | ParcelSite;
  highlighted: boolean;
  onHover: (id: number | null) => void;
};

export function sitePath(site: { kind: 'plot' | 'parcel'; id: number }): string {
  return site.kind === 'plot' ? `/plots/${site.id}` : `/parcels/${site.id}`;
}

export function SiteCard({ site, highlighted, onHover }: CardProps) {
  const { t } = useTranslation();
  const name = useNamePicker();
  const language = currentLanguage();
  const price =
    site.kind === 'plot'
      ? formatPriceRange(language, site.guidePrice, site.guidePrice)
      : formatPriceRange(language, site.guidePriceMin, site.guidePriceMax);
  const zones =
    site.kind === 'plot'
      ? site.zoneName
        ? name(site.zoneName, site.zoneNameEn)
        : t('invest.card.outsideZone')
      : joinList(
          language,
          site.zoneNames.map((zone, index) => name(zone, site.zoneNamesEn[index])),
        );
  const place = site.kind === 'plot' ? `${zones} · ${name(site.districtName, site.districtNameEn)}` : zones;
  return (
    <li>
      <Link
        href={sitePath(site)}
        className={`site-card${highlighted ? ' site-card--highlighted' : ''}`}
        data-testid="site-card"
        data-kind={site.kind}
        data-id={site.id}
        onMouseEnter={() => onHover(site.id)}
        onMouseLeave={() => onHover(null)}
        onFocus={() => onHover(site.id)}
        onBlur={() => onHover(null)}
      >
        <span className="site-card__title">
          {site.kind === 'plot'
            ? t('invest.card.plot', { code: site.code })
            : t('invest.card.parcel', { id: site.id })}
        </span>
        <span className="site-card__area">
          <AreaValue mu={site.areaMu} />
        </span>
        <span className="site-card__place">{place}</span>
        <span className="site-card__meta">
          {site.kind === 'plot' ? (
            <span>{name(site.landUseName, site.landUseNameEn)}</span>
          ) : (
            <span>{t('invest.card.plotsIn', { count: site.plotCount })}</span>
          )}
          <span>
            {t('invest.card.servicing', { count: site.servicing.length, total: SERVICING_ITEMS.length })}
          </span>
          {site.kind === 'plot' && site.controlLine && (
            <span className="site-card__line">
              {t(site.controlLine === 'core' ? 'invest.card.lineCore' : 'invest.card.lineTransitional')}
            </span>
          )}
        </span>
        <span className="site-card__price">
          {price ? t('invest.card.priceValue', { value: price }) : t('invest.card.priceOnRequest')}
        </span>
      </Link>
    </li>
  );
}
