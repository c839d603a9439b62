import type { TFunction } from 'i18next';
import type { ScheduleView } from '../../../shared/domain';
import { isOpenAroundTheClock } from '../../../shared/schedule-open';
import type { UiLanguage } from './index';

const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
// 2026-11-23 is a Monday: index i is DAY_CODES[i].
const dayName = (index: number, lang: UiLanguage) =>
  new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 23 + index)));

/** "MO,TU,WE,TH,FR,SU" -> "Mon–Fri, Sun": runs of three or more days become a range. */
export function dayListText(byday: string, lang: UiLanguage): string {
  const indexes = [...new Set(byday.split(',').map((d) => DAY_CODES.indexOf(d.trim().toUpperCase())))].sort((a, b) => a - b);
  if (indexes.some((i) => i < 0)) return byday;
  const parts: string[] = [];
  for (let i = 0; i < indexes.length; ) {
    let j = i;
    while (j + 1 < indexes.length && indexes[j + 1] === indexes[j]! + 1) j++;
    const run = indexes.slice(i, j + 1).map((d) => dayName(d, lang));
    parts.push(run.length >= 3 ? `${run[0]}–${run[run.length - 1]}` : run.join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

/** One schedule as a line: the dataset's own description when it has one, else days and times. */
export function scheduleText(s: ScheduleView, t: TFunction, lang: UiLanguage): string {
  if (s.description) return s.description;
  if (isOpenAroundTheClock([s])) return t('open247');
  const parts = [
    s.byday ? dayListText(s.byday, lang) : null,
    s.opensAt && s.closesAt ? `${s.opensAt.slice(0, 5)}–${s.closesAt.slice(0, 5)}` : null,
    s.timezone != null ? t('utcOffset', { offset: s.timezone >= 0 ? `+${s.timezone}` : `−${-s.timezone}` }) : null,
    s.validFrom || s.validTo ? t('validDates', { from: s.validFrom?.slice(0, 10) ?? '…', to: s.validTo?.slice(0, 10) ?? '…' }) : null,
  ];
  return parts.filter(Boolean).join(' ');
}

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
