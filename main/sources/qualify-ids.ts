import { HSDS_TABLES, SHARED_TABLES, type HsdsTable, type Row } from '../db/hsds-tables';
import { foreignKeys } from '../hsds/read/table-info';

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

/** Whether a polymorphic link points to an owned row, told by the table its other column names. */
const linksOwned = (table: unknown) => !SHARED_TABLES.has(table as HsdsTable);

/** One table's rows with every id they hold (their own, and their links to owned rows) passed through f, in place. */
function mapTableIds(t: HsdsTable, rows: Row[], f: (id: unknown) => unknown): Row[] {
  const columns = idColumns().get(t);
  if (!columns) return rows;
  const polymorphic = POLYMORPHIC[t];
  for (const row of rows) {
    for (const c of columns) if (row[c] != null) row[c] = f(row[c]);
    if (polymorphic && row[polymorphic[0]] != null && linksOwned(row[polymorphic[1]])) row[polymorphic[0]] = f(row[polymorphic[0]]);
  }
  return rows;
}

const withoutPrefix = (prefix: string) => (id: unknown) => (typeof id === 'string' && id.startsWith(prefix) ? id.slice(prefix.length) : id);

/** A value as its source stores it, from the value as published and the row it is in. */
export type StoredForm = (value: unknown, row: Row) => unknown;

/** An owned row's id as a source with this prefix stores it. */
export const storedId = (prefix: string, id: unknown): string => `${prefix}${String(id)}`;

/**
 * Two sources may carry the same ids (two exports of one template, two counties' "service-1"). Ids are
 * the tables' primary keys and every reader joins on them, so rather than a composite key, which every
 * join, foreign key and index would have to carry, a source's ids are stored with its prefix
 * ("county.csv/service-1") and everything that reads by id keeps working. The bundled directory and any
 * source installed while no other holds bare ids keep them bare, so existing notes stay attached.
 * The shared taxonomy (db/hsds-tables.ts) keeps its own ids.
 *
 * For a table's rows written as `columns`, in that order: per column, how a value as published becomes
 * the stored one, or null where it is stored as it is (every column, with no prefix). The rows are left as
 * published and each value is qualified as it is written: a statewide dataset's rows copied with their
 * ids qualified took most of a second, and as much again in garbage.
 */
export function storedForms(table: HsdsTable, columns: readonly string[], prefix: string): (StoredForm | null)[] {
  const ids = idColumns().get(table);
  if (prefix === '' || !ids) return columns.map(() => null);
  const polymorphic = POLYMORPHIC[table];
  const id: StoredForm = (v) => (v == null ? v : storedId(prefix, v));
  const link: StoredForm = (v, row) => (polymorphic && linksOwned(row[polymorphic[1]]) ? id(v, row) : v);
  return columns.map((c) => (ids.includes(c) ? id : c === polymorphic?.[0] ? link : null));
}

/**
 * A source's stored rows of one table, just read, as its publisher wrote them: what a diff compares and
 * an export of the source writes. Changed in place: a statewide source's rows copied are seconds of garbage.
 */
export const unqualifyRows = (table: HsdsTable, rows: Row[], prefix: string): Row[] => (prefix === '' ? rows : mapTableIds(table, rows, withoutPrefix(prefix)));

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
    if (polymorphic && row[polymorphic[0]!] != null && linksOwned(row[polymorphic[1]!])) row[polymorphic[0]!] = strip(row[polymorphic[0]!]);
  }
  return rows;
}
