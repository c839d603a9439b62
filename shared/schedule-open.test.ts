import { describe, expect, it } from 'vitest';
import { isOpenAroundTheClock, openStateAt, weeklyHours, WEEK_MINUTES, type ScheduleRule } from './schedule-open';

const weekly = (byday: string | null, opensAt: string | null, closesAt: string | null, extra: Partial<ScheduleRule> = {}): ScheduleRule => ({
  byday,
  opensAt,
  closesAt,
  timezone: -8,
  freq: 'WEEKLY',
  validFrom: null,
  validTo: null,
  ...extra,
});

// Times are UTC unless they say otherwise; most schedules below say UTC-8 (Pacific standard time).
const at = (iso: string) => new Date(iso);

describe('openStateAt', () => {
  const weekdays = [weekly('MO,TU,WE,TH,FR', '09:00', '17:00')];

  it('is open on a weekday afternoon and closed that evening, in the schedule own time zone', () => {
    expect(openStateAt(weekdays, at('2026-11-23T18:00:00Z'))).toBe('open'); // Monday 10:00 Pacific
    expect(openStateAt(weekdays, at('2026-11-24T02:00:00Z'))).toBe('closed'); // Monday 18:00 Pacific
    expect(openStateAt(weekdays, at('2026-11-24T01:00:00Z'))).toBe('closed'); // 17:00 is closing time
    expect(openStateAt(weekdays, at('2026-11-28T18:00:00Z'))).toBe('closed'); // Saturday 10:00 Pacific
  });

  it('reads a schedule without a timezone on California time, daylight saving included', () => {
    const desk = [weekly('MO,TU,WE,TH,FR', '09:00', '17:00', { timezone: null })];
    expect(openStateAt(desk, at('2026-11-25T10:30:00-08:00'))).toBe('open');
    expect(openStateAt(desk, at('2026-11-25T17:30:00-08:00'))).toBe('closed');
    expect(openStateAt(desk, at('2026-07-01T16:30:00Z'))).toBe('open'); // 09:30 PDT
    expect(openStateAt(weekdays, at('2026-07-01T16:30:00Z'))).toBe('closed'); // 08:30 on a fixed UTC-8
  });

  it('reads the Eastern-time complaint line in Eastern time', () => {
    const eastern = [weekly('MO,TU,WE,TH,FR', '09:00', '17:00', { timezone: -5 })];
    expect(openStateAt(eastern, at('2026-11-23T14:30:00Z'))).toBe('open'); // 9:30 Eastern, 6:30 Pacific
    expect(openStateAt(eastern, at('2026-11-23T22:30:00Z'))).toBe('closed'); // 17:30 Eastern
  });

  it('treats 00:00-23:59 every day as open around the clock, including the last minute', () => {
    const always = [weekly('MO,TU,WE,TH,FR,SA,SU', '00:00', '23:59')];
    expect(openStateAt(always, at('2026-11-24T07:59:30Z'))).toBe('open'); // 23:59 Pacific
    expect(openStateAt(always, at('2026-11-29T08:00:00Z'))).toBe('open');
    expect(isOpenAroundTheClock(always)).toBe(true);
    expect(isOpenAroundTheClock(weekdays)).toBe(false);
    expect(isOpenAroundTheClock([weekly(null, '00:00', '24:00', { freq: 'DAILY' })])).toBe(true);
    expect(isOpenAroundTheClock([weekly('MO,TU,WE,TH,FR,SA,SU', '00:00', '23:59', { validTo: '2027-01-31' })])).toBe(false);
  });

  it('carries an overnight shift past midnight into the next day, also on the last of its dates', () => {
    const nights = [weekly('FR', '20:00', '06:00')];
    expect(openStateAt(nights, at('2026-11-28T05:00:00Z'))).toBe('open'); // Friday 21:00
    expect(openStateAt(nights, at('2026-11-28T12:00:00Z'))).toBe('open'); // Saturday 04:00
    expect(openStateAt(nights, at('2026-11-28T15:00:00Z'))).toBe('closed'); // Saturday 07:00
    expect(openStateAt(nights, at('2026-11-27T12:00:00Z'))).toBe('closed'); // Thursday night
    const lastNight = [weekly('FR', '20:00', '06:00', { validTo: '2026-11-27' })];
    expect(openStateAt(lastNight, at('2026-11-28T12:00:00Z'))).toBe('open'); // the Friday shift's morning
    expect(openStateAt(lastNight, at('2026-12-05T12:00:00Z'))).toBe('closed');
    const sunday = weeklyHours([weekly('SU', '22:00', '06:00')])!;
    expect(sunday.intervals).toEqual([0, 360, 6 * 1440 + 1320, WEEK_MINUTES]);
  });

  it('answers unknown, never open, when hours are missing or follow a rule a week cannot hold', () => {
    const monday = at('2026-11-23T18:00:00Z');
    expect(openStateAt([], monday)).toBe('unknown');
    expect(openStateAt([weekly(null, null, null)], monday)).toBe('unknown'); // "call for hours"
    expect(openStateAt([weekly('1MO', '09:00', '17:00', { freq: 'MONTHLY' })], monday)).toBe('unknown');
    expect(openStateAt([weekly('1MO', '09:00', '17:00')], monday)).toBe('unknown');
    expect(openStateAt([weekly(null, '09:00', '17:00', { freq: 'MONTHLY' })], monday)).toBe('unknown');
    expect(openStateAt([weekly(null, '09:00', '17:00')], monday)).toBe('unknown'); // weekly, on no stated day
    for (const bad of ['9am', '123:00', ':30', '9:5', '25:00', '09:60', 'x9:00']) {
      expect(openStateAt([weekly('MO', bad, '17:00')], monday), bad).toBe('unknown');
    }
    expect(openStateAt([weekly('MO', '09:00', '17:00', { validFrom: 'spring' })], monday)).toBe('unknown');
  });

  it('is open when a weekly schedule says so, and unknown rather than closed beside a monthly one', () => {
    const both = [weekly('MO,TU,WE,TH,FR', '09:00', '17:00'), weekly('1SA', '10:00', '14:00', { freq: 'MONTHLY' })];
    expect(openStateAt(both, at('2026-11-23T18:00:00Z'))).toBe('open');
    expect(openStateAt(both, at('2026-11-28T19:00:00Z'))).toBe('unknown'); // a Saturday: it may be the first one
  });

  it('is open when any one of several schedules is open', () => {
    const split = [weekly('MO', '09:00', '12:00'), weekly('MO', '13:00', '17:00')];
    expect(openStateAt(split, at('2026-11-23T21:00:00Z'))).toBe('open'); // 13:00
    expect(openStateAt(split, at('2026-11-23T20:30:00Z'))).toBe('closed'); // 12:30 lunch
  });

  it('does not apply a schedule outside its valid dates', () => {
    const winter = [weekly('MO', '09:00', '17:00', { validFrom: '2026-12-01', validTo: '2027-02-28' })];
    expect(openStateAt(winter, at('2026-11-23T18:00:00Z'))).toBe('closed');
    expect(openStateAt(winter, at('2026-12-07T18:00:00Z'))).toBe('open');
    expect(openStateAt(winter, at('2027-03-01T18:00:00Z'))).toBe('closed');
  });

  it('reads H:MM and HH:MM:SS times and merges overlapping schedules', () => {
    expect(weeklyHours([weekly('MO', '9:00', '17:30:00')])!.intervals).toEqual([540, 1050]);
    const h = weeklyHours([weekly('WE', '13:00', '18:00'), weekly(' mo , we', '09:00', '14:00')])!;
    expect(h.intervals).toEqual([540, 840, 2 * 1440 + 540, 2 * 1440 + 1080]);
  });
});
