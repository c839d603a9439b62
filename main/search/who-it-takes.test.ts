import { afterAll, describe, expect, it } from 'vitest';
import type { AreaOutline, SearchQuery, SearchResponse } from '../../shared/domain';
import { seededRandom, syntheticService, type Json, type ServiceSpec } from '../../scripts/gen-synthetic-data';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import { flattenHsdsJson } from '../hsds/read/flatten-json';
import { installDataset } from '../hsds/install/install-dataset';
import { tempDb } from '../test-support/temp-db';

// A desk in Clovis (Fresno County). Madera is some 35 km away, in Madera County.
const FRESNO = { name: 'Fresno', lat: 36.7477, lon: -119.7724, county: 'Fresno' };
const MADERA = { name: 'Madera', lat: 36.9613, lon: -120.0607, county: 'Madera' };
const LA = { name: 'Los Angeles', lat: 34.0522, lon: -118.2437, county: 'Los Angeles' };
const CLOVIS_SQUARE = { squareDegrees: 0.2 };
const legal: ServiceSpec = { categories: ['cat-legal-aid'], languages: ['en'], serves: [], excludes: [], hours: 'none', site: 'physical', city: FRESNO, description: 'Legal help.' };

/** Each planted service, and what it says beyond the generator's fields. */
const planted: [ServiceSpec & { id: string }, Json?][] = [
  [{ ...legal, id: 'fresno-county', name: 'Aspen Legal Aid', areas: ['Fresno County'] }, { fees_description: 'Free of charge' }],
  [{ ...legal, id: 'fresno-youth', name: 'Birch Youth Law', areas: ['County of Fresno'], ages: { min: 12, max: 17 } }, { required_documents: [{ id: 'doc-none', document: 'None' }] }],
  [{ ...legal, id: 'fresno-adults', name: 'Cedar Adult Law', areas: ['Fresno County, CA'], ages: { min: 18, max: null } }],
  [{ ...legal, id: 'statewide-line', name: 'Dogwood Statewide Legal Line', site: 'virtual', areas: ['California'] }, { fees_description: 'Sin costo' }],
  [{ ...legal, id: 'national-line', name: 'Elm National Legal Line', site: 'virtual', areas: ['United States'], ages: { min: 0, max: null } }],
  [{ ...legal, id: 'la-only', name: 'Fir Legal Office', city: MADERA, areas: ['Los Angeles County'] }, { fees_description: '$40 per visit' }],
  [{ ...legal, id: 'la-far', name: 'Ginkgo LA Legal', city: LA, areas: ['Los Angeles County'] }],
  [{ ...legal, id: 'no-area', name: 'Hazel Legal Clinic', areas: [] }],
  [{ ...legal, id: 'unknown-area', name: 'Ivy Legal Clinic', areas: ['Atlantis'] }],
  [{ ...legal, id: 'polygon', name: 'Juniper Legal Van', city: { name: 'Clovis', lat: 36.8252, lon: -119.7029 }, areas: [CLOVIS_SQUARE] }],
  [{ ...legal, id: 'shelter', name: 'Kapok Shelter', categories: ['cat-emergency-shelter'], areas: ['Fresno County'], ages: { min: 18, max: 24 } }],
];

const t = tempDb();
afterAll(() => t.cleanup());
const rng = seededRandom(5);
const records = planted.map(([spec, extra], n) => {
  const record: Json = { ...syntheticService(n, rng, spec), fees_description: null, cost_options: [], required_documents: [], ...extra };
  const site = (record.service_at_locations as { location: Json }[])[0]!.location;
  site.accessibility = spec.id === 'fresno-county' ? [{ id: 'acc-1', description: 'Wheelchair accessible entrance' }] : [];
  return record;
});
installDataset(t.db, flattenHsdsJson(records).tables, { datasetId: 'who-it-takes', version: '1', source: 'test' });
const handlers = createHandlers(t.db, t.path);
const search = (q: Partial<SearchQuery>) => handlers.search({ text: '', limit: 50, ...q }) as SearchResponse;
const all = (r: SearchResponse) => [...r.results, ...r.virtual.results];
const ids = (r: SearchResponse) => all(r).map((c) => c.id).sort();
const card = (r: SearchResponse, id: string) => all(r).find((c) => c.id === id)!;

describe('who a service takes: its area, ages and eligibility', () => {
  it('shows a desk in Clovis asking legal aid for a 15-year-old the Fresno County services and the statewide lines, not an office nearby that serves only Los Angeles County', () => {
    const r = search({ text: 'legal aid', serves: { zip: '93612' }, age: 15, categories: ['cat-legal-aid'] });
    expect(ids(r)).toEqual(['fresno-county', 'fresno-youth', 'national-line', 'no-area', 'polygon', 'statewide-line', 'unknown-area']);
    expect(r.serves?.label).toBe('93612 Clovis, CA');
    expect(card(r, 'fresno-youth')).toMatchObject({ serviceArea: ['County of Fresno'], ages: { min: 12, max: 17 }, areaCovers: 'yes' });
    expect(card(r, 'statewide-line').areaCovers).toBe('yes');
    expect(card(r, 'no-area')).toMatchObject({ serviceArea: [], areaCovers: 'not_stated', ages: { min: null, max: null } });
    expect(card(r, 'unknown-area')).toMatchObject({ serviceArea: ['Atlantis'], areaCovers: 'not_stated' });
  });

  it('keeps only the services that state they cover the place and the age with "confirmed only"', () => {
    const r = search({ serves: { place: 'Clovis' }, age: 15, confirmedOnly: true, categories: ['cat-legal-aid'] });
    expect(ids(r)).toEqual(['fresno-youth', 'national-line']);
  });

  it('combines the area with distance: nearest first, the office 35 km away that serves only Los Angeles County gone', () => {
    const near = search({ near: { zip: '93612' }, sort: 'distance', categories: ['cat-legal-aid'] });
    expect(near.results.map((c) => c.id)).toContain('la-only');
    const r = search({ near: { zip: '93612' }, sort: 'distance', serves: { zip: '93612' }, categories: ['cat-legal-aid'] });
    expect(r.results[0]!.id).toBe('polygon');
    expect(r.results.map((c) => c.id)).not.toContain('la-only');
    expect(r.virtual.results.map((c) => c.id).sort()).toEqual(['national-line', 'statewide-line']);
  });

  it('serves Los Angeles from Los Angeles County services, wherever their office', () => {
    const r = search({ serves: { zip: '90012' }, confirmedOnly: true });
    expect(ids(r)).toEqual(['la-far', 'la-only', 'national-line', 'statewide-line']);
  });

  it('drops services whose stated ages leave the age out and keeps those stating none', () => {
    expect(ids(search({ age: 30 }))).not.toContain('fresno-youth');
    expect(ids(search({ age: 30 }))).toContain('fresno-adults');
    expect(ids(search({ age: 17 }))).toContain('fresno-youth');
    expect(ids(search({ age: 17 }))).not.toContain('fresno-adults');
    expect(ids(search({ age: 25, confirmedOnly: true }))).toEqual(['fresno-adults', 'national-line']);
  });

  it('filters free of charge, no ID needed and wheelchair access three-state, and counts them', () => {
    const free = search({ free: true });
    expect(ids(free)).not.toContain('la-only');
    expect(card(free, 'fresno-county').free).toBe('yes');
    expect(card(free, 'statewide-line').free).toBe('yes');
    expect(card(free, 'no-area').free).toBe('not_stated');
    expect(ids(search({ free: true, confirmedOnly: true }))).toEqual(['fresno-county', 'statewide-line']);
    expect(ids(search({ noIdNeeded: true, confirmedOnly: true }))).toEqual(['fresno-youth']);
    expect(ids(search({ wheelchair: true, confirmedOnly: true }))).toEqual(['fresno-county']);
    const facets = search({ serves: { zip: '93612' } }).facets;
    expect(facets.free).toEqual({ yes: 2, notStated: 7 });
    expect(facets.wheelchair).toEqual({ yes: 1, notStated: 8 });
  });

  it('refuses a place it does not know, naming it, as --near does', async () => {
    const r = await dispatch(handlers, 'search', { text: '', serves: { place: 'Atlantis' } });
    expect(r).toEqual({ ok: false, error: '"Atlantis" is not a ZIP code or a California place in the offline gazetteer.' });
  });

  it('outlines a county area or a polygon on the map, and nothing for a state or no area', () => {
    const outline = (id: string) => handlers.serviceAreaOutline({ id }) as AreaOutline | null;
    expect(outline('fresno-county')?.polygons.length).toBeGreaterThan(0);
    const square = outline('polygon')!.polygons;
    expect(square).toHaveLength(1);
    expect(square[0]![0]).toHaveLength(5);
    expect(outline('statewide-line')).toBeNull();
    expect(outline('no-area')).toBeNull();
    expect(outline('nope')).toBeNull();
  });

  it('shows the area names in the service detail', () => {
    expect(handlers.serviceDetail({ id: 'fresno-youth' })).toMatchObject({ serviceAreas: ['County of Fresno'], minimumAge: 12, maximumAge: 17 });
  });
});
