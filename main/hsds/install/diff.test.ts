import { afterEach, describe, expect, it } from 'vitest';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { tempDb } from '../../test-support/temp-db';
import { applyDataset } from './apply';
import { diffDatasets } from './diff';

// The diff compares only the services an update can touch; a change anywhere under a service must still show.
describe('diff of an update to a large directory', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('finds a change however deep it sits: an address, a phone\'s language, a location made confidential, an organization', () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    applyDataset(t.db, syntheticDirectory(200), { datasetId: 'synthetic', version: '1', source: 'test' });
    const next = syntheticDirectory(200);
    next.address[7]!.city = 'Synthetic Town';
    next.organization[2]!.name = 'SYNTHETIC Organization 2 (renamed)';
    next.attribute.push({ id: 'attr-conf', link_entity: 'location', link_id: next.location[9]!.id, taxonomy_term_id: 'loc-confidential' });
    next.language.push({ id: 'lang-phone', phone_id: next.phone[3]!.id, code: 'es' });

    const diff = diffDatasets(t.db, next, 'test');
    const changed = new Map(diff.changed.map((c) => [c.name, c.fields]));
    expect([...changed.keys()].sort()).toEqual(
      ['SYNTHETIC Service 3', 'SYNTHETIC Service 7', 'SYNTHETIC Service 9', ...Array.from({ length: 10 }, (_, i) => `SYNTHETIC Service ${20 + i}`)].sort(),
    );
    const sal = (i: number) => `locations[${next.service_at_location[i]!.id}].location.`;
    expect(changed.get('SYNTHETIC Service 7')).toEqual([
      expect.objectContaining({ field: `${sal(7)}addresses[${next.address[7]!.id}].city`, table: 'address', column: 'city', old: 'Synthetic City', new: 'Synthetic Town' }),
    ]);
    expect(changed.get('SYNTHETIC Service 9')).toContainEqual(expect.objectContaining({ field: `${sal(9)}latitude`, old: String(next.location[9]!.latitude), new: '(confidential location)' }));
    expect(changed.get('SYNTHETIC Service 3')).toContainEqual(expect.objectContaining({ field: `phones[${next.phone[3]!.id}].languages[lang-phone].code`, table: 'language', column: 'code', old: null, new: 'es' }));
    expect(changed.get('SYNTHETIC Service 25')).toEqual([
      { field: 'organization.name', table: 'organization', column: 'name', kind: null, old: 'SYNTHETIC Organization 2', new: 'SYNTHETIC Organization 2 (renamed)' },
    ]);
    expect(diff.tables.attribute).toEqual({ added: 1, removed: 0, changed: 0 });
  });
});
