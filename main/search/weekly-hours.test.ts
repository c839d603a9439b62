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

  it('uses a schedule timezone when one is given (a line staffed on Eastern time)', () => {
    const eastern = weeklyHours([{ ...weekdays, timezone: -5 }])!;
    expect(isOpenAt(eastern, at('2026-11-25T06:30:00-08:00'))).toBe(true); // 09:30 Eastern
    expect(isOpenAt(eastern, at('2026-11-25T15:30:00-08:00'))).toBe(false); // 18:30 Eastern
  });
});
