import type { Migration } from './types';

/** Spelled out, not imported: a released migration must not change when the table list later grows. */
const TABLES = [
  'taxonomy', 'taxonomy_term', 'organization', 'organization_identifier', 'program', 'service', 'url', 'location',
  'service_at_location', 'address', 'contact', 'phone', 'schedule', 'language', 'service_area', 'attribute',
  'cost_option', 'required_document', 'funding', 'accessibility', 'unit', 'service_capacity', 'metadata',
];

/**
 * The directory as it was before the last import, for an exact one-step rollback. It lives in the same
 * file as the live tables because SQLite makes a transaction atomic across one file only (with WAL, not
 * across ATTACHed files): apply and rollback are each one transaction, so a killed process leaves the
 * old or the new directory, never a mix. The copies have the live tables' columns, without constraints.
 */
export const migration003: Migration = {
  name: '003_previous_version',
  up: `
    ${TABLES.map((t) => `CREATE TABLE previous_${t} AS SELECT * FROM ${t} WHERE 0;`).join('\n    ')}
    CREATE TABLE dataset_previous (
      id INTEGER PRIMARY KEY CHECK (id = 1), dataset_id TEXT NOT NULL, version TEXT, source TEXT NOT NULL,
      installed_at TEXT NOT NULL, services INTEGER NOT NULL
    );
  `,
};
