import type { TFunction } from 'i18next';
import type { LocationView } from '../../../shared/domain';
import type { UiLanguage } from './index';

export function dateText(iso: string, lang: UiLanguage, withTime = false): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const date = new Date(dateOnly ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'medium',
    ...(withTime && !dateOnly ? { timeStyle: 'short' } : {}),
    ...(dateOnly ? { timeZone: 'UTC' } : {}),
  }).format(date);
}

export function agesText(min: number | null, max: number | null, t: TFunction): string | null {
  if (min != null && max != null) return t('agesRange', { min, max });
  if (min != null) return t('agesMin', { min });
  if (max != null) return t('agesMax', { max });
  return null;
}

/**
 * A public location as text: its street address, else its city said for what it is ("near the centre of
 * Fresno (exact address not listed)" when the point is the city's centre), else its name.
 */
export function placeText(l: LocationView, t: TFunction): string | null {
  if (l.address) return l.address;
  if (l.city) return t(l.approximate ? 'placeNearCentre' : 'placeCityOnly', { city: l.city });
  return l.name;
}
