import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { dbDigest } from '../../test-support/db-digest';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { startersEachTest } from '../../test-support/temp-db';
import { refuseBrokenReferencesSteps } from './broken-references';
import { installDataset } from './install-dataset';

describe('refusing a dangling reference before an install commits', () => {
  const desk = startersEachTest();

  it('names the table and row of a phone pointing to a service that is not there, and the install changes nothing', () => {
    const { db } = desk();
    const before = dbDigest(db);
    const tables = syntheticDirectory(30);
    const phone = tables.phone[17]!;
    phone.service_id = 'no-such-service';
    expect(() => installDataset(db, tables, { datasetId: 'broken', version: null, source: 'broken.json' })).toThrow(
      /^A phone record \(row \d+\) points to a service that is not in the dataset; nothing was changed\.$/,
    );
    expect(dbDigest(db)).toBe(before);
  });

  const refuseBrokenReferences = (db: Db) => {
    for (const _ of refuseBrokenReferencesSteps(db));
  };

  it('checks a large table a range of rows at a time, and finds a dangling row in the last range', () => {
    const { db } = desk();
    refuseBrokenReferences(db);
    db.pragma('foreign_keys = OFF');
    const insert = db.prepare("INSERT INTO phone (id, service_id, number) VALUES (?, (SELECT id FROM service LIMIT 1), '555-0100')");
    db.transaction(() => {
      for (let i = 0; i < 45_000; i++) insert.run(`bulk-${i}`);
    })();
    expect([...refuseBrokenReferencesSteps(db, ['phone'])].length).toBeGreaterThanOrEqual(3);
    db.prepare("INSERT INTO phone (id, service_id, number) VALUES ('last', 'gone', '555-0101')").run();
    const lastRow = db.prepare("SELECT rowid FROM phone WHERE id = 'last'").pluck().get();
    expect(() => refuseBrokenReferences(db)).toThrow(`A phone record (row ${String(lastRow)}) points to a service that is not in the dataset; nothing was changed.`);
  });
});
