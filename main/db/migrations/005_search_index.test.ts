import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migration001 } from './001_hsds_tables';
import { migration002 } from './002_local_tables';
import { migration003 } from './003_previous_version';
import { migration004 } from './004_feed_subscriptions';
import { migration005 } from './005_search_index';

describe('005_search_index', () => {
  const db = new Database(':memory:');
  migrate(db, [migration001, migration002, migration003, migration004, migration005]);
  db.prepare("INSERT INTO search_fts (rowid, name, tags, body) VALUES (7, 'Línea de Ayuda', 'Hotline', 'Atención las 24 horas')").run();

  it('matches without accents or case, and keeps no copy of the text', () => {
    const hit = (q: string) => db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ?').pluck().all(q);
    expect(hit('linea')).toEqual([7]);
    expect(hit('ATENCION')).toEqual([7]);
    expect(db.prepare('SELECT name FROM search_fts').pluck().get()).toBeNull();
  });

  it('exposes the index vocabulary for typo correction', () => {
    expect(db.prepare("SELECT doc FROM search_fts_terms WHERE term = 'ayuda'").pluck().get()).toBe(1);
  });

  it('records which install the index was built for, one row only', () => {
    db.prepare("INSERT INTO search_index_state (id, dataset_install_id, built_at) VALUES (1, 3, 'now')").run();
    expect(() => db.prepare("INSERT INTO search_index_state (id, dataset_install_id, built_at) VALUES (2, 4, 'now')").run()).toThrow(/CHECK/);
  });
});
