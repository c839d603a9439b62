import type { ScheduleView } from './domain';

/**
 * Whether a service is open at a given moment, from its HSDS schedules. Only weekly schedules with days
 * and times can be computed; anything else ("call for hours", monthly rules) is "unknown", never
 * guessed as open or closed.
 */
export type OpenState = 'open' | 'closed' | 'unknown';

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const MINUTES_PER_DAY = 24 * 60;

/** "09:00", "9:00:00" -> minutes after midnight; null when not a time. */
function minutesOf(time: string | null): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?/.exec(time ?? '');
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h > 24 || min > 59 ? null : h * 60 + min;
}

/** The weekdays (0 = Sunday) a schedule names, or null when its rule is not a plain weekly one. */
function weekdaysOf(s: ScheduleView): Set<number> | null {
  const freq = (s.freq ?? 'WEEKLY').toUpperCase();
  if (freq === 'DAILY' && !s.byday) return new Set([0, 1, 2, 3, 4, 5, 6]);
  if (freq !== 'WEEKLY' && freq !== 'DAILY') return null;
  if (!s.byday) return null;
  const days = new Set<number>();
  for (const part of s.byday.split(',')) {
    const index = DAYS.indexOf(part.trim().toUpperCase() as (typeof DAYS)[number]);
    // "1MO" (first Monday) belongs to monthly rules: not computable here.
    if (index < 0) return null;
    days.add(index);
  }
  return days;
}

/**
 * The moment as weekday and minute of day in the schedule's own time: HSDS `timezone` is a UTC offset
 * in hours; without one the desk's local clock is used, since a directory lists local services.
 */
function clockAt(now: Date, utcOffsetHours: number | null): { day: number; minute: number; date: string } {
  if (utcOffsetHours == null) {
    const date = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    return { day: now.getDay(), minute: now.getHours() * 60 + now.getMinutes(), date };
  }
  const shifted = new Date(now.getTime() + utcOffsetHours * 3_600_000);
  return { day: shifted.getUTCDay(), minute: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(), date: shifted.toISOString().slice(0, 10) };
}

/** One schedule's answer, or null when it cannot be computed. */
function scheduleOpenAt(s: ScheduleView, now: Date): boolean | null {
  const days = weekdaysOf(s);
  const opens = minutesOf(s.opensAt);
  let closes = minutesOf(s.closesAt);
  if (!days || opens == null || closes == null) return null;
  const { day, minute, date } = clockAt(now, s.timezone);
  if ((s.validFrom && date < s.validFrom.slice(0, 10)) || (s.validTo && date > s.validTo.slice(0, 10))) return false;
  // "23:59" is how datasets write "until midnight".
  if (closes >= MINUTES_PER_DAY - 1) closes = MINUTES_PER_DAY;
  if (closes > opens) return days.has(day) && minute >= opens && minute < closes;
  // Closing at or before opening time runs past midnight into the next day.
  const yesterday = (day + 6) % 7;
  return (days.has(day) && minute >= opens) || (days.has(yesterday) && minute < closes);
}

/** Open if any computable schedule is open now; closed if some are computable and none is open. */
export function openStateAt(schedules: readonly ScheduleView[], now: Date): OpenState {
  let computable = false;
  for (const s of schedules) {
    const open = scheduleOpenAt(s, now);
    if (open) return 'open';
    if (open === false) computable = true;
  }
  return computable ? 'closed' : 'unknown';
}

/** Every day, around the clock, with no end date: what a "24/7" facet means. */
export function isOpenAroundTheClock(schedules: readonly ScheduleView[]): boolean {
  return schedules.some((s) => {
    const days = weekdaysOf(s);
    const opens = minutesOf(s.opensAt);
    const closes = minutesOf(s.closesAt);
    return days?.size === 7 && opens === 0 && closes != null && closes >= MINUTES_PER_DAY - 1 && !s.validTo;
  });
}
