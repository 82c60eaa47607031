// The site brochure (推介单): one A4 page the browser prints or saves as PDF — title, a picture of the
// site, key facts, the zone's profile and contact, the date and, for sample data, the label.
import { type ReactNode, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { ZoneProfile } from '../../api/invest.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { joinList } from './invest-format.ts';
import { AreaValue, industryLabels, useNamePicker } from './invest-parts.tsx';
import type { AreaGeometry } from './outline-path.ts';
import { withLanguage } from './site-filter.ts';
import { SiteOutline } from './site-outline.tsx';
import { ZoneContact } from './zone-profile.tsx';

export interface BrochureFact {
  label: string;
  value: ReactNode;
}

interface BrochureProps {
  title: string;
  subtitle: string;
  facts: BrochureFact[];
  zone: ZoneProfile | null;
  geometry: AreaGeometry;
  /** The live map copied as a picture; without one the outline is drawn from the geometry. */
  snapshot: string | null;
  isSample: boolean;
}

export function Brochure({ title, subtitle, facts, zone, geometry, snapshot, isSample }: BrochureProps) {
  const { t } = useTranslation();
  const name = useNamePicker();
  const date = new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'long' }).format(new Date());
  // The page's permanent link, in the brochure's language: typed in from paper, it opens as printed.
  const url = `${window.location.origin}${window.location.pathname}${withLanguage('', currentLanguage())}`;
  return (
    <article className="brochure print-only" data-testid="brochure">
      <header className="brochure__head">
        <div>
          <p className="brochure__kicker">{t('invest.brochure.kicker')}</p>
          <h1 className="brochure__title">{title}</h1>
          <p className="brochure__subtitle">{subtitle}</p>
        </div>
        {isSample && (
          <p className="brochure__sample" data-testid="brochure-sample">
            {t('invest.sample')}
          </p>
        )}
      </header>
      <figure className="brochure__map">
        {snapshot ? (
          <img
            src={snapshot}
            alt={t('invest.map.outline', { name: title })}
            data-testid="brochure-snapshot"
          />
        ) : (
          <SiteOutline geometry={geometry} label={t('invest.map.outline', { name: title })} />
        )}
        <figcaption>{t('invest.brochure.map')}</figcaption>
      </figure>
      <div className="brochure__columns">
        <section>
          <h2>{t('invest.facts.title')}</h2>
          <dl className="brochure__facts">
            {facts.map((fact) => (
              <div key={fact.label}>
                <dt>{fact.label}</dt>
                <dd>{fact.value}</dd>
              </div>
            ))}
          </dl>
        </section>
        {zone && (
          <section>
            <h2>{t('invest.zone.profile')}</h2>
            <p className="brochure__zone">
              <strong>{name(zone.name, zone.nameEn)}</strong>
              <span>
                {t(`zoneLevel.${zone.level}`)} · {name(zone.districtName, zone.districtNameEn)}
              </span>
            </p>
            <dl className="brochure__facts">
              <div>
                <dt>{t('invest.zone.industries')}</dt>
                <dd>
                  {joinList(
                    currentLanguage(),
                    industryLabels(zone.industries, zone.industriesEn, currentLanguage() === 'en').map(
                      (industry) => industry.label,
                    ),
                  )}
                </dd>
              </div>
              <div>
                <dt>{t('invest.zone.available')}</dt>
                <dd>
                  <AreaValue mu={zone.availableAreaMu} /> ·{' '}
                  {t('invest.count.plots', { count: zone.availablePlots })}
                </dd>
              </div>
            </dl>
            <h2>{t('invest.zone.contact')}</h2>
            <ZoneContact zone={zone} />
          </section>
        )}
      </div>
      <footer className="brochure__foot">
        <span>{t('invest.brochure.date', { date })}</span>
        <span className="brochure__url">{t('invest.brochure.link', { url })}</span>
        <span>{t('invest.brochure.disclaimer')}</span>
        {isSample && <span>{t('invest.sampleNote')}</span>}
      </footer>
    </article>
  );
}

/**
 * The brochure's picture and the print button: the map frames the site again and is copied before the
 * browser's print dialog opens, so the page printed shows the site, not wherever the visitor panned.
 */
export function useBrochurePrint() {
  const [snapshot, setSnapshot] = useState<string | null>(null);
  const captureRef = useRef<(() => Promise<string | null>) | null>(null);
  const print = async () => {
    const image = captureRef.current ? await captureRef.current() : null;
    if (image) {
      flushSync(() => setSnapshot(image));
      await document
        .querySelector<HTMLImageElement>('[data-testid="brochure-snapshot"]')
        ?.decode()
        .catch(() => undefined);
    }
    window.print();
  };
  return { snapshot, setSnapshot, captureRef, print };
}

export function PrintButton({ onPrint }: { onPrint: () => Promise<void> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button print-button"
      title={t('invest.print.hint')}
      disabled={busy}
      data-testid="print-brochure"
      onClick={() => {
        setBusy(true);
        void onPrint().finally(() => setBusy(false));
      }}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true">
        <path
          d="M4 1h8v4H4zM2 6h12a1 1 0 0 1 1 1v5h-3v3H4v-3H1V7a1 1 0 0 1 1-1zm3 5v3h6v-3z"
          fill="currentColor"
        />
      </svg>
      {t('invest.print.button')}
    </button>
  );
}
