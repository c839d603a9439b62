import type { Db } from '../../db/open';
import { HSDS_TABLES, SHARED_TABLES, tableColumns, type HsdsTable, type Row, type TableRows } from '../../db/hsds-tables';
import { storedId } from '../../sources/qualify-ids';
import { foreignKeys } from '../read/table-info';
import { latestInstall, type RowChanges } from './row-changes';
import { rowInserter, storedValues, WRITE_BATCH } from './write-tables';

/**
 * An update that changes more than this share of a source's rows is written in full (write-tables.ts):
 * rewriting most rows one by one, each through the tables' indexes, is slower than emptying and
 * filling them with the indexes dropped.
 */
const MOST_ROWS = 0.25;

/**
 * The changes the diff found (row-changes.ts), if they still say all a full rewrite of the source would
 * do: compared with these very rows, against the directory as it is now (no install since), covering the
 * shared taxonomy too when the source is the whole directory, and not most of the rows. Else null, and
 * the install writes every row. Must run inside the install's transaction.
 */
export function changesToWrite(db: Db, tables: TableRows, changes: RowChanges | null | undefined, alone: boolean): RowChanges | null {
  if (!changes || changes.tables !== tables || changes.basis !== latestInstall(db)) return null;
  if (alone && !changes.sharedComplete) return null;
  const rows = HSDS_TABLES.reduce((n, t) => n + tables[t].length, 0);
  return changes.size <= rows * MOST_ROWS ? changes : null;
}

const STALE = 'The directory changed after this dataset was compared with it; check the dataset again. Nothing was changed.';

/** Writes a row over the one with its id, in place (its rowid, so its place in the table, kept), as rowInserter would have written it. */
function rowUpdater(db: Db, table: HsdsTable, source: string, prefix: string): (row: Row) => void {
  const cols = tableColumns(db, table).filter((c) => c !== 'id');
  const owner = SHARED_TABLES.has(table) ? null : source;
  const update = db.prepare(`UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?${owner === null ? '' : ' AND atlas_source = ?'}`);
  const bind = storedValues(table, [...cols, 'id', ...(owner === null ? [] : ['atlas_source'])], owner, prefix);
  return (row) => {
    if (update.run(bind(row)).changes !== 1) throw new Error(STALE);
  };
}

/**
 * Writes only what an update changes (replaceHsdsTables' counterpart for `changes`): removes the rows
 * the dataset no longer has, writes changed rows over their old selves, adds new rows after the rest, and
 * leaves every other row, and the indexes, as they are. The shared taxonomy loses rows only when the
 * source is the whole directory (`alone`), as a full rewrite would. Each row written is given the source's
 * id prefix here (sources/qualify-ids.ts): the rest of a statewide dataset need not be. Yields the rows
 * written so far every WRITE_BATCH rows. Must run inside the caller's transaction, which checks the
 * references of what was written before it commits.
 */
export function* writeRowChanges(db: Db, changes: RowChanges, source: string, prefix: string, alone: boolean): Generator<number> {
  if (!db.inTransaction) throw new Error('writeRowChanges must run inside a transaction');
  let written = 0;
  for (const table of [...HSDS_TABLES].reverse()) {
    const shared = SHARED_TABLES.has(table);
    if (shared && !alone) continue;
    const remove = shared ? db.prepare(`DELETE FROM ${table} WHERE id = ?`) : db.prepare(`DELETE FROM ${table} WHERE id = ? AND atlas_source = ?`);
    for (const id of changes.byTable[table].remove) {
      if (remove.run(...(shared ? [id] : [storedId(prefix, id), source])).changes !== 1) throw new Error(STALE);
      if (++written % WRITE_BATCH === 0) yield written;
    }
  }
  for (const table of HSDS_TABLES) {
    const { write, add } = changes.byTable[table];
    if (write.length + add.length === 0) continue;
    const rows = changes.tables[table];
    const update = rowUpdater(db, table, source, prefix);
    for (const at of write) {
      update(rows[at]!);
      if (++written % WRITE_BATCH === 0) yield written;
    }
    const insert = rowInserter(db, table, source, !alone, prefix);
    for (const at of add) {
      insert(rows[at]!);
      if (++written % WRITE_BATCH === 0) yield written;
    }
  }
  yield written;
}

/**
 * The tables whose references these changes can break: those rows were written to, and those pointing
 * to a table rows were removed from. The rest were checked when they were installed and still point to
 * rows that are there.
 */
export function tablesToCheck(changes: RowChanges, alone: boolean): HsdsTable[] {
  const removedFrom = new Set(HSDS_TABLES.filter((t) => changes.byTable[t].remove.length > 0 && (alone || !SHARED_TABLES.has(t))));
  return HSDS_TABLES.filter((t) => {
    const { write, add } = changes.byTable[t];
    return write.length + add.length > 0 || (foreignKeys().get(t) ?? []).some((fk) => removedFrom.has(fk.target));
  });
}
