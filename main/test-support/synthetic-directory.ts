import { createHash } from 'node:crypto';
import { emptyTables, type TableRows } from '../db/hsds-tables';

/** UUID-shaped, stable per (kind, n), so two generations of the same size are identical. */
const uuid = (kind: string, n: number) => {
  const h = createHash('sha1').update(`synthetic:${kind}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const LANGS = ['en', 'es', 'zh', 'vi', 'tl', 'ko'];

/**
 * A synthetic directory for tests and benchmarks: every record says SYNTHETIC in its name, nothing in it
 * describes a real organization, and it is never installed by default. One organization per ten
 * services; each service has a location with an address, a phone, weekday hours and a language.
 */
export function syntheticDirectory(services: number): TableRows {
  const t = emptyTables();
  for (let i = 0; i < services; i++) {
    const orgN = Math.floor(i / 10);
    const org = uuid('org', orgN);
    if (i % 10 === 0) t.organization.push({ id: org, name: `SYNTHETIC Organization ${orgN}`, description: 'Synthetic test record; not a real organization.' });
    const svc = uuid('svc', i);
    const loc = uuid('loc', i);
    t.service.push({
      id: svc,
      organization_id: org,
      name: `SYNTHETIC Service ${i}`,
      description: `Synthetic test record ${i}, with "quotes", commas, and a line\nbreak.`,
      status: 'active',
      minimum_age: i % 3 === 0 ? 18 : null,
      assured_date: '2026-11-01',
    });
    t.location.push({ id: loc, location_type: 'physical', organization_id: org, name: `SYNTHETIC Site ${i}`, latitude: 32.6 + (i % 1000) / 250, longitude: -124 + (i % 997) / 100 });
    t.service_at_location.push({ id: uuid('sal', i), service_id: svc, location_id: loc });
    t.address.push({ id: uuid('adr', i), location_id: loc, address_1: `${100 + (i % 900)} Example St`, city: 'Synthetic City', state_province: 'CA', postal_code: String(90000 + (i % 6000)), country: 'US', address_type: 'physical' });
    t.phone.push({ id: uuid('phn', i), service_id: svc, number: `555-${String(i % 10000).padStart(4, '0')}`, type: 'voice' });
    t.schedule.push({ id: uuid('sch', i), service_id: svc, freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' });
    t.language.push({ id: uuid('lng', i), service_id: svc, code: LANGS[i % LANGS.length], name: null });
  }
  return t;
}
