// The 中文 / EN switch of the map's top bar and of the investor view's header.
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, type Language, setLanguage } from '../i18n/index.ts';

const LANGUAGE_LABEL_KEYS = { 'zh-CN': 'language.zh', en: 'language.en' } as const;

/** `onChosen` runs after the choice is stored (the investor view writes it into the address). */
export function LanguageSwitch({ onChosen }: { onChosen?: (language: Language) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const choose = (next: Language) => {
    void setLanguage(next);
    onChosen?.(next);
  };
  return (
    <fieldset className="language-switch" aria-label={t('language.switchTo')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className="language-switch__option"
          aria-pressed={language === lng}
          onClick={() => choose(lng)}
        >
          {t(LANGUAGE_LABEL_KEYS[lng])}
        </button>
      ))}
    </fieldset>
  );
}
