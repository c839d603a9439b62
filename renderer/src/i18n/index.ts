import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { es } from './es';
import { countText } from './count-text';

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
  // No text gives `number` options of its own (i18n.test.ts): the language is all countText needs.
  i18next.services.formatter?.add('number', (value: unknown, lng: string | undefined) => countText(value as number, lng));
  return i18next;
}
