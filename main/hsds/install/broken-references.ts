import type { Db } from '../../db/open';
import { HSDS_TABLES, type HsdsTable } from '../../db/hsds-tables';
import { foreignKeys } from '../read/table-info';
import { rowidRanges } from '../../db/rows-in-batches';

/** Rows looked at between two yields: some tens of milliseconds on the build machines. */
const BATCH = 20_000;

/**
 * Validation has already resolved every reference; this is the database's own last word before commit
 * (the bulk write checks foreign keys here, once, instead of per row). The same test as SQLite's
 * foreign_key_check, a range of rows at a time with a yield between ranges, so a statewide install
 * answers the window meanwhile. Throws on the first dangling reference, naming the table and row.
 */
export function* refuseBrokenReferencesSteps(db: Db, tables: readonly HsdsTable[] = HSDS_TABLES): Generator<void, void, void> {
  for (const table of tables) {
    for (const { column, target } of foreignKeys().get(table) ?? []) {
      const dangling = db
        .prepare(`SELECT c.rowid FROM ${table} c WHERE c.rowid > ? AND c.rowid <= ? AND c.${column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${target} p WHERE p.id = c.${column}) LIMIT 1`)
        .pluck();
      for (const [after, last] of rowidRanges(db, table, BATCH)) {
        const rowid = dangling.get(after, last) as number | undefined;
        if (rowid !== undefined) throw new Error(`A ${table} record (row ${rowid}) points to a ${target} that is not in the dataset; nothing was changed.`);
        yield;
      }
    }
  }
}
