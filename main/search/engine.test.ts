import { afterAll, describe, expect, it } from 'vitest';
import type { SearchPreparing, SearchQuery, SearchResponse } from '../../shared/domain';
import { seededRandom, syntheticService, type ServiceSpec } from '../../scripts/gen-synthetic-data';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import { flattenHsdsJson } from '../hsds/read/flatten-json';
import { installDataset } from '../hsds/install/install-dataset';
import { tempDb } from '../test-support/temp-db';
import { pointsOfItems } from '../../shared/map/map-points';

const FRESNO = { name: 'Fresno', lat: 36.7477, lon: -119.7724 };
const MODESTO = { name: 'Modesto', lat: 37.6391, lon: -120.9969 };
const LA = { name: 'Los Angeles', lat: 34.0522, lon: -118.2437 };
const base: ServiceSpec = { languages: ['en'], excludes: [], hours: 'none', site: 'physical', city: FRESNO, description: 'Survivor services.' };
const specs: (ServiceSpec & { id: string })[] = [
  { ...base, id: 'serves-minors', name: 'Alder Youth Shelter', organization: 'Alder', categories: ['cat-emergency-shelter'], serves: ['pop-minors'], hours: 'always' },
  { ...base, id: 'excludes-minors', name: 'Birch Adult Shelter', organization: 'Birch', categories: ['cat-emergency-shelter'], serves: ['pop-adults'], excludes: ['pop-minors'], hours: 'weekdays' },
  { ...base, id: 'minors-not-stated', name: 'Cedar Shelter', organization: 'Cedar', categories: ['cat-emergency-shelter'], serves: [] },
  { ...base, id: 'in-la', name: 'Dogwood Legal Aid', organization: 'Dogwood', categories: ['cat-legal-aid'], serves: [], city: LA, languages: ['es'] },
  { ...base, id: 'hotline', name: 'Elm Hotline', organization: 'Elm', categories: ['cat-hotline'], serves: [], site: 'virtual', hours: 'always' },
  { ...base, id: 'safe-house', name: 'Fir Safe House', organization: 'Fir', categories: ['cat-emergency-shelter'], serves: ['pop-women'], site: 'confidential', city: MODESTO },
];
const install = (db: ReturnType<typeof tempDb>['db'], list: typeof specs, version: string) => {
  const rng = seededRandom(1);
  installDataset(db, flattenHsdsJson(list.map((s, n) => syntheticService(n, rng, s))).tables, { datasetId: 'engine-test', version, source: 'test' });
};

const t = tempDb();
afterAll(() => t.cleanup());
install(t.db, specs, '1');
const handlers = createHandlers(t.db, t.path);
const search = (q: Partial<SearchQuery>) => handlers.search({ text: '', ...q }) as SearchResponse;
const ids = (r: { results: { id: string }[] }) => r.results.map((c) => c.id).sort();
/** The service of each map point of an answer's set, resolved as the map resolves them. */
const mappedIds = async (r: SearchResponse) => {
  const items = (await handlers.mapItems({ set: r.map.set }))!;
  const points = pointsOfItems((await handlers.mapTable({ index: items.index }))!, items);
  const names = new Map((await handlers.mapServices({ index: points.index, refs: [...points.service] })).map((s) => [s.ref, s.serviceId]));
  return [...points.service].map((ref) => names.get(ref)!);
};

describe('search engine', () => {
  it('keeps services that have not said whom they serve, marked, and drops those that said no', () => {
    const r = search({ populations: ['pop-minors'] });
    expect(ids(r)).not.toContain('excludes-minors');
    expect(r.results.find((c) => c.id === 'serves-minors')!.populations).toContainEqual({ id: 'pop-minors', state: 'serves' });
    expect(r.results.find((c) => c.id === 'minors-not-stated')!.populations).toEqual([{ id: 'pop-minors', state: 'not_stated' }]);
    expect(r.facets!.populations.find((p) => p.value === 'pop-minors')).toEqual({ value: 'pop-minors', serves: 1, notStated: 4 });
    expect(r.facets!.populations.find((p) => p.value === 'pop-foster-youth')).toEqual({ value: 'pop-foster-youth', serves: 0, notStated: 6 });
    expect(ids(search({ populations: ['pop-minors'], confirmedOnly: true }))).toEqual(['serves-minors']);
  });

  it('filters by distance, lists phone services and withheld addresses apart, and never maps a safe house', async () => {
    const r = search({ near: { place: 'Fresno' }, radiusKm: 10, sort: 'distance' });
    expect(ids(r)).toEqual(['excludes-minors', 'minors-not-stated', 'serves-minors']);
    expect(r.results.every((c) => c.distanceKm !== null && c.distanceKm < 10)).toBe(true);
    expect(ids(r.virtual)).toEqual(['hotline', 'safe-house']);
    expect(r.virtual.results.every((c) => c.distanceKm === null)).toBe(true);
    expect((await mappedIds(r)).sort()).toEqual(['excludes-minors', 'minors-not-stated', 'serves-minors']);
    expect(r.map).toMatchObject({ points: 3, services: 3 });
    expect(r.reference).toEqual({ lat: 36.7477, lon: -119.7724, label: 'Fresno' });
    expect(await mappedIds(search({}))).not.toContain('safe-house');
  });

  it('counts the facets over the services the headline counts, not the group listed apart', () => {
    const r = search({ near: { place: 'Fresno' }, radiusKm: 10 });
    expect(r.total).toBe(3);
    expect(r.virtual.total).toBe(2);
    expect(r.facets!.categories).toEqual([{ value: 'cat-emergency-shelter', count: 3 }]);
    expect(r.facets!.languages).toEqual([{ value: 'en', count: 3 }]);
    expect(r.facets!.open24x7).toBe(1);
  });

  it('names, for an empty search, the one filter or the wider radius that alone would give results', () => {
    const legal = search({ near: { place: 'Fresno' }, radiusKm: 10, categories: ['cat-legal-aid'] });
    expect(legal.total).toBe(0);
    expect(legal.relaxations).toEqual([{ drop: 'categories', count: 3 }, { radiusKm: null, count: 1 }]);
    const spanishTonight = search({ near: { place: 'Fresno' }, radiusKm: 10, languages: ['es'], openNow: true, hoursConfirmedOnly: true, now: '2026-11-28T23:00:00-08:00' });
    expect(spanishTonight.relaxations).toEqual([{ drop: 'languages', count: 1 }]);
    expect(search({ near: { place: 'Fresno' }, radiusKm: 10 }).relaxations).toEqual([]);
  });

  it('ranks services that confirm serving a population above those that have not said, in either order', () => {
    const order = (q: Partial<SearchQuery>) => search({ populations: ['pop-minors'], ...q }).results.map((c) => c.id).filter((id) => id.includes('minors'));
    expect(order({ text: 'shelter' })).toEqual(['serves-minors', 'minors-not-stated']);
    expect(order({ text: 'cedar shelter' })).toEqual(['serves-minors', 'minors-not-stated']);
    expect(order({ near: { place: 'Fresno' }, sort: 'distance' })).toEqual(['serves-minors', 'minors-not-stated']);
  });

  it('does not find a safe house by the city of its confidential address', () => {
    expect(ids(search({ text: 'modesto' }))).toEqual([]);
  });

  it('counts each facet with the other facets applied, not its own', () => {
    const r = search({ categories: ['cat-hotline'] });
    expect(ids(r)).toEqual(['hotline']);
    expect(r.facets!.categories).toContainEqual({ value: 'cat-emergency-shelter', count: 4 });
    expect(r.facets!.languages).toEqual([{ value: 'en', count: 1 }]);
  });

  it('treats hours not stated as unknown for "open now", not as closed', () => {
    const saturdayNight = { openNow: true, now: '2026-11-28T23:00:00-08:00' };
    const r = search(saturdayNight);
    expect(ids(r)).not.toContain('excludes-minors'); // weekdays 9-5
    expect(r.results.find((c) => c.id === 'serves-minors')!.openNow).toBe('open');
    expect(r.results.find((c) => c.id === 'minors-not-stated')!.openNow).toBe('not_stated');
    expect(ids(search({ ...saturdayNight, hoursConfirmedOnly: true }))).toEqual(['hotline', 'serves-minors']);
    expect(ids(search({ open24x7: true, hoursConfirmedOnly: true }))).toEqual(['hotline', 'serves-minors']);
    // Confirmed hours and confirmed populations are two choices: one does not hide what the other keeps.
    expect(ids(search({ ...saturdayNight, confirmedOnly: true }))).toContain('minors-not-stated');
  });

  it('says open or closed for the minute asked about, one search after another', () => {
    const state = (now: string) => search({ text: 'birch', now }).results.find((c) => c.id === 'excludes-minors')!.openNow;
    expect(state('2026-11-25T16:59:59-08:00')).toBe('open'); // a Wednesday, weekdays 9-5
    expect(state('2026-11-25T17:00:00-08:00')).toBe('closed');
    expect(state('2026-11-25T16:59:00-08:00')).toBe('open');
    expect(state('2026-11-25T08:59:30-08:00')).toBe('closed');
  });

  it('answers an unknown ZIP or place with an error naming it, not an empty list', async () => {
    expect(await dispatch(handlers, 'search', { text: '', near: { zip: '00000' } })).toEqual({ ok: false, error: 'ZIP code 00000 is not in the offline ZIP table.' });
    expect(await dispatch(handlers, 'search', { text: '', near: { place: 'Atlantis' } })).toMatchObject({ ok: false, error: expect.stringContaining('"Atlantis"') });
    expect(await dispatch(handlers, 'search', { text: '', radiusKm: 5 })).toMatchObject({ ok: false, error: expect.stringContaining('needs a ZIP code or place') });
  });

  it('finds what a newly installed dataset holds, and no longer what the old one held', () => {
    expect(ids(search({ text: 'alder' }))).toEqual(['serves-minors']);
    install(t.db, [{ ...base, id: 'new-one', name: 'Ginkgo Legal Clinic', organization: 'Ginkgo', categories: ['cat-legal-aid'], serves: [] }], '2');
    expect(ids(search({ text: 'ginkgo' }))).toEqual(['new-one']);
    expect(ids(search({ text: 'alder' }))).toEqual([]);
  });

  it('ranks by the words with a place and words, the nearer first among equal matches', () => {
    const other = tempDb();
    const twin = { ...base, name: 'Juniper Legal Aid', categories: ['cat-legal-aid'], serves: [] };
    install(other.db, [{ ...twin, id: 'juniper-fresno', organization: 'Juniper' }, { ...twin, id: 'juniper-modesto', organization: 'Juniper', city: MODESTO }, { ...base, id: 'kapok', name: 'Kapok Counseling', organization: 'Kapok', categories: ['cat-counseling'], serves: [], description: 'Counseling; no legal help.' }], '1');
    const near = (place: string) => (createHandlers(other.db, other.path).search({ text: 'juniper legal', near: { place } }) as SearchResponse).results.map((c) => c.id);
    // Kapok, in Fresno itself, matches one word of two: after both, however near.
    expect(near('Fresno')).toEqual(['juniper-fresno', 'juniper-modesto', 'kapok']);
    expect(near('Modesto')).toEqual(['juniper-modesto', 'juniper-fresno', 'kapok']);
    other.cleanup();
  });

  it('rebuilds a stored index it cannot read in the background, answering how far it has got meanwhile, rather than failing every search', async () => {
    t.db.prepare("UPDATE search_blob SET data = x'ff' WHERE name = 'postings'").run();
    const afterDamage = createHandlers(t.db, t.path);
    let answer = afterDamage.search({ text: 'ginkgo' }) as SearchResponse | SearchPreparing;
    expect('preparing' in answer).toBe(true);
    while ('preparing' in answer) {
      await new Promise((resolve) => setImmediate(resolve));
      answer = afterDamage.search({ text: 'ginkgo' }) as SearchResponse | SearchPreparing;
    }
    expect(ids(answer)).toEqual(['new-one']);
    expect((t.db.prepare("SELECT length(data) FROM search_blob WHERE name = 'postings'").pluck().get() as number) > 1).toBe(true);
  });
});
