import type { Db } from '../../db/open';

/** Rows copied between two yields: a few tens of milliseconds of inserting on the build machines. */
const BATCH = 5_000;

/**
 * Copies every row of `from` into `to` in rowid order, BATCH rows at a time, yielding the running count
 * after each batch, then empties `from`. One statement for a whole table of a statewide directory holds
 * the thread for seconds; batches let the window answer between them (the caller's transaction spans
 * all of them, so nothing is visible until it commits).
 */
function* moveRows(db: Db, from: string, to: string): Generator<number, void, void> {
  const batchEnd = db.prepare(`SELECT max(rowid) AS last FROM (SELECT rowid FROM ${from} WHERE rowid > ? ORDER BY rowid LIMIT ${BATCH})`).pluck();
  const copy = db.prepare(`INSERT INTO ${to} SELECT * FROM ${from} WHERE rowid > ? AND rowid <= ? ORDER BY rowid`);
  let after = -Infinity;
  for (;;) {
    const last = batchEnd.get(after) as number | null;
    if (last === null) break;
    yield copy.run(after, last).changes;
    after = last;
  }
  db.exec(`DELETE FROM ${from}`);
}

/**
 * Exchanges a live table's rows with its previous_ copy, each keeping its order, through a temporary
 * table, in batches. Yields how many rows of the previous copy have been restored so far, so a rollback's
 * progress counts what it brings back. Runs inside the caller's write transaction.
 */
export function* swapWithPrevious(db: Db, table: string): Generator<number, void, void> {
  db.exec(`CREATE TEMP TABLE rollback_swap AS SELECT * FROM ${table} WHERE 0`);
  try {
    for (const _ of moveRows(db, table, 'rollback_swap')) yield 0;
    let restored = 0;
    for (const n of moveRows(db, `previous_${table}`, table)) yield (restored += n);
    for (const _ of moveRows(db, 'rollback_swap', `previous_${table}`)) yield restored;
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.rollback_swap');
  }
}
