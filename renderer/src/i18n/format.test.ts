import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { ScheduleView } from '../../../shared/domain';
import { resources } from './index';
import { agesText } from './format';
import { dayListText, hoursText, scheduleText } from './hours-text';

const t = i18next.createInstance();
void t.init({ resources, lng: 'en', fallbackLng: false, interpolation: { escapeValue: false } });
const es = t.cloneInstance({ lng: 'es' });

const schedule = (over: Partial<ScheduleView>): ScheduleView => ({
  byday: null, opensAt: null, closesAt: null, description: null, timezone: null, freq: 'WEEKLY', validFrom: null, validTo: null, ...over,
});

describe('hours as text', () => {
  it('folds runs of three or more days into a range, in the reader language', () => {
    expect(dayListText('MO,TU,WE,TH,FR', 'en')).toBe('Mon–Fri');
    expect(dayListText('SU,MO,WE', 'en')).toBe('Mon, Wed, Sun');
    expect(dayListText('MO,TU,WE,TH,FR,SA', 'es')).toBe('lun–sáb');
  });

  it('writes days and times in the reader language, never the dataset description, and "24 hours" for round-the-clock rules', () => {
    expect(scheduleText(schedule({ description: 'By appointment' }), t.t, 'en')).toBeNull();
    expect(scheduleText(schedule({ byday: 'MO,TU,WE,TH,FR', opensAt: '09:00', closesAt: '17:00', description: 'Weekdays 9 to 5' }), es.t, 'es')).toBe('lun–vie 09:00–17:00');
    expect(scheduleText(schedule({ byday: 'MO,TU,WE,TH,FR,SA,SU', opensAt: '00:00', closesAt: '23:59' }), es.t, 'es')).toBe('Abierto las 24 horas, todos los días');
    expect(scheduleText(schedule({ byday: 'MO,WE', opensAt: '10:00:00', closesAt: '14:00:00', timezone: -8 }), t.t, 'en')).toBe('Mon, Wed 10:00–14:00 UTC−8');
  });

  it('keeps the provider\'s own words apart from the lines it writes', () => {
    const rows = [
      schedule({ byday: 'MO,TU,WE,TH,FR,SA,SU', opensAt: '00:00', closesAt: '23:59', description: 'Open 24 hours, 7 days a week' }),
      schedule({ description: 'Closed on holidays' }),
    ];
    expect(hoursText(rows, es.t, 'es')).toEqual({ lines: ['Abierto las 24 horas, todos los días'], providerWords: ['Open 24 hours, 7 days a week', 'Closed on holidays'] });
    expect(hoursText([schedule({ description: 'By appointment' })], t.t, 'en')).toEqual({ lines: [], providerWords: ['By appointment'] });
  });

    it('states an age range, a minimum or a maximum, and nothing when neither is known', () => {
    expect(agesText(18, 24, t.t)).toBe('18 to 24');
    expect(agesText(null, 17, es.t)).toBe('Hasta 17');
    expect(agesText(null, null, t.t)).toBeNull();
  });
});
