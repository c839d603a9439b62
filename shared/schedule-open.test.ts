import { describe, expect, it } from 'vitest';
import type { ScheduleView } from './domain';
import { isOpenAroundTheClock, openStateAt } from './schedule-open';

const weekly = (byday: string, opensAt: string, closesAt: string, extra: Partial<ScheduleView> = {}): ScheduleView => ({
  byday,
  opensAt,
  closesAt,
  description: null,
  timezone: -8,
  freq: 'WEEKLY',
  validFrom: null,
  validTo: null,
  ...extra,
});

// Times are UTC; the schedules below say UTC-8 (Pacific standard time).
const at = (iso: string) => new Date(iso);

describe('openStateAt', () => {
  const weekdays = [weekly('MO,TU,WE,TH,FR', '09:00', '17:00')];

  it('is open on a weekday afternoon and closed that evening, in the schedule own time zone', () => {
    expect(openStateAt(weekdays, at('2026-11-23T18:00:00Z'))).toBe('open'); // Monday 10:00 Pacific
    expect(openStateAt(weekdays, at('2026-11-24T02:00:00Z'))).toBe('closed'); // Monday 18:00 Pacific
    expect(openStateAt(weekdays, at('2026-11-24T01:00:00Z'))).toBe('closed'); // 17:00 is closing time
  });

  it('is closed at the weekend', () => {
    expect(openStateAt(weekdays, at('2026-11-28T18:00:00Z'))).toBe('closed'); // Saturday 10:00 Pacific
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
  });

  it('carries an overnight shift past midnight into the next day', () => {
    const nights = [weekly('FR', '20:00', '06:00')];
    expect(openStateAt(nights, at('2026-11-28T05:00:00Z'))).toBe('open'); // Friday 21:00
    expect(openStateAt(nights, at('2026-11-28T12:00:00Z'))).toBe('open'); // Saturday 04:00
    expect(openStateAt(nights, at('2026-11-28T15:00:00Z'))).toBe('closed'); // Saturday 07:00
    expect(openStateAt(nights, at('2026-11-27T12:00:00Z'))).toBe('closed'); // Thursday night
  });

  it('answers unknown when hours are missing, free text only, or a monthly rule', () => {
    expect(openStateAt([], at('2026-11-23T18:00:00Z'))).toBe('unknown');
    expect(openStateAt([{ ...weekly('', '', ''), byday: null, opensAt: null, closesAt: null, description: 'Call for hours' }], at('2026-11-23T18:00:00Z'))).toBe('unknown');
    expect(openStateAt([weekly('1MO', '09:00', '17:00', { freq: 'MONTHLY' })], at('2026-11-23T18:00:00Z'))).toBe('unknown');
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
  });
});
