import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { es } from './es';

export type UiLanguage = 'en' | 'es';

export const resources = { en: { translation: en }, es: { translation: es } } as const;

export function initI18n(lng: UiLanguage = 'en') {
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
