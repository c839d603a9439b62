import type { ReadDb } from '../../db/open';
import { HSDS_TABLES, SHARED_TABLES, type HsdsTable, type Row, type TableRows } from '../../db/hsds-tables';
import { hsdsColumns } from '../read/table-info';
import { storedEqualColumns, type StoredEqual } from './stored-form';

/**
 * The rows an update of an installed source would actually change, per table, found by the diff as it
 * compares every row (diff.ts) and used by the install to write only those (write-changes.ts) instead of
 * deleting and inserting every row of a statewide directory. One fact, computed once: what the diff
 * found is what is written. It holds only while the directory is as the diff read it (`basis`, the
 * latest install then) and while the rows to install are the ones compared (`tables`).
 */
export interface TableChanges {
  /** Positions in the dataset's table of rows already stored under their id, to be overwritten in place. */
  write: number[];
  /** Positions of rows not stored yet, to be added after the others. */
  add: number[];
  /** Ids, as the publisher wrote them, of stored rows the dataset no longer has. */
  remove: string[];
}

export interface RowChanges {
  tables: TableRows;
  /** The latest install (dataset_install id) when the source's rows were read. */
  basis: number | null;
  byTable: Record<HsdsTable, TableChanges>;
  /**
   * The shared tables (taxonomy) held only the rows the diff read: an install of the whole directory
   * (write-tables.ts, `alone`) empties them, so only then do these changes say all it would do to them.
   */
  sharedComplete: boolean;
  /** Rows to write or remove, all tables together. */
  size: number;
}

/** The latest install, read before a source's rows: finish() refuses changes read across another install's commit. */
export const latestInstall = (db: ReadDb) => (db.prepare('SELECT max(id) FROM dataset_install').pluck().get() as number | null) ?? null;
const rowCount = (db: ReadDb, table: HsdsTable) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/**
 * Collects one table's changes as the diff walks the dataset's rows in order. Writing in place and
 * adding at the end leaves a table in the same order as a full rewrite only when the rows kept are in
 * the order they are stored in and every new row comes after them; otherwise the table is `unordered`
 * and the whole update is written in full, so a rollback, an export or a listing sees the same order
 * either way.
 */
export interface TableChangeCollector {
  /** Whether each column (hsdsColumns order) of a row would be stored exactly as the stored value (stored-form.ts). */
  same: StoredEqual[];
  /** Whether the dataset's row is stored exactly as it would be written, with the stored row as an object. */
  exactly(next: Row, stored: Row): boolean;
  /** A row stored under its id, `exact` when stored exactly as it would be written; says `exact` back. */
  kept(position: number, storedPosition: number, exact: boolean): boolean;
  added(position: number): void;
  removed(id: string): void;
}

export interface ChangeCollector {
  table(table: HsdsTable): TableChangeCollector;
  /** The changes found, or null when they cannot stand for a full rewrite (see TableChangeCollector). */
  finish(next: TableRows, basis: number | null): RowChanges | null;
}

export function changeCollector(db: ReadDb, current: Pick<TableRows, 'taxonomy' | 'taxonomy_term'>): ChangeCollector {
  const byTable = Object.fromEntries(HSDS_TABLES.map((t) => [t, { write: [], add: [], remove: [] }])) as unknown as Record<HsdsTable, TableChanges>;
  let ordered = true;
  return {
    table(table) {
      const changes = byTable[table];
      const columns = hsdsColumns(table);
      const same = storedEqualColumns(db, table, columns);
      let lastKept = -1;
      return {
        same,
        exactly: (next, stored) => columns.every((c, i) => same[i]!(next[c], stored[c])),
        kept(position, storedPosition, exact) {
          if (storedPosition < lastKept || changes.add.length > 0) ordered = false;
          lastKept = storedPosition;
          if (!exact) changes.write.push(position);
          return exact;
        },
        added: (position) => void changes.add.push(position),
        removed: (id) => void changes.remove.push(id),
      };
    },
    finish(next, basis) {
      if (!ordered || latestInstall(db) !== basis) return null;
      const sharedComplete = [...SHARED_TABLES].every((t) => rowCount(db, t) === (current as Partial<TableRows>)[t]!.length);
      const size = HSDS_TABLES.reduce((n, t) => n + byTable[t].write.length + byTable[t].add.length + byTable[t].remove.length, 0);
      return { tables: next, basis, byTable, sharedComplete, size };
    },
  };
}
