import type { Migration } from './types';

/**
 * What a pull needs to remember. `source.pull` (and `previous_source.pull`) holds where a pulled source
 * comes from together with what its installed rows were pulled at: the start time an incremental pull
 * asks `modified_after` from, a datapackage's ETag. It lives beside the rows so that a rollback, which
 * swaps the source list with the rows, brings back the address of a removed source and the cursor of the
 * rows it restores (a cursor left ahead of its rows would skip changes for ever).
 *
 * `source_status` is the desk's own record of each source, which no install, removal or rollback
 * touches: whether it is paused (the person's choice; a rollback must not undo it), and the time and
 * outcome of the last pull attempt, failed ones too (a source added and never pulled has no `source` row
 * to hold them). Pulled sources added before this keep their settings in local_setting, copied here.
 */
export const migration009: Migration = {
  name: '009_source_pulls',
  up: `
    ALTER TABLE source ADD COLUMN pull TEXT;
    ALTER TABLE previous_source ADD COLUMN pull TEXT;
    CREATE TABLE source_status (
      name TEXT PRIMARY KEY,
      paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
      last_pull TEXT,
      last_result TEXT
    );
    UPDATE source SET pull = (SELECT value FROM local_setting WHERE key = 'source-pull:' || source.name) WHERE kind IN ('hsds-api', 'datapackage');
    UPDATE previous_source SET pull = (SELECT value FROM local_setting WHERE key = 'source-pull:' || previous_source.name) WHERE kind IN ('hsds-api', 'datapackage');
  `,
};
