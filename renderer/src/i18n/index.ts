import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { es } from './es';

export type UiLanguage = 'en' | 'es';

export const resources = { en: { translation: en }, es: { translation: es } } as const;

/**
 * `{{count, number}}` written the language's way, one Intl.NumberFormat kept per language. i18next's own
 * keeps its formatters by the whole call's options, the counts among them, so every new count made (and
 * kept) a formatter of its own: some 40 µs a number, with two dozen numbers in every search answer (the
 * facet menus' counts, the map's clusters). No text gives `number` options of its own (i18n.test.ts).
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
function formatNumber(value: unknown, lng: string | undefined): string {
  const key = lng ?? 'en';
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(key)));
  return format.format(value as number);
}

export function initI18n(lng: UiLanguage = 'en') {
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  i18next.services.formatter?.add('number', formatNumber);
  return i18next;
}
