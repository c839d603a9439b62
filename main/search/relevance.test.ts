import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { SearchQuery } from '../../shared/domain';
import { generateSynthetic, seededRandom, syntheticService } from '../../scripts/gen-synthetic-data';
import { createServiceReader } from '../db/service-read';
import { flattenHsdsJson } from '../hsds/read/flatten-json';
import { installDataset } from '../hsds/install/install-dataset';
import { fuseBaseline } from '../test-support/fuse-baseline';
import { STARTER_PATH, tempDb } from '../test-support/temp-db';
import { loadGazetteer } from '../geo/gazetteer';
import { loadAreaTable } from '../geo/area-table';
import { AREAS_PATH, GAZETTEER_PATH } from '../test-support/temp-db';
import { createSearchEngine } from './engine';
import { PLANTED, RELEVANCE_SET } from '../test-support/relevance-set';
import { readServiceFacts } from './service-facts';

// The starter directory, 1,000 generated services, and the planted ones the queries look for.
const t = tempDb();
afterAll(() => t.cleanup());
const rng = seededRandom(7);
const services = [
  ...(JSON.parse(readFileSync(STARTER_PATH, 'utf8')) as unknown[]),
  ...generateSynthetic(1000),
  ...PLANTED.map((spec, n) => syntheticService(10_000 + n, rng, spec)),
];
installDataset(t.db, flattenHsdsJson(services).tables, { datasetId: 'relevance', version: '1', source: 'test' });
const reader = createServiceReader(t.db);
const gazetteer = loadGazetteer(GAZETTEER_PATH);
const areas = loadAreaTable(AREAS_PATH, gazetteer);
const engine = createSearchEngine(t.db, reader, () => gazetteer, () => areas);

/** The ids as the user sees them: the ranked results, then (with a place) the phone/online group. */
const ids = (q: SearchQuery) => {
  const r = engine.search(q);
  return [...r.results, ...r.virtual.results].map((c) => c.id);
};
const top5 = (q: SearchQuery) => ids({ limit: 5, ...q }).slice(0, 5);

describe('relevance test set', () => {
  it('has at least 40 queries', () => {
    expect(RELEVANCE_SET.length).toBeGreaterThanOrEqual(40);
  });

  it.each(RELEVANCE_SET.map((c) => [JSON.stringify(c.query), c] as const))('%s', (_label, { query, expect: id }) => {
    expect(top5(query)).toContain(id);
  });

  it('recalls at least as many as fuse.js over every record, with the same facets applied', () => {
    const fuse = fuseBaseline(readServiceFacts(t.db, reader));
    let ours = 0;
    let theirs = 0;
    for (const { query, expect: id } of RELEVANCE_SET) {
      if (top5(query).includes(id)) ours++;
      const { text: _text, ...facets } = query;
      const allowed = Object.keys(facets).length ? new Set(ids({ ...facets, text: '', limit: 100_000 })) : null;
      if (fuse(query.text).filter((x) => !allowed || allowed.has(x)).slice(0, 5).includes(id)) theirs++;
    }
    console.log(`relevance recall@5: search ${ours}/${RELEVANCE_SET.length}, fuse.js ${theirs}/${RELEVANCE_SET.length}`);
    expect(ours).toBeGreaterThanOrEqual(theirs);
  }, 180_000);
});
