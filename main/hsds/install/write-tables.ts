import type { Db, ReadDb } from '../../db/open';
import { HSDS_TABLES, SHARED_TABLES, tableColumns, type HsdsTable, type Row, type TableRows } from '../../db/hsds-tables';
import { deleteRowsInBatches } from '../../db/rows-in-batches';
import { storedForms } from '../../sources/qualify-ids';

export function toSqlValue(v: unknown): string | number | bigint | null {
  if (v === undefined || v === null) return null;
  // An integral number is bound as an integer: bound as a double, a TEXT column (phone.extension) would store "42.0".
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : v;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return JSON.stringify(v);
}

/**
 * Writes one of a source's rows, as published, into `table` as stored: `cols` (every column the database
 * has, unless columnsToWrite left out some the rows never fill), its ids given the source's `prefix`
 * (sources/qualify-ids.ts), the owner in atlas_source (none for the shared taxonomy). With `upsert`, a
 * shared row already there takes the new wording in place, whole (a term that another source brought too).
 */
export function rowInserter(db: Db, table: HsdsTable, source: string, upsert: boolean, prefix: string, cols = tableColumns(db, table)): (row: Row) => void {
  const owner = SHARED_TABLES.has(table) ? null : source;
  // Every column takes the new row's value, those it leaves out their NULL (columnsToWrite) as well.
  const onConflict = SHARED_TABLES.has(table) && upsert ? ` ON CONFLICT (id) DO UPDATE SET ${tableColumns(db, table).filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}` : '';
  const insert = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})${onConflict}`);
  const bind = storedValues(table, cols, owner, prefix);
  return (row) => void insert.run(bind(row));
}

/**
 * The columns an insert of `rows` into `table` binds: all but those no row fills whose default is NULL,
 * which SQLite stores for a column an insert leaves out just as for a NULL bound to it. A directory fills
 * a third to a half of the HSDS columns; binding the rest, and looking each up in every row, was a sixth
 * to a fifth of a statewide first import's inserts.
 */
export function columnsToWrite(db: ReadDb, table: HsdsTable, rows: readonly Row[]): string[] {
  const nullByDefault = new Set(db.prepare('SELECT name FROM pragma_table_info(?) WHERE dflt_value IS NULL').pluck().all(table) as string[]);
  const unfilled = new Set(tableColumns(db, table).filter((c) => c !== 'atlas_source' && nullByDefault.has(c)));
  for (const row of rows) {
    for (const c of unfilled) if (row[c] !== null && row[c] !== undefined) unfilled.delete(c);
    if (unfilled.size === 0) break;
  }
  return tableColumns(db, table).filter((c) => !unfilled.has(c));
}

/**
 * A row's values for `cols`, in order, as stored: ids with the source's prefix, the owner for every
 * atlas_source, each value as toSqlValue binds it. The same array each time, filled anew.
 */
export function storedValues(table: HsdsTable, cols: readonly string[], owner: string | null, prefix: string): (row: Row) => unknown[] {
  const forms = storedForms(table, cols, prefix);
  const owned = cols.map((c) => c === 'atlas_source');
  const values: unknown[] = new Array(cols.length);
  return (row) => {
    for (let c = 0; c < cols.length; c++) {
      const value = row[cols[c]!];
      const form = forms[c];
      values[c] = owned[c] ? owner : toSqlValue(form ? form(value, row) : value);
    }
    return values;
  };
}

/**
 * Rows written between progress reports (and cancel checks) on a long install: inserting beside another
 * source's rows, each insert updates the tables' indexes, and 5,000 took 0.1-0.3 s.
 */
export const WRITE_BATCH = 2_000;

/**
 * The secondary indexes of these HSDS tables, as the database defines them (the search's included). An
 * install drops them and builds them again after the rows are in: building an index from all rows at
 * once is quicker than updating it on every insert.
 */
function secondaryIndexes(db: ReadDb, tables: readonly HsdsTable[]): { name: string; table: HsdsTable; sql: string }[] {
  if (tables.length === 0) return [];
  return db.prepare(`SELECT name, tbl_name AS "table", sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`).all(...tables) as {
    name: string;
    table: HsdsTable;
    sql: string;
  }[];
}

/**
 * Whether every column of `index` is empty in every row to be written, and (unless the table is emptied
 * whole) in every row of the source's to be deleted: the entries those rows add or take away are then all
 * in one place, in the order of their rowids, which costs less than reading the whole table again to
 * build the index (a column the publisher never fills: a phone's contact, a language's phone).
 */
function emptyIn(db: ReadDb, index: { name: string; table: HsdsTable }, rows: readonly Row[], deleted: string | null): boolean {
  const columns = db.prepare('SELECT name FROM pragma_index_info(?)').pluck().all(index.name) as (string | null)[];
  if (columns.length === 0 || !columns.every((c) => c !== null && rows.every((row) => row[c] == null))) return false;
  if (deleted === null) return true;
  const filled = columns.map((c) => `${c} IS NOT NULL`).join(' OR ');
  return db.prepare(`SELECT 1 FROM ${index.table} WHERE (${filled}) AND atlas_source IS ? LIMIT 1`).get(deleted) === undefined;
}

/**
 * The tables whose indexes are quicker built again than updated row by row: those the rows to write will
 * be most of, outnumbering the rows the other sources keep there (and the shared taxonomy's).
 */
function mostlyWritten(db: ReadDb, tables: TableRows, source: string): HsdsTable[] {
  return HSDS_TABLES.filter((t) => {
    if (tables[t].length === 0) return false;
    // The shared taxonomy has no owner: all of it is kept.
    const kept = db.prepare(`SELECT count(*) FROM ${t} WHERE ? OR atlas_source IS NOT ?`).pluck().get(SHARED_TABLES.has(t) ? 1 : 0, source) as number;
    return tables[t].length > kept;
  });
}

/**
 * Replaces a source's rows with the given ones, as published, their ids given `prefix` as they are written
 * (sources/qualify-ids.ts), yielding the number of rows written so far every WRITE_BATCH rows (and between
 * batches of the rows it deletes and between the indexes it builds again). The shared taxonomy is added to, a term a source
 * brings again taking its newer wording. When the source is the whole directory (`alone`), every table
 * is emptied. A table the source's rows will be most of has its secondary indexes dropped, before its old
 * rows are deleted, and built again after the new ones are in: building an index from all rows at once is
 * quicker than updating it on every delete and insert, but not worth rebuilding a large directory's
 * indexes for a small source; nor one whose columns the rows written and deleted all leave empty (emptyIn).
 * Must run inside a transaction owned by the caller, which checks foreign keys before it commits
 * (install-dataset.ts), so a dataset with a dangling reference rolls back whole; dropped indexes come back
 * with the rollback too.
 */
export function* replaceHsdsTables(db: Db, tables: TableRows, source: string, prefix: string, alone: boolean): Generator<number> {
  if (!db.inTransaction) throw new Error('replaceHsdsTables must run inside a transaction');
  db.pragma('defer_foreign_keys = ON');
  const indexes = secondaryIndexes(db, alone ? HSDS_TABLES : mostlyWritten(db, tables, source)).filter((index) => !emptyIn(db, index, tables[index.table], alone || SHARED_TABLES.has(index.table) ? null : source));
  for (const { name } of indexes) db.exec(`DROP INDEX "${name.replace(/"/g, '""')}"`);
  let written = 0;
  for (const table of [...HSDS_TABLES].reverse()) {
    // Emptying a whole table is one quick step in SQLite; deleting one source's rows is row by row.
    if (alone) db.prepare(`DELETE FROM ${table}`).run();
    else if (!SHARED_TABLES.has(table)) for (const _ of deleteRowsInBatches(db, table, 'atlas_source = ?', [source])) yield written;
  }
  for (const table of HSDS_TABLES) {
    const rows = tables[table];
    if (rows.length === 0) continue;
    const insert = rowInserter(db, table, source, !alone, prefix, columnsToWrite(db, table, rows));
    for (const row of rows) {
      insert(row);
      if (++written % WRITE_BATCH === 0) yield written;
    }
  }
  for (const { sql } of indexes) {
    db.exec(sql);
    yield written;
  }
  yield written;
}
