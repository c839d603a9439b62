import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { createServiceReader } from '../../db/service-read';
import { checkDataset } from '../../hsds/install/apply';
import { installDataset } from '../../hsds/install/install-dataset';
import type { TableRows } from '../../db/hsds-tables';
import { generateSynthetic } from '../../../scripts/gen-synthetic-data';
import { LINK_TYPES } from '../../../shared/vocabulary';
import { fixture } from '../../test-support/fixtures';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { STARTER_PATH, tempDb } from '../../test-support/temp-db';
import { serviceFactsFromRows } from './facts-from-rows';
import { readServiceFacts } from '../service-facts';
import { rebuildSearchIndex } from './text-index';

/** The stored search index, BLOB by BLOB. */
const storedIndex = (db: Db) => db.prepare('SELECT name, data FROM search_blob ORDER BY name').raw().all();

/** A directory with the cases the two readings could disagree on, around two services sharing a site. */
function awkwardDirectory(): TableRows {
  const t = syntheticDirectory(3);
  const [a, b] = t.service;
  const site = t.location[0]!;
  t.service_at_location.push({ id: 'sal-shared', service_id: b!.id, location_id: site.id });
  // A mailing address listed before the physical one: the physical one is shown.
  t.address.unshift({ id: 'addr-mail', location_id: site.id, address_type: 'postal', address_1: 'PO Box 1', city: 'Mailtown', state_province: 'CA', postal_code: '90000', country: 'US' });
  t.language.push({ id: 'lang-site', location_id: site.id, code: 'vi' }, { id: 'lang-dup', service_id: a!.id, code: 'vi' });
  t.schedule.push({ id: 'sched-site', service_at_location_id: 'sal-shared', byday: 'SA', opens_at: '10:00', closes_at: '14:00', timezone: -8 });
  t.taxonomy_term.push(
    { id: 'pop-minors', name: 'Minors', description: 'Minors' },
    { id: 'cat-legal-aid', name: 'Legal aid', description: 'Legal aid' },
    { id: 'loc-confidential', name: 'Confidential', description: 'Confidential' },
  );
  t.attribute.push(
    { id: 'attr-cat', link_entity: 'service', link_id: b!.id, link_type: LINK_TYPES.category, taxonomy_term_id: 'cat-legal-aid' },
    { id: 'attr-no', link_entity: 'service', link_id: a!.id, link_type: LINK_TYPES.population, taxonomy_term_id: 'pop-minors', value: 'no' },
    { id: 'attr-conf', link_entity: 'location', link_id: t.location[1]!.id, taxonomy_term_id: 'loc-confidential' },
  );
  return t;
}

describe('search facts from the rows an install writes', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  const sources: [string, (db: Db, dir: string) => TableRows][] = [
    ['the starter directory', (db) => checkDataset(db, STARTER_PATH).tables!],
    ['the Ohana San Mateo CSV sample', (db) => checkDataset(db, fixture('ohana-sanmateo')).tables!],
    ['the HSDS 1.1 data package sample', (db) => checkDataset(db, fixture('hsds11', 'all_resources')).tables!],
    ['a realistic synthetic directory (virtual, confidential and approximate sites)', (db, dir) => {
      const file = join(dir, 'synthetic.json');
      writeFileSync(file, JSON.stringify(generateSynthetic(1500)));
      return checkDataset(db, file).tables!;
    }],
    ['shared sites, a mailing address first, site languages and schedules, a confidential site', () => awkwardDirectory()],
    // Past the size at which the word index goes to its worker thread, for both builds.
    ['a synthetic directory large enough for the word worker', (db, dir) => {
      const file = join(dir, 'synthetic.json');
      writeFileSync(file, JSON.stringify(generateSynthetic(3000)));
      return checkDataset(db, file).tables!;
    }],
  ];

  for (const [name, read] of sources) {
    it(`are the facts read back from the tables, and give the same index: ${name}`, () => {
      const t = tempDb();
      cleanups.push(t.cleanup);
      mkdirSync(t.dir, { recursive: true });
      const tables = read(t.db, t.dir);
      installDataset(t.db, tables, { datasetId: 'test', version: '1', source: 'test' });
      const fromRows = serviceFactsFromRows(tables, 'test');
      expect(fromRows.length).toBeGreaterThan(0);
      expect(fromRows).toEqual(readServiceFacts(t.db, createServiceReader(t.db)));
      const installed = storedIndex(t.db);
      rebuildSearchIndex(t.db);
      expect(installed).toEqual(storedIndex(t.db));
    }, 60_000);
  }

  it('reads shared sites, the physical address, site languages and site schedules as the tables mean them', () => {
    const [a, b] = serviceFactsFromRows(awkwardDirectory(), 'test');
    expect(a!.locations[0]!.city).toBe('Synthetic City'); // the physical address's, not the mailing one's
    expect(b!.locations.map((l) => l.id)).toEqual([awkwardDirectory().location[1]!.id, a!.locations[0]!.id]);
    expect(b!.languages).toEqual(['es', 'vi']);
    expect(b!.schedules).toContainEqual({ byday: 'SA', opensAt: '10:00', closesAt: '14:00', timezone: -8, freq: null, validFrom: null, validTo: null });
    expect(b!.categories).toEqual(['cat-legal-aid']);
    expect(a!.populationsExcluded).toEqual(['pop-minors']);
  });

  it('never carries a confidential site\'s address, city or point', () => {
    const t = awkwardDirectory();
    const hidden = serviceFactsFromRows(t, 'test').flatMap((f) => f.locations).filter((l) => l.id === t.location[1]!.id);
    expect(hidden).toHaveLength(1);
    expect(hidden[0]).toEqual({ id: t.location[1]!.id, locationType: t.location[1]!.location_type, approximate: false, city: null, latitude: null, longitude: null });
  });
});
