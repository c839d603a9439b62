import type { ScheduleView } from './domain';

/**
 * Whether a service is open at a moment, from its HSDS schedules: the one rule behind the search's
 * "open now" filter, the result cards, the detail pane and the referral sheet. Weekly hours are compiled
 * into minute-of-week pairs (weeklyHours), which the search index stores as they are; anything a weekly
 * table cannot hold ("1MO", monthly rules, unreadable dates) is "unknown", never guessed open or closed.
 */
export type OpenState = 'open' | 'closed' | 'unknown';

/** The columns of an HSDS schedule that say when it is open. */
export type ScheduleRule = Pick<ScheduleView, 'byday' | 'opensAt' | 'closesAt' | 'timezone' | 'freq' | 'validFrom' | 'validTo'>;

const DAY_MINUTES = 1440;
export const WEEK_MINUTES = 7 * DAY_MINUTES;
const DAY_MS = 86_400_000;
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/** An intake desk works on California time: a schedule without a timezone is read on it. */
export const DESK_TIME_ZONE = 'America/Los_Angeles';
/** Day numbers for "no valid_from" and "no valid_to": the ends of an Int32Array, as the index stores them. */
export const NO_FIRST_DAY = -2_147_483_648;
export const NO_LAST_DAY = 2_147_483_647;

/** On which clock, and on which days, some pairs apply; an undecided rule's pairs make "unknown", never "open". */
export interface HoursRule {
  /** Hours east of UTC; null for the desk's time zone, with its daylight time. */
  utcOffsetHours: number | null;
  /** Days since 1970-01-01 on that clock: the first and last day the pairs apply. */
  firstDay: number;
  lastDay: number;
  undecided: boolean;
}

export interface WeeklyHours {
  rules: HoursRule[];
  /** [start, end) pairs in minutes from Monday 00:00 on their rule's clock, merged within a rule. */
  intervals: number[];
  /** The rule of pair p (intervals[2p], intervals[2p + 1]). */
  ruleOf: number[];
  /** Open every minute of the week by schedules with no end date. */
  always: boolean;
}

/** Minutes since midnight of an "HH:MM" (or "H:MM") time, anything after it ignored; null when not one. */
function minutes(time: string): number | null {
  const m = /^(\d{1,2}):(\d{2})(?![\d])/.exec(time);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h > 24 || min > 59 ? null : h * 60 + min;
}

/** Days since 1970-01-01 of an ISO date ("2026-12-01", a time after it ignored); null when not one. */
function dayNumber(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).getUTCDate() === Number(m[3]) ? ms / DAY_MS : null;
}

/**
 * The weekdays (0 Monday) a schedule names, or null when its rule is not a plain weekly one: an ordinal
 * ("1MO", the first Monday) or a monthly rule needs a calendar, and a weekly rule without days says none.
 */
function weekdaysOf(s: ScheduleRule): number[] | null {
  const freq = (s.freq ?? 'WEEKLY').trim().toUpperCase();
  const byday = s.byday?.trim();
  if (freq === 'DAILY' && !byday) return [0, 1, 2, 3, 4, 5, 6];
  if ((freq !== 'WEEKLY' && freq !== 'DAILY') || !byday) return null;
  const days: number[] = [];
  for (const part of byday.toUpperCase().split(',')) {
    const d = DAYS.indexOf(part.trim());
    if (d < 0) return null;
    if (!days.includes(d)) days.push(d);
  }
  return days;
}

/** One schedule as pairs under its rule; null when it states no hours at all ("call for hours"). */
function compile(s: ScheduleRule): { rule: HoursRule; pairs: number[] } | null {
  if (!s.opensAt?.trim() && !s.closesAt?.trim()) return null;
  const firstDay = s.validFrom ? dayNumber(s.validFrom) : NO_FIRST_DAY;
  const lastDay = s.validTo ? dayNumber(s.validTo) : NO_LAST_DAY;
  const open = s.opensAt ? minutes(s.opensAt.trim()) : null;
  let close = s.closesAt ? minutes(s.closesAt.trim()) : null;
  const days = weekdaysOf(s);
  const clock = s.timezone ?? null;
  if (firstDay === null || lastDay === null || open === null || close === null || days === null) {
    // Hours stated in a way this rule cannot read: unknown all week, within the dates it states.
    return { rule: { utcOffsetHours: clock, firstDay: firstDay ?? NO_FIRST_DAY, lastDay: lastDay ?? NO_LAST_DAY, undecided: true }, pairs: [0, WEEK_MINUTES] };
  }
  if (close >= DAY_MINUTES - 1) close = DAY_MINUTES; // "23:59" is how datasets write "until midnight"
  const pairs: number[] = [];
  for (const d of days) {
    if (close > open) pairs.push(d * DAY_MINUTES + open, d * DAY_MINUTES + close);
    else pairs.push(d * DAY_MINUTES + open, (d + 1) * DAY_MINUTES); // closing at or before opening runs past midnight
  }
  return { rule: { utcOffsetHours: clock, firstDay, lastDay, undecided: false }, pairs };
}

/** The hours past midnight of overnight schedules: the next day's, under the rule's dates moved by a day. */
function overnightTails(s: ScheduleRule, rule: HoursRule): { rule: HoursRule; pairs: number[] } | null {
  if (rule.undecided) return null;
  const open = minutes(s.opensAt!.trim())!;
  const close = minutes(s.closesAt!.trim())!;
  if (close > open || close === 0) return null;
  const shift = (day: number) => (day === NO_FIRST_DAY || day === NO_LAST_DAY ? day : day + 1);
  const pairs: number[] = [];
  for (const d of weekdaysOf(s)!) {
    const next = ((d + 1) % 7) * DAY_MINUTES;
    pairs.push(next, next + close);
  }
  return { rule: { ...rule, firstDay: shift(rule.firstDay), lastDay: shift(rule.lastDay) }, pairs };
}

const ruleKey = (r: HoursRule) => `${r.utcOffsetHours}/${r.firstDay}/${r.lastDay}/${r.undecided}`;

/**
 * A service's opening hours from its HSDS schedules, or null when none states hours: "hours not stated"
 * is never read as "closed".
 */
export function weeklyHours(schedules: readonly ScheduleRule[]): WeeklyHours | null {
  const byRule = new Map<string, { rule: HoursRule; pairs: number[] }>();
  const add = (part: { rule: HoursRule; pairs: number[] } | null) => {
    if (!part) return;
    const key = ruleKey(part.rule);
    const known = byRule.get(key);
    if (known) known.pairs.push(...part.pairs);
    else byRule.set(key, part);
  };
  for (const s of schedules) {
    const part = compile(s);
    add(part);
    if (part) add(overnightTails(s, part.rule));
  }
  if (byRule.size === 0) return null;
  const rules: HoursRule[] = [];
  const intervals: number[] = [];
  const ruleOf: number[] = [];
  for (const { rule, pairs } of byRule.values()) {
    const r = rules.push(rule) - 1;
    for (const [start, end] of merged(pairs)) {
      intervals.push(start, end);
      ruleOf.push(r);
    }
  }
  return { rules, intervals, ruleOf, always: coversTheWeek(rules, intervals, ruleOf) };
}

/** [start, end) pairs sorted by start, touching or overlapping ones joined. */
function merged(pairs: number[]): [number, number][] {
  const sorted: [number, number][] = [];
  for (let k = 0; k < pairs.length; k += 2) sorted.push([pairs[k]!, pairs[k + 1]!]);
  sorted.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** Every minute of the week open by decided rules with no end date (a start date already past or not). */
function coversTheWeek(rules: HoursRule[], intervals: number[], ruleOf: number[]): boolean {
  const pairs: number[] = [];
  ruleOf.forEach((r, p) => {
    if (!rules[r]!.undecided && rules[r]!.lastDay === NO_LAST_DAY) pairs.push(intervals[2 * p]!, intervals[2 * p + 1]!);
  });
  const joined = merged(pairs);
  return joined.length === 1 && joined[0]![0] === 0 && joined[0]![1] === WEEK_MINUTES;
}

/** A moment on one clock: minutes since Monday 00:00 and days since 1970-01-01. */
export interface ClockReading {
  minute: number;
  day: number;
}

const deskClock = new Intl.DateTimeFormat('en-US', {
  timeZone: DESK_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const WEEKDAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** `now` on the clock of a UTC offset, or on the desk's time zone for null. */
export function clockAt(now: Date, utcOffsetHours: number | null): ClockReading {
  if (utcOffsetHours === null) {
    const p = Object.fromEntries(deskClock.formatToParts(now).map((part) => [part.type, part.value]));
    return {
      minute: WEEKDAYS_EN.indexOf(p.weekday!) * DAY_MINUTES + Number(p.hour) * 60 + Number(p.minute),
      day: Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)) / DAY_MS,
    };
  }
  const shifted = new Date(now.getTime() + utcOffsetHours * 3_600_000);
  return {
    minute: ((shifted.getUTCDay() + 6) % 7) * DAY_MINUTES + shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
    day: Math.floor(shifted.getTime() / DAY_MS),
  };
}

/**
 * clockAt for one moment, remembered per offset: the desk's time zone costs a date-formatting call,
 * worth making once per search rather than once per service.
 */
export function clockReader(now: Date): (utcOffsetHours: number | null) => ClockReading {
  const seen = new Map<number | null, ClockReading>();
  return (offset) => {
    let c = seen.get(offset);
    if (c === undefined) seen.set(offset, (c = clockAt(now, offset)));
    return c;
  };
}

/** The minute of the week on a rule's clock at the moment read, or -1 on a day the rule does not apply. */
export function ruleMinute(rule: Omit<HoursRule, 'undecided'>, clock: (utcOffsetHours: number | null) => ClockReading): number {
  const c = clock(rule.utcOffsetHours);
  return c.day >= rule.firstDay && c.day <= rule.lastDay ? c.minute : -1;
}

/**
 * 1 open, 0 closed, -1 unknown, of pairs from..to: open when a decided pair holds the minute; else
 * unknown when an undecided one does; else closed. `minuteOfRule[r]` is ruleMinute of rule r.
 */
export function pairsState(
  bounds: ArrayLike<number>,
  ruleOf: ArrayLike<number>,
  from: number,
  to: number,
  minuteOfRule: ArrayLike<number>,
  undecided: ArrayLike<number | boolean>,
): 1 | 0 | -1 {
  let state: 0 | -1 = 0;
  for (let p = from; p < to; p++) {
    const r = ruleOf[p]!;
    const m = minuteOfRule[r]!;
    if (m < bounds[2 * p]! || m >= bounds[2 * p + 1]!) continue;
    if (!undecided[r]) return 1;
    state = -1;
  }
  return state;
}

/** The state of compiled hours at `now`. */
export function hoursStateAt(hours: WeeklyHours | null, now: Date): OpenState {
  if (!hours) return 'unknown';
  const clock = clockReader(now);
  const minuteOfRule = hours.rules.map((r) => ruleMinute(r, clock));
  const state = pairsState(hours.intervals, hours.ruleOf, 0, hours.ruleOf.length, minuteOfRule, hours.rules.map((r) => r.undecided));
  return state === 1 ? 'open' : state === 0 ? 'closed' : 'unknown';
}

export function openStateAt(schedules: readonly ScheduleRule[], now: Date): OpenState {
  return hoursStateAt(weeklyHours(schedules), now);
}

/** Every day, around the clock, with no end date: what a "24/7" facet means. */
export function isOpenAroundTheClock(schedules: readonly ScheduleRule[]): boolean {
  return weeklyHours(schedules)?.always ?? false;
}
