import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open';
import { HSDS_TABLES, type TableRows } from '../../db/hsds-tables';
import { ImportCancelled } from '../../jobs/steps';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { tempDb } from '../../test-support/temp-db';
import { writeDatapackage } from '../export/export-datapackage';
import { applyChecked, applyCheckedAsync, applyDataset, checkDataset, type CheckedDataset } from './apply';
import { rollback } from './rollback';

const dump = (db: Db) => Object.fromEntries(HSDS_TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
const index = (db: Db) => db.prepare('SELECT name, data FROM search_blob ORDER BY name').raw().all();

/** A monthly refresh: three services renamed, a phone number changed, a service and its rows gone, a new one at the end. */
function refreshed(services: number): TableRows {
  const next = syntheticDirectory(services + 1);
  const last = next.service.at(-1)!;
  const service = next.service[4]!.id;
  const location = next.service_at_location.find((r) => r.service_id === service)!.location_id;
  const gone = (r: Record<string, unknown>) => r.id === service || r.service_id === service || r.id === location || r.location_id === location;
  for (const t of ['service', 'phone', 'schedule', 'language', 'service_at_location', 'location', 'address'] as const) next[t] = next[t].filter((r) => !gone(r));
  for (const i of [0, 7, 11]) next.service[i]!.name = `${String(next.service[i]!.name)} (renamed)`;
  next.phone[2]!.number = '555-7777';
  expect(next.service.at(-1)).toBe(last);
  return next;
}

describe('an update that writes only the rows it changes', { timeout: 60_000 }, () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  const desk = (starter: boolean) => {
    const t = tempDb({ starter });
    cleanups.push(t.cleanup);
    return t;
  };
  /** A desk with `services` imported from a datapackage, and the refresh written as a package beside it, checked. */
  const installedAndChecked = (starter: boolean, next: TableRows, services = 40) => {
    const t = desk(starter);
    writeDatapackage(syntheticDirectory(services), join(t.dir, 'v1'), { name: 'synthetic', version: '1' });
    writeDatapackage(next, join(t.dir, 'v2'), { name: 'synthetic', version: '2' });
    applyChecked(t.db, checkDataset(t.db, join(t.dir, 'v1'), { sourceName: 'synthetic' }));
    return { ...t, checked: checkDataset(t.db, join(t.dir, 'v2'), { sourceName: 'synthetic' }) };
  };
  /** The same update written in full, as an install does without the diff's changes. */
  const writtenInFull = (starter: boolean, next: TableRows) => {
    const t = installedAndChecked(starter, next);
    applyChecked(t.db, { ...t.checked, changes: null });
    return t.db;
  };

  for (const starter of [false, true]) {
    it(`leaves exactly the directory and search index a full rewrite leaves, and rolls back exactly (${starter ? 'beside the bundled directory' : 'the whole directory'})`, () => {
      const next = refreshed(40);
      const { db, checked } = installedAndChecked(starter, next);
      const before = dump(db);
      // Three renamed services, one phone, the new service's seven rows and its organization, the removed service's seven.
      expect(checked.changes?.size).toBe(3 + 1 + 8 + 7);
      applyChecked(db, checked);
      const full = writtenInFull(starter, next);
      expect(dump(db)).toEqual(dump(full));
      expect(index(db)).toEqual(index(full));
      rollback(db);
      expect(dump(db)).toEqual(before);
    });
  }

  it('writes in full, in the dataset\'s order, an update that moves rows', () => {
    const next = syntheticDirectory(40);
    next.service.push(next.service.shift()!);
    const { db, checked } = installedAndChecked(false, next);
    expect(checked.changes).toBeNull();
    applyChecked(db, checked);
    expect(dump(db)).toEqual(dump(writtenInFull(false, next)));
  });

  it('writes in full an update checked before another install committed, which its changes no longer describe', () => {
    const next = refreshed(40);
    const { db, checked } = installedAndChecked(true, next);
    applyDataset(db, syntheticDirectory(3), { datasetId: 'other', version: '1', source: 'other' });
    applyChecked(db, checked);
    const full = writtenInFull(true, next);
    applyDataset(full, syntheticDirectory(3), { datasetId: 'other', version: '1', source: 'other' });
    const synthetic = (d: Db) => d.prepare("SELECT * FROM service WHERE atlas_source = 'synthetic' ORDER BY rowid").all();
    expect(synthetic(db)).toEqual(synthetic(full));
  });

  it('cancelled halfway, leaves the directory and its search index as they were', async () => {
    const { db, path, checked } = installedAndChecked(false, refreshed(2_000), 2_000);
    expect(checked.changes).not.toBeNull();
    const before = dump(db);
    const indexBefore = index(db);
    const writer = openDatabase(path);
    let reports = 0;
    await expect(applyCheckedAsync(writer, checked as CheckedDataset, { onProgress: () => void reports++, isCancelled: () => reports >= 5 })).rejects.toThrow(ImportCancelled);
    writer.close();
    expect(dump(db)).toEqual(before);
    expect(index(db)).toEqual(indexBefore);
  });
});
