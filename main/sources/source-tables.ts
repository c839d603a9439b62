import { emptyTables, HSDS_TABLES, SHARED_TABLES, type HsdsTable, type Row, type TableRows } from '../db/hsds-tables';
import type { ReadDb } from '../db/open';
import { hsdsColumns } from '../hsds/read/table-info';
import { unqualifyArrays, unqualifyRows } from './qualify-ids';
import { runSteps } from '../jobs/steps';
import { rowidRanges } from '../db/rows-in-batches';
import { storedSource } from './source-target';

/** The shared taxonomy rows a source's rows use: its attributes' terms, their parents, and their taxonomies. */
function termsUsed(db: ReadDb, termIds: Iterable<unknown>, alsoIds: ReadonlySet<string> = new Set()): Pick<TableRows, 'taxonomy' | 'taxonomy_term'> {
  const terms = new Map((db.prepare(`SELECT ${hsdsColumns('taxonomy_term').join(', ')} FROM taxonomy_term ORDER BY rowid`).all() as TableRows['taxonomy_term']).map((r) => [String(r.id), r]));
  const used = new Set<string>();
  const use = (id: unknown) => {
    for (let at = id == null ? undefined : String(id); at !== undefined && !used.has(at) && terms.has(at); at = terms.get(at)!.parent_id == null ? undefined : String(terms.get(at)!.parent_id)) used.add(at);
  };
  for (const id of termIds) use(id);
  for (const id of alsoIds) use(id);
  const taxonomy_term = [...terms.values()].filter((r) => used.has(String(r.id)));
  const taxonomies = new Set(taxonomy_term.map((r) => r.taxonomy_id).filter((id) => id != null).map(String));
  const taxonomy = (db.prepare(`SELECT ${hsdsColumns('taxonomy').join(', ')} FROM taxonomy ORDER BY rowid`).all() as TableRows['taxonomy']).filter((r) => taxonomies.has(String(r.id)));
  return { taxonomy, taxonomy_term };
}

/** Rows read between two yields of a long read: some tens of milliseconds. */
const PAGE = 10_000;

/**
 * One source's rows with their ids as its publisher wrote them, and the shared terms they use (with
 * `alsoTerms`, those terms too: a diff compares the terms a dataset brings with the ones already here).
 * An unknown source has no rows. Read a page at a time, yielding between pages, each page a statement
 * of its own (the app's reading connection answers searches between them).
 */
export function* readSourceTablesSteps(db: ReadDb, name: string, alsoTerms?: ReadonlySet<string>): Generator<void, TableRows, void> {
  const source = storedSource(db, name);
  const tables = emptyTables();
  if (!source) return { ...tables, ...termsUsed(db, tables.attribute.map((a) => a.taxonomy_term_id), alsoTerms) };
  for (const t of HSDS_TABLES) {
    if (SHARED_TABLES.has(t)) continue;
    const page = db.prepare(`SELECT ${hsdsColumns(t).join(', ')} FROM ${t} WHERE rowid > ? AND rowid <= ? AND atlas_source = ? ORDER BY rowid`);
    const rows: Row[] = [];
    for (const [after, last] of rowidRanges(db, t, PAGE, 'atlas_source = ?', [name])) {
      for (const row of unqualifyRows(t, page.all(after, last, name) as Row[], source.idPrefix)) rows.push(row);
      yield;
    }
    tables[t] = rows as TableRows[typeof t];
  }
  return { ...tables, ...termsUsed(db, tables.attribute.map((a) => a.taxonomy_term_id), alsoTerms) };
}

/** The shared rows readSourceTablesSteps gives with a source's own, without reading those. */
export function sourceTermsUsed(db: ReadDb, name: string, alsoTerms?: ReadonlySet<string>): Pick<TableRows, 'taxonomy' | 'taxonomy_term'> {
  const used = storedSource(db, name) ? db.prepare('SELECT DISTINCT taxonomy_term_id FROM attribute WHERE atlas_source = ?').pluck().all(name) : [];
  return termsUsed(db, used, alsoTerms);
}

/**
 * One table of a source's rows as arrays of hsdsColumns(table), ids as its publisher wrote them, a page
 * at a time in the order readSourceTablesSteps gives them: a comparison that reads every stored value
 * once need not hold them all, nor make an object of each.
 */
export function* sourceRowPages(db: ReadDb, table: HsdsTable, name: string, prefix: string, pageSize = PAGE): Generator<unknown[][], void, void> {
  const columns = hsdsColumns(table);
  // Each page says where the next starts (its last rowid, read as a last column and taken off): finding the
  // pages first (rowidRanges) read every row of the table twice.
  const page = db.prepare(`SELECT ${columns.join(', ')}, rowid FROM ${table} WHERE rowid > ? AND atlas_source = ? ORDER BY rowid LIMIT ${pageSize}`).raw();
  for (let after = -Infinity; ; ) {
    const rows = page.all(after, name) as unknown[][];
    if (rows.length === 0) return;
    after = rows[rows.length - 1]![columns.length] as number;
    for (const row of rows) row.pop();
    yield unqualifyArrays(table, columns, rows, prefix);
  }
}

/**
 * A source's rows of one table whose `column` holds one of these ids (as its publisher wrote them), in
 * the order readSourceTablesSteps gives them, the ids asked a batch at a time with a yield between: the
 * few rows a comparison of a few services needs, read through the table's indexes.
 */
export function* sourceRowsWhere(db: ReadDb, table: HsdsTable, name: string, prefix: string, column: string, ids: readonly string[]): Generator<void, Row[], void> {
  const read = db.prepare(`SELECT ${hsdsColumns(table).join(', ')} FROM ${table} WHERE atlas_source = ? AND ${column} IN (SELECT value FROM json_each(?)) ORDER BY rowid`);
  const rows: Row[] = [];
  for (let at = 0; at < ids.length; at += IDS_PER_READ) {
    if (at > 0) yield;
    const batch = ids.slice(at, at + IDS_PER_READ).map((id) => `${prefix}${id}`);
    for (const row of unqualifyRows(table, read.all(name, JSON.stringify(batch)) as Row[], prefix)) rows.push(row);
  }
  return rows;
}

/** Ids asked of one statement by sourceRowsWhere. */
const IDS_PER_READ = 500;

/** readSourceTablesSteps straight through. */
export const readSourceTables = (db: ReadDb, name: string, alsoTerms?: ReadonlySet<string>): TableRows => runSteps(readSourceTablesSteps(db, name, alsoTerms));

/** A source's service ids as its publisher wrote them. */
export function sourceServiceIds(db: ReadDb, name: string): string[] {
  const prefix = storedSource(db, name)?.idPrefix ?? '';
  return (db.prepare('SELECT id FROM service WHERE atlas_source = ?').pluck().all(name) as string[]).map((id) => (id.startsWith(prefix) ? id.slice(prefix.length) : id));
}
