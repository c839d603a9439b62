import type { Db, ReadDb } from './open';

/** Rows copied or deleted between two yields: a few tens of milliseconds of writing on the build machines. */
const BATCH = 5_000;

/**
 * The rowid ranges (after, last] that cover the rows of `table` matching `where`, `size` matching rows
 * each, in rowid order: each range is read, copied or checked by a statement of its own, with a yield
 * between, and no statement stays open across the yields (the app's reading connection answers searches
 * meanwhile). Each next range is asked for once the caller has done the last, so rows it deleted are not met.
 */
export function* rowidRanges(db: ReadDb, table: string, size: number, where = '1', params: unknown[] = []): Generator<[after: number, last: number], void, void> {
  const end = db.prepare(`SELECT max(rowid) FROM (SELECT rowid FROM ${table} WHERE rowid > ? AND (${where}) ORDER BY rowid LIMIT ${size})`).pluck();
  for (let after = -Infinity; ; ) {
    const last = end.get(after, ...params) as number | null;
    if (last === null) return;
    yield [after, last];
    after = last;
  }
}

/**
 * Copies the rows of `from` that match `where` into `to` (same columns), in rowid order, BATCH rows at a
 * time, yielding how many each batch copied. One INSERT … SELECT over a table of a statewide directory
 * holds the thread for seconds; in batches the window answers between them, and the caller's transaction
 * around all of them still makes the copy whole or nothing.
 */
export function* copyRowsInBatches(db: Db, from: string, to: string, where = '1', params: unknown[] = []): Generator<number, void, void> {
  const copy = db.prepare(`INSERT INTO ${to} SELECT * FROM ${from} WHERE rowid > ? AND rowid <= ? AND (${where}) ORDER BY rowid`);
  for (const [after, last] of rowidRanges(db, from, BATCH, where, params)) yield copy.run(after, last, ...params).changes;
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
