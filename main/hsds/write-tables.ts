import type { Db } from '../db/open';
import { HSDS_TABLES, type HsdsTable, type TableRows } from './tables';

const columnCache = new WeakMap<Db, Map<HsdsTable, string[]>>();

/** The table's columns as the database has them, so rows carrying unknown keys cannot inject SQL. */
export function tableColumns(db: Db, table: HsdsTable): string[] {
  let perDb = columnCache.get(db);
  if (!perDb) columnCache.set(db, (perDb = new Map()));
  let cols = perDb.get(table);
  if (!cols) {
    cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name);
    perDb.set(table, cols);
  }
  return cols;
}

function toSqlValue(v: unknown): string | number | bigint | null {
  if (v === undefined || v === null) return null;
  // An integral number is bound as an integer: bound as a double, a TEXT column (phone.extension) would store "42.0".
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : v;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return JSON.stringify(v);
}

/** Rows written between progress reports (and cancel checks) on a long install. */
export const WRITE_BATCH = 5_000;

/** Rows per INSERT statement: one call into SQLite per row costs more than binding the row does. */
const ROWS_PER_INSERT = 64;

/**
 * Replaces every HSDS table with the given rows, yielding the number of rows written so far every
 * WRITE_BATCH rows. Must run inside a transaction owned by the caller, which checks foreign keys before
 * it commits (install-dataset.ts), so a dataset with a dangling reference rolls back whole.
 */
export function* replaceHsdsTables(db: Db, tables: TableRows): Generator<number> {
  if (!db.inTransaction) throw new Error('replaceHsdsTables must run inside a transaction');
  for (const table of [...HSDS_TABLES].reverse()) db.prepare(`DELETE FROM ${table}`).run();
  let written = 0;
  for (const table of HSDS_TABLES) {
    const rows = tables[table];
    if (rows.length === 0) continue;
    const cols = tableColumns(db, table);
    const tuple = `(${cols.map(() => '?').join(', ')})`;
    const insert = (n: number) => db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${Array(n).fill(tuple).join(', ')}`);
    const many = insert(ROWS_PER_INSERT);
    const one = insert(1);
    const values: unknown[] = new Array(ROWS_PER_INSERT * cols.length);
    let i = 0;
    while (i < rows.length) {
      const n = Math.min(ROWS_PER_INSERT, rows.length - i, WRITE_BATCH - (written % WRITE_BATCH));
      if (n === ROWS_PER_INSERT) {
        let k = 0;
        for (let r = i; r < i + n; r++) {
          const row = rows[r]!;
          for (const c of cols) values[k++] = toSqlValue(row[c]);
        }
        many.run(values);
      } else {
        for (let r = i; r < i + n; r++) one.run(cols.map((c) => toSqlValue(rows[r]![c])));
      }
      i += n;
      written += n;
      if (written % WRITE_BATCH === 0) yield written;
    }
  }
  yield written;
}
