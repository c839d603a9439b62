import { afterAll, describe, expect, it } from 'vitest';
import type { SearchQuery, SearchResponse, ServiceDetail } from '../../shared/domain';
import { isOpenAroundTheClock, openStateAt, type OpenState } from '../../shared/schedule-open';
import { seededRandom, syntheticService } from '../../scripts/gen-synthetic-data';
import { createHandlers } from '../handlers';
import { flattenHsdsJson } from '../hsds/read/flatten-json';
import { installDataset } from '../hsds/install/install-dataset';
import { tempDb } from '../test-support/temp-db';

/**
 * One answer to "is it open now" wherever a desk sees it: the search's open-now filter and 24/7 filter,
 * the result card's mark, and the detail pane and referral sheet (openStateAt on the detail's schedules).
 */
type Row = Record<string, unknown>;
const days = 'MO,TU,WE,TH,FR';
const shapes: Record<string, Row[]> = {
  'desk-time': [{ freq: 'WEEKLY', byday: days, opens_at: '09:00', closes_at: '17:00' }],
  // The same hours again, and the same hours with more after them: the index compiles each list of hours once.
  'desk-time-again': [{ freq: 'WEEKLY', byday: days, opens_at: '09:00', closes_at: '17:00' }],
  'desk-time-and-saturday-night': [
    { freq: 'WEEKLY', byday: days, opens_at: '09:00', closes_at: '17:00' },
    { freq: 'WEEKLY', byday: 'SA', opens_at: '00:00', closes_at: '06:00' },
  ],
  'fixed-pacific': [{ freq: 'WEEKLY', byday: days, opens_at: '09:00', closes_at: '17:00', timezone: -8 }],
  eastern: [{ freq: 'WEEKLY', byday: days, opens_at: '09:00', closes_at: '17:00', timezone: -5 }],
  'around-the-clock': [{ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR,SA,SU', opens_at: '00:00', closes_at: '23:59' }],
  daily: [{ freq: 'DAILY', opens_at: '08:00', closes_at: '20:00' }],
  'first-monday': [{ freq: 'MONTHLY', byday: '1MO', opens_at: '09:00', closes_at: '12:00' }],
  'ordinal-weekly': [{ freq: 'WEEKLY', byday: '1MO', opens_at: '09:00', closes_at: '12:00' }],
  monthly: [{ freq: 'MONTHLY', bymonthday: '15', opens_at: '09:00', closes_at: '12:00' }],
  'weekly-and-monthly': [
    { freq: 'WEEKLY', byday: days, opens_at: '09:00', closes_at: '17:00' },
    { freq: 'MONTHLY', byday: '1SA', opens_at: '10:00', closes_at: '14:00' },
  ],
  winter: [{ freq: 'WEEKLY', byday: days, opens_at: '09:00', closes_at: '17:00', valid_from: '2026-12-01', valid_to: '2027-02-28' }],
  'friday-nights': [{ freq: 'WEEKLY', byday: 'FR', opens_at: '20:00', closes_at: '06:00' }],
  'no-hours': [{ description: 'Call for hours' }],
};
const moments: Record<string, string> = {
  'wednesday-morning': '2026-11-25T10:30:00-08:00',
  'wednesday-evening': '2026-11-25T18:00:00-08:00',
  'saturday-night': '2026-11-28T03:00:00-08:00',
  'summer-morning': '2026-07-01T09:30:00-07:00',
  'first-monday-of-december': '2026-12-07T10:30:00-08:00',
};
const O = 'open', C = 'closed', U = 'unknown';
// Columns in the order of `moments`.
const expected: Record<string, OpenState[]> = {
  'desk-time': [O, C, C, O, O],
  'desk-time-again': [O, C, C, O, O],
  'desk-time-and-saturday-night': [O, C, O, O, O],
  'fixed-pacific': [O, C, C, C, O], // 08:30 on a fixed UTC-8 in summer
  eastern: [O, C, C, O, O],
  'around-the-clock': [O, O, O, O, O],
  daily: [O, O, C, O, O],
  'first-monday': [U, U, U, U, U],
  'ordinal-weekly': [U, U, U, U, U],
  monthly: [U, U, U, U, U],
  'weekly-and-monthly': [O, U, U, O, O],
  winter: [C, C, C, C, O],
  'friday-nights': [C, C, O, C, C],
  'no-hours': [U, U, U, U, U],
};

const t = tempDb();
afterAll(() => t.cleanup());
const rng = seededRandom(3);
const services = Object.entries(shapes).map(([id, schedules], n) => ({
  ...syntheticService(n, rng, { id, name: `Hours ${id}`, hours: 'none', serves: [], excludes: [] }),
  schedules: schedules.map((s, k) => ({ id: `${id}-sch-${k}`, ...s })),
}));
installDataset(t.db, flattenHsdsJson(services).tables, { datasetId: 'hours-test', version: '1', source: 'test' });
const handlers = createHandlers(t.db, t.path);
const search = (q: Partial<SearchQuery>) => handlers.search({ text: '', limit: 100, ...q }) as SearchResponse;
const everyId = (r: SearchResponse) => [...r.results, ...r.virtual.results].map((c) => c.id).sort();
const detail = (id: string) => handlers.serviceDetail({ id }) as ServiceDetail;

describe('open now, one rule for every use', () => {
  for (const [name, iso] of Object.entries(moments)) {
    it(`gives one answer per schedule shape on ${name}`, () => {
      const column = Object.keys(moments).indexOf(name);
      const now = new Date(iso);
      const cards = search({ now: iso });
      const openOnly = everyId(search({ now: iso, openNow: true, hoursConfirmedOnly: true }));
      const notClosed = everyId(search({ now: iso, openNow: true }));
      for (const id of Object.keys(shapes)) {
        const want = expected[id]![column]!;
        const card = [...cards.results, ...cards.virtual.results].find((c) => c.id === id)!;
        expect({ id, card: card.openNow }).toEqual({ id, card: want === 'unknown' ? 'not_stated' : want });
        expect({ id, filter: openOnly.includes(id) }).toEqual({ id, filter: want === 'open' });
        expect({ id, kept: notClosed.includes(id) }).toEqual({ id, kept: want !== 'closed' });
        expect({ id, detail: openStateAt(detail(id).schedules, now) }).toEqual({ id, detail: want });
      }
    });
  }

  it('calls only the every-day, no-end-date schedule 24/7, in the filter and on the sheet alike', () => {
    expect(everyId(search({ open24x7: true, hoursConfirmedOnly: true }))).toEqual(['around-the-clock']);
    expect(Object.keys(shapes).filter((id) => isOpenAroundTheClock(detail(id).schedules))).toEqual(['around-the-clock']);
  });
});
