import { HSDS_TABLES, SHARED_TABLES, type HsdsTable, type Row, type TableRows } from '../db/hsds-tables';
import { foreignKeys } from '../hsds/read/table-info';

/** Rows given their prefix between two yields of a large install: some tens of milliseconds. */
const PAGE = 10_000;

/** Links to rows of any table, which table told by another column. */
const POLYMORPHIC: Partial<Record<HsdsTable, [column: string, tableColumn: string]>> = {
  attribute: ['link_id', 'link_entity'],
  metadata: ['resource_id', 'resource_type'],
};

let cached: Map<HsdsTable, string[]> | null = null;

/** Each owned table's columns holding an id of an owned row: its own id, and its links to others. */
function idColumns(): Map<HsdsTable, string[]> {
  if (cached) return cached;
  const fks = foreignKeys();
  cached = new Map();
  for (const t of HSDS_TABLES) {
    if (SHARED_TABLES.has(t)) continue;
    const links = (fks.get(t) ?? []).filter((fk) => !SHARED_TABLES.has(fk.target)).map((fk) => fk.column);
    cached.set(t, ['id', ...links, ...(t === 'organization' ? ['parent_organization_id'] : [])]);
  }
  return cached;
}

/**
 * One table's rows with every id they hold (their own, and their links to owned rows) passed through f:
 * copies, unless `inPlace` (rows no one else holds, just read).
 */
function mapTableIds(t: HsdsTable, rows: readonly Row[], f: (id: unknown) => unknown, inPlace = false): Row[] {
  const columns = idColumns().get(t);
  if (!columns) return rows as Row[];
  const polymorphic = POLYMORPHIC[t];
  return rows.map((row) => {
    const copy: Row = inPlace ? row : { ...row };
    for (const c of columns) if (copy[c] != null) copy[c] = f(copy[c]);
    if (polymorphic && copy[polymorphic[0]] != null && !SHARED_TABLES.has(copy[polymorphic[1]] as HsdsTable)) copy[polymorphic[0]] = f(copy[polymorphic[0]]);
    return copy;
  });
}

const withoutPrefix = (prefix: string) => (id: unknown) => (typeof id === 'string' && id.startsWith(prefix) ? id.slice(prefix.length) : id);

/**
 * Two sources may carry the same ids (two exports of one template, two counties' "service-1"). Ids are
 * the tables' primary keys and every reader joins on them, so rather than a composite key, which every
 * join, foreign key and index would have to carry, a source's ids are stored with its prefix
 * ("county.csv/service-1") and everything that reads by id keeps working. The bundled directory and any
 * source installed while no other holds bare ids keep them bare, so existing notes stay attached.
 * The shared taxonomy (db/hsds-tables.ts) keeps its own ids. Gives a dataset's rows as its source stores them.
 */
export function* qualifyIdsSteps(tables: TableRows, prefix: string): Generator<void, TableRows, void> {
  if (prefix === '') return tables;
  const withPrefix = (id: unknown) => `${prefix}${String(id)}`;
  const out = { ...tables };
  for (const t of idColumns().keys()) {
    const rows: Row[] = [];
    // A page at a time, yielding between pages: a statewide directory's rows take seconds to copy.
    for (let at = 0; at < tables[t].length; at += PAGE) {
      for (const row of mapTableIds(t, tables[t].slice(at, at + PAGE), withPrefix)) rows.push(row);
      yield;
    }
    out[t] = rows as TableRows[typeof t];
  }
  return out;
}

/**
 * A source's stored rows of one table, just read, as its publisher wrote them: what a diff compares and
 * an export of the source writes. Changed in place: a statewide source's rows copied are seconds of garbage.
 */
export const unqualifyRows = (table: HsdsTable, rows: Row[], prefix: string): Row[] => (prefix === '' ? rows : mapTableIds(table, rows, withoutPrefix(prefix), true));

/**
 * unqualifyRows for rows read as arrays of `columns` (better-sqlite3's raw rows), the same ids stripped
 * the same way, in place.
 */
export function unqualifyArrays(table: HsdsTable, columns: readonly string[], rows: unknown[][], prefix: string): unknown[][] {
  const idAt = idColumns().get(table)?.map((c) => columns.indexOf(c));
  if (prefix === '' || !idAt) return rows;
  const strip = withoutPrefix(prefix);
  const polymorphic = POLYMORPHIC[table]?.map((c) => columns.indexOf(c));
  for (const row of rows) {
    for (const i of idAt) if (row[i] != null) row[i] = strip(row[i]);
    if (polymorphic && row[polymorphic[0]!] != null && !SHARED_TABLES.has(row[polymorphic[1]!] as HsdsTable)) row[polymorphic[0]!] = strip(row[polymorphic[0]!]);
  }
  return rows;
}

/** Some of a dataset's rows as its source stores them (qualifyIdsSteps for a few rows, copied). */
export const qualifyRows = (table: HsdsTable, rows: readonly Row[], prefix: string): Row[] =>
  prefix === '' ? (rows as Row[]) : mapTableIds(table, rows, (id) => `${prefix}${String(id)}`);
