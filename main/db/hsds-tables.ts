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
