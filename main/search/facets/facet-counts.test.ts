import { afterAll, describe, expect, it } from 'vitest';
import type { SearchQuery, SearchResponse } from '../../../shared/domain';
import { generateSynthetic } from '../../../scripts/gen-synthetic-data';
import { dispatch } from '../../dispatch';
import { createHandlers } from '../../handlers';
import { flattenHsdsJson } from '../../hsds/read/flatten-json';
import { installDataset } from '../../hsds/install/install-dataset';
import { tempDb } from '../../test-support/temp-db';

// Over a directory large enough that counts span many 32-item words, every count beside a facet value
// must be what ticking that value gives.
const t = tempDb();
afterAll(() => t.cleanup());
installDataset(t.db, flattenHsdsJson(generateSynthetic(2500)).tables, { datasetId: 'synthetic', version: '1', source: 'test' });
const handlers = createHandlers(t.db, t.path);
const search = async (q: Partial<SearchQuery>): Promise<SearchResponse> => {
  const r = await dispatch(handlers, 'search', { text: '', limit: 1, ...q });
  if (!r.ok) throw new Error(r.error);
  return r.value as SearchResponse;
};
// The headline's count: near a place, the group listed apart is counted on its own and in no facet.
const found = (r: SearchResponse) => r.total;

describe('facet counts at scale', () => {
  const bases: [string, Partial<SearchQuery>][] = [
    ['everything', {}],
    ['a word', { text: 'shelter' }],
    ['a language ticked', { languages: ['es'] }],
    ['a category ticked, near a place', { categories: ['cat-legal-aid'], near: { place: 'Fresno' }, radiusKm: 80 }],
  ];
  for (const [name, base] of bases) {
    it(`are what ticking each value finds: ${name}`, async () => {
      const r = await search(base);
      expect(r.facets!.categories.length).toBeGreaterThan(3);
      expect(r.facets!.languages.length).toBeGreaterThan(1);
      for (const { value, count } of r.facets!.categories) expect([value, found(await search({ ...base, categories: [value] }))]).toEqual([value, count]);
      for (const { value, count } of r.facets!.languages) expect([value, found(await search({ ...base, languages: [value] }))]).toEqual([value, count]);
      for (const { value, serves, notStated } of r.facets!.populations) {
        expect([value, found(await search({ ...base, populations: [value], confirmedOnly: true }))]).toEqual([value, serves]);
        expect([value, found(await search({ ...base, populations: [value] }))]).toEqual([value, serves + notStated]);
      }
    }, 60_000);
  }
});

describe('an answer without facet counts', () => {
  it('leaves only the counts out: the same results, map set and headline as with them', async () => {
    const query = { text: 'shelter', languages: ['es'], near: { place: 'Fresno' }, radiusKm: 80, limit: 20 };
    const counted = await search(query);
    const bare = await search({ ...query, facetCounts: false });
    expect(counted.facets).not.toBeNull();
    expect(bare.facets).toBeNull();
    expect({ ...bare, facets: counted.facets }).toEqual(counted);
  });
});
