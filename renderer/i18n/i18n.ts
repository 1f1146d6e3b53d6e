import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = 'courtdesk.language';

function savedLanguage(): Language {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    return saved === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}

export async function setLanguage(language: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Not saved; the choice still applies until the page is reloaded.
  }
  if (globalThis.document) document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

/** Chinese unless the user chose English on this machine; every string lives in the JSON files. */
export function initI18n(language: Language = savedLanguage()): typeof i18next {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      lng: language,
      fallbackLng: 'zh-CN',
      // React escapes text itself.
      interpolation: { escapeValue: false },
      initAsync: false,
    });
  }
  if (globalThis.document) document.documentElement.lang = language;
  return i18next;
}
