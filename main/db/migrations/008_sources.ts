import type { Migration } from './types';

/** Spelled out, not imported: a released migration must not change when the table list later grows. */
const OWNED = [
  'organization', 'organization_identifier', 'program', 'service', 'url', 'location', 'service_at_location', 'address',
  'contact', 'phone', 'schedule', 'language', 'service_area', 'attribute', 'cost_option', 'required_document', 'funding',
  'accessibility', 'unit', 'service_capacity', 'metadata',
];
/** The taxonomy is a vocabulary the sources share (our category terms come from every source alike): no owner. */
const SHARED = ['taxonomy', 'taxonomy_term'];

/**
 * What a directory install was, as a source: the bundled starter, a feed (named after its host) or a
 * file (named after itself). A rollback's install names the one it restored. Mirrors main/sources/source-target.ts.
 */
const sourceOf = (origin: string) => `
  SELECT CASE WHEN o = 'starter' THEN 'bundled'
              WHEN o LIKE 'http://%' OR o LIKE 'https://%' THEN substr(h, 1, instr(h || '/', '/') - 1)
              ELSE substr(o, length(rtrim(o, replace(replace(o, '\\', ''), '/', ''))) + 1) END AS name,
         CASE WHEN o = 'starter' THEN 'bundled' WHEN o LIKE 'http://%' OR o LIKE 'https://%' THEN 'feed' ELSE 'file' END AS kind,
         o AS origin, '' AS id_prefix, installed_at
  FROM (SELECT o, installed_at, substr(o, instr(o, '://') + 3) AS h FROM (SELECT replace(${origin}, 'rollback: ', '') AS o, installed_at FROM`;

/**
 * The directory becomes a set of sources, each owning its rows (the `atlas_source` column, its name: HSDS's funding table has a `source` of its own) so that
 * importing or pulling one replaces only its own. The directory installed before this becomes one
 * source, and the version kept for rollback another, each keeping the ids it was stored with: notes and
 * marks keyed by them stay attached. previous_source keeps the source list as it was before the last
 * change, so a rollback restores the list with the rows.
 */
export const migration008: Migration = {
  name: '008_sources',
  up: `
    CREATE TABLE source (
      name TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('bundled', 'file', 'feed', 'hsds-api', 'datapackage')),
      origin TEXT NOT NULL, id_prefix TEXT NOT NULL UNIQUE, updated_at TEXT NOT NULL
    );
    CREATE TABLE previous_source AS SELECT * FROM source WHERE 0;
    ${[...OWNED, ...SHARED].map((t) => `ALTER TABLE ${t} ADD COLUMN atlas_source TEXT; ALTER TABLE previous_${t} ADD COLUMN atlas_source TEXT;`).join('\n    ')}
    INSERT INTO source (name, kind, origin, id_prefix, updated_at)
      ${sourceOf('source')} (SELECT source, installed_at FROM dataset_install ORDER BY id DESC LIMIT 1)))
      WHERE EXISTS (SELECT 1 FROM service);
    INSERT INTO previous_source (name, kind, origin, id_prefix, updated_at)
      ${sourceOf('source')} dataset_previous))
      WHERE EXISTS (SELECT 1 FROM previous_service);
    ${OWNED.map((t) => `UPDATE ${t} SET atlas_source = (SELECT name FROM source); UPDATE previous_${t} SET atlas_source = (SELECT name FROM previous_source);`).join('\n    ')}
  `,
};
