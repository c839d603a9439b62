import { afterAll, describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../shared/domain';
import { uuid } from '../../scripts/starter-directory/hsds-service';
import { createServiceReader } from '../db/service-read';
import { loadAreaTable } from '../geo/area-table';
import { loadGazetteer } from '../geo/gazetteer';
import { STARTER_RELEVANCE_SET } from '../test-support/starter-relevance-set';
import { AREAS_PATH, GAZETTEER_PATH, tempDb } from '../test-support/temp-db';
import { createSearchEngine } from './engine';

// The bundled directory alone, installed as on a first launch.
const t = tempDb({ starter: true });
afterAll(() => t.cleanup());
const gazetteer = loadGazetteer(GAZETTEER_PATH);
const areas = loadAreaTable(AREAS_PATH, gazetteer);
const engine = createSearchEngine(t.db, createServiceReader(t.db), () => gazetteer, () => areas);

/** The first five as the screen lists them: the results, then (with a place) the phone and online group. */
const top5 = (q: SearchQuery) => {
  const r = engine.search({ ...q, limit: 5 });
  return [...r.results, ...r.virtual.results].slice(0, 5).map((c) => c.id);
};
/** Service ids are made from the source tables' keys; naming the key in a failure says which service. */
const keyOf = new Map(STARTER_RELEVANCE_SET.flatMap((c) => [c.first, ...(c.top ?? [])]).filter((k) => k !== undefined).map((k) => [uuid(`svc:${k}`), k]));
const keys = (ids: string[]) => ids.map((id) => keyOf.get(id) ?? id);

describe('relevance on the bundled directory', () => {
  it('has at least 20 queries, in English and Spanish', () => {
    expect(STARTER_RELEVANCE_SET.length).toBeGreaterThanOrEqual(20);
  });

  it.each(STARTER_RELEVANCE_SET.map((c) => [JSON.stringify(c.query), c] as const))('%s', (_label, { query, first, top = [] }) => {
    const found = keys(top5(query));
    if (first) expect(found[0]).toBe(first);
    for (const key of top) expect(found).toContain(key);
  });

  it('near a place, the phone and online group puts the services that say they serve elsewhere after the rest', () => {
    const apart = (q: SearchQuery) => engine.search({ ...q, limit: 10 }).virtual.results;
    expect(keys(apart({ text: 'victim witness', near: { zip: '92701' }, radiusKm: 25 }).map((c) => c.id))[0]).toBe('oc-csp-victim-assistance');
    expect(keys(apart({ text: 'trafficking hotline', near: { place: 'San Francisco' }, radiusKm: 25 }).map((c) => c.id))[0]).toBe('sf-human-trafficking-hotline');
    // Near Fresno, the lines that say they serve another county come after those serving Fresno or not saying.
    const elsewhere = apart({ text: 'legal aid', near: { place: 'Fresno' }, radiusKm: 25 }).map(
      (c) => c.serviceArea.length > 0 && !c.serviceArea.some((a) => ['Fresno County', 'California', 'United States'].includes(a)),
    );
    expect(elsewhere).toEqual([...elsewhere].sort((a, b) => Number(a) - Number(b)));
  });

  it('without words or a place, lists the services for the whole state or nation first, each group in name order', () => {
    const cards = engine.search({ text: '', limit: 500 }).results;
    const wide = (c: (typeof cards)[number]) => c.serviceArea.some((a) => a === 'United States' || a === 'California');
    const firstLocal = cards.findIndex((c) => !wide(c));
    expect(firstLocal).toBeGreaterThan(20);
    expect(cards.slice(firstLocal).some(wide)).toBe(false);
  });
});
