import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migration001 } from './001_hsds_tables';
import { migration002 } from './002_local_tables';
import { migration003 } from './003_previous_version';
import { migration004 } from './004_feed_subscriptions';
import { migration005 } from './005_search_index';
import { migration006 } from './006_search_blobs';

describe('006_search_blobs', () => {
  const db = new Database(':memory:');
  migrate(db, [migration001, migration002, migration003, migration004, migration005]);
  db.prepare("INSERT INTO search_index_state (id, dataset_install_id, synonyms, built_at) VALUES (1, 3, 'v', 'then')").run();
  migrate(db, [migration001, migration002, migration003, migration004, migration005, migration006]);
  const tables = () => db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'search%'").pluck().all();

  it('replaces the FTS5 table and facet rows by one table of named BLOBs', () => {
    expect(tables()).not.toContain('search_fts');
    expect(tables()).not.toContain('search_facet');
    db.prepare('INSERT INTO search_blob (name, data) VALUES (?, ?)').run('ids', Buffer.from([1, 2, 3]));
    expect(db.prepare("SELECT data FROM search_blob WHERE name = 'ids'").pluck().get()).toEqual(Buffer.from([1, 2, 3]));
    expect(() => db.prepare('INSERT INTO search_blob (name, data) VALUES (?, ?)').run('ids', Buffer.from([4]))).toThrow(/UNIQUE/);
  });

  it('forgets what the old index was built for, so the next start rebuilds it', () => {
    expect(db.prepare('SELECT count(*) FROM search_index_state').pluck().get()).toBe(0);
  });
});
