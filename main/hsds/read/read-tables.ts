import type { ReadDb } from '../../db/open';
import { emptyTables, HSDS_TABLES, type TableRows } from '../../db/hsds-tables';
import { hsdsColumns } from './table-info';

/**
 * The installed directory as rows (in insertion order), every source's: `previous_` reads the version kept
 * for rollback. HSDS columns only: which source owns a row is the database's business, not the dataset's.
 */
export function readTables(db: ReadDb, prefix: '' | 'previous_' = ''): TableRows {
  const tables = emptyTables();
  for (const t of HSDS_TABLES) tables[t] = db.prepare(`SELECT ${hsdsColumns(t).join(', ')} FROM ${prefix}${t} ORDER BY rowid`).all() as TableRows[typeof t];
  return tables;
}
