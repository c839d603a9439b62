import { afterAll, describe, expect, it } from 'vitest';
import type { AreaOutline, SearchQuery, SearchResponse } from '../../shared/domain';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import { flattenHsdsJson } from '../hsds/read/flatten-json';
import { installDataset } from '../hsds/install/install-dataset';
import { clovisDirectory } from '../test-support/clovis-directory';
import { tempDb } from '../test-support/temp-db';

const t = tempDb();
afterAll(() => t.cleanup());
installDataset(t.db, flattenHsdsJson(clovisDirectory()).tables, { datasetId: 'who-it-takes', version: '1', source: 'test' });
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
    const facets = search({ serves: { zip: '93612' } }).facets!;
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
