import Database from 'better-sqlite3';
import { migration001 } from '../../db/migrations/001_hsds_tables';
import { HSDS_TABLES, tableColumns, type HsdsTable } from '../../db/hsds-tables';

export interface ForeignKey {
  column: string;
  target: HsdsTable;
}

interface TableInfo {
  columns: Map<HsdsTable, string[]>;
  notNull: Map<HsdsTable, Set<string>>;
  foreignKeys: Map<HsdsTable, ForeignKey[]>;
}

let cache: TableInfo | null = null;

/** Columns and foreign keys of the HSDS tables, read from the migration that creates them: one source of truth. */
function tableInfo(): TableInfo {
  if (cache) return cache;
  const db = new Database(':memory:');
  try {
    db.exec(migration001.up);
    cache = {
      columns: new Map(HSDS_TABLES.map((t) => [t, tableColumns(db, t)])),
      notNull: new Map(
        HSDS_TABLES.map((t) => [t, new Set((db.prepare('SELECT name FROM pragma_table_info(?) WHERE "notnull" OR pk').all(t) as { name: string }[]).map((r) => r.name))]),
      ),
      foreignKeys: new Map(
        HSDS_TABLES.map((t) => [t, db.prepare('SELECT "from" AS column, "table" AS target FROM pragma_foreign_key_list(?)').all(t) as ForeignKey[]]),
      ),
    };
  } finally {
    db.close();
  }
  return cache;
}

export const foreignKeys = (): Map<HsdsTable, ForeignKey[]> => tableInfo().foreignKeys;
export const hsdsColumns = (table: HsdsTable): string[] => tableInfo().columns.get(table)!;

/** Fields the directory cannot hold a row without (NOT NULL or the key). */
export const storedRequired = (table: HsdsTable): Set<string> => tableInfo().notNull.get(table)!;
