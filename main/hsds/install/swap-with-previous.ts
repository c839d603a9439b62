import type { Db } from '../../db/open';
import { copyRowsInBatches } from '../../db/rows-in-batches';

/**
 * Exchanges a live table's rows with its previous_ copy, each keeping its order, through a temporary
 * table, copying in batches so the window answers between them. Yields how many rows of the previous copy
 * have been restored so far, so a rollback's progress counts what it brings back. Runs inside the
 * caller's write transaction. (An emptying DELETE with no WHERE is one quick step in SQLite.)
 */
export function* swapWithPrevious(db: Db, table: string): Generator<number, void, void> {
  db.exec(`CREATE TEMP TABLE rollback_swap AS SELECT * FROM ${table} WHERE 0`);
  try {
    for (const _ of copyRowsInBatches(db, table, 'rollback_swap')) yield 0;
    db.exec(`DELETE FROM ${table}`);
    let restored = 0;
    for (const n of copyRowsInBatches(db, `previous_${table}`, table)) yield (restored += n);
    db.exec(`DELETE FROM previous_${table}`);
    for (const _ of copyRowsInBatches(db, 'rollback_swap', `previous_${table}`)) yield restored;
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.rollback_swap');
  }
}
