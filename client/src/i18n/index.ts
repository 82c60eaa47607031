// i18next set-up: zh-CN by default, English on request; the choice persists and drives <html lang>.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'land-atlas.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'zh-CN';
  } catch {
    // Storage can be unavailable (private mode, blocked cookies): fall back to the default.
    return 'zh-CN';
  }
}

function reflectLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.title = i18next.t('app.documentTitle');
}

export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: storedLanguage(),
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  reflectLanguage(currentLanguage());
  i18next.on('languageChanged', (lng) => {
    if (isLanguage(lng)) reflectLanguage(lng);
  });
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'zh-CN';
}

export async function setLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted; the switch still applies to this page.
  }
  await i18next.changeLanguage(language);
}
