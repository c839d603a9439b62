import type { Migration } from './types';

/**
 * The desk's own data, keyed by dataset ids but never touched by an import or sync: a note on a
 * service that later disappears stays, and is shown as orphaned.
 */
export const migration002: Migration = {
  name: '002_local_tables',
  up: `
    CREATE TABLE local_note (
      service_id TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at TEXT NOT NULL
    );
    CREATE TABLE local_call_mark (
      id INTEGER PRIMARY KEY AUTOINCREMENT, service_id TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('still_valid', 'changed', 'closed')),
      comment TEXT, marked_at TEXT NOT NULL
    );
    CREATE INDEX local_call_mark_service ON local_call_mark(service_id, marked_at);
    CREATE TABLE local_setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE dataset_install (
      id INTEGER PRIMARY KEY AUTOINCREMENT, dataset_id TEXT NOT NULL, version TEXT, source TEXT NOT NULL,
      installed_at TEXT NOT NULL, services INTEGER NOT NULL
    );
  `,
};
