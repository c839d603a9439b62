import type { ReadDb } from './open';

/** HSDS 3.1 tables in an order where every foreign key points to a table listed earlier. */
export const HSDS_TABLES = [
  'taxonomy',
  'taxonomy_term',
  'organization',
  'organization_identifier',
  'program',
  'service',
  'url',
  'location',
  'service_at_location',
  'address',
  'contact',
  'phone',
  'schedule',
  'language',
  'service_area',
  'attribute',
  'cost_option',
  'required_document',
  'funding',
  'accessibility',
  'unit',
  'service_capacity',
  'metadata',
] as const;

export type HsdsTable = (typeof HSDS_TABLES)[number];

/**
 * The taxonomy is one vocabulary every source shares and no source owns: our category and population
 * terms are the same terms whichever source uses them, and the facets count them by id.
 */
export const SHARED_TABLES: ReadonlySet<HsdsTable> = new Set(['taxonomy', 'taxonomy_term']);
export type Row = Record<string, unknown>;
export type TableRows = Record<HsdsTable, Row[]>;

export function emptyTables(): TableRows {
  return Object.fromEntries(HSDS_TABLES.map((t) => [t, []])) as unknown as TableRows;
}

const columnCache = new WeakMap<ReadDb, Map<HsdsTable, string[]>>();

/** The table's columns as the database has them, so rows carrying unknown keys cannot inject SQL. */
export function tableColumns(db: ReadDb, table: HsdsTable): string[] {
  let perDb = columnCache.get(db);
  if (!perDb) columnCache.set(db, (perDb = new Map()));
  let cols = perDb.get(table);
  if (!cols) {
    cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name);
    perDb.set(table, cols);
  }
  return cols;
}
