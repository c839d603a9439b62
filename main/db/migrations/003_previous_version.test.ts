import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migration001 } from './001_hsds_tables';
import { migration002 } from './002_local_tables';
import { migration003 } from './003_previous_version';

describe('003_previous_version', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, [migration001, migration002, migration003]);
  const columns = (t: string) => (db.prepare('SELECT name FROM pragma_table_info(?)').all(t) as { name: string }[]).map((r) => r.name);

  it('gives every HSDS table a previous_ copy with the same columns, so a snapshot is one INSERT ... SELECT', () => {
    for (const t of ['service', 'location', 'phone', 'attribute', 'metadata', 'service_capacity']) {
      expect(columns(`previous_${t}`)).toEqual(columns(t));
    }
  });

  it('keeps one previous version only', () => {
    db.prepare("INSERT INTO dataset_previous (id, dataset_id, source, installed_at, services) VALUES (1, 'd', 's', 'now', 1)").run();
    expect(() => db.prepare("INSERT INTO dataset_previous (id, dataset_id, source, installed_at, services) VALUES (2, 'd', 's', 'now', 1)").run()).toThrow(/CHECK/);
  });
});
