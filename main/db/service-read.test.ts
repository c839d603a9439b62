import { afterEach, describe, expect, it } from 'vitest';
import { flattenHsdsJson } from '../hsds/read/flatten-json';
import { installDataset } from '../hsds/install/install-dataset';
import { tempDb } from '../test-support/temp-db';
import { createServiceReader } from './service-read';

const safeHouse = {
  id: 'svc-safe',
  name: 'Emergency shelter for survivors',
  status: 'active',
  organization: { id: 'org-1', name: 'Shelter Org', phones: [{ id: 'ph-org', number: '(555) 010-0000' }] },
  phones: [{ id: 'ph-1', number: '(555) 010-1234', type: 'voice', languages: [{ id: 'l-ph', code: 'es' }] }],
  languages: [{ id: 'l-1', code: 'es', note: 'call ahead' }],
  service_at_locations: [
    {
      id: 'sal-1',
      location: {
        id: 'loc-secret',
        location_type: 'physical',
        latitude: 34.1,
        longitude: -118.3,
        addresses: [{ id: 'a-1', address_1: '123 Hidden St', city: 'Los Angeles', state_province: 'CA', postal_code: '90001', country: 'US', address_type: 'physical' }],
        attributes: [{ id: 'at-1', link_type: 'location_flag', taxonomy_term: { id: 'loc-confidential', name: 'Confidential', description: 'x' } }],
      },
    },
  ],
  attributes: [
    { id: 'at-2', link_type: 'population_served', value: 'serves', taxonomy_term: { id: 'pop-women', name: 'Women', description: 'x' } },
    { id: 'at-3', link_type: 'population_served', value: 'does not serve', taxonomy_term: { id: 'pop-men', name: 'Men', description: 'x' } },
  ],
};

describe('service reader', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  const load = (doc: unknown) => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    const { tables, problems } = flattenHsdsJson(doc);
    expect(problems).toEqual([]);
    installDataset(t.db, tables, { datasetId: 't', version: '1', source: 'test' });
    return createServiceReader(t.db);
  };

  it('never reveals a confidential location: no street, no city, no coordinates', () => {
    const reader = load(safeHouse);
    const detail = reader.detail('svc-safe')!;
    const text = JSON.stringify(detail);
    expect(text).not.toContain('Hidden St');
    expect(text).not.toContain('34.1');
    expect(text).not.toContain('90001');
    expect(detail.locations).toEqual([expect.objectContaining({ confidential: true, address: null, city: null, latitude: null, longitude: null })]);
    expect(JSON.stringify(reader.card('svc-safe'))).not.toContain('Los Angeles');
  });

  it('shows the intake phone and its languages, populations in both states', () => {
    const detail = load(safeHouse).detail('svc-safe')!;
    expect(detail.phones).toEqual([{ number: '(555) 010-1234', extension: null, type: 'voice', description: null, languages: ['es'] }]);
    expect(detail.languages).toEqual(['es']);
    expect(detail.populations).toEqual([
      { id: 'pop-women', state: 'serves' },
      { id: 'pop-men', state: 'excludes' },
    ]);
  });

  it("falls back to the organization's phone when the service lists none", () => {
    const { phones: _p, attributes: _a, ...noPhones } = safeHouse;
    expect(load(noPhones).card('svc-safe')!.phones.map((p) => p.number)).toEqual(['(555) 010-0000']);
  });

  it('shows a public address with its city', () => {
    const publicSite = structuredClone(safeHouse);
    publicSite.service_at_locations[0]!.location.attributes = [];
    const detail = load(publicSite).detail('svc-safe')!;
    expect(detail.locations[0]).toMatchObject({ confidential: false, address: '123 Hidden St, Los Angeles, CA 90001', latitude: 34.1 });
    expect(detail.city).toBe('Los Angeles');
  });

  it('gives no map point for a confidential location, and one for a public site', () => {
    expect(load(safeHouse).points(['svc-safe'])).toEqual([]);
    const publicSite = structuredClone(safeHouse);
    publicSite.service_at_locations[0]!.location.attributes = [];
    expect(load(publicSite).points(['svc-safe'])).toEqual([{ serviceId: 'svc-safe', locationId: 'loc-secret', lat: 34.1, lon: -118.3, approximate: false }]);
  });

  it('carries language notes, bed counts with their update time, and schedule rules for open-now', () => {
    const withBeds = {
      ...safeHouse,
      capacities: [{ id: 'cap-1', available: 3, maximum: 12, updated: '2026-11-22T18:30:00Z', unit: { id: 'u-beds', name: 'beds' } }],
      schedules: [{ id: 'sch-1', freq: 'WEEKLY', byday: 'MO,TU', opens_at: '09:00', closes_at: '17:00', timezone: -8, valid_to: '2027-01-31' }],
    };
    const detail = load(withBeds).detail('svc-safe')!;
    expect(detail.languageNotes).toEqual([{ code: 'es', note: 'call ahead' }]);
    expect(detail.capacity).toEqual([{ unit: 'beds', available: 3, maximum: 12, description: null, updated: '2026-11-22T18:30:00Z' }]);
    expect(detail.schedules[0]).toMatchObject({ freq: 'WEEKLY', byday: 'MO,TU', timezone: -8, validFrom: null, validTo: '2027-01-31' });
  });

  it('answers null for an unknown id', () => {
    expect(load(safeHouse).detail('nope')).toBeNull();
  });

  it('reads a page of cards at once exactly as one by one, in the order asked', () => {
    const { phones: _p, attributes: _a, ...noPhones } = safeHouse;
    const clinic = {
      id: 'loc-clinic',
      location_type: 'physical',
      addresses: [{ id: 'a-2', address_1: '1 Main St', city: 'Fresno', state_province: 'CA', postal_code: '93721', country: 'US', address_type: 'physical' }],
      languages: [{ id: 'l-site', code: 'vi' }],
      phones: [{ id: 'ph-site', number: '(555) 010-7777' }],
    };
    const doc = [
      safeHouse,
      { ...noPhones, id: 'svc-bare', name: 'Bare line', languages: [], service_at_locations: [] },
      { ...noPhones, id: 'svc-site', name: 'Clinic', languages: [{ id: 'l-own', code: 'en' }], service_at_locations: [{ id: 'sal-2', location: clinic }] },
    ];
    const t = tempDb();
    cleanups.push(t.cleanup);
    const { tables, problems } = flattenHsdsJson(doc);
    expect(problems).toEqual([]);
    installDataset(t.db, tables, { datasetId: 't', version: '1', source: 'test' });
    const reader = createServiceReader(t.db);
    const ids = ['svc-site', 'nope', 'svc-bare', 'svc-safe'];
    const page = reader.cards(ids);
    expect(page).toEqual(ids.map((id) => reader.card(id)));
    expect(page[1]).toBeNull();
    // The bare service has its organization's phone; the one at a site has the site's phone and languages after its own.
    expect(page[2]!.phones.map((p) => p.number)).toEqual(['(555) 010-0000']);
    expect(page[0]).toMatchObject({ phones: [expect.objectContaining({ number: '(555) 010-7777' })], languages: ['en', 'vi'], city: 'Fresno' });
    expect(page[3]).toMatchObject({ phones: [expect.objectContaining({ number: '(555) 010-1234', languages: ['es'] })], city: null });
    expect(reader.cards([])).toEqual([]);
  });
});
