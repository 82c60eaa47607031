// The top bar: product name, city, the sample-data badge and the language switch.
import { useTranslation } from 'react-i18next';
import type { Meta } from '../../api/types.ts';
import { currentLanguage, LANGUAGES, type Language, setLanguage } from '../../i18n/index.ts';

const LANGUAGE_LABEL_KEYS = { 'zh-CN': 'language.zh', en: 'language.en' } as const;

export function TopBar({ meta }: { meta: Meta | undefined }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const city = meta ? (language === 'en' ? meta.city.nameEn || meta.city.name : meta.city.name) : null;
  return (
    <header className="top-bar">
      <div className="top-bar__brand">
        <svg className="top-bar__logo" viewBox="0 0 24 24" aria-hidden="true">
          <rect x="2" y="2" width="9" height="9" rx="1.5" fill="#2a9d4b" />
          <rect x="13" y="2" width="9" height="9" rx="1.5" fill="#2f6fd0" />
          <rect x="2" y="13" width="9" height="9" rx="1.5" fill="#f08a24" />
          <rect x="13" y="13" width="9" height="9" rx="1.5" fill="#b8bec7" />
        </svg>
        <h1 className="top-bar__title">
          <span className="top-bar__name">{t('app.name')}</span>
          <span className="top-bar__name-alt" lang={language === 'en' ? 'zh-CN' : 'en'}>
            {t('app.nameAlt')}
          </span>
        </h1>
        {city && <span className="top-bar__city">{city}</span>}
      </div>
      <div className="top-bar__actions">
        {meta?.isSample && (
          <span className="badge badge--sample" title={t('app.sampleBadgeHint')} data-testid="sample-badge">
            {t('app.sampleBadge')}
          </span>
        )}
        <fieldset className="language-switch" aria-label={t('language.switchTo')}>
          {LANGUAGES.map((lng: Language) => (
            <button
              key={lng}
              type="button"
              lang={lng}
              className="language-switch__option"
              aria-pressed={language === lng}
              onClick={() => void setLanguage(lng)}
            >
              {t(LANGUAGE_LABEL_KEYS[lng])}
            </button>
          ))}
        </fieldset>
      </div>
    </header>
  );
}
