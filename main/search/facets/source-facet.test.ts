import { afterAll, describe, expect, it } from 'vitest';
import type { SearchPreparing, SearchQuery, SearchResponse } from '../../../shared/domain';
import { generateSynthetic } from '../../../scripts/gen-synthetic-data';
import { dispatch } from '../../dispatch';
import { createHandlers } from '../../handlers';
import { flattenHsdsJson } from '../../hsds/read/flatten-json';
import { installDataset } from '../../hsds/install/install-dataset';
import { tempDb } from '../../test-support/temp-db';
import { readSearchIndexes } from '../search-store';
import { countSources, sourceColumns, sourceWanted } from './source-facet';

// Two county files with the same original ids (synthetic-service-0 …): the first keeps bare ids, the
// second's are stored as "county-b.json/…" (sources/qualify-ids.ts). Sizes span many 32-item words.
const A = 'county-a.json';
const B = 'county-b.json';
const t = tempDb();
afterAll(() => t.cleanup());
installDataset(t.db, flattenHsdsJson(generateSynthetic(700, 1)).tables, { datasetId: 'a', version: '1', source: `/imports/${A}` });
installDataset(t.db, flattenHsdsJson(generateSynthetic(450, 2)).tables, { datasetId: 'b', version: '1', source: `/imports/${B}` });
const handlers = createHandlers(t.db, t.path);
const search = async (q: Partial<SearchQuery>): Promise<SearchResponse> => {
  const r = await dispatch(handlers, 'search', { text: '', limit: 500, ...q });
  if (!r.ok) throw new Error(r.error);
  return r.value as SearchResponse;
};

describe('the source facet', () => {
  it('keeps two sources with the same original ids apart, and a source ticked gives only its services', async () => {
    const all = await search({});
    expect(all.total).toBe(1150);
    expect(all.facets!.sources).toEqual([{ value: A, count: 700 }, { value: B, count: 450 }]);

    const b = await search({ sources: [B] });
    expect(b.total).toBe(450);
    expect(b.results.every((c) => c.source === B && c.id.startsWith(`${B}/`))).toBe(true);
    const a = await search({ sources: [A], text: 'synthetic-service-3' });
    expect(a.results.every((c) => c.source === A)).toBe(true);

    // The same original id, once in each source: one service each, told apart by source.
    // Past the channel's page limit: the engine itself, every result on one page.
    const same = handlers.search({ text: '', sources: [A, B], limit: 2000 }) as SearchResponse;
    expect(same.total).toBe(1150);
    const twins = same.results.filter((c) => c.id === 'synthetic-service-7' || c.id === `${B}/synthetic-service-7`);
    expect(twins.map((c) => c.source).sort()).toEqual([A, B]);
    // The counts stay those of the whole directory: a source's own filter does not narrow its counts.
    expect(b.facets!.sources).toEqual(all.facets!.sources);
  });

  const bases: [string, Partial<SearchQuery>][] = [
    ['everything', {}],
    ['a word', { text: 'shelter' }],
    ['a language and a population ticked', { languages: ['es'], populations: ['pop-minors'] }],
    ['near a place (the group listed apart counts in no facet)', { near: { place: 'Fresno' }, radiusKm: 80 }],
  ];
  for (const [name, base] of bases) {
    it(`counts what ticking each source finds, the headline's services: ${name}`, async () => {
      const r = await search(base);
      expect(r.facets!.sources.map((s) => s.value)).toEqual([A, B]);
      for (const { value, count } of r.facets!.sources) expect([value, (await search({ ...base, sources: [value] })).total]).toEqual([value, count]);
      expect(r.facets!.sources.reduce((n, s) => n + s.count, 0)).toBe(r.total);
    }, 60_000);
  }

  it('narrows the other facets\' counts to the sources ticked', async () => {
    const b = await search({ sources: [B] });
    for (const { value, count } of b.facets!.categories) {
      expect([value, (await search({ sources: [B], categories: [value] })).total]).toEqual([value, count]);
    }
  });

  it('names dropping the source as the one change that gives results; a name the index does not hold finds nothing', async () => {
    const unknown = await search({ sources: ['no-such-source'] });
    expect(unknown.total).toBe(0);
    expect(unknown.relaxations).toEqual([{ drop: 'sources', count: 1150 }]);
    const spanish = (await search({ languages: ['es'] })).total;
    expect((await search({ sources: ['no-such-source'], languages: ['es'] })).relaxations).toEqual([{ drop: 'sources', count: spanish }]);
  });

  it('is kept in the stored index: each service with its source', () => {
    const stored = readSearchIndexes(t.db)!.facets;
    expect(stored.sources).toEqual([A, B]);
    const at = stored.ids.indexOf(`${B}/synthetic-service-7`);
    expect(stored.sources[stored.sourceOf[at]!]).toBe(B);
    expect(stored.sources[stored.sourceOf[stored.ids.indexOf('synthetic-service-7')]!]).toBe(A);
  });

  it('rebuilds an index stored before sources were in it (the older layout\'s version mark), then filters by source', async () => {
    t.db.prepare("DELETE FROM search_blob WHERE name IN ('sources', 'sourceOf')").run();
    t.db.prepare("UPDATE search_index_state SET synonyms = replace(synonyms, 'blobs-5', 'blobs-4')").run();
    const afterUpdate = createHandlers(t.db, t.path);
    let answer = afterUpdate.search({ text: '', sources: [B] }) as SearchResponse | SearchPreparing;
    expect('preparing' in answer).toBe(true);
    while ('preparing' in answer) {
      await new Promise((resolve) => setImmediate(resolve));
      answer = afterUpdate.search({ text: '', sources: [B] }) as SearchResponse | SearchPreparing;
    }
    expect(answer.total).toBe(450);
    expect(readSearchIndexes(t.db)!.facets.sources).toEqual([A, B]);
  }, 60_000);
});

describe('source columns', () => {
  it('number the sources bundled first, then by name, and count every one, zero too', () => {
    const ix = sourceColumns(['zeta', 'bundled', 'alpha', 'zeta']);
    expect(ix.sources).toEqual(['bundled', 'alpha', 'zeta']);
    expect([...ix.sourceOf]).toEqual([2, 0, 1, 2]);
    expect([...sourceWanted(ix, ['zeta', 'missing'])]).toEqual([0, 0, 1]);
    const pool = Int32Array.from([0, 1, 3]);
    const fail = Uint16Array.from([0, 1, 0]);
    expect(countSources(ix, pool, fail, ~0)).toEqual([{ value: 'bundled', count: 0 }, { value: 'alpha', count: 0 }, { value: 'zeta', count: 2 }]);
    expect(countSources(ix, pool, fail, ~1)).toEqual([{ value: 'bundled', count: 1 }, { value: 'alpha', count: 0 }, { value: 'zeta', count: 2 }]);
  });
});
