import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migration001 } from './001_hsds_tables';
import { migration002 } from './002_local_tables';
import { migration003 } from './003_previous_version';
import { migration004 } from './004_feed_subscriptions';

describe('004_feed_subscriptions', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, [migration001, migration002, migration003, migration004]);

  it('allows one subscription per feed address', () => {
    const add = db.prepare("INSERT INTO feed_subscription (url, pin, created_at) VALUES ('https://x/manifest.json', 'ed25519:k', 'now')");
    add.run();
    expect(() => add.run()).toThrow(/UNIQUE/);
  });

  it('drops a feed history with its subscription and accepts only update or rollback entries', () => {
    const { id } = db.prepare('SELECT id FROM feed_subscription').get() as { id: number };
    const applied = db.prepare("INSERT INTO feed_applied (subscription_id, version, manifest_sha256, applied_at, kind, added, changed, removed) VALUES (?, 1, 'h', 'now', ?, 0, 0, 0)");
    applied.run(id, 'update');
    expect(() => applied.run(id, 'replace')).toThrow(/CHECK/);
    db.prepare('DELETE FROM feed_subscription WHERE id = ?').run(id);
    expect(db.prepare('SELECT count(*) AS n FROM feed_applied').get()).toEqual({ n: 0 });
  });
});
