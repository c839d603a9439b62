import type { ReadDb } from '../../db/open';
import type { HsdsTable } from '../../db/hsds-tables';

/**
 * Whether a dataset's value, once written (write-tables.ts binds it), would read back exactly as the
 * value already stored. The diff's own equality is looser ("3" equals 3, "" equals null: what a reader
 * sees); an update that skips rows it calls equal must not leave a value stored in another form than a
 * full rewrite would, so a row is skipped only when its every column is stored the same. When unsure
 * (a fraction written into a TEXT column, text SQLite may or may not turn into a number), it says no,
 * and the row is written again.
 */
export type StoredEqual = (value: unknown, stored: unknown) => boolean;

type Affinity = 'text' | 'numeric' | 'blob';

/** SQLite's rules for a column's affinity from its declared type (INTEGER, REAL and NUMERIC all convert text that reads as a number). */
function affinityOf(declared: string): Affinity {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'numeric';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'text';
  if (t === '' || t.includes('BLOB')) return 'blob';
  return 'numeric';
}

/** The value as write-tables.ts binds it, integers as numbers (read back, SQLite's integers are numbers too). */
function bound(v: unknown): string | number | null | undefined {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'object') return JSON.stringify(v);
  return undefined;
}

function sameWhenStored(affinity: Affinity, value: unknown, stored: unknown): boolean {
  const v = bound(value);
  if (v === undefined) return false;
  if (v === null) return stored === null;
  if (affinity === 'blob') return stored === v;
  if (affinity === 'text') return typeof v === 'string' ? stored === v : Number.isSafeInteger(v) && stored === String(v);
  if (typeof v === 'number') return stored === v;
  // Text in a numeric column is stored as a number when it reads as one; only its canonical spelling is trusted to.
  const n = Number(v);
  return Number.isFinite(n) && String(n) === v ? stored === n : stored === v;
}

/** The comparison for each of these columns of a table, in their order, as this database declares them. */
export function storedEqualColumns(db: ReadDb, table: HsdsTable, columns: readonly string[]): StoredEqual[] {
  const byColumn = new Map((db.prepare('SELECT name, type FROM pragma_table_info(?)').all(table) as { name: string; type: string }[]).map((c) => [c.name, affinityOf(c.type)]));
  return columns.map((c) => {
    const affinity = byColumn.get(c);
    return affinity === undefined ? () => false : (value, stored) => sameWhenStored(affinity, value, stored);
  });
}
