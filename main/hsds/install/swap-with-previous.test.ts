import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { tempDb } from '../../test-support/temp-db';
import { swapWithPrevious } from './swap-with-previous';

describe('swapWithPrevious', () => {
  let t: ReturnType<typeof tempDb>;
  let db: Db;
  beforeEach(() => {
    t = tempDb();
    db = t.db;
    db.exec('CREATE TABLE note (id TEXT PRIMARY KEY, body TEXT); CREATE TABLE previous_note (id TEXT PRIMARY KEY, body TEXT)');
  });
  afterEach(() => t.cleanup());

  const rows = (table: string) => db.prepare(`SELECT id, body FROM ${table} ORDER BY rowid`).all() as { id: string; body: string }[];
  const fill = (table: string, n: number, tag: string) => {
    const insert = db.prepare(`INSERT INTO ${table} (id, body) VALUES (?, ?)`);
    // Ids out of sorted order, so the test sees whether the insertion order is what is kept.
    db.transaction(() => {
      for (let i = n - 1; i >= 0; i--) insert.run(`${tag}-${i}`, `${tag} body ${i}`);
    })();
  };

  it('exchanges the live and previous rows, each keeping its order, in batches that report what is restored', () => {
    fill('note', 7_000, 'live');
    fill('previous_note', 12_000, 'old');
    const live = rows('note');
    const previous = rows('previous_note');

    const reports = [...db.transaction(() => [...swapWithPrevious(db, 'note')])()];

    expect(rows('note')).toEqual(previous);
    expect(rows('previous_note')).toEqual(live);
    // The 12,000 previous rows come back in three batches, and the count of what is restored only grows to them.
    const restoring = [...new Set(reports)].filter((n) => n > 0);
    expect(restoring).toEqual([5_000, 10_000, 12_000]);
    expect(reports.length).toBeGreaterThanOrEqual(3 + 2 + 2);
  });

  it('swapped twice gives back what was there, and leaves no temporary table', () => {
    fill('note', 3, 'live');
    fill('previous_note', 0, 'old');
    const live = rows('note');
    db.transaction(() => {
      for (const _ of swapWithPrevious(db, 'note'));
      expect(rows('note')).toEqual([]);
      for (const _ of swapWithPrevious(db, 'note'));
    })();
    expect(rows('note')).toEqual(live);
    expect(rows('previous_note')).toEqual([]);
    expect(db.prepare("SELECT count(*) AS n FROM temp.sqlite_master WHERE name = 'rollback_swap'").pluck().get()).toBe(0);
  });
});
