import type { ScheduleFact } from '../service-facts';
import { workArray } from '../per-index';

const DAY_MINUTES = 1440;
export const WEEK_MINUTES = 7 * DAY_MINUTES;
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** Times in a schedule without a timezone are the directory's own region's. */
const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

export interface WeeklyHours {
  /** [start, end) pairs in minutes from Monday 00:00, merged and sorted. */
  intervals: number[];
  /** Hours east of UTC the times are in; null for the directory's region (with its daylight time). */
  utcOffsetHours: number | null;
  always: boolean;
}

/** Minutes since midnight of an "HH:MM" (or "H:MM") time, anything after it ignored; null when not one. */
function minutes(time: string | null): number | null {
  if (!time) return null;
  const colon = time.charCodeAt(1) === COLON ? 1 : time.charCodeAt(2) === COLON ? 2 : -1;
  if (colon < 0) return null;
  const h = colon === 1 ? digit(time, 0) : digit(time, 0) * 10 + digit(time, 1);
  const min = digit(time, colon + 1) * 10 + digit(time, colon + 2);
  // A non-digit is NaN, and every comparison with NaN is false.
  if (!(h >= 0 && min >= 0)) return null;
  return h > 24 || min > 59 ? null : h * 60 + min;
}

const COLON = 58;
const digit = (text: string, at: number) => {
  const d = text.charCodeAt(at) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};

const EVERY_DAY: readonly number[] = [0, 1, 2, 3, 4, 5, 6];
/** byday lists seen, parsed: a directory has a handful of distinct ones across 100,000 schedules. */
const dayLists = new Map<string, readonly number[]>();

/** The weekdays (0 Monday) of an HSDS byday such as "MO,TU,WE" or "1MO"; every day when there is none. */
function daysOf(byday: string | null): readonly number[] {
  if (!byday) return EVERY_DAY;
  let days = dayLists.get(byday);
  if (days === undefined) {
    if (dayLists.size >= 10_000) dayLists.clear(); // never unbounded, whatever a feed holds
    days = byday
      .toUpperCase()
      .split(',')
      .map((d) => DAYS.indexOf(d.trim().replace(/^[+-]?\d+/, '')))
      .filter((d) => d >= 0);
    dayLists.set(byday, days);
  }
  return days;
}

/**
 * A service's weekly opening hours from its HSDS schedules (weekly byday with opens_at/closes_at), or
 * null when no schedule says when it is open: "hours not stated" is never read as "closed".
 */
export function weeklyHours(schedules: readonly ScheduleFact[]): WeeklyHours | null {
  // [start, end) pairs, end to end, kept sorted by start as they come (a few per service).
  const raw: number[] = [];
  let utcOffsetHours: number | null = null;
  for (const s of schedules) {
    const open = minutes(s.opensAt);
    let close = minutes(s.closesAt);
    if (open === null || close === null) continue;
    if (close === 1439) close = DAY_MINUTES; // "23:59" means until midnight
    if (s.timezone !== null && utcOffsetHours === null) utcOffsetHours = s.timezone;
    for (const d of daysOf(s.byday)) {
      const start = d * DAY_MINUTES + open;
      const end = d * DAY_MINUTES + (close > open ? close : close + DAY_MINUTES);
      if (end <= WEEK_MINUTES) insertPair(raw, start, end);
      else {
        insertPair(raw, start, WEEK_MINUTES);
        insertPair(raw, 0, end - WEEK_MINUTES);
      }
    }
  }
  if (raw.length === 0) return null;
  const intervals: number[] = [];
  for (let k = 0; k < raw.length; k += 2) {
    const start = raw[k]!;
    const end = raw[k + 1]!;
    const last = intervals.length - 1;
    if (last > 0 && start <= intervals[last]!) intervals[last] = Math.max(intervals[last]!, end);
    else intervals.push(start, end);
  }
  return { intervals, utcOffsetHours, always: intervals.length === 2 && intervals[0] === 0 && intervals[1] === WEEK_MINUTES };
}

/** Inserts a pair after every pair starting no later (a stable insertion sort by start). */
function insertPair(pairs: number[], start: number, end: number): void {
  let at = pairs.length;
  pairs.push(start, end);
  for (; at > 0 && pairs[at - 2]! > start; at -= 2) {
    pairs[at] = pairs[at - 2]!;
    pairs[at + 1] = pairs[at - 1]!;
  }
  pairs[at] = start;
  pairs[at + 1] = end;
}

const regionClock = new Intl.DateTimeFormat('en-US', { timeZone: DEFAULT_TIME_ZONE, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const WEEKDAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Minutes since Monday 00:00 at `now`, on the clock of the given UTC offset (or the directory's region). */
export function minuteOfWeek(now: Date, utcOffsetHours: number | null): number {
  if (utcOffsetHours === null) {
    const parts = Object.fromEntries(regionClock.formatToParts(now).map((p) => [p.type, p.value]));
    return WEEKDAYS_EN.indexOf(parts.weekday!) * DAY_MINUTES + Number(parts.hour) * 60 + Number(parts.minute);
  }
  const shifted = new Date(now.getTime() + utcOffsetHours * 3_600_000);
  return ((shifted.getUTCDay() + 6) % 7) * DAY_MINUTES + shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
}

/**
 * Whether the hours are open at `now`. Pass a clock from weekClock() when judging many services: the
 * region's local time costs a date-formatting call, worth doing once per query rather than per service.
 */
export function isOpenAt(hours: WeeklyHours, now: Date, clock: (utcOffsetHours: number | null) => number = weekClock(now)): boolean {
  return openAtMinute(hours.intervals, 0, hours.intervals.length, clock(hours.utcOffsetHours));
}

function openAtMinute(bounds: ArrayLike<number>, from: number, to: number, m: number): boolean {
  for (let i = from; i < to; i += 2) if (m >= bounds[i]! && m < bounds[i + 1]!) return true;
  return false;
}

/** The hours as the facet index stores them: item i's [start, end) pairs are hourBounds[hourStart[i] .. hourStart[i + 1] - 1]. */
export interface StoredHours {
  hourStart: Int32Array;
  hourBounds: Int32Array;
  /** Hours east of UTC; NaN for the directory's region. */
  hourOffset: Float64Array;
}

/** By pool position: 1 open at `now`, 0 closed, -1 hours not stated. */
export function openStates(hours: StoredHours, pool: Int32Array, now: Date): Int8Array {
  const every = everyOpenState(hours, now);
  const open = workArray(hours, 'open', Int8Array, pool.length, 0);
  for (let k = 0; k < pool.length; k++) open[k] = every[pool[k]!]!;
  return open;
}

/** Each index's states at the latest minute asked about. */
const statesAtMinute = new WeakMap<StoredHours, { minute: number; states: Int8Array }>();

/**
 * Every item's state at `now`, worked out once a minute: hours are in whole minutes, and the searches
 * of a desk typing come within the same one. At 100,000 services this took 1-2 ms of every search.
 */
function everyOpenState(hours: StoredHours, now: Date): Int8Array {
  const minute = Math.floor(now.getTime() / 60_000);
  const known = statesAtMinute.get(hours);
  if (known?.minute === minute) return known.states;
  const clock = weekClock(now);
  const regionMinute = clock(null);
  const size = hours.hourStart.length - 1;
  const states = new Int8Array(size);
  for (let i = 0; i < size; i++) {
    const from = hours.hourStart[i]!;
    const to = hours.hourStart[i + 1]!;
    const offset = hours.hourOffset[i]!;
    states[i] = from === to ? -1 : openAtMinute(hours.hourBounds, from, to, Number.isNaN(offset) ? regionMinute : clock(offset)) ? 1 : 0;
  }
  statesAtMinute.set(hours, { minute, states });
  return states;
}

/** minuteOfWeek at one moment, remembered per UTC offset. */
export function weekClock(now: Date): (utcOffsetHours: number | null) => number {
  const seen = new Map<number | null, number>();
  return (offset) => {
    let m = seen.get(offset);
    if (m === undefined) seen.set(offset, (m = minuteOfWeek(now, offset)));
    return m;
  };
}
