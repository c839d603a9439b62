import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from '.';

describe('007_feed_high_water', () => {
  const db = new Database(':memory:');
  migrate(db, migrations.slice(0, 6));
  const sub = db.prepare('INSERT INTO feed_subscription (url, pin, dataset_id, version, manifest_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  sub.run('http://127.0.0.1:8080/manifest.json', 'ed25519:a', 'ds', 4, 'h4', 'then');
  sub.run('http://localhost:8080/manifest.json', 'ed25519:a', 'ds', 7, 'h7', 'then');
  sub.run('https://mirror.example/manifest.json', 'ed25519:a', 'other', 2, 'h2', 'then');
  sub.run('https://never-synced.example/manifest.json', 'ed25519:b', null, null, null, 'then');
  migrate(db, migrations);

  it('keeps, per publisher key and dataset, the highest version any subscription applied', () => {
    expect(db.prepare('SELECT pin, dataset_id, version, manifest_sha256 FROM feed_high_water ORDER BY dataset_id').all()).toEqual([
      { pin: 'ed25519:a', dataset_id: 'ds', version: 7, manifest_sha256: 'h7' },
      { pin: 'ed25519:a', dataset_id: 'other', version: 2, manifest_sha256: 'h2' },
    ]);
  });

  it('outlives the subscriptions it was filled from', () => {
    db.prepare('DELETE FROM feed_subscription').run();
    expect(db.prepare('SELECT count(*) FROM feed_high_water').pluck().get()).toBe(2);
  });
});
