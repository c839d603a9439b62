import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb } from '../test-support/temp-db';
import type { Db } from './open';
import { copyRowsInBatches, deleteRowsInBatches } from './rows-in-batches';

describe('rows in batches', () => {
  let t: ReturnType<typeof tempDb>;
  let db: Db;
  beforeEach(() => {
    t = tempDb();
    db = t.db;
    db.exec('CREATE TABLE item (id TEXT PRIMARY KEY, owner TEXT); CREATE TABLE copy_item (id TEXT PRIMARY KEY, owner TEXT)');
    const insert = db.prepare('INSERT INTO item (id, owner) VALUES (?, ?)');
    // Ids in falling order and two owners interleaved: the copy must keep insertion order and the filter.
    db.transaction(() => {
      for (let i = 12_999; i >= 0; i--) insert.run(`item-${i}`, i % 2 === 0 ? 'a' : 'b');
    })();
  });
  afterEach(() => t.cleanup());

  const ids = (table: string, owner?: string) =>
    (owner ? db.prepare(`SELECT id FROM ${table} WHERE owner = ? ORDER BY rowid`).pluck().all(owner) : db.prepare(`SELECT id FROM ${table} ORDER BY rowid`).pluck().all()) as string[];

  it('copies the matching rows in rowid order, a batch at a time', () => {
    const batches = db.transaction(() => [...copyRowsInBatches(db, 'item', 'copy_item', 'owner = ?', ['a'])])();
    expect(ids('copy_item')).toEqual(ids('item', 'a'));
    expect(batches).toEqual([5_000, 1_500]);
  });

  it('copies a whole table when no filter is given', () => {
    const batches = db.transaction(() => [...copyRowsInBatches(db, 'item', 'copy_item')])();
    expect(ids('copy_item')).toEqual(ids('item'));
    expect(batches).toEqual([5_000, 5_000, 3_000]);
  });

  it('deletes only the matching rows, a batch at a time', () => {
    const kept = ids('item', 'b');
    const batches = db.transaction(() => [...deleteRowsInBatches(db, 'item', 'owner = ?', ['a'])])();
    expect(batches).toEqual([5_000, 1_500]);
    expect(ids('item')).toEqual(kept);
  });
});
