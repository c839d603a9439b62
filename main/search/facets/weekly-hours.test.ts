import { describe, expect, it } from 'vitest';
import { isOpenAt, weeklyHours } from './weekly-hours';

const at = (iso: string) => new Date(iso);
const weekdays = { byday: 'MO,TU,WE,TH,FR', opensAt: '09:00', closesAt: '17:00', timezone: null };

describe('weekly hours', () => {
  it('reads "hours not stated" as unknown, never as closed', () => {
    expect(weeklyHours([])).toBeNull();
    expect(weeklyHours([{ byday: 'MO', opensAt: null, closesAt: null, timezone: null }])).toBeNull();
  });

  it('judges weekday hours on California time, daylight saving included', () => {
    const h = weeklyHours([weekdays])!;
    expect(isOpenAt(h, at('2026-11-25T10:30:00-08:00'))).toBe(true); // Wednesday morning
    expect(isOpenAt(h, at('2026-11-25T17:30:00-08:00'))).toBe(false);
    expect(isOpenAt(h, at('2026-11-28T10:30:00-08:00'))).toBe(false); // Saturday
    expect(isOpenAt(h, at('2026-07-01T16:30:00Z'))).toBe(true); // 09:30 PDT
  });

  it('recognises round-the-clock service and overnight hours', () => {
    expect(weeklyHours([{ byday: 'MO,TU,WE,TH,FR,SA,SU', opensAt: '00:00', closesAt: '23:59', timezone: null }])!.always).toBe(true);
    expect(weeklyHours([weekdays])!.always).toBe(false);
    const night = weeklyHours([{ byday: 'SU', opensAt: '22:00', closesAt: '06:00', timezone: null }])!;
    expect(isOpenAt(night, at('2026-11-30T03:00:00-08:00'))).toBe(true); // Monday 3 am, after Sunday night
  });

  it('reads H:MM and HH:MM:SS times, byday with ordinals, and takes any other time as not stated', () => {
    const monday = (opensAt: string, closesAt: string, byday = 'MO') => weeklyHours([{ byday, opensAt, closesAt, timezone: null }])?.intervals ?? null;
    expect(monday('9:00', '17:30:00')).toEqual([540, 1050]);
    expect(monday('09:00', '17:00', ' 1mo , we')).toEqual([540, 1020, 2 * 1440 + 540, 2 * 1440 + 1020]);
    for (const bad of ['9am', '123:00', ':30', '9:5', '25:00', '09:60', 'x9:00']) expect(monday(bad, '17:00'), bad).toBeNull();
  });

  it('merges overlapping and out-of-order schedules into sorted hours', () => {
    const h = weeklyHours([
      { byday: 'WE', opensAt: '13:00', closesAt: '18:00', timezone: null },
      { byday: 'MO,WE', opensAt: '09:00', closesAt: '14:00', timezone: null },
      { byday: 'SU', opensAt: '22:00', closesAt: '02:00', timezone: null },
    ])!;
    expect(h.intervals).toEqual([0, 120, 540, 840, 2 * 1440 + 540, 2 * 1440 + 1080, 6 * 1440 + 1320, 7 * 1440]);
  });

  it('uses a schedule timezone when one is given (a line staffed on Eastern time)', () => {
    const eastern = weeklyHours([{ ...weekdays, timezone: -5 }])!;
    expect(isOpenAt(eastern, at('2026-11-25T06:30:00-08:00'))).toBe(true); // 09:30 Eastern
    expect(isOpenAt(eastern, at('2026-11-25T15:30:00-08:00'))).toBe(false); // 18:30 Eastern
  });
});
