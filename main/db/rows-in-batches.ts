import type { Db } from './open';

/** Rows copied or deleted between two yields: a few tens of milliseconds of writing on the build machines. */
const BATCH = 5_000;

/**
 * Copies the rows of `from` that match `where` into `to` (same columns), in rowid order, BATCH rows at a
 * time, yielding how many each batch copied. One INSERT … SELECT over a table of a statewide directory
 * holds the thread for seconds; in batches the window answers between them, and the caller's transaction
 * around all of them still makes the copy whole or nothing.
 */
export function* copyRowsInBatches(db: Db, from: string, to: string, where = '1', params: unknown[] = []): Generator<number, void, void> {
  const batchEnd = db.prepare(`SELECT max(rowid) FROM (SELECT rowid FROM ${from} WHERE rowid > ? AND (${where}) ORDER BY rowid LIMIT ${BATCH})`).pluck();
  const copy = db.prepare(`INSERT INTO ${to} SELECT * FROM ${from} WHERE rowid > ? AND rowid <= ? AND (${where}) ORDER BY rowid`);
  let after = -Infinity;
  for (;;) {
    const last = batchEnd.get(after, ...params) as number | null;
    if (last === null) return;
    yield copy.run(after, last, ...params).changes;
    after = last;
  }
}

/** Deletes the rows of `table` that match `where`, BATCH rows at a time, yielding how many each batch deleted. */
export function* deleteRowsInBatches(db: Db, table: string, where: string, params: unknown[] = []): Generator<number, void, void> {
  const remove = db.prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${where} LIMIT ${BATCH})`);
  for (;;) {
    const n = remove.run(...params).changes;
    if (n === 0) return;
    yield n;
  }
}
