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

/**
 * One schedule's days and times in the reader's language, from its structured columns; null when it
 * states none (only the provider's own words, or nothing).
 */
export function scheduleText(s: ScheduleView, t: TFunction, lang: UiLanguage): string | null {
  if (isOpenAroundTheClock([s])) return t('open247');
  const days = s.byday ? dayListText(s.byday, lang) : null;
  const times = s.opensAt && s.closesAt ? `${s.opensAt.slice(0, 5)}–${s.closesAt.slice(0, 5)}` : null;
  if (!days && !times) return null;
  const parts = [
    days,
    times,
    s.timezone != null ? t('utcOffset', { offset: s.timezone >= 0 ? `+${s.timezone}` : `−${-s.timezone}` }) : null,
    s.validFrom || s.validTo ? t('validDates', { from: s.validFrom?.slice(0, 10) ?? '…', to: s.validTo?.slice(0, 10) ?? '…' }) : null,
  ];
  return parts.filter(Boolean).join(' ');
}

/**
 * A service's hours as the desk reads them: lines written from the structured schedules in the reader's
 * language, and apart from them the provider's own words (HSDS schedule.description), which are in
 * whatever language the provider wrote and so are never passed off as the desk's.
 */
export function hoursText(schedules: readonly ScheduleView[], t: TFunction, lang: UiLanguage): { lines: string[]; providerWords: string[] } {
  const lines = schedules.map((s) => scheduleText(s, t, lang)).filter((l): l is string => l != null);
  const providerWords = [...new Set(schedules.map((s) => s.description?.trim()).filter((d): d is string => !!d))];
  return { lines: [...new Set(lines)], providerWords };
}
