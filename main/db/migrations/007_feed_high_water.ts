import type { Migration } from './types';

/**
 * The highest version applied of each publisher's dataset, keyed by the publisher key and the dataset id
 * rather than by the address it came through: the same feed reached as localhost instead of 127.0.0.1,
 * with a query string, or from a mirror is still the same feed, and must not go backwards either. It
 * outlives the subscriptions, so removing and adding a feed again does not reset it. Filled from the
 * subscriptions' own marks.
 */
export const migration007: Migration = {
  name: '007_feed_high_water',
  up: `
    CREATE TABLE feed_high_water (
      pin TEXT NOT NULL, dataset_id TEXT NOT NULL, version INTEGER NOT NULL, manifest_sha256 TEXT NOT NULL,
      PRIMARY KEY (pin, dataset_id)
    );
    INSERT INTO feed_high_water (pin, dataset_id, version, manifest_sha256)
      SELECT pin, dataset_id, max(version), manifest_sha256 FROM feed_subscription
      WHERE dataset_id IS NOT NULL AND version IS NOT NULL AND manifest_sha256 IS NOT NULL
      GROUP BY pin, dataset_id;
  `,
};
