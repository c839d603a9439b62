import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { ScheduleView } from '../../../shared/domain';
import { resources } from './index';
import { agesText, dayListText, scheduleText } from './format';

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

  it('prefers the dataset description, and says "24 hours" for round-the-clock rules', () => {
    expect(scheduleText(schedule({ description: 'By appointment' }), t.t, 'en')).toBe('By appointment');
    expect(scheduleText(schedule({ byday: 'MO,TU,WE,TH,FR,SA,SU', opensAt: '00:00', closesAt: '23:59' }), es.t, 'es')).toBe('Abierto las 24 horas, todos los días');
    expect(scheduleText(schedule({ byday: 'MO,WE', opensAt: '10:00:00', closesAt: '14:00:00', timezone: -8 }), t.t, 'en')).toBe('Mon, Wed 10:00–14:00 UTC−8');
  });

  it('states an age range, a minimum or a maximum, and nothing when neither is known', () => {
    expect(agesText(18, 24, t.t)).toBe('18 to 24');
    expect(agesText(null, 17, es.t)).toBe('Hasta 17');
    expect(agesText(null, null, t.t)).toBeNull();
  });
});
