import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lastGoodCopyPath } from '../../db/last-good-copy';
import { openDatabase, type Db } from '../../db/open';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { STARTER_SERVICES, tempDb } from '../../test-support/temp-db';
import { applyChecked, applyDataset, checkDataset, DatasetInvalidError, notesOnMissingServices } from './apply';
import { diffDatasets } from './diff';
import { writeDatapackage } from '../export/export-datapackage';
import { installDatasetAsync } from './install-dataset';
import { ImportCancelled } from '../../jobs/steps';
import { rollback } from './rollback';
import { HSDS_TABLES } from '../../db/hsds-tables';

const dump = (db: Db) => Object.fromEntries(HSDS_TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
const identity = (v: string) => ({ datasetId: 'synthetic', version: v, source: 'test' });

describe('diff, apply and rollback', { timeout: 30_000 }, () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  const db = (starter = true) => {
    const t = tempDb({ starter });
    cleanups.push(t.cleanup);
    return t;
  };

  it('shows added, removed and changed services with each changed field old -> new', () => {
    const { db: d } = db(false);
    const v1 = syntheticDirectory(3);
    applyDataset(d, v1, identity('1'));
    const v2 = syntheticDirectory(4);
    v2.service.splice(0, 1);
    v2.phone.splice(0, 1);
    v2.schedule.splice(0, 1);
    v2.language.splice(0, 1);
    v2.service_at_location.splice(0, 1);
    v2.service[0]!.name = 'SYNTHETIC Service 1 (renamed)';
    v2.phone[0]!.number = '555-9999';
    const diff = diffDatasets(d, v2, identity('2').source);
    expect(diff.added.map((s) => s.name)).toEqual(['SYNTHETIC Service 3']);
    expect(diff.removed.map((s) => s.name)).toEqual(['SYNTHETIC Service 0']);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]!.fields).toEqual([
      { field: 'name', table: 'service', column: 'name', kind: null, old: 'SYNTHETIC Service 1', new: 'SYNTHETIC Service 1 (renamed)' },
      { field: `phones[${v2.phone[0]!.id}].number`, table: 'phone', column: 'number', kind: v2.phone[0]!.type ?? null, old: '555-0001', new: '555-9999' },
    ]);
    expect(diff.identical).toBe(false);
  });

  it('imports beside the bundled directory, rolls back to it exactly, and a second rollback re-applies', () => {
    const { db: d } = db();
    const starter = dump(d);
    applyDataset(d, syntheticDirectory(20), identity('2'));
    const imported = dump(d);
    expect(imported.service).toHaveLength(STARTER_SERVICES + 20);
    // The second source's ids carry its name, so they can never collide with the bundled ones.
    expect(d.prepare("SELECT count(*) FROM service WHERE atlas_source = 'test' AND id LIKE 'test/%'").pluck().get()).toBe(20);
    expect(rollback(d)).toMatchObject({ datasetId: 'referral-atlas-starter-california', services: STARTER_SERVICES });
    expect(dump(d)).toEqual(starter);
    rollback(d);
    expect(dump(d)).toEqual(imported);
  });

  it('keeps local notes through import and rollback, and flags a note whose service the import removes', () => {
    const { db: d, dir } = db();
    applyDataset(d, syntheticDirectory(5), identity('1'));
    const noted = d.prepare("SELECT id FROM service WHERE atlas_source = 'test' ORDER BY rowid DESC LIMIT 1").pluck().get() as string;
    d.prepare("INSERT INTO local_note (service_id, body, updated_at) VALUES (?, 'Ask for Maria at intake', 'now')").run(noted);
    const out = join(dir, 'pkg');
    writeDatapackage(syntheticDirectory(4), out);
    const checked = checkDataset(d, out, { sourceName: 'test' });
    expect(checked.report.diff?.removed).toHaveLength(1);
    expect(checked.report.notesOnRemoved).toEqual([expect.objectContaining({ serviceId: noted, note: 'Ask for Maria at intake' })]);
    applyChecked(d, checked);
    expect(notesOnMissingServices(d)).toEqual([{ serviceId: noted, note: 'Ask for Maria at intake' }]);
    rollback(d);
    expect(notesOnMissingServices(d)).toEqual([]);
    expect(d.prepare('SELECT body FROM local_note').all()).toEqual([{ body: 'Ask for Maria at intake' }]);
  });

  it('refuses a dataset with errors before writing anything', () => {
    const { db: d } = db();
    const before = dump(d);
    const bad = syntheticDirectory(3);
    bad.phone[0]!.service_id = 'nowhere';
    expect(() => applyDataset(d, bad, identity('x'))).toThrow(DatasetInvalidError);
    expect(dump(d)).toEqual(before);
  });

  it('an install cancelled halfway leaves the directory exactly as it was, as seen from another connection', async () => {
    const { db: d, path } = db();
    const before = dump(d);
    const writer = openDatabase(path);
    let reports = 0;
    await expect(
      installDatasetAsync(writer, syntheticDirectory(3_000), identity('big'), {
        onProgress: () => {
          reports++;
          expect(d.prepare('SELECT count(*) AS n FROM service').get()).toEqual({ n: STARTER_SERVICES });
        },
        isCancelled: () => reports >= 3,
      }),
    ).rejects.toThrow(ImportCancelled);
    writer.close();
    expect(dump(d)).toEqual(before);
  });

  it('an install cancelled while preparing search leaves the directory and its search index as they were', async () => {
    const { db: d, path } = db();
    const before = dump(d);
    const index = () => d.prepare('SELECT name, data FROM search_blob ORDER BY name').raw().all();
    const indexBefore = index();
    const writer = openDatabase(path);
    const steps: string[] = [];
    await expect(
      installDatasetAsync(writer, syntheticDirectory(12_000), identity('big'), {
        onProgress: (p) => void steps.push(p.step),
        // The fourth report of the step comes halfway through the word index.
        isCancelled: () => steps.filter((s) => s === 'indexing').length >= 4,
      }),
    ).rejects.toThrow(ImportCancelled);
    writer.close();
    expect(steps).toContain('applying');
    expect(steps.at(-1)).toBe('indexing');
    expect(dump(d)).toEqual(before);
    expect(index()).toEqual(indexBefore);
  });
});

describe('damage-recovery copy', () => {
  it('both install paths save a copy of the database before replacing an installed directory', async () => {
    const t = tempDb({ starter: true });
    try {
      // Large enough (about 20 MB) that the app's copy takes several steps while the install writes beside it.
      applyDataset(t.db, syntheticDirectory(8_000), identity('1'));
      expect(existsSync(lastGoodCopyPath(t.path))).toBe(true);
      rmSync(lastGoodCopyPath(t.path));
      const before = dump(t.db);
      const writer = openDatabase(t.path);
      await installDatasetAsync(writer, syntheticDirectory(8_001), identity('2'));
      writer.close();
      // The app's copy (an online backup, made while the rows were written) holds the directory as it was
      // before the install, whole: the install's commit waited for it.
      const copy = openDatabase(lastGoodCopyPath(t.path));
      try {
        expect(dump(copy)).toEqual(before);
        expect(dump(t.db)).not.toEqual(before);
      } finally {
        copy.close();
      }
    } finally {
      t.cleanup();
    }
  });
});

describe('a dataset folder that is not there', () => {
  it('is a clear error, not a crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-'));
    const t = tempDb();
    try {
      const { report } = checkDataset(t.db, join(dir, 'missing'));
      expect(report.errors).toEqual([{ file: 'missing', row: null, field: null, message: 'no such file or folder' }]);
    } finally {
      t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
