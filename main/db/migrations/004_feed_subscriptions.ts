import type { Migration } from './types';

/**
 * Feeds this desk pulls from, each pinned to its publisher's key, and every version applied from them.
 * `version` and `manifest_sha256` hold the highest version ever applied, which is what refuses a
 * replayed older manifest even after the desk rolls its own directory back.
 */
export const migration004: Migration = {
  name: '004_feed_subscriptions',
  up: `
    CREATE TABLE feed_subscription (
      id INTEGER PRIMARY KEY AUTOINCREMENT, url TEXT NOT NULL UNIQUE, pin TEXT NOT NULL,
      dataset_id TEXT, version INTEGER, manifest_sha256 TEXT, etag TEXT, last_modified TEXT,
      created_at TEXT NOT NULL
    );
    CREATE TABLE feed_applied (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      subscription_id INTEGER NOT NULL REFERENCES feed_subscription(id) ON DELETE CASCADE,
      version INTEGER NOT NULL, manifest_sha256 TEXT NOT NULL, applied_at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('update', 'rollback')),
      added INTEGER NOT NULL, changed INTEGER NOT NULL, removed INTEGER NOT NULL
    );
    CREATE INDEX feed_applied_subscription ON feed_applied(subscription_id, id);
  `,
};
