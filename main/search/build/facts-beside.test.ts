import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import type { TableRows } from '../../db/hsds-tables';
import { writeDatapackage } from '../../hsds/export/export-datapackage';
import { applyChecked, applyDataset, checkDataset } from '../../hsds/install/apply';
import { installDataset } from '../../hsds/install/install-dataset';
import { runSteps } from '../../jobs/steps';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { startersEachTest } from '../../test-support/temp-db';
import { createServiceReader } from '../../db/service-read';
import { readServiceFacts } from '../service-facts';
import { serviceFactsBesideSteps } from './facts-beside';
import { rebuildSearchIndex } from './text-index';

/** The stored search index, BLOB by BLOB. */
const storedIndex = (db: Db) => db.prepare('SELECT name, data FROM search_blob ORDER BY name').raw().all();

/** The index an install stored, and the one rebuilt from the tables afterwards. */
function indexAndRebuilt(db: Db) {
  const installed = storedIndex(db);
  rebuildSearchIndex(db);
  return [installed, storedIndex(db)];
}

/** The facts of every source, this one's taken from its rows, as an install beside others reads them. */
const factsBeside = (db: Db, tables: TableRows, source: string, prefix: string) => runSteps(serviceFactsBesideSteps(db, tables, source, prefix)(() => {}));

/** A refresh of `services`: some renamed, one gone with its site, two new ones at the end. */
function refreshed(services: number): TableRows {
  const next = syntheticDirectory(services + 2);
  const service = next.service[4]!.id;
  const location = next.service_at_location.find((r) => r.service_id === service)!.location_id;
  const gone = (r: Record<string, unknown>) => r.id === service || r.service_id === service || r.id === location || r.location_id === location;
  for (const t of ['service', 'phone', 'schedule', 'language', 'service_at_location', 'location', 'address'] as const) next[t] = next[t].filter((r) => !gone(r));
  for (const i of [0, 7, 11]) next.service[i]!.name = `${String(next.service[i]!.name)} (renamed)`;
  return next;
}

describe('a search index built by an install beside other sources', { timeout: 60_000 }, () => {
  const desk = startersEachTest();

  it('is the index rebuilt from the tables, after a first import and after an update that adds services after another source\'s', () => {
    const { db, dir } = desk();
    const services = 60;
    writeDatapackage(syntheticDirectory(services), join(dir, 'v1'), { name: 'synthetic', version: '1' });
    writeDatapackage(refreshed(services), join(dir, 'v2'), { name: 'synthetic', version: '2' });

    const first = checkDataset(db, join(dir, 'v1'), { sourceName: 'synthetic' });
    applyChecked(db, first);
    expect(factsBeside(db, first.tables!, 'synthetic', 'synthetic/')).toEqual(readServiceFacts(db, createServiceReader(db)));
    const [installed, rebuilt] = indexAndRebuilt(db);
    expect(installed).toEqual(rebuilt);

    // Another source after it: the update's new services come after that source's in the tables.
    applyDataset(db, syntheticDirectory(3), { datasetId: 'other', version: '1', source: 'other' });
    const update = checkDataset(db, join(dir, 'v2'), { sourceName: 'synthetic' });
    expect(update.changes).not.toBeNull();
    applyChecked(db, update);
    const bySource = db.prepare('SELECT atlas_source FROM service ORDER BY rowid').pluck().all();
    expect(bySource.lastIndexOf('other')).toBeLessThan(bySource.lastIndexOf('synthetic'));
    expect(bySource.lastIndexOf('other')).toBeGreaterThan(bySource.indexOf('synthetic'));
    expect(factsBeside(db, update.tables!, 'synthetic', 'synthetic/')).toEqual(readServiceFacts(db, createServiceReader(db)));
    const [updated, rebuiltAfterUpdate] = indexAndRebuilt(db);
    expect(updated).toEqual(rebuiltAfterUpdate);
  });

  it('hides a site flagged by a term another source brought, as the tables flag it', () => {
    const { db } = desk();
    const flagging = syntheticDirectory(1);
    flagging.taxonomy_term.push({ id: 'site-status-7', name: 'Confidential location', description: 'Its address is not given out' });
    applyDataset(db, flagging, { datasetId: 'terms', version: '1', source: 'terms' });
    const tables = syntheticDirectory(20);
    // Named by its id alone, which says nothing: the shared taxonomy's wording flags the site.
    tables.attribute.push({ id: 'attr-flag', link_entity: 'location', link_id: tables.location[3]!.id, taxonomy_term_id: 'site-status-7' });
    installDataset(db, tables, { datasetId: 'flagged', version: '1', source: 'flagged' });
    const site = (db.prepare("SELECT id_prefix FROM source WHERE name = 'flagged'").pluck().get() as string) + String(tables.location[3]!.id);
    const place = readServiceFacts(db, createServiceReader(db)).flatMap((f) => f.locations).find((l) => l.id === site);
    expect(place).toMatchObject({ city: null, latitude: null, longitude: null });
    const [installed, rebuilt] = indexAndRebuilt(db);
    expect(installed).toEqual(rebuilt);
  });
});
