import type { Db } from '../../db/open';
import { HSDS_TABLES, SHARED_TABLES, type HsdsTable, type Row, type TableRows } from '../../db/hsds-tables';
import { foreignKeys, type ForeignKey } from '../read/table-info';
import { rowidRanges } from '../../db/rows-in-batches';
import { toSqlValue } from './write-tables';
import { storedForms } from '../../sources/qualify-ids';

/** Rows looked at between two yields: some tens of milliseconds on the build machines. */
const BATCH = 20_000;

/** A row of `c` whose `column` names no row of its target, as SQLite's foreign_key_check tests it. */
const dangling = ({ column, target }: ForeignKey) => `(c.${column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${target} p WHERE p.id = c.${column}))`;

/**
 * Validation has already resolved every reference; this is the database's own last word before commit
 * (the bulk write checks foreign keys here, once, instead of per row). The same test as SQLite's
 * foreign_key_check, a range of rows at a time with a yield between ranges, so a statewide install
 * answers the window meanwhile. Throws on the first dangling reference, naming the table and row.
 */
export function* refuseBrokenReferencesSteps(db: Db, tables: readonly HsdsTable[] = HSDS_TABLES): Generator<void, void, void> {
  for (const table of tables) {
    for (const key of foreignKeys().get(table) ?? []) {
      const first = db.prepare(`SELECT c.rowid FROM ${table} c WHERE c.rowid > ? AND c.rowid <= ? AND ${dangling(key)} LIMIT 1`).pluck();
      for (const [after, last] of rowidRanges(db, table, BATCH)) {
        const rowid = first.get(after, last) as number | undefined;
        if (rowid !== undefined) throw new Error(`A ${table} record (row ${rowid}) points to a ${key.target} that is not in the dataset; nothing was changed.`);
        yield;
      }
    }
  }
}

/**
 * refuseBrokenReferencesSteps after a source's rows were all written anew (write-tables.ts): the same
 * verdict, and the same error, sooner. Its own rows are checked against the ids it wrote, held here, a
 * reference to none of them being looked up in the table; in SQLite (a look-up in an id's index per
 * reference, over a second at 100,000 services) only the rows it did not write: other sources' and the
 * shared taxonomy's. Once anything dangles, every row is checked as refuseBrokenReferencesSteps does, which
 * throws naming the first. `published` are the rows as their publisher wrote them, written with `prefix` on
 * their ids (sources/qualify-ids.ts).
 */
export function* refuseBrokenReferencesOfRewriteSteps(db: Db, published: TableRows, prefix: string, source: string): Generator<void, void, void> {
  if ((yield* writtenRowsDangle(db, published, prefix)) || (yield* othersDangle(db, published, source))) yield* refuseBrokenReferencesSteps(db);
}

/**
 * Whether a source's own rows, all just written, hold a reference to an id that is not in its table. Ids
 * and the references to them are given the source's prefix alike (a reference to the shared taxonomy and
 * its ids alike keep none), so a published reference that names a published id names that row as stored
 * too: compared as published, the texts validation has already hashed are looked up again rather than
 * every stored id made anew. Ids and references are TEXT: a string is stored as itself; anything else is
 * left to SQLite to compare, as is a reference to no row written here.
 */
function* writtenRowsDangle(db: Db, published: TableRows, prefix: string): Generator<void, boolean, void> {
  const idSets = new Map<HsdsTable, Set<string>>();
  const idsOf = (table: HsdsTable) => {
    let ids = idSets.get(table);
    if (!ids) {
      idSets.set(table, (ids = new Set()));
      for (const { id } of published[table]) if (typeof id === 'string') ids.add(id);
    }
    return ids;
  };
  let looked = 0;
  for (const table of HSDS_TABLES) {
    if (SHARED_TABLES.has(table)) continue;
    const rows = published[table] as Row[];
    for (const { column, target } of foreignKeys().get(table) ?? []) {
      const ids = idsOf(target);
      const stored = storedForms(table, [column], prefix)[0];
      const inTable = db.prepare(`SELECT 1 FROM ${target} WHERE id = ?`).pluck();
      // Rows that follow each other often point to the same row not written here (a term of the shared taxonomy): it is looked up once.
      let found: unknown;
      for (let p = 0; p < rows.length; p++) {
        if (++looked % BATCH === 0) yield;
        const v = rows[p]![column];
        if (v === null || v === undefined || (typeof v === 'string' && ids.has(v))) continue;
        const value = toSqlValue(stored ? stored(v, rows[p]!) : v);
        if (value === found) continue;
        if (inTable.get(value) === undefined) return true;
        found = value;
      }
    }
  }
  return false;
}

/**
 * Whether a row the rewrite did not write (another source's, the shared taxonomy's) holds a reference to
 * an id that is not in its table. The rewrite wrote `published` rows of each owned table after every
 * other row (write-tables.ts), so only the rows before those are looked at: reading the rows just
 * written to pass them over took most of this check.
 */
function* othersDangle(db: Db, published: TableRows, source: string): Generator<void, boolean, void> {
  for (const table of HSDS_TABLES) {
    const keys = foreignKeys().get(table) ?? [];
    if (keys.length === 0) continue;
    const kept = SHARED_TABLES.has(table) ? null : lastRowidBefore(db, table, published[table].length);
    if (kept === undefined) continue;
    const any = db.prepare(`SELECT 1 FROM ${table} c WHERE c.rowid > ? AND c.rowid <= ? AND c.atlas_source IS NOT ? AND (${keys.map(dangling).join(' OR ')}) LIMIT 1`).pluck();
    for (const [after, last] of kept === null ? rowidRanges(db, table, BATCH) : rowidRanges(db, table, BATCH, 'rowid <= ?', [kept])) {
      if (any.get(after, last, source) !== undefined) return true;
      yield;
    }
  }
  return false;
}

/** The rowid of the last row before a table's last `written`, found by stepping back over theirs; undefined when there is none. */
const lastRowidBefore = (db: Db, table: HsdsTable, written: number) =>
  db.prepare(`SELECT rowid FROM ${table} ORDER BY rowid DESC LIMIT 1 OFFSET ?`).pluck().get(written) as number | undefined;
