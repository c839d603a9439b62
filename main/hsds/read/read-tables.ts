import type { ReadDb } from '../../db/open';
import { emptyTables, HSDS_TABLES, type TableRows } from '../../db/hsds-tables';

/** The installed directory as rows (in insertion order): `previous_` reads the version kept for rollback. */
export function readTables(db: ReadDb, prefix: '' | 'previous_' = ''): TableRows {
  const tables = emptyTables();
  for (const t of HSDS_TABLES) tables[t] = db.prepare(`SELECT * FROM ${prefix}${t} ORDER BY rowid`).all() as TableRows[typeof t];
  return tables;
}
