import { describe, expect, it } from 'vitest';
import type { TableRows } from '../../../db/hsds-tables';
import { runSteps } from '../../../jobs/steps';
import { syntheticDirectory } from '../../../test-support/synthetic-directory';
import { tempDbsEachTest } from '../../../test-support/temp-db';
import { applyDataset } from '../apply';
import { diffWithChangesSteps } from '../diff';

/** A synthetic directory with a vocabulary and attributes: services tagged, two sites flagged confidential. */
function directory(services: number): TableRows {
  const t = syntheticDirectory(services);
  t.taxonomy.push({ id: 'synthetic-vocabulary', name: 'Synthetic vocabulary', description: 'flags and categories' });
  t.taxonomy_term.push(
    { id: 'loc-confidential', name: 'Confidential location', description: 'Confidential location', taxonomy_id: 'synthetic-vocabulary' },
    { id: 'cat-food', name: 'Food', description: 'Food', taxonomy_id: 'synthetic-vocabulary' },
    { id: 'cat-legal', name: 'Legal aid', description: 'Legal aid', taxonomy_id: 'synthetic-vocabulary' },
  );
  for (const i of [12, 13, 14]) t.attribute.push({ id: `attr-svc-${i}`, link_id: t.service[i]!.id, link_entity: 'service', link_type: 'category', taxonomy_term_id: 'cat-food' });
  for (const i of [20, 21]) t.attribute.push({ id: `attr-loc-${i}`, link_id: t.location[i]!.id, link_entity: 'location', link_type: 'location_flag', taxonomy_term_id: 'loc-confidential' });
  return t;
}

/**
 * The next month's export: a service renamed, a phone number and a site's address changed, one service
 * gone with its rows and a new one at the end, an attribute added, one changed and one removed, a site
 * made confidential and one no longer, an organization renamed (its ten services), values written in
 * another form: one stored the same ("18" for 18), one a reader sees as the same but stored otherwise ("" for none).
 */
function refreshed(services: number): TableRows {
  const next = directory(services + 1);
  const newest = next.service.at(-1)!;
  const gone = next.service[4]!.id;
  const goneSite = next.service_at_location.find((r) => r.service_id === gone)!.location_id;
  const dropped = (r: Record<string, unknown>) => r.id === gone || r.service_id === gone || r.id === goneSite || r.location_id === goneSite;
  for (const t of ['service', 'phone', 'schedule', 'language', 'service_at_location', 'location', 'address'] as const) next[t] = next[t].filter((r) => !dropped(r));
  const service = (n: number) => next.service.find((r) => r.name === `SYNTHETIC Service ${n}`)!;
  const site = (n: number) => next.location.find((r) => r.name === `SYNTHETIC Site ${n}`)!;
  service(2).name = 'SYNTHETIC Service 2 (renamed)';
  next.phone.find((p) => p.service_id === service(5).id)!.number = '555-0199';
  next.address.find((a) => a.location_id === site(7).id)!.city = 'Synthetic Town';
  next.attribute.push({ id: 'attr-svc-30', link_id: service(30).id, link_entity: 'service', link_type: 'category', taxonomy_term_id: 'cat-legal' });
  next.attribute.find((a) => a.id === 'attr-svc-13')!.taxonomy_term_id = 'cat-legal';
  next.attribute = next.attribute.filter((a) => a.id !== 'attr-svc-14' && a.id !== 'attr-loc-21');
  next.attribute.push({ id: 'attr-loc-40', link_id: site(40).id, link_entity: 'location', link_type: 'location_flag', taxonomy_term_id: 'loc-confidential' });
  next.organization[5]!.name = 'SYNTHETIC Organization 5 (renamed)';
  service(9).minimum_age = '18';
  service(10).email = '';
  expect(next.service.at(-1)).toBe(newest);
  return next;
}

describe('an update compared through the services it touches', () => {
  for (const starter of [false, true]) {
    const desk = tempDbsEachTest({ starter });
    it(`finds exactly what the full comparison finds, and the same rows to write (${starter ? 'ids prefixed beside the bundled directory' : 'the whole directory'})`, () => {
      const { db } = desk();
      applyDataset(db, directory(80), { datasetId: 'synthetic', version: '1', source: 'synthetic' });
      const next = refreshed(80);
      const targeted = runSteps(diffWithChangesSteps(db, next, 'synthetic', 'targeted'));
      const full = runSteps(diffWithChangesSteps(db, next, 'synthetic', 'full'));
      expect(targeted).toEqual(full);

      const { diff, changes } = targeted;
      expect(diff.added.map((s) => s.name)).toEqual(['SYNTHETIC Service 80']);
      expect(diff.removed.map((s) => s.name)).toEqual(['SYNTHETIC Service 4']);
      const changed = new Map(diff.changed.map((c) => [c.name, c.fields.map((f) => `${f.field}: ${f.old} -> ${f.new}`)]));
      expect([...changed.keys()].sort()).toEqual(
        ['SYNTHETIC Service 2 (renamed)', 'SYNTHETIC Service 5', 'SYNTHETIC Service 7', 'SYNTHETIC Service 13', 'SYNTHETIC Service 14', 'SYNTHETIC Service 21', 'SYNTHETIC Service 30', 'SYNTHETIC Service 40']
          .concat(Array.from({ length: 10 }, (_, i) => `SYNTHETIC Service ${50 + i}`))
          .sort(),
      );
      expect(changed.get('SYNTHETIC Service 2 (renamed)')).toEqual(['name: SYNTHETIC Service 2 -> SYNTHETIC Service 2 (renamed)']);
      expect(changed.get('SYNTHETIC Service 13')).toEqual(['attributes[attr-svc-13].taxonomy_term_id: cat-food -> cat-legal']);
      expect(changed.get('SYNTHETIC Service 21')).toContainEqual(expect.stringMatching(/^locations\[.*\]\.location\.latitude: \(confidential location\) -> /));
      expect(diff.tables.attribute).toEqual({ added: 2, removed: 2, changed: 1 });
      // An empty email where there was none is no change a reader sees, but it is stored otherwise: the row is written.
      expect(changed.has('SYNTHETIC Service 10')).toBe(false);
      expect(changes?.byTable.service.write).toEqual([2, 9]);
    });
  }
});
