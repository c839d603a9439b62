import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { dbDigest } from '../../test-support/db-digest';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { startersEachTest } from '../../test-support/temp-db';
import { foreignKeys } from '../read/table-info';
import { refuseBrokenReferencesSteps } from './broken-references';
import { installDataset } from './install-dataset';
import { BUNDLED_SOURCE } from '../../../shared/domain';

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

  it("names a table's first reference that dangles, at its first row, though another reference dangles on an earlier row", () => {
    const { db } = desk();
    const [first, second] = foreignKeys().get('phone')!;
    db.pragma('foreign_keys = OFF');
    const insert = (id: string, column: string) => db.prepare(`INSERT INTO phone (id, ${column}, number) VALUES (?, 'gone', '555-0102')`).run(id);
    insert('earlier', second!.column);
    insert('later', first!.column);
    const later = db.prepare("SELECT rowid FROM phone WHERE id = 'later'").pluck().get();
    expect(first!.target).not.toBe(second!.target);
    expect(() => refuseBrokenReferences(db)).toThrow(`A phone record (row ${String(later)}) points to a ${first!.target} that is not in the dataset; nothing was changed.`);
  });

  describe('after a source is written anew beside others', () => {
    const install = (db: Db, tables: ReturnType<typeof syntheticDirectory>) => installDataset(db, tables, { datasetId: 'county', version: null, source: 'county.json' });
    const nextRowid = (db: Db, table: string) => (db.prepare(`SELECT coalesce(max(rowid), 0) FROM ${table}`).pluck().get() as number) + 1;

    it('names the row of its own that points nowhere, as it is numbered among the rows written after the others', () => {
      const { db } = desk();
      const tables = syntheticDirectory(30);
      tables.phone[17]!.service_id = 'no-such-service';
      const row = nextRowid(db, 'phone') + 17;
      const before = dbDigest(db);
      expect(() => install(db, tables)).toThrow(`A phone record (row ${row}) points to a service that is not in the dataset; nothing was changed.`);
      expect(dbDigest(db)).toBe(before);
    });

    it("refuses another source's row that points to a row the source no longer has", () => {
      const { db } = desk();
      const tables = syntheticDirectory(30);
      install(db, tables);
      const gone = tables.service.pop()!;
      for (const t of ['phone', 'schedule', 'language', 'service_at_location'] as const) tables[t] = tables[t].filter((r) => r.service_id !== gone.id);
      const storedId = db.prepare('SELECT id FROM service WHERE id LIKE ?').pluck().get(`%${String(gone.id)}`) as string;
      db.prepare(`INSERT INTO phone (id, service_id, number, atlas_source) VALUES ('bundled-phone', ?, '555-0103', '${BUNDLED_SOURCE}')`).run(storedId);
      const row = db.prepare("SELECT rowid FROM phone WHERE id = 'bundled-phone'").pluck().get();
      const before = dbDigest(db);
      expect(() => install(db, tables)).toThrow(`A phone record (row ${String(row)}) points to a service that is not in the dataset; nothing was changed.`);
      expect(dbDigest(db)).toBe(before);
    });

    it('takes a reference to a shared term another source brought, and refuses one to a term that is nowhere', () => {
      const { db } = desk();
      const term = db.prepare('SELECT id FROM taxonomy_term LIMIT 1').pluck().get() as string;
      const withTerm = (id: string) => {
        const tables = syntheticDirectory(30);
        tables.attribute.push({ id: 'attr-1', link_id: tables.service[0]!.id, link_entity: 'service', taxonomy_term_id: id });
        return tables;
      };
      expect(term).toBeTruthy();
      const row = nextRowid(db, 'attribute');
      expect(() => install(db, withTerm('no-such-term'))).toThrow(`A attribute record (row ${row}) points to a taxonomy_term that is not in the dataset; nothing was changed.`);
      install(db, withTerm(term));
      expect(db.prepare("SELECT taxonomy_term_id FROM attribute WHERE id LIKE '%attr-1'").pluck().get()).toBe(term);
    });
  });
});
